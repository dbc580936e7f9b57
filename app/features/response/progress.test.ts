import { describe, expect, it } from 'vitest';
import type { SendProgress } from '../../../core/contract.ts';
import { transferLines } from './progress.ts';

const p = (over: Partial<SendProgress>): SendProgress => ({
  sendId: 'send-12345678',
  stage: 'receiving',
  sent: 300,
  bodyBytes: 0,
  received: 0,
  expected: null,
  elapsedMs: 10,
  ...over,
});

describe('transferLines', () => {
  it('shows a large download with its percentage when the size is known', () => {
    expect(transferLines(p({ received: 5_000_000, expected: 20_000_000 }))).toEqual([
      { direction: 'download', done: 5_000_000, total: 20_000_000, percent: 25 },
    ]);
  });

  it('shows a large download of unknown size by its bytes only', () => {
    expect(transferLines(p({ received: 2_000_000 }))).toEqual([
      { direction: 'download', done: 2_000_000, total: null, percent: null },
    ]);
  });

  it('shows a large upload, done once the upstream waits', () => {
    expect(transferLines(p({ stage: 'sending', sent: 1_048_576 * 2, bodyBytes: 4_194_304 }))[0]).toMatchObject({
      direction: 'upload',
      percent: 50,
    });
    expect(transferLines(p({ stage: 'waiting', sent: 4_194_900, bodyBytes: 4_194_304 }))[0]).toMatchObject({
      percent: 100,
    });
  });

  it('shows nothing for small transfers', () => {
    expect(transferLines(p({ received: 5_000, expected: 5_000, bodyBytes: 100 }))).toEqual([]);
  });
});
