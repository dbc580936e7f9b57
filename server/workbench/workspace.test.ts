import { ifAssigned } from '../../test-support/assigned.ts';
import { afterEach, describe, expect, it } from 'vitest';
import {
  MAX_TABS,
  MAX_WORKSPACE_BYTES,
  PutWorkspaceResponse,
  WorkspaceState,
  type Workspace,
  type WorkspaceDraft,
} from '../../core/contract.ts';
import { findDemoKey } from '../mock/keys.ts';
import { startTestPlayground, type TestPlayground } from '../../test-support/playground.ts';
import { tempDir } from '../../test-support/temp-dirs.ts';

let p: TestPlayground;
afterEach(async () => ifAssigned(p)?.close());

const draft = (over: Partial<WorkspaceDraft> = {}): WorkspaceDraft => ({
  environment: 'mock',
  demoKey: 'full',
  operationId: 'get-balance',
  method: 'GET',
  customMethod: '',
  path: '/balance',
  params: {},
  body: '',
  bodyAside: '',
  headers: [],
  timing: { mode: 'send-time', pinned: '', unit: 'seconds' },
  ...over,
});

const twoTabs: Workspace = {
  tabs: [
    { id: 'tab-1', draft: draft(), dirty: false },
    {
      id: 'tab-2',
      title: 'New transaction',
      draft: draft({
        method: 'POST',
        path: '/transaction',
        body: '{\n  "to": "{{wallet}}",\n  "note": "café ☕"\n}',
        headers: [{ name: 'X-Request-Id', value: '{{$uuid}}' }],
        timing: { mode: 'pinned', pinned: '1700000000', unit: 'seconds' },
      }),
      dirty: true,
    },
    {
      id: 'tab-3',
      draft: draft({ scheme: 'partner', partnerKey: 'partner-northwind', nonce: '', path: '/companies' }),
      dirty: false,
    },
  ],
  activeTabId: 'tab-2',
};

describe('the workbench state', () => {
  it('keeps the open tabs, in order, across a server restart', async () => {
    const dataDir = tempDir();
    p = await startTestPlayground({ dataDir });
    const initial = WorkspaceState.parse((await p.call('GET', '/api/workspace')).json);
    expect(initial).toEqual({ revision: 0, updatedAt: null, workspace: { tabs: [], activeTabId: null } });
    const put = await p.call('PUT', '/api/workspace', { body: { workspace: twoTabs, baseRevision: 0 } });
    expect(put.status).toBe(200);
    expect(PutWorkspaceResponse.parse(put.json)).toMatchObject({ revision: 1, overwrote: false });
    await p.close();

    p = await startTestPlayground({ dataDir });
    const back = WorkspaceState.parse((await p.call('GET', '/api/workspace')).json);
    expect(back.revision).toBe(1);
    expect(back.workspace).toEqual(twoTabs);
    expect(back.updatedAt).toBeTypeOf('number');
  });

  it('lets the last write win, and tells a page that another page wrote in between', async () => {
    p = await startTestPlayground();
    const a = await p.call('PUT', '/api/workspace', { body: { workspace: twoTabs, baseRevision: 0 } });
    const b = await p.call('PUT', '/api/workspace', {
      body: { workspace: { tabs: [twoTabs.tabs[0]!], activeTabId: 'tab-1' }, baseRevision: 1 },
    });
    expect([a.json.revision, b.json.revision, b.json.overwrote]).toEqual([1, 2, false]);
    // A page that last saw revision 1 writes: it wins, and learns that it overwrote revision 2.
    const stale = await p.call('PUT', '/api/workspace', { body: { workspace: twoTabs, baseRevision: 1 } });
    expect(stale.json).toMatchObject({ revision: 3, overwrote: true });
    // Without a base revision there is nothing to compare.
    expect((await p.call('PUT', '/api/workspace', { body: { workspace: twoTabs } })).json.overwrote).toBe(false);
    expect((await p.call('GET', '/api/workspace')).json.revision).toBe(4);
  });

  it('refuses a workspace that is not one, with the field named', async () => {
    p = await startTestPlayground();
    const tab = twoTabs.tabs[0]!;
    const cases: Array<[unknown, RegExp]> = [
      [{ workspace: { tabs: [tab, tab], activeTabId: null } }, /used twice/],
      [{ workspace: { tabs: [tab], activeTabId: 'elsewhere' } }, /active tab is not one of the tabs/],
      [{ workspace: { tabs: [{ ...tab, id: 'a b' }], activeTabId: null } }, /tab id/],
      [
        { workspace: { tabs: [{ ...tab, draft: { ...tab.draft, environment: 'staging' } }], activeTabId: null } },
        /environment/,
      ],
      [{ workspace: { tabs: [{ ...tab, extra: 1 }], activeTabId: null } }, /extra/],
      [
        {
          workspace: {
            tabs: Array.from({ length: MAX_TABS + 1 }, (_, i) => ({ ...tab, id: `t${i}` })),
            activeTabId: null,
          },
        },
        /At most 100 tabs/,
      ],
    ];
    for (const [body, message] of cases) {
      const r = await p.call('PUT', '/api/workspace', { body });
      expect(r.status, JSON.stringify(body).slice(0, 80)).toBe(400);
      expect(r.json.error.message).toMatch(message);
    }
    expect((await p.call('GET', '/api/workspace')).json.revision).toBe(0);
  });

  it('keeps drafts as typed, even ones that cannot be sent yet', async () => {
    p = await startTestPlayground();
    const typing: Workspace = {
      tabs: [
        {
          id: 'x',
          draft: draft({
            method: 'OTHER',
            customMethod: 'GET IT',
            path: 'no slash {{',
            headers: [{ name: 'Bad Name', value: 'é' }],
          }),
          dirty: true,
        },
      ],
      activeTabId: 'x',
    };
    expect((await p.call('PUT', '/api/workspace', { body: { workspace: typing } })).status).toBe(200);
    expect((await p.call('GET', '/api/workspace')).json.workspace).toEqual(typing);
  });

  it('refuses a draft holding a configured secret, and a workspace over the size limit', async () => {
    const key = '$2a$10$WorkspaceTestSecretForThePlaygroundOnly.0123456789abcd';
    const secret = Buffer.from(key).toString('base64');
    p = await startTestPlayground({
      env: { QREDO_SANDBOX_API_KEY: 'workspaceKey01', QREDO_SANDBOX_API_SECRET: secret },
    });
    for (const leak of [
      { body: `{"s":"${secret}"}` },
      { headers: [{ name: 'X', value: key }] },
      { path: `/x/${secret}` },
    ]) {
      const workspace = { tabs: [{ id: 't', draft: draft(leak), dirty: true }], activeTabId: 't' };
      const r = await p.call('PUT', '/api/workspace', { body: { workspace } });
      expect(r.status).toBe(400);
      expect(r.json.error.code).toBe('secret-refused');
      expect(r.json.error.message).toMatch(/tabs\.0\.draft\./);
    }
    expect(p.answers.join('\n')).not.toContain(secret);

    const body = 'x'.repeat(MAX_WORKSPACE_BYTES / 2);
    const big = {
      tabs: [
        { id: 'a', draft: draft({ body }), dirty: true },
        { id: 'b', draft: draft({ body }), dirty: true },
      ],
      activeTabId: 'a',
    };
    const r = await p.call('PUT', '/api/workspace', { body: { workspace: big } });
    expect(r.status).toBe(413);
    expect(r.json.error.message).toMatch(/at most 8388608/);
    expect((await p.call('GET', '/api/workspace')).json.revision).toBe(0);
  });
});

