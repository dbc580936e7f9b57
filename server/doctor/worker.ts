/** The doctor's worker thread: diagnoses one capture per message, off the server's main thread. */
import { parentPort } from 'node:worker_threads';
import { errorText } from '../error-text.ts';
import { runDoctorJob, type DoctorJob } from './job.ts';

export type { DoctorJob } from './job.ts';

parentPort?.on('message', (job: DoctorJob) => {
  runDoctorJob(job).then(
    (diagnosis) => parentPort?.postMessage({ id: job.id, ok: true, diagnosis }),
    (error: unknown) => parentPort?.postMessage({ id: job.id, ok: false, message: errorText(error) }),
  );
});
