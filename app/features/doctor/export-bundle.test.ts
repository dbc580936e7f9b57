import { describe, expect, it } from 'vitest';
import type { DoctorResponse } from '../../../core/contract.ts';
import { HEADER_SIGNATURE } from '../../../core/signing/signature.ts';
import { diagnosisBundle, entryFromDiagnosis } from './export-bundle.ts';

const diagnosis: DoctorResponse = {
  environment: 'sandbox',
  keyId: 'K1',
  keyIdMatches: true,
  capture: {
    timestamp: '1700000000',
    method: 'POST',
    url: 'https://sandbox-api.qredo.network/qapi/v1/company/1/transfer?x=1',
    body: '{"amount":5}',
    signature: 'CAPTURED-SIG',
    keyId: 'K1',
  },
  valid: false,
  signatureMatches: false,
  expected: 'EXPECTED-SIG',
  components: [],
  causes: [],
  reproduced: false,
  summary: 'Not reproduced.',
  notes: [],
  variantsTried: 3,
};

describe('a bundle from a diagnosis', () => {
  it('carries the captured request as sent: path under the v1 base, exact body, its signature, no response', async () => {
    const entry = await entryFromDiagnosis(diagnosis, 1_800_000_000_000);
    expect(entry.request).toMatchObject({
      method: 'POST',
      url: diagnosis.capture.url,
      path: '/company/1/transfer?x=1',
      body: '{"amount":5}',
    });
    expect(entry.request.headers[HEADER_SIGNATURE]).toBe('CAPTURED-SIG');
    expect(entry.stringToSign.segments.map((s) => s.text).join('')).toBe(
      `1700000000POST${diagnosis.capture.url}{"amount":5}`,
    );
    expect(entry.hashes.signedBodySha256).toBe(entry.hashes.sentBodySha256);
    expect(entry.response).toBeNull();
  });

  it('never carries the expected signature, which is a capability for the checking key', async () => {
    const file = await diagnosisBundle(diagnosis, null, '1.0.0', 1_800_000_000_000);
    expect(file.name).toMatch(/^qredo-bundle-sandbox-post-company-1-transfer-x-1-1800000000000\.json$/);
    expect(file.text).not.toContain('EXPECTED-SIG');
    expect(JSON.parse(file.text)).toMatchObject({ entries: [{ signature: 'CAPTURED-SIG', environment: 'sandbox' }] });
  });
});
