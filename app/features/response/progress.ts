/**
 * What a send in flight shows (GET /api/sends/:id): how much of the request went up and of the
 * response came down, with the percentage when the size is known. Transfers over 1 MB are the ones
 * worth a progress bar. No React.
 */
import type { SendProgress } from '../../../core/contract.ts';

/** A body or a response larger than this shows its progress. */
export const PROGRESS_ABOVE_BYTES = 1024 * 1024;

export interface TransferLine {
  direction: 'upload' | 'download';
  done: number;
  /** The size, when known. */
  total: number | null;
  /** 0..100, when the size is known. */
  percent: number | null;
}

export const STAGE_TEXT: Record<SendProgress['stage'], string> = {
  connecting: 'Connecting to the upstream…',
  sending: 'Sending the request…',
  waiting: 'Waiting for the upstream to answer…',
  receiving: 'Receiving the response…',
  done: 'Finishing…',
};

/** The transfers worth showing: the upload of a large body, the download of a large response. */
export function transferLines(p: SendProgress): TransferLine[] {
  const lines: TransferLine[] = [];
  if (p.bodyBytes > PROGRESS_ABOVE_BYTES) {
    // `sent` counts the few hundred header bytes too; once the upstream is waiting, the body is all out.
    const done =
      p.stage === 'waiting' || p.stage === 'receiving' || p.stage === 'done'
        ? p.bodyBytes
        : Math.min(p.bodyBytes, p.sent);
    lines.push({ direction: 'upload', done, total: p.bodyBytes, percent: Math.floor((done / p.bodyBytes) * 100) });
  }
  // The announced size, when there is one to measure against (0 or none is not).
  const expected = p.expected !== null && p.expected > 0 ? p.expected : null;
  if ((expected !== null && expected > PROGRESS_ABOVE_BYTES) || p.received > PROGRESS_ABOVE_BYTES)
    lines.push({
      direction: 'download',
      done: p.received,
      total: expected,
      percent: expected !== null ? Math.min(100, Math.floor((p.received / expected) * 100)) : null,
    });
  return lines;
}
