/**
 * The /api router hosted in this process (test-support/playground.ts, as the tests host it; the Vite
 * plugin mounts the same router), with the embedded mock as its upstream and history in a temp
 * PLAYGROUND_DATA_DIR. Plus a lean keep-alive client for it and for the mock: it only counts and
 * keeps bytes, so that the figures measure the server rather than the client.
 */
import { rmSync } from 'node:fs';
import http from 'node:http';
import {
  HEADER_KEY,
  HEADER_SIGNATURE,
  HEADER_TIMESTAMP,
  buildStringToSign,
  decodeSecret,
  formatTimestamp,
  sign,
} from '../../core/signing/index.ts';
import { nodeHmac } from '../../server/crypto.ts';
import { findDemoKey } from '../../server/mock/keys.ts';
import type { MockServer } from '../../server/mock/server.ts';
import type { Services } from '../../server/services.ts';
import { startTestPlayground } from '../../test-support/playground.ts';
import { tempDir } from '../../test-support/temp-dirs.ts';

export interface HostedPlayground {
  port: number;
  token: string;
  mock: MockServer;
  services: Services;
  dataDir: string;
  close(): Promise<void>;
}

export async function hostPlayground(): Promise<HostedPlayground> {
  const dataDir = tempDir('qredo-bench-data-');
  const p = await startTestPlayground({ dataDir });
  return {
    port: p.port,
    token: p.services.launchToken().current(),
    mock: p.mock,
    services: p.services,
    dataDir,
    async close() {
      await p.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export interface RequestSpec {
  port: number;
  method: string;
  path: string;
  headers: Record<string, string>;
  body: Buffer | null;
}

export interface Reply {
  status: number;
  body: Buffer;
}

/** One request on a keep-alive agent; resolves when the whole answer has been read. */
export function send(agent: http.Agent, spec: RequestSpec): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = {
      host: `127.0.0.1:${spec.port}`,
      connection: 'keep-alive',
      ...spec.headers,
    };
    if (spec.body) headers['content-length'] = String(spec.body.length);
    const req = http.request(
      { host: '127.0.0.1', port: spec.port, method: spec.method, path: spec.path, headers, agent, setHost: false },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, body: chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks) }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(spec.body ?? undefined);
  });
}

/** POST /api/send of GET /balance to the mock, as the page sends it. */
export function relaySpec(port: number, token: string): RequestSpec {
  return {
    port,
    method: 'POST',
    path: '/api/send',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: Buffer.from(JSON.stringify({ environment: 'mock', method: 'GET', path: '/balance', body: null })),
  };
}

const fullKey = findDemoKey('full');
const decoded = decodeSecret(fullKey.secret);
if (!decoded.ok) throw new Error(`The demo key does not decode: ${decoded.error}`);
const demoSecret = decoded.key;

/**
 * GET /balance signed with the demo key exactly as the relay signs it (same headers), ready to go
 * straight to the mock at `mockPort`. Signed now, so every call gets a fresh timestamp.
 */
export async function directSpec(mockPort: number): Promise<RequestSpec> {
  const target = '/qapi/v1/balance';
  const timestamp = formatTimestamp(Date.now(), 'seconds');
  const sts = buildStringToSign({ timestamp, method: 'GET', url: `http://127.0.0.1:${mockPort}${target}`, body: null });
  const signature = await sign(nodeHmac, demoSecret, sts);
  return {
    port: mockPort,
    method: 'GET',
    path: target,
    headers: {
      [HEADER_KEY]: fullKey.keyId,
      [HEADER_TIMESTAMP]: timestamp,
      [HEADER_SIGNATURE]: signature.value,
      accept: 'application/json',
    },
    body: null,
  };
}

/** True when a /api/send answer is a 200 whose relayed response is a 200 too. */
export function relayOk(reply: Reply): boolean {
  if (reply.status !== 200) return false;
  try {
    const json = JSON.parse(reply.body.toString('utf8')) as { response?: { status?: number } | null };
    return json.response?.status === 200;
  } catch {
    return false;
  }
}
