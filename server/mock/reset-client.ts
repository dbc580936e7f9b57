/**
 * POST /__mock/reset to a mock running elsewhere (another process on the port): what
 * `npm run mock -- --reset` does, and what the playground does when the mock on its port was not
 * started in-process. Resolves to the seed the mock is back to; rejects with a reason to show.
 */
import { request } from 'node:http';
import { RESET_PATH } from './admin.ts';

export interface ResetOutcome {
  /** Where the mock answered, as `http://host:port`. */
  address: string;
  seed: number;
}

export function resetRunningMock(host: string, port: number): Promise<ResetOutcome> {
  const address = `http://${host.includes(':') && !host.startsWith('[') ? `[${host}]` : host}:${port}`;
  const hostname = host.replace(/^\[(.*)\]$/, '$1');
  return new Promise((resolve, reject) => {
    const req = request(
      { host: hostname, port, method: 'POST', path: RESET_PATH, headers: { 'content-length': '0' } },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (text += c));
        res.on('end', () => {
          let body: { seed?: unknown; detail?: { reason?: string } } = {};
          try {
            body = JSON.parse(text) as typeof body;
          } catch {
            // Not the mock's JSON: reported below with the status.
          }
          if (res.statusCode === 200 && typeof body.seed === 'number') resolve({ address, seed: body.seed });
          else
            reject(
              new Error(`${address} answered ${res.statusCode}: ${body.detail?.reason ?? 'not the embedded mock'}`),
            );
        });
      },
    );
    req.on('error', (e) => reject(new Error(`no mock answers at ${address} (${e.message})`)));
    req.end();
  });
}
