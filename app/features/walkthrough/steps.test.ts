import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { WalkthroughResponse } from '../../../core/contract.ts';
import { APITOOL_EXAMPLE, computeExample, dataFromResponse, walkthroughSteps } from './steps.ts';

const nodeHmac = (key: Uint8Array, msg: Uint8Array) => new Uint8Array(createHmac('sha256', key).update(msg).digest());

describe('the published apitool example', () => {
  it('reproduces the published signature, with the 60-byte key and the secret-not-decoded contrast', async () => {
    const d = await computeExample(nodeHmac);
    expect(d.signature).toBe(APITOOL_EXAMPLE.published);
    expect(d.keyLength).toBe(60);
    expect(d.contrasts.secretNotDecoded.startsWith('L3fBuOYa')).toBe(true);
    expect(d.contrasts.padded).toBe(`${APITOOL_EXAMPLE.published}=`);
    const steps = walkthroughSteps(d);
    expect(steps.map((s) => s.n)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(steps[1]!.values[0]).toMatchObject({ note: '60 bytes' });
    expect(steps[1]!.values[1]!.value).toBe('$2a$04$ethku.q5kCreAahqXVysfuiSDrwlNU8He64NHiG4Z.1za/YJ/yHLK');
    expect(steps[2]!.values.map((v) => v.value).slice(0, 4)).toEqual([
      '1644848012',
      'GET',
      'http://127.0.0.1:8002/qapi/v1/balance',
      '(none)',
    ]);
    expect(steps[2]!.explain).toContain('50 bytes');
    expect(steps[4]!.values[0]!.value).toBe(APITOOL_EXAMPLE.published);
    expect(steps[5]!.values.map((v) => v.label)).toEqual(['qredo-api-key', 'qredo-api-ts', 'qredo-api-sig']);
    expect(steps[5]!.pitfalls.join(' ')).toContain('qredo-api-sign');
    expect(steps[2]!.pitfalls.join(' ')).toMatch(/nanoseconds.*seconds/);
  });
});

describe('dataFromResponse', () => {
  it('shows the length and the reason when the server withholds the key bytes', () => {
    const w: WalkthroughResponse = {
      environment: 'sandbox',
      keyId: 'k',
      demoKey: null,
      key: { bytes: null, reason: 'never shown', length: 60, warnings: [] },
      method: 'GET',
      url: 'https://s/qapi/v1/balance',
      timestamp: '1700000000',
      body: null,
      stringToSign: {
        segments: [
          { name: 'timestamp', text: '1700000000', offset: 0, length: 10 },
          { name: 'method', text: 'GET', offset: 10, length: 3 },
          { name: 'url', text: 'https://s/qapi/v1/balance', offset: 13, length: 25 },
          { name: 'body', text: '', offset: 38, length: 0 },
        ],
        byteLength: 38,
      },
      hmacHex: '00'.repeat(32),
      signature: 'A'.repeat(43),
      headers: { 'qredo-api-key': 'k', 'qredo-api-ts': '1700000000', 'qredo-api-sig': 'A'.repeat(43) },
      contrasts: { secretNotDecoded: 'x', standardBase64: 'y', padded: 'z' },
    };
    const steps = walkthroughSteps(dataFromResponse(w));
    expect(steps[0]!.values[0]!.value).toMatch(/never shown/);
    expect(steps[1]!.values).toEqual([{ label: 'Key', value: 'never shown', note: '60 bytes' }]);
  });
});
