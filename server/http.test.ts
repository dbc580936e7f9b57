import { createServer, request, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { readUpTo } from './http.ts';

/** One request to a server that reads its body with readUpTo(limit) and answers what it got. */
async function send(limit: number, chunks: Buffer[], declare: boolean): Promise<string> {
  const server = createServer((req: IncomingMessage, res) => {
    void readUpTo(req, limit).then((body) => res.end(body === null ? 'over' : `read ${body.toString('latin1')}`));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  try {
    const { port } = server.address() as AddressInfo;
    return await new Promise<string>((resolve, reject) => {
      const total = chunks.reduce((n, c) => n + c.length, 0);
      const req = request({
        port,
        method: 'POST',
        headers: declare ? { 'content-length': String(total) } : { 'transfer-encoding': 'chunked' },
      });
      req.on('response', (res) => {
        let text = '';
        res.setEncoding('latin1');
        res.on('data', (c: string) => (text += c));
        res.on('end', () => resolve(text));
      });
      req.on('error', reject);
      for (const c of chunks) req.write(c);
      req.end();
    });
  } finally {
    await new Promise((r) => server.close(r));
  }
}

describe('readUpTo', () => {
  it('gives the whole body at or under the limit, declared or chunked', async () => {
    const parts = [Buffer.from('ab'), Buffer.from('cd')];
    expect(await send(4, parts, true)).toBe('read abcd');
    expect(await send(4, parts, false)).toBe('read abcd');
  });

  it('gives null past the limit, by the declared length or as the bytes come, and the request still ends', async () => {
    const parts = [Buffer.from('ab'), Buffer.from('cd'), Buffer.alloc(64 * 1024, 0x61)];
    expect(await send(3, parts, true)).toBe('over');
    expect(await send(3, parts, false)).toBe('over');
    expect(await send(0, [Buffer.from('x')], false)).toBe('over');
  });
});
