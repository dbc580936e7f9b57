import { spawn } from 'node:child_process';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { loadConfig } from './config/config.ts';
import { startMockServer, type MockServer } from './mock/server.ts';
import { createServices, type Services } from './services.ts';
import { canRunAsOtherUser, nodeAsOtherUser } from '../test-support/other-user.ts';
import { tempDir } from '../test-support/temp-dirs.ts';

/** Services whose mock port is held by another mock that lets go of it as soon as asked. */
async function heldPort(mockPortTaken: 'wait' | 'use') {
  const holder = await startMockServer({ port: 0 });
  const logs: string[] = [];
  const env = { PLAYGROUND_DATA_DIR: tempDir(), MOCK_PORT: String(holder.port), PLAYGROUND_TOKEN: '' };
  const services = createServices(loadConfig(env), { env, log: (l) => logs.push(l), mockPortTaken });
  return { holder, services, logs };
}

describe('the mock port, when taken', () => {
  let open: Array<{ close(): Promise<unknown> }> = [];
  afterEach(async () => {
    for (const o of open) await o.close();
    open = [];
  });

  function track(s: Services, m: MockServer) {
    open.push(s, { close: () => m.close().catch(() => undefined) });
  }

  it("'wait' outlasts a port freed in a moment (a dev-server restart) and starts its own mock", async () => {
    const { holder, services, logs } = await heldPort('wait');
    track(services, holder);
    const started = services.ensureMock();
    await holder.close();
    await started;
    // Its own mock: a reset is answered in-process though the holder is gone.
    await expect(services.resetMock()).resolves.toEqual({ seed: expect.any(Number) });
    expect(logs.join('\n')).not.toMatch(/is taken/);
  });

  it("'use' takes the Qredo API listening there at once, without waiting for the port", async () => {
    const { holder, services, logs } = await heldPort('use');
    track(services, holder);
    // With the clock stopped, a retry 200 ms later would never come: this resolves only if none is made.
    vi.useFakeTimers({ toFake: ['setTimeout'] });
    try {
      await services.ensureMock();
    } finally {
      vi.useRealTimers();
    }
    expect(logs.join('\n')).toMatch(/is taken: using the Qredo API already listening there/);
    // The one listening is the one used: a reset reaches it.
    await expect(services.resetMock()).resolves.toEqual({ seed: holder.seed });
    await holder.close();
    await expect(services.resetMock()).rejects.toThrow(/no mock answers/);
  }, 10_000);

  it.runIf(canRunAsOtherUser)(
    'never uses a listener of another user of the machine as the mock',
    async () => {
      const [command, args, options] = nodeAsOtherUser(
        "const s = require('http').createServer((q, r) => r.end('{}')); s.listen(0, '127.0.0.1', () => console.log(s.address().port));",
      );
      const squatter = spawn(command, args, { ...options, stdio: ['ignore', 'pipe', 'inherit'] });
      try {
        const port = await new Promise<number>((resolve, reject) => {
          squatter.stdout.once('data', (c: Buffer) => resolve(Number(c.toString('utf8').trim())));
          squatter.once('exit', (code) => reject(new Error(`the other user's listener exited with ${code}`)));
        });
        const logs: string[] = [];
        const env = { PLAYGROUND_DATA_DIR: tempDir(), MOCK_PORT: String(port), PLAYGROUND_TOKEN: '' };
        const services = createServices(loadConfig(env), { env, log: (l) => logs.push(l), mockPortTaken: 'use' });
        open.push(services);
        await expect(services.ensureMock()).rejects.toMatchObject({
          status: 503,
          code: 'mock-port-taken',
          message: expect.stringMatching(/port \d+ is held by another user of this machine \(uid 65534\).*MOCK_PORT/),
        });
        expect(logs.join('\n')).not.toMatch(/using the Qredo API already listening there/);
      } finally {
        squatter.kill();
      }
    },
    10_000,
  );
});
