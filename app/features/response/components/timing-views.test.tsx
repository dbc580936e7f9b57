import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { RelayResult, SendProgress } from '../../../../core/contract.ts';
import { CompareView } from './compare-view.tsx';
import { SendProgressView } from './send-progress-view.tsx';
import { WaterfallView } from './waterfall-view.tsx';

function result(id: number, timings: RelayResult['timings'], url = 'https://api.example/qapi/v1/balance'): RelayResult {
  return {
    id,
    kind: 'send',
    createdAt: Date.UTC(2026, 10, 29, 9, 0, 0),
    environment: 'sandbox',
    keyId: 'k',
    request: { method: 'GET', url, path: '/balance', headers: {}, body: null },
    timestamp: '1764406800',
    signature: 's',
    stringToSign: { segments: [], byteLength: 0 },
    hashes: { signedBodySha256: 'a', sentBodySha256: 'a' },
    response: {
      status: 200,
      statusText: 'OK',
      headers: {},
      body: '{}',
      bodyEncoding: 'utf8',
      size: 2,
      truncated: false,
    },
    error: null,
    timings,
  };
}

const slow: RelayResult['timings'] = {
  ttfbMs: 905.5,
  totalMs: 911,
  phases: {
    socket: 0.2,
    dns: 1.2,
    connect: 2.2,
    tls: 5.2,
    requestSent: 5.5,
    firstByte: 905.5,
    complete: 910.5,
    reused: false,
    bytesWritten: 400,
    bytesRead: 900,
  },
};

describe('WaterfallView', () => {
  it('is a table a screen reader reads: each phase with its start and duration, the longest marked', () => {
    render(<WaterfallView result={result(3, slow)} />);
    const table = screen.getByRole('table', { name: 'Where the time went' });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows.map((r) => within(r).getByRole('rowheader').textContent)).toEqual([
      'Socket',
      'DNS lookup',
      'TCP connect',
      'TLS handshake',
      'Request sent',
      'Waiting (server)longest',
      'Download',
    ]);
    expect(within(rows[5]!).getAllByRole('cell')[1]).toHaveTextContent('900 ms');
    expect(screen.getByText('New connection')).toBeInTheDocument();
    expect(screen.getByText('400 B written · 900 B read')).toBeInTheDocument();
  });

  it('says when an entry was recorded before the phases were kept', () => {
    render(<WaterfallView result={result(1, { ttfbMs: 40, totalMs: 50 })} />);
    expect(screen.getByText(/only the first byte and the total are known/)).toBeInTheDocument();
    expect(within(screen.getByRole('row', { name: /DNS lookup/ })).getByText('not recorded')).toBeInTheDocument();
  });
});

describe('CompareView', () => {
  it('puts two entries side by side with each phase’s difference', async () => {
    const quick = { ...slow, ttfbMs: 6, totalMs: 7, phases: { ...slow.phases!, firstByte: 6.5, complete: 7 } };
    const onClose = vi.fn();
    render(<CompareView left={result(3, slow)} right={result(4, quick)} onClose={onClose} />);
    const region = screen.getByRole('region', { name: 'Comparison' });
    expect(within(region).getByRole('heading', { name: 'Comparing #3 and #4' })).toBeInTheDocument();
    const waiting = within(region).getByRole('row', { name: /Waiting \(server\)/ });
    expect(
      within(waiting)
        .getAllByRole('cell')
        .map((c) => c.textContent),
    ).toEqual(['900 ms', '1 ms', '−899 ms', '']);
    await userEvent.click(within(region).getByRole('button', { name: 'Close comparison' }));
    expect(onClose).toHaveBeenCalled();
  });
});

describe('SendProgressView', () => {
  const progress: SendProgress = {
    sendId: 'send-12345678',
    stage: 'receiving',
    sent: 300,
    bodyBytes: 0,
    received: 5_000_000,
    expected: 20_000_000,
    elapsedMs: 1500,
  };

  it('shows a large download as a progress bar with its size, and cancels', async () => {
    const onCancel = vi.fn();
    render(<SendProgressView progress={progress} onCancel={onCancel} cancelling={false} />);
    const bar = screen.getByRole('progressbar', { name: 'Response received' });
    expect(bar).toHaveAttribute('aria-valuenow', '5000000');
    expect(bar).toHaveAttribute('aria-valuemax', '20000000');
    expect(bar).toHaveAttribute('aria-valuetext', expect.stringMatching(/of 19\.1 MB \(25%\)$/));
    await userEvent.click(screen.getByRole('button', { name: 'Cancel send' }));
    expect(onCancel).toHaveBeenCalledTimes(1);
  });

  it('has no bar for a small exchange, and cannot be cancelled twice', () => {
    render(<SendProgressView progress={{ ...progress, received: 500, expected: 500 }} onCancel={vi.fn()} cancelling />);
    expect(screen.queryByRole('progressbar')).toBeNull();
    expect(screen.getByRole('button', { name: 'Cancelling…' })).toBeDisabled();
  });
});
