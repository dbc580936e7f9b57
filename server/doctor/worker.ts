/** The doctor's worker thread: diagnoses one capture per message, off the server's main thread. */
import { parentPort } from 'node:worker_threads';
import { diagnose, type Capture, type DiagnoseOptions } from '../../core/doctor/index.ts';
import { nodeHmac } from '../crypto.ts';

export interface DoctorJob {
  id: number;
  capture: Capture;
  key: Uint8Array;
  options: DiagnoseOptions;
}

parentPort?.on('message', (job: DoctorJob) => {
  diagnose(job.capture, job.key, nodeHmac, job.options).then(
    (diagnosis) => parentPort?.postMessage({ id: job.id, ok: true, diagnosis }),
    (error: unknown) =>
      parentPort?.postMessage({ id: job.id, ok: false, message: String((error as Error)?.message ?? error) }),
  );
});
