/**
 * Runs the signature doctor off the main thread, in one worker kept warm between captures, with a
 * memory ceiling and a time limit: a capture that needs more is refused (422) and the worker is
 * replaced, while the server goes on answering everything else.
 */
import { Worker } from 'node:worker_threads';
import type { Capture, DiagnoseOptions, Diagnosis, PartnerCapture, PartnerDiagnosis } from '../../core/doctor/index.ts';
import { HttpError } from '../http.ts';
import { runDoctorJob, type DoctorJob, type PartnerDoctorOptions } from './job.ts';

export interface DoctorRunner {
  run(capture: Capture, key: Uint8Array, options: DiagnoseOptions): Promise<Diagnosis>;
  /** The Partner API: the capture checked against the partner's public key (SPKI or PKCS#1 PEM). */
  runPartner(capture: PartnerCapture, publicKeyPem: string, options: PartnerDoctorOptions): Promise<PartnerDiagnosis>;
  close(): Promise<void>;
}

/** A job without its id, as the runner's callers give it. */
type JobInput = DoctorJob extends infer J ? (J extends DoctorJob ? Omit<J, 'id'> : never) : never;

export interface DoctorLimits {
  /** Per capture (default 10 s). */
  timeoutMs?: number;
  /** The worker's heap ceiling (default 256 MB). */
  memoryMb?: number;
  /** Captures waiting beyond this are refused with 503 (default 8). */
  maxQueue?: number;
}

type Pending = { resolve: (d: Diagnosis) => void; reject: (e: unknown) => void; timer: NodeJS.Timeout };

export function createDoctorRunner(limits: DoctorLimits = {}): DoctorRunner {
  const timeoutMs = limits.timeoutMs ?? 10_000;
  const memoryMb = limits.memoryMb ?? 256;
  const maxQueue = limits.maxQueue ?? 8;
  let worker: Worker | null = null;
  let nextId = 1;
  const pending = new Map<number, Pending>();

  const failAll = (error: HttpError) => {
    for (const [id, p] of pending) {
      clearTimeout(p.timer);
      p.reject(error);
      pending.delete(id);
    }
  };

  const start = (): Worker => {
    const w = new Worker(new URL('./worker-entry.mjs', import.meta.url), {
      resourceLimits: { maxOldGenerationSizeMb: memoryMb, maxYoungGenerationSizeMb: 32 },
    });
    w.unref();
    w.on('message', (m: { id: number; ok: boolean; diagnosis?: Diagnosis; message?: string }) => {
      const p = pending.get(m.id);
      if (!p) return;
      pending.delete(m.id);
      clearTimeout(p.timer);
      if (m.ok && m.diagnosis) p.resolve(m.diagnosis);
      else
        p.reject(
          new HttpError(
            422,
            'doctor-failed',
            `The doctor could not diagnose this capture: ${m.message ?? 'unknown error'}`,
          ),
        );
    });
    const gone = (error: unknown) => {
      if (worker === w) worker = null;
      const outOfMemory = (error as NodeJS.ErrnoException | undefined)?.code === 'ERR_WORKER_OUT_OF_MEMORY';
      failAll(
        outOfMemory
          ? new HttpError(
              422,
              'doctor-limit',
              `This capture needs more than the doctor's ${memoryMb} MB; send a smaller body.`,
            )
          : new HttpError(
              503,
              'doctor-restarted',
              'The doctor had to restart (another capture ran over its limits); send this one again.',
            ),
      );
    };
    w.on('error', gone);
    w.on('exit', (code) => {
      if (worker === w) worker = null;
      if (pending.size > 0) gone(new Error(`worker exited with code ${code}`));
    });
    return w;
  };

  function submit(input: JobInput): Promise<Diagnosis> {
    {
      if (pending.size >= maxQueue) {
        return Promise.reject(
          new HttpError(429, 'doctor-busy', 'The doctor is busy with other captures; try again in a moment.'),
        );
      }
      worker ??= start();
      const w = worker;
      const id = nextId++;
      return new Promise<Diagnosis>((resolve, reject) => {
        const timer = setTimeout(() => {
          pending.delete(id);
          reject(
            new HttpError(
              422,
              'doctor-limit',
              `The doctor gave up after ${timeoutMs / 1000} s on this capture; send a smaller one.`,
            ),
          );
          // The worker may be stuck in it: replace it (others waiting are told as it goes).
          if (worker === w) worker = null;
          void w.terminate();
        }, timeoutMs);
        pending.set(id, { resolve, reject, timer });
        const job = { ...input, id } as DoctorJob;
        w.postMessage(job);
      });
    }
  }

  return {
    run: (capture, key, options) => submit({ scheme: 'v1', capture, key, options }),
    runPartner: (capture, publicKeyPem, options) =>
      submit({ scheme: 'partner', capture, publicKeyPem, options }) as Promise<PartnerDiagnosis>,
    async close() {
      failAll(new HttpError(503, 'doctor-closed', 'The playground is shutting down.'));
      const w = worker;
      worker = null;
      await w?.terminate();
    },
  };
}

/** The same, on the calling thread: for the CLI, where one person runs one capture. */
export function inlineDoctorRunner(): DoctorRunner {
  return {
    run: (capture, key, options) => runDoctorJob({ id: 0, scheme: 'v1', capture, key, options }),
    runPartner: (capture, publicKeyPem, options) =>
      runDoctorJob({ id: 0, scheme: 'partner', capture, publicKeyPem, options }) as Promise<PartnerDiagnosis>,
    close: () => Promise.resolve(),
  };
}
