/** POST /api/doctor as a mutation: a check, never retried (the answer will not change by asking again). */
import { useMutation } from '@tanstack/react-query';
import type { DoctorRequest } from '../../../../core/contract.ts';
import { api } from '../../../lib/api-client.ts';

const diagnoseCapture = (request: DoctorRequest) => api.doctor(request);

export function useDoctorMutation() {
  return useMutation({ mutationKey: ['doctor'], mutationFn: diagnoseCapture, retry: false });
}
