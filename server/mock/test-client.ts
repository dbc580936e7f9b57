/**
 * A raw HTTP client for the mock's tests: full control over the Host header, the request target,
 * the header names and the exact body bytes, so each signed element can be tampered with on its own.
 */
import { request } from 'node:http';
import type { DemoKey } from '../../core/contract.ts';
import {
  HEADER_KEY,
  HEADER_SIGNATURE,
  HEADER_TIMESTAMP,
  buildStringToSign,
  decodeSecret,
  sign,
} from '../../core/signing/index.ts';
import { nodeHmac } from './auth.ts';
import { findDemoKey } from './keys.ts';

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read answers field by field
  json: any;
}

export interface RawRequest {
  port: number;
  method: string;
  /** Request target (path and query) as written on the request line. */
  target: string;
  /** Host header value; default 127.0.0.1:PORT. */
  host?: string;
  headers?: Record<string, string>;
  body?: Uint8Array | string | null;
}

export function rawRequest(r: RawRequest): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const body =
      r.body === undefined || r.body === null
        ? null
        : typeof r.body === 'string'
          ? Buffer.from(r.body, 'utf8')
          : Buffer.from(r.body);
    const req = request(
      {
        host: '127.0.0.1',
        port: r.port,
        method: r.method,
        path: r.target,
        setHost: false,
        headers: {
          host: r.host ?? `127.0.0.1:${r.port}`,
          ...(body ? { 'content-length': String(body.length) } : {}),
          ...r.headers,
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let json: unknown;
          try {
            json = JSON.parse(text);
          } catch {
            // Not JSON: json stays undefined and the test reads `text`.
          }
          resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json });
        });
      },
    );
    req.on('error', reject);
    if (body) req.write(body);
    req.end();
  });
}

/** The three headers for a request signed with a demo key over exactly these inputs. */
export async function signHeaders(
  keyName: DemoKey,
  input: { timestamp: string; method: string; url: string; body: string | null },
): Promise<Record<string, string>> {
  const key = findDemoKey(keyName);
  const secret = decodeSecret(key.secret);
  if (!secret.ok) throw new Error(secret.error);
  const signature = await sign(nodeHmac, secret.key, buildStringToSign(input));
  return { [HEADER_KEY]: key.keyId, [HEADER_TIMESTAMP]: input.timestamp, [HEADER_SIGNATURE]: signature.value };
}

/** A correctly signed request to the mock at `port` (path relative to /qapi/v1). */
export async function signedRequest(
  port: number,
  keyName: DemoKey,
  method: string,
  path: string,
  opts: { body?: string | null; timestamp: string },
): Promise<RawResponse> {
  const target = `/qapi/v1${path}`;
  const body = opts.body ?? null;
  const headers = await signHeaders(keyName, {
    timestamp: opts.timestamp,
    method,
    url: `http://127.0.0.1:${port}${target}`,
    body,
  });
  return rawRequest({ port, method, target, headers, body });
}
