import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { api } from '../../../lib/api-client.ts';
import type { RequestDraft, SignResponse } from '../../../../core/contract.ts';
import { SigningPanel } from './signing-panel.tsx';

const answer: SignResponse = {
  environment: 'mock',
  keyId: 'demo-full',
  method: 'POST',
  url: 'http://127.0.0.1:8091/api/v1/p/transaction',
  timestamp: '1700000000',
  timestampAtSendTime: true,
  stringToSign: {
    segments: [
      { name: 'timestamp', text: '1700000000', offset: 0, length: 10 },
      { name: 'method', text: 'POST', offset: 10, length: 4 },
      { name: 'url', text: 'http://127.0.0.1:8091/api/v1/p/transaction', offset: 14, length: 42 },
      { name: 'body', text: '{\n "n": "é"}', offset: 56, length: 13 },
    ],
    byteLength: 69,
  },
  signature: 'sig-value',
  headers: [
    { name: 'qredo-api-key', value: 'demo-full' },
    { name: 'qredo-api-ts', value: '1700000000' },
    { name: 'qredo-api-sig', value: 'sig-value' },
  ],
  scheme: 'v1',
  bodySha256: 'abc123',
};

vi.mock('../../../lib/api-client.ts', () => ({
  api: { sign: vi.fn(async () => answer) },
  ApiRequestError: class extends Error {},
}));

const draft: RequestDraft = { environment: 'mock', method: 'POST', path: '/transaction', body: '{\n "n": "é"}' };

describe('SigningPanel', () => {
  it('shows the segments, visible whitespace, the headers with copy buttons and the send-time note', async () => {
    const client = new QueryClient();
    render(
      <QueryClientProvider client={client}>
        <SigningPanel draft={draft} entry={null} view="live" onViewChange={() => {}} />
      </QueryClientProvider>,
    );
    const sts = screen.getByRole('region', { name: 'String to sign' });
    expect(await within(sts).findByText('69 bytes total')).toBeInTheDocument();
    expect(within(sts).getByTitle(/Non-ASCII, 2 bytes in UTF-8/)).toHaveTextContent('é');
    expect(sts.textContent).toContain('␊\n');
    expect(within(sts).getByText(/preview uses the current time/)).toBeInTheDocument();

    const sig = screen.getByRole('region', { name: 'Signature' });
    for (const name of ['qredo-api-key', 'qredo-api-ts', 'qredo-api-sig']) {
      expect(within(sig).getByRole('button', { name: `Copy ${name}` })).toBeInTheDocument();
    }
    expect(within(sig).getByText('abc123')).toBeInTheDocument();
  });
});

describe('SigningPanel before the server answers', () => {
  it("lays the string-to-sign out at once, marked provisional, and then shows the server's answer", async () => {
    let resolve: (r: SignResponse) => void = () => {};
    vi.mocked(api.sign).mockImplementationOnce(() => new Promise<SignResponse>((r) => (resolve = r)));
    const client = new QueryClient();
    const pinned: RequestDraft = { ...draft, timestamp: '1600000000' };
    render(
      <QueryClientProvider client={client}>
        <SigningPanel
          draft={pinned}
          baseUrl="http://127.0.0.1:8091/api/v1/p"
          entry={null}
          view="live"
          onViewChange={() => {}}
        />
      </QueryClientProvider>,
    );
    const sts = screen.getByRole('region', { name: 'String to sign' });
    // Laid out in the page from the draft: the pinned timestamp, the base URL + path, the body's bytes.
    expect(sts.textContent).toContain('1600000000POSThttp://127.0.0.1:8091/api/v1/p/transaction{');
    expect(within(sts).getByText('69 bytes total')).toBeInTheDocument();
    expect(within(sts).getByText('signing…')).toBeVisible();
    // No signature is shown that the server has not given.
    const sig = screen.getByRole('region', { name: 'Signature' });
    expect(within(sig).queryAllByText('sig-value')).toHaveLength(0);

    // The server's answer is the truth where it differs (here: its timestamp).
    resolve(answer);
    expect((await within(sig).findAllByText('sig-value')).length).toBeGreaterThan(0);
    expect(sts.textContent).toContain('1700000000POST');
    expect(sts.textContent).not.toContain('1600000000');
  });
});

describe('SigningPanel when the answer confirms the bytes laid out', () => {
  it('keeps the string-to-sign as drawn, marks and all, and shows the signature beside it', async () => {
    let resolve: (r: SignResponse) => void = () => {};
    vi.mocked(api.sign).mockImplementationOnce(() => new Promise<SignResponse>((r) => (resolve = r)));
    const client = new QueryClient();
    // Pinned to the answer's timestamp: the page lays out exactly the bytes the server signs.
    const pinned: RequestDraft = { ...draft, timestamp: '1700000000' };
    const markSegments = vi.fn(() => [
      { segment: 'body' as const, start: 4, end: 5, name: 'field', value: 'n', from: 'the environment' },
    ]);
    render(
      <QueryClientProvider client={client}>
        <SigningPanel
          draft={pinned}
          baseUrl="http://127.0.0.1:8091/api/v1/p"
          entry={null}
          view="live"
          onViewChange={() => {}}
          markSegments={markSegments}
        />
      </QueryClientProvider>,
    );
    const sts = screen.getByRole('region', { name: 'String to sign' });
    const mark = within(sts).getByLabelText('n, expanded from {{field}} from the environment');
    expect(mark).toHaveAttribute('tabindex', '0');
    expect(mark).toHaveAttribute('title', '{{field}} from the environment');
    const calls = markSegments.mock.calls.length;

    resolve(answer);
    const sig = screen.getByRole('region', { name: 'Signature' });
    expect((await within(sig).findAllByText('sig-value')).length).toBeGreaterThan(0);
    // The same bytes: not looked at again, the very same elements on screen.
    expect(within(sts).getByLabelText('n, expanded from {{field}} from the environment')).toBe(mark);
    expect(markSegments.mock.calls.length).toBe(calls);
    expect(sts.textContent).toContain('1700000000POSThttp://127.0.0.1:8091/api/v1/p/transaction{');
    expect(within(sts).getByText('69 bytes total')).toBeInTheDocument();
  });
});
