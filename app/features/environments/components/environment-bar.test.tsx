import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { EnvironmentInfo, SessionInfo } from '../../../../core/contract.ts';
import { useSession } from '../api/session.ts';
import { EnvironmentBar } from './environment-bar.tsx';

const empty: EnvironmentInfo = {
  name: 'sandbox',
  baseUrl: 'https://sandbox.example/qapi/v1',
  configured: false,
  keyId: null,
  fingerprint: null,
  source: null,
};
const saved: EnvironmentInfo = { ...empty, configured: true, keyId: 'my-key', fingerprint: 'ab12cd34', source: 'file' };

const setCredentials = vi.fn(async () => saved);
vi.mock('../../../lib/api-client.ts', () => ({
  api: {
    session: vi.fn(async (): Promise<SessionInfo> => ({
      warnings: [],
      partnerEnvironments: [],
      partnerDemoKeys: [],
      version: '1',
      environments: [empty],
      demoKeys: [],
    })),
    setCredentials: (...args: unknown[]) => setCredentials(...(args as [])),
    deleteCredentials: vi.fn(async () => empty),
  },
}));

function Harness() {
  const session = useSession();
  const info = session.data?.environments.find((e) => e.name === 'sandbox');
  return info ? <EnvironmentBar info={info} demoKeys={[]} demoKey="full" onDemoKeyChange={() => {}} /> : null;
}

describe('EnvironmentBar', () => {
  it('explains how to add credentials, saves them write-only and then shows key id and fingerprint', async () => {
    const user = userEvent.setup();
    render(
      <QueryClientProvider client={new QueryClient()}>
        <Harness />
      </QueryClientProvider>,
    );
    expect(await screen.findByText('QREDO_SANDBOX_API_KEY')).toBeInTheDocument();
    expect(screen.getByText('QREDO_SANDBOX_API_SECRET')).toBeInTheDocument();
    const secret = await screen.findByLabelText('Secret');
    expect(secret).toHaveAttribute('type', 'password');

    await user.click(screen.getByRole('button', { name: 'Save credentials' }));
    expect(await screen.findByText('The key id is empty.')).toBeInTheDocument();
    expect(setCredentials).not.toHaveBeenCalled();

    await user.type(screen.getByLabelText('Key ID'), 'my-key');
    await user.type(secret, 's3cret');
    await user.click(screen.getByRole('button', { name: 'Save credentials' }));
    expect(setCredentials).toHaveBeenCalledWith('sandbox', { keyId: 'my-key', secret: 's3cret' });
    expect(await screen.findByText('ab12cd34')).toBeInTheDocument();
    expect(screen.getByText('my-key')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Remove' })).toBeInTheDocument();
    expect(screen.queryByLabelText('Secret')).not.toBeInTheDocument();
  });
});
