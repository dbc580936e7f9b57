/** One doctor job, v1 or Partner API, as the worker thread (and the CLI, inline) runs it. */
import { createPublicKey } from 'node:crypto';
import {
  diagnose,
  diagnosePartner,
  type Capture,
  type DiagnoseOptions,
  type Diagnosis,
  type PartnerCapture,
  type PartnerDiagnoseOptions,
} from '../../core/doctor/index.ts';
import { nodeHmac, nodeRsaDigestRecovery, nodeRsaVerifier } from '../crypto.ts';

/** What the Partner API doctor is told besides the public key: plain data, so it crosses to the worker. */
export type PartnerDoctorOptions = Omit<PartnerDiagnoseOptions, 'recover' | 'sign'>;

export type DoctorJob =
  | { id: number; scheme: 'v1'; capture: Capture; key: Uint8Array; options: DiagnoseOptions }
  | { id: number; scheme: 'partner'; capture: PartnerCapture; publicKeyPem: string; options: PartnerDoctorOptions };

/** Runs one job: v1 with the decoded secret, the Partner API with the public key (verify and recover). */
export function runDoctorJob(job: DoctorJob): Promise<Diagnosis> {
  if (job.scheme === 'v1') return diagnose(job.capture, job.key, nodeHmac, job.options);
  const publicKey = createPublicKey(job.publicKeyPem);
  return diagnosePartner(job.capture, nodeRsaVerifier(publicKey), {
    ...job.options,
    recover: nodeRsaDigestRecovery(publicKey),
  });
}
