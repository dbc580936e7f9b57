import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { act, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ReactNode } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Bundle, BundleEntry } from '../../../../core/bundle/index.ts';
import type { RequestDraft, SessionInfo } from '../../../../core/contract.ts';
import { api } from '../../../lib/api-client.ts';
import { setImported } from '../bundle-store.ts';
import { ImportedBundleView } from './imported-bundle-view.tsx';

vi.mock('../../../lib/api-client.ts', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../../lib/api-client.ts')>();
  return { ...original, api: { session: vi.fn(), doctor: vi.fn(), send: vi.fn() } };
});

const BASE = 'http://127.0.0.1:4010/qapi/v1';

function session(): SessionInfo {
  return {
    environments: [{ name: 'mock', baseUrl: BASE }],
    partnerEnvironments: [],
    demoKeys: [{ id: 'read-only', keyId: 'RO-KEY', label: 'Read-only', description: '', permissions: [] }],
    partnerDemoKeys: [],
  } as unknown as SessionInfo;
}

function bundleEntry(over: Partial<BundleEntry['request']> = {}): BundleEntry {
  return {
    kind: 'send',
    createdAt: 1700000000123,
    environment: 'sandbox',
    keyId: 'RO-KEY',
    request: {
      method: 'POST',
      url: `${BASE}/transaction?probe=1`,
      path: '/transaction?probe=1',
      headers: { 'qredo-api-key': 'RO-KEY', 'qredo-api-sig': 'SIG', authorization: '[redacted]' },
      extraHeaders: [
        { name: 'Authorization', value: 'Bearer live-token' },
        { name: 'X-Trace', value: 't-1' },
      ],
      body: '{"a": 1}\n',
      ...over,
    },
    timestamp: '1700000000',
    signature: 'SIG',
    stringToSign: { segments: [], byteLength: 0 },
    hashes: { signedBodySha256: '', sentBodySha256: '' },
    response: null,
    error: null,
    timings: { ttfbMs: null, totalMs: 1 },
    appVersion: '0.1.0',
  };
}

function show(entries: BundleEntry[], props: Parameters<typeof ImportedBundleView>[0] = {}) {
  vi.mocked(api.session).mockResolvedValue(session());
  const bundle: Bundle = {
    schema: 'qredo-playground-bundle',
    version: 1,
    appVersion: '0.1.0',
    exportedAt: null,
    redactions: [],
    entries,
  };
  act(() => setImported({ bundle, source: 'shared.json' }));
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  const wrapper = ({ children }: { children: ReactNode }) => (
    <QueryClientProvider client={client}>{children}</QueryClientProvider>
  );
  return render(<ImportedBundleView {...props} />, { wrapper });
}

afterEach(() => act(() => setImported(null)));

describe('ImportedBundleView: New request from this and Save to collection…', () => {
  it('hands on the entry’s request for the chosen environment, without a credential or anything signed', async () => {
    const onNewRequest = vi.fn<(request: RequestDraft, index: number) => void>();
    show([bundleEntry()], { onNewRequest, onSaveToCollection: vi.fn() });
    const card = screen.getByRole('article', { name: 'Bundle entry 1' });
    await within(card).findByText(/Left out header Authorization/);
    await userEvent.click(within(card).getByRole('button', { name: 'New request from this' }));
    expect(onNewRequest).toHaveBeenCalledTimes(1);
    const [request, index] = onNewRequest.mock.calls[0]!;
    expect(index).toBe(0);
    expect(request).toEqual({
      environment: 'mock',
      demoKey: 'read-only',
      method: 'POST',
      path: '/transaction?probe=1',
      body: '{"a": 1}\n',
      headers: [{ name: 'X-Trace', value: 't-1' }],
      timestampUnit: 'seconds',
    });
    expect(JSON.stringify(request)).not.toMatch(/live-token|SIG|1700000000|redacted/);
  });

  it('saves through the page’s dialog and says so once saved', async () => {
    const onSaveToCollection = vi.fn<(request: RequestDraft, onSaved: (name: string) => void) => void>();
    show([bundleEntry()], { onNewRequest: vi.fn(), onSaveToCollection });
    const card = screen.getByRole('article', { name: 'Bundle entry 1' });
    await userEvent.click(await within(card).findByRole('button', { name: 'Save to collection…' }));
    expect(onSaveToCollection).toHaveBeenCalledTimes(1);
    const [request, onSaved] = onSaveToCollection.mock.calls[0]!;
    expect(request).toMatchObject({ method: 'POST', path: '/transaction?probe=1' });
    act(() => onSaved('Transfer'));
    expect(within(card).getByRole('status')).toHaveTextContent('Saved the request as “Transfer”.');
  });

  it('offers neither for an entry that cannot be a request, and says why', async () => {
    show([bundleEntry({ bodyTruncated: true })], { onNewRequest: vi.fn(), onSaveToCollection: vi.fn() });
    const card = screen.getByRole('article', { name: 'Bundle entry 1' });
    expect(await within(card).findByRole('button', { name: 'New request from this' })).toBeDisabled();
    expect(within(card).getByRole('button', { name: 'Save to collection…' })).toBeDisabled();
    expect(within(card).getByRole('alert')).toHaveTextContent(/cut at the history limit/);
  });

  it('shows neither where the page does not offer them', () => {
    show([bundleEntry()]);
    expect(screen.queryByRole('button', { name: 'New request from this' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Save to collection…' })).toBeNull();
  });
});
