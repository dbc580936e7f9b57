import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ReactNode } from 'react';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { HistoryList, HistoryQuery, HistorySummary, RelayResult } from '../../../../core/contract.ts';
import { api } from '../../../lib/api-client.ts';
import { HistorySidebar } from './history-sidebar.tsx';

vi.mock('../../../lib/api-client.ts', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../../lib/api-client.ts')>();
  return {
    ...original,
    api: {
      history: vi.fn(),
      historyEntry: vi.fn(),
      deleteHistoryEntry: vi.fn(),
      clearHistory: vi.fn(),
      resend: vi.fn(),
      replay: vi.fn(),
    },
  };
});

const mocked = vi.mocked(api);
const NOW = Date.now();

function summary(id: number, over: Partial<HistorySummary> = {}): HistorySummary {
  return {
    id,
    kind: 'send',
    createdAt: NOW - 2 * 60_000,
    environment: 'mock',
    method: 'GET',
    path: `/funds/${id}`,
    status: 200,
    errorCode: null,
    totalMs: 10,
    size: 100,
    keyId: 'key-1',
    ...over,
  };
}

function entry(id: number, environment: RelayResult['environment'] = 'mock'): RelayResult {
  return {
    id,
    kind: 'send',
    createdAt: NOW,
    environment,
    keyId: 'k',
    request: { method: 'GET', url: 'http://x/balance', path: '/balance', headers: {}, body: null },
    timestamp: '1',
    signature: 's',
    stringToSign: { segments: [], byteLength: 0 },
    hashes: { signedBodySha256: 'a', sentBodySha256: 'a' },
    response: null,
    error: null,
    timings: { ttfbMs: 1, totalMs: 2 },
  };
}

// jsdom has no layout: give the virtualised list a height so it renders rows.
const heightDescriptor = Object.getOwnPropertyDescriptor(HTMLElement.prototype, 'clientHeight');
const widthDescriptor = Object.getOwnPropertyDescriptor(HTMLElement.prototype, 'clientWidth');
beforeAll(() => {
  Object.defineProperty(HTMLElement.prototype, 'clientHeight', { configurable: true, get: () => 600 });
  Object.defineProperty(HTMLElement.prototype, 'clientWidth', { configurable: true, get: () => 300 });
});
afterAll(() => {
  if (heightDescriptor) Object.defineProperty(HTMLElement.prototype, 'clientHeight', heightDescriptor);
  if (widthDescriptor) Object.defineProperty(HTMLElement.prototype, 'clientWidth', widthDescriptor);
});

function listOf(total: number, make = (i: number) => summary(total - i)) {
  return async (q: Partial<HistoryQuery>): Promise<HistoryList> => {
    const offset = q.offset ?? 0;
    const limit = q.limit ?? 100;
    const entries = Array.from({ length: Math.max(0, Math.min(limit, total - offset)) }, (_, k) => make(offset + k));
    return { entries, total, limit, offset };
  };
}

function renderSidebar(props: Partial<Parameters<typeof HistorySidebar>[0]> = {}) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  const handlers = { onSelect: vi.fn(), onLoad: vi.fn(), onResult: vi.fn() };
  const wrapper = ({ children }: { children: ReactNode }) => (
    <QueryClientProvider client={client}>{children}</QueryClientProvider>
  );
  render(<HistorySidebar selectedId={null} {...handlers} {...props} />, { wrapper });
  return handlers;
}

beforeEach(() => {
  vi.clearAllMocks();
});

