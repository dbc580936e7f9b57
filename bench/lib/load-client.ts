/**
 * The load generator for relay-throughput, run as a child process (`node --import tsx`) so that the
 * clients do not share the router's event loop, as the browser does not in real use.
 *
 * It receives one LoadJob over IPC, runs `concurrency` loops that each send one request at a time
 * on a shared keep-alive agent, and answers one LoadResult.
 */
import http from 'node:http';
import { performance } from 'node:perf_hooks';
import { directSpec, relayOk, relaySpec, send } from './playground.ts';

export interface LoadJob {
  mode: 'relay' | 'direct';
  /** The router's port (relay) or the mock's (direct). */
  port: number;
  token: string;
  concurrency: number;
  warmupMs: number;
  durationMs: number;
}

export interface LoadResult {
  /** Successful exchanges that completed inside the measured window. */
  inWindow: number;
  windowMs: number;
  /** Answers with HTTP 200 from the server spoken to, warm-up included (each is one history entry for relay). */
  answered: number;
  /** Anything but a 200 carrying the mock's 200, or a socket error. */
  errors: number;
  firstError: string | null;
}

async function runJob(job: LoadJob): Promise<LoadResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: job.concurrency, maxFreeSockets: job.concurrency });
  const relay = relaySpec(job.port, job.token);
  const start = performance.now() + job.warmupMs;
  const end = start + job.durationMs;
  let inWindow = 0;
  let answered = 0;
  let errors = 0;
  let firstError: string | null = null;
  const fail = (why: string) => {
    errors++;
    firstError ??= why;
  };

  const loop = async () => {
    while (performance.now() < end) {
      try {
        const spec = job.mode === 'relay' ? relay : await directSpec(job.port);
        const reply = await send(agent, spec);
        if (reply.status === 200) answered++;
        const ok = job.mode === 'relay' ? relayOk(reply) : reply.status === 200;
        if (!ok) {
          fail(`HTTP ${reply.status}: ${reply.body.toString('utf8').slice(0, 200)}`);
          continue;
        }
        const t = performance.now();
        if (t >= start && t <= end) inWindow++;
      } catch (e) {
        fail((e as Error).message);
      }
    }
  };
  await Promise.all(Array.from({ length: job.concurrency }, loop));
  agent.destroy();
  return { inWindow, windowMs: job.durationMs, answered, errors, firstError };
}

process.once('message', (job: LoadJob) => {
  void runJob(job).then((result) => {
    process.send?.(result, () => process.exit(0));
  });
});
