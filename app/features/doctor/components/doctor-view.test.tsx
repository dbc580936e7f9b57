import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { act, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ReactNode } from 'react';
import { describe, expect, it, vi } from 'vitest';
import type { DoctorResponse, RequestDraft, SessionInfo } from '../../../../core/contract.ts';
import { api } from '../../../lib/api-client.ts';
import { DoctorView } from './doctor-view.tsx';

vi.mock('../../../lib/api-client.ts', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../../lib/api-client.ts')>();
  return { ...original, api: { session: vi.fn(), doctor: vi.fn() } };
});

const BASE = 'http://127.0.0.1:4010/qapi/v1';

function diagnosis(url: string): DoctorResponse {
  return {
    environment: 'mock',
    keyId: 'RO-KEY',
    keyIdMatches: true,
    capture: {
      timestamp: '1700000000',
      method: 'post',
      url,
      body: '{"a": 1}',
      signature: 'AAAA',
      keyId: 'RO-KEY',
      headerNames: ['qredo-api-key', 'qredo-api-ts', 'qredo-api-sig'],
    },
    valid: false,
    signatureMatches: false,
    expected: 'EXPECTED-SIG',
    components: [],
    causes: [{ id: 'method-case', title: 'Method case', detail: 'd', certain: true }],
    reproduced: false,
    summary: 'Not valid.',
    notes: [],
    variantsTried: 3,
  };
}

async function diagnose(url: string, props: Parameters<typeof DoctorView>[0] = {}) {
  vi.mocked(api.session).mockResolvedValue({
    environments: [{ name: 'mock', baseUrl: BASE }],
    partnerEnvironments: [],
    demoKeys: [{ id: 'read-only', keyId: 'RO-KEY', label: 'Read-only', description: '', permissions: [] }],
    partnerDemoKeys: [],
  } as unknown as SessionInfo);
  vi.mocked(api.doctor).mockResolvedValue(diagnosis(url));
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  const wrapper = ({ children }: { children: ReactNode }) => (
    <QueryClientProvider client={client}>{children}</QueryClientProvider>
  );
  render(<DoctorView {...props} />, { wrapper });
  await userEvent.type(screen.getByRole('textbox', { name: 'Captured request' }), `curl -X post '${url}'`);
  await userEvent.click(screen.getByRole('button', { name: 'Diagnose' }));
  return screen.findByRole('region', { name: 'Diagnosis' });
}

describe('DoctorView: New request from this and Save to collection…', () => {
  it('hands on the corrected request: method corrected, path and query under the base, exact body, nothing signed', async () => {
    const onNewRequest = vi.fn<(request: RequestDraft) => void>();
    const region = await diagnose(`${BASE}/transaction?probe=1`, { onNewRequest, onSaveToCollection: vi.fn() });
    await userEvent.click(within(region).getByRole('button', { name: 'New request from this' }));
    expect(onNewRequest).toHaveBeenCalledTimes(1);
    const request = onNewRequest.mock.calls[0]![0];
    expect(request).toEqual({
      environment: 'mock',
      demoKey: 'read-only',
      method: 'POST',
      path: '/transaction?probe=1',
      body: '{"a": 1}',
      timestampUnit: 'seconds',
    });
    expect(JSON.stringify(request)).not.toMatch(/AAAA|EXPECTED-SIG|RO-KEY|1700000000|qredo-api/);
  });

  it('saves through the page’s dialog and says so once saved', async () => {
    const onSaveToCollection = vi.fn<(request: RequestDraft, onSaved: (name: string) => void) => void>();
    const region = await diagnose(`${BASE}/balance`, { onNewRequest: vi.fn(), onSaveToCollection });
    await userEvent.click(within(region).getByRole('button', { name: 'Save to collection…' }));
    const [request, onSaved] = onSaveToCollection.mock.calls[0]!;
    expect(request).toMatchObject({ method: 'POST', path: '/balance' });
    act(() => onSaved('Fixed balance'));
    expect(within(region).getByText('Saved the corrected request as “Fixed balance”.')).toHaveAttribute(
      'role',
      'status',
    );
  });

  it('says why a capture whose URL is under no API base cannot be made a request', async () => {
    const onNewRequest = vi.fn();
    const region = await diagnose('https://example.com/other/balance', { onNewRequest });
    await userEvent.click(within(region).getByRole('button', { name: 'New request from this' }));
    expect(onNewRequest).not.toHaveBeenCalled();
    expect(within(region).getByRole('alert')).toHaveTextContent(/^Cannot make a request from it: .*\/qapi\/v1/);
  });
});