describe('environment variables', () => {
  it('are kept per environment, in order, and replaced whole', async () => {
    const dataDir = tempDir();
    p = await startTestPlayground({ dataDir });
    const vars = [
      { name: 'wallet', value: '0xabc' },
      { name: 'fund_id', value: 'F-1' },
    ];
    const put = await p.call('PUT', '/api/variables/sandbox', { body: { variables: vars } });
    expect(put.json).toEqual({ environment: 'sandbox', variables: vars });
    await p.call('PUT', '/api/variables/mock', { body: { variables: [{ name: 'tx_id', value: 'TX' }] } });
    await p.close();
    p = await startTestPlayground({ dataDir });
    expect((await p.call('GET', '/api/variables')).json).toEqual({
      mock: [{ name: 'tx_id', value: 'TX' }],
      sandbox: vars,
      production: [],
    });
    await p.call('PUT', '/api/variables/sandbox', { body: { variables: [] } });
    expect((await p.call('GET', '/api/variables')).json.sandbox).toEqual([]);
  });

  it('refuses bad names, a name twice, an unknown environment, and every form of a configured secret', async () => {
    const key = '$2a$10$VariableTestSecretForThePlaygroundOnly.0123456789abcdef';
    const secret = Buffer.from(key).toString('base64');
    p = await startTestPlayground({
      env: { QREDO_PRODUCTION_API_KEY: 'variableKey001', QREDO_PRODUCTION_API_SECRET: secret },
    });
    const put = (env: string, variables: unknown) => p.call('PUT', `/api/variables/${env}`, { body: { variables } });
    for (const name of ['has space', '1st', '{{x}}', '', 'x'.repeat(129)]) {
      const r = await put('mock', [{ name, value: 'v' }]);
      expect(r.status, name).toBe(400);
      expect(r.json.error.message).toMatch(/A variable name starts with a letter or _/);
    }
    expect(
      (
        await put('mock', [
          { name: 'a', value: '1' },
          { name: 'a', value: '2' },
        ])
      ).json.error.message,
    ).toMatch(/defined twice/);
    expect((await put('staging', [])).status).toBe(400);
    const hex = Buffer.from(key).toString('hex');
    // The secret as configured, decoded, in hex, inside a longer value; a demo key's secret too.
    for (const value of [secret, key, hex, `prefix-${secret}-suffix`, findDemoKey('read-only').secret]) {
      const r = await put('production', [{ name: 'k', value }]);
      expect(r.status).toBe(400);
      expect(r.json.error.code).toBe('secret-refused');
      expect(r.json.error.message).toMatch(/not for secrets/);
    }
    expect(p.answers.join('\n')).not.toContain(hex);
    expect((await put('production', [{ name: 'k', value: 'plain' }])).status).toBe(200);
  });
});
