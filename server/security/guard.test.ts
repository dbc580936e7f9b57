import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { startTestPlayground } from '../../test-support/playground.ts';
import { bearerToken, checkApiRequest, checkSite, isLoopbackAddress } from './guard.ts';

function req(headers: Record<string, string>, socket: { localPort: number; remoteAddress?: string }): IncomingMessage {
  return { headers, socket: { remoteAddress: '127.0.0.1', ...socket } } as unknown as IncomingMessage;
}
const opts = { matchesToken: (t: string) => t === 'right-token' };

describe('the Host a browser sends', () => {
  it('leaves the port out on port 80, and that is this server', () => {
    expect(checkSite(req({ host: '127.0.0.1' }, { localPort: 80 }), opts).ok).toBe(true);
    expect(checkSite(req({ host: 'localhost' }, { localPort: 80 }), opts).ok).toBe(true);
    expect(checkSite(req({ host: '127.0.0.1:80' }, { localPort: 80 }), opts).ok).toBe(true);
    expect(checkSite(req({ host: '127.0.0.1' }, { localPort: 5173 }), opts).ok).toBe(false);
  });

  it('names the loopback address the server is bound to, and no other one', () => {
    const bound = { ...opts, extraHosts: ['127.0.0.2'] };
    expect(checkSite(req({ host: '127.0.0.2:5173' }, { localPort: 5173 }), bound).ok).toBe(true);
    expect(checkSite(req({ host: '127.0.0.3:5173' }, { localPort: 5173 }), bound).ok).toBe(false);
    // A non-loopback name is never accepted for a loopback bind, whatever is configured.
    expect(
      checkSite(req({ host: 'evil.example:5173' }, { localPort: 5173 }), { ...opts, extraHosts: ['evil.example'] }).ok,
    ).toBe(false);
  });
});

describe('the remote address', () => {
  it('is loopback in every spelling Node reports, and nothing else', () => {
    for (const a of ['127.0.0.1', '127.9.9.9', '::1', '::ffff:127.0.0.1']) expect(isLoopbackAddress(a)).toBe(true);
    for (const a of ['192.0.2.2', '::ffff:192.0.2.2', 'fe80::1', '0.0.0.0', '', undefined])
      expect(isLoopbackAddress(a)).toBe(false);
  });
});

describe('the launch token', () => {
  it('is read from Authorization: Bearer only', () => {
    expect(bearerToken(req({ authorization: 'Bearer abc' }, { localPort: 1 }))).toBe('abc');
    expect(bearerToken(req({ authorization: 'bearer   abc ' }, { localPort: 1 }))).toBe('abc');
    expect(bearerToken(req({ authorization: 'Basic abc' }, { localPort: 1 }))).toBeNull();
    expect(bearerToken(req({ authorization: 'Bearer a b' }, { localPort: 1 }))).toBeNull();
    expect(bearerToken(req({ 'x-playground-token': 'abc' }, { localPort: 1 }))).toBeNull();
  });

  it('is checked after the site: a foreign page learns nothing about the token', () => {
    const r = checkApiRequest(
      req({ host: '127.0.0.1:1', origin: 'http://evil.example', authorization: 'Bearer x' }, { localPort: 1 }),
      opts,
    );
    expect(r).toMatchObject({ ok: false, status: 403, code: 'bad-origin' });
    const t = checkApiRequest(req({ host: '127.0.0.1:1', authorization: 'Bearer wrong' }, { localPort: 1 }), opts);
    expect(t).toMatchObject({ ok: false, status: 401, code: 'bad-token' });
  });
});

describe('HOST=127.0.0.2, for real', () => {
  it('answers the page under the address it is bound to', async () => {
    const token = 'host-test-token-0123456789ab';
    const p = await startTestPlayground({ env: { PLAYGROUND_TOKEN: token, HOST: '127.0.0.2' }, listenOn: '127.0.0.2' });
    try {
      const r = await p.call('GET', '/api/session', {
        headers: { origin: `http://127.0.0.2:${p.port}`, authorization: `Bearer ${token}` },
      });
      expect(r.status).toBe(200);
    } finally {
      await p.close();
    }
  });
});