describe('HistorySidebar', () => {
  it('says so when there is nothing yet', async () => {
    mocked.history.mockImplementation(listOf(0));
    renderSidebar();
    expect(await screen.findByText('No requests yet. Send one and it appears here.')).toBeInTheDocument();
  });

  it('renders rows with accessible names and calls onSelect', async () => {
    mocked.history.mockImplementation(
      listOf(
        3,
        (i) =>
          [
            summary(3, { method: 'POST', path: '/transaction' }),
            summary(2, { path: '/balance' }),
            summary(1, { status: null, errorCode: 'timeout', environment: 'production' }),
          ][i]!,
      ),
    );
    const { onSelect } = renderSidebar();
    const history = screen.getByRole('region', { name: 'History' });
    const row = await within(history).findByRole('button', {
      name: 'GET /balance 200 mock key key-1 10 ms 2 minutes ago',
    });
    expect(
      within(history).getByRole('button', { name: 'POST /transaction 200 mock key key-1 10 ms 2 minutes ago' }),
    ).toBeInTheDocument();
    expect(
      within(history).getByRole('button', { name: 'GET /funds/1 timeout production key key-1 10 ms 2 minutes ago' }),
    ).toBeInTheDocument();
    await userEvent.click(row);
    expect(onSelect).toHaveBeenCalledWith(2);
    expect(mocked.history).toHaveBeenCalledWith({ limit: 200, offset: 0 });
  });

  it('says what a search with fields means, asks the server for it, and names what it cannot read', async () => {
    mocked.history.mockImplementation(listOf(2));
    renderSidebar();
    const search = screen.getByRole('searchbox', { name: 'Search history' });
    await userEvent.type(search, 'status:403 method:POST');
    expect(await screen.findByText('Finds: status 403, method POST.')).toBeInTheDocument();
    await waitFor(() =>
      expect(mocked.history).toHaveBeenCalledWith(expect.objectContaining({ q: 'status:403 method:POST' })),
    );
    await userEvent.clear(search);
    await userEvent.type(search, 'status:abc');
    const problem = await screen.findByText(/^status:abc is not a status: use three digits/);
    expect(problem).toHaveAttribute('aria-live', 'polite');
    expect(search).toHaveAccessibleDescription(/status:abc is not a status/);
    // The unreadable search is never sent: the last readable one stays.
    expect(mocked.history).not.toHaveBeenCalledWith(expect.objectContaining({ q: 'status:abc' }));
  });

  it('links each row’s duration to its timing, and a cut path keeps its end', async () => {
    mocked.history.mockImplementation(
      listOf(1, () => summary(7, { path: '/transactions/3Ms2YSOiRMEC9isy6uusKLvwu5W/approvals', totalMs: 1234 })),
    );
    const onShowTiming = vi.fn();
    renderSidebar({ onShowTiming });
    const link = await screen.findByRole('link', { name: 'Timing of #7: 1.23 s' });
    expect(screen.getByText('/approvals')).toBeInTheDocument();
    await userEvent.click(link);
    expect(onShowTiming).toHaveBeenCalledWith(7);
  });

  it('renders only the visible part of 10,000 entries', async () => {
    mocked.history.mockImplementation(listOf(10_000));
    renderSidebar();
    await screen.findByRole('button', { name: /^GET \/funds\/10000 / });
    expect(screen.getByText('10,000 requests')).toBeInTheDocument();
    expect(screen.getAllByRole('listitem').length).toBeLessThan(60);
  });

  it('searches with a debounce and sends the filters', async () => {
    mocked.history.mockImplementation(listOf(2));
    renderSidebar();
    await screen.findByText('2 requests');
    await userEvent.type(screen.getByRole('searchbox', { name: 'Search history' }), 'balance');
    await userEvent.selectOptions(screen.getByRole('combobox', { name: 'Filter by status' }), '4xx');
    await waitFor(() =>
      expect(mocked.history).toHaveBeenLastCalledWith({ q: 'balance', status: '4xx', limit: 200, offset: 0 }),
    );
  });

  it('offers the actions of the selected entry', async () => {
    mocked.history.mockImplementation(listOf(1));
    mocked.historyEntry.mockResolvedValue(entry(1));
    const sent = { ...entry(2), kind: 'resend' as const };
    mocked.resend.mockResolvedValue(sent);
    const { onLoad, onResult } = renderSidebar({ selectedId: 1 });
    const load = await screen.findByRole('button', { name: 'Load into composer' });
    await waitFor(() => expect(load).toBeEnabled());
    await userEvent.click(load);
    expect(onLoad).toHaveBeenCalledWith(entry(1));
    await userEvent.click(screen.getByRole('button', { name: 'Re-send' }));
    await waitFor(() => expect(onResult).toHaveBeenCalledWith(sent));
  });

  it('hands a re-send to the page’s production question, and sends it confirmed only after the answer', async () => {
    mocked.history.mockImplementation(listOf(1));
    const prod = { ...entry(1, 'production'), request: { ...entry(1).request, method: 'POST', path: '/transaction' } };
    mocked.historyEntry.mockResolvedValue(prod);
    mocked.resend.mockResolvedValue({ ...prod, id: 2, kind: 'resend' });
    const asked: Array<{ request: unknown; proceed: (confirmed: boolean) => void }> = [];
    const confirmSend = vi.fn((request: unknown, proceed: (confirmed: boolean) => void) =>
      asked.push({ request, proceed }),
    );
    const { onResult } = renderSidebar({ selectedId: 1, confirmSend });
    const resend = await screen.findByRole('button', { name: 'Re-send' });
    await waitFor(() => expect(resend).toBeEnabled());
    await userEvent.click(resend);
    expect(asked[0]?.request).toEqual({
      environment: 'production',
      method: 'POST',
      path: '/transaction',
      body: null,
      action: 'Re-send of history #1, signed again now',
    });
    expect(mocked.resend).not.toHaveBeenCalled();
    asked[0]!.proceed(true);
    await waitFor(() => expect(mocked.resend).toHaveBeenCalledWith(1, { confirm: true }));
    await waitFor(() => expect(onResult).toHaveBeenCalled());
  });

  it('asks before replaying, and refuses replay for production', async () => {
    mocked.history.mockImplementation(listOf(1));
    mocked.historyEntry.mockResolvedValue(entry(1));
    mocked.replay.mockResolvedValue(entry(3));
    const { onResult } = renderSidebar({ selectedId: 1 });
    const replay = await screen.findByRole('button', { name: 'Replay exact' });
    await waitFor(() => expect(replay).toBeEnabled());
    await userEvent.click(replay);
    const dialog = screen.getByRole('dialog', { name: 'Replay the exact request?' });
    expect(dialog).toHaveTextContent(/same timestamp/);
    await userEvent.click(within(dialog).getByRole('button', { name: 'Replay now' }));
    await waitFor(() => expect(mocked.replay).toHaveBeenCalledWith(1, { confirm: true }));
    await waitFor(() => expect(onResult).toHaveBeenCalled());
  });

  it('disables replay for production with an explanation', async () => {
    mocked.history.mockImplementation(listOf(1));
    mocked.historyEntry.mockResolvedValue(entry(1, 'production'));
    renderSidebar({ selectedId: 1 });
    await screen.findByText(/not offered for production/);
    expect(screen.getByRole('button', { name: 'Replay exact' })).toBeDisabled();
    expect(screen.getByRole('button', { name: 'Replay exact' })).toHaveAccessibleDescription(/could move funds twice/);
  });

  it('clears the history after a confirmation', async () => {
    mocked.history.mockImplementation(listOf(2));
    mocked.clearHistory.mockResolvedValue({ ok: true, deleted: 2 });
    renderSidebar();
    await screen.findByText('2 requests');
    await userEvent.click(screen.getByRole('button', { name: 'Clear history' }));
    expect(mocked.clearHistory).not.toHaveBeenCalled();
    await userEvent.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Clear all history' }));
    await waitFor(() => expect(mocked.clearHistory).toHaveBeenCalled());
  });

  it('shows a loading failure with a way to try again', async () => {
    mocked.history.mockRejectedValue(new Error('The playground server did not answer.'));
    renderSidebar();
    expect(await screen.findByRole('alert')).toHaveTextContent('did not answer');
    expect(screen.getByRole('button', { name: 'Try again' })).toBeInTheDocument();
  });
});
