import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { RelayResult, SessionInfo, SignResponse } from '../core/contract.ts';
import { App } from './app.tsx';
import { createQueryClient, Providers } from './providers.tsx';

const env = (name: 'mock' | 'sandbox' | 'production') => ({
  name,
  baseUrl: `https://${name}.example/qapi/v1`,
  configured: true,
  keyId: `${name}-key`,
  fingerprint: 'f00d',
  source: name === 'mock' ? ('demo' as const) : ('env' as const),
});
const session: SessionInfo = {
  warnings: [],
  partnerEnvironments: [],
  partnerDemoKeys: [],
  version: '0.1.0',
  environments: [env('mock'), env('sandbox'), env('production')],
  demoKeys: [],
};

const signed: SignResponse = {
  environment: 'production',
  keyId: 'production-key',
  method: 'POST',
  url: 'https://production.example/qapi/v1/transaction',
  timestamp: '1700000000',
  timestampAtSendTime: true,
  stringToSign: { segments: [{ name: 'timestamp', text: '1700000000', offset: 0, length: 10 }], byteLength: 10 },
  signature: 'sig',
  headers: [
    { name: 'qredo-api-key', value: 'k' },
    { name: 'qredo-api-ts', value: '1700000000' },
    { name: 'qredo-api-sig', value: 'sig' },
  ],
  scheme: 'v1',
  bodySha256: 'h',
};

const result: RelayResult = {
  id: 7,
  kind: 'send',
  createdAt: 1700000000000,
  environment: 'production',
  keyId: 'production-key',
  request: { method: 'POST', url: signed.url, path: '/transaction', headers: {}, body: null },
  timestamp: '1700000000',
  signature: 'sig',
  stringToSign: signed.stringToSign,
  hashes: { signedBodySha256: 'h', sentBodySha256: 'h' },
  response: { status: 200, statusText: 'OK', headers: {}, body: '{}', bodyEncoding: 'utf8', size: 2, truncated: false },
  error: null,
  timings: { ttfbMs: 3, totalMs: 12 },
};

const send = vi.fn(async () => result);
vi.mock('./lib/api-client.ts', async (original) => {
  const real = await original<typeof import('./lib/api-client.ts')>();
  return {
    ...real,
    api: {
      session: async () => session,
      sign: async () => signed,
      send: (...args: unknown[]) => send(...(args as [])),
      history: async () => ({ entries: [], total: 0, limit: 200, offset: 0 }),
      historyEntry: async () => result,
      // The workbench: no tabs kept yet, no variables.
      workspace: async () => ({ revision: 0, updatedAt: null, workspace: { tabs: [], activeTabId: null } }),
      saveWorkspace: async (r: { workspace: unknown }) => ({
        revision: 1,
        updatedAt: 1,
        workspace: r.workspace,
        overwrote: false,
      }),
      variables: async () => ({ mock: [], sandbox: [], production: [] }),
    },
  };
});

describe('App', () => {
  it('asks before a mutating send to production and then sends with confirm: true', async () => {
    const user = userEvent.setup();
    render(
      <Providers client={createQueryClient()}>
        <App />
      </Providers>,
    );
    await user.click(await screen.findByRole('radio', { name: 'Production' }));
    expect(screen.getByRole('note', { name: 'Production environment' })).toHaveTextContent('PRODUCTION');

    await user.selectOptions(screen.getByRole('combobox', { name: 'Method' }), 'POST');
    await user.click(screen.getByRole('button', { name: 'Send' }));
    const dialog = await screen.findByRole('dialog', { name: 'Send POST to production?' });
    expect(within(dialog).getByText('https://production.example/qapi/v1/balance')).toBeInTheDocument();
    expect(send).not.toHaveBeenCalled();

    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();

    await user.keyboard('{Control>}{Enter}{/Control}');
    await user.click(within(await screen.findByRole('dialog')).getByRole('button', { name: 'Send to production' }));
    expect(send).toHaveBeenCalledWith(
      expect.objectContaining({
        environment: 'production',
        method: 'POST',
        path: '/balance',
        body: null,
        confirm: true,
      }),
    );
    expect(await screen.findByText('Sent POST /transaction: 200 OK in 12 ms')).toBeInTheDocument();
  });

  it('opens the shortcut list with ? and closes it with Escape', async () => {
    const user = userEvent.setup();
    render(
      <Providers client={createQueryClient()}>
        <App />
      </Providers>,
    );
    await screen.findByRole('radio', { name: 'Production' });
    await user.keyboard('?');
    expect(screen.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeInTheDocument();
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
  });
});
