/**
 * Reads a raw HTTP/1.x request as pasted from a proxy, a log or a support ticket: the request line,
 * the header lines, a blank line, then the body. CRLF or LF line endings; the body is kept exactly
 * as pasted (its line endings are part of what was signed).
 */
import { group, itemAt } from '../checked.ts';
import { ImportError, headerValue, type ImportedHeader, type ImportedRequest } from './types.ts';

export const MAX_RAW_HTTP_LENGTH = 5 * 1024 * 1024;

const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

function isLoopbackHost(host: string): boolean {
  const bare = host.replace(/:\d+$/, '').replace(/^\[|\]$/g, '');
  return bare === 'localhost' || bare === '::1' || /^127\.\d+\.\d+\.\d+$/.test(bare);
}

/** Parses a raw HTTP request. Throws ImportError with a message a person can act on. */
export function parseRawHttp(text: string): ImportedRequest {
  if (text.length > MAX_RAW_HTTP_LENGTH)
    throw new ImportError(`The request is longer than ${MAX_RAW_HTTP_LENGTH} characters.`);
  // Leading blank lines are not part of a request.
  const start = /^(?:[ \t]*\r?\n)*/.exec(text)?.[0].length ?? 0; // it matches, if only the empty string
  const input = text.slice(start);
  if (input.trim() === '')
    throw new ImportError(
      'The request is empty: paste a request line such as "GET /qapi/v1/balance HTTP/1.1", its headers, a blank line and the body.',
    );

  const blank = /\r?\n\r?\n/.exec(input);
  const headText = blank ? input.slice(0, blank.index) : input.replace(/\r?\n$/, '');
  const bodyText = blank ? input.slice(blank.index + blank[0].length) : '';
  const lines = headText.split(/\r?\n/);
  const requestLine = (lines[0] ?? '').trim();
  const m = /^(\S+)\s+(\S+)(?:\s+(HTTP\/\d(?:\.\d)?))?$/.exec(requestLine);
  if (!m) {
    throw new ImportError(
      `The first line ${JSON.stringify(requestLine.slice(0, 80))} is not a request line; it should look like "GET /qapi/v1/balance HTTP/1.1".`,
    );
  }
  const method = group(m, 1);
  const target = group(m, 2);
  if (!TOKEN.test(method)) throw new ImportError(`${JSON.stringify(method.slice(0, 20))} is not an HTTP method.`);

  const headers: ImportedHeader[] = [];
  for (let i = 1; i < lines.length; i++) {
    const line = itemAt(lines, i);
    if (/^[ \t]/.test(line)) {
      const last = headers[headers.length - 1];
      if (!last) throw new ImportError(`Line ${i + 1} starts with whitespace but follows no header.`);
      last.value += ' ' + line.trim();
      continue;
    }
    const colon = line.indexOf(':');
    const name = colon > 0 ? line.slice(0, colon) : '';
    if (!TOKEN.test(name)) {
      throw new ImportError(
        `Line ${i + 1} (${JSON.stringify(line.slice(0, 60))}) is not a header; headers look like "name: value", and a blank line separates them from the body.`,
      );
    }
    headers.push({ name, value: line.slice(colon + 1).trim() });
  }

  const notes: string[] = [];
  let url: string;
  if (/^[A-Za-z][A-Za-z0-9+.-]*:\/\//.test(target)) url = target;
  else if (target.startsWith('/')) {
    const host = headerValue({ headers }, 'host');
    if (!host)
      throw new ImportError(
        'The request has no Host header, so the full URL, which is part of what is signed, cannot be rebuilt: add a "Host:" line.',
      );
    const scheme = isLoopbackHost(host) ? 'http' : 'https';
    notes.push(
      `The URL was rebuilt from the Host header as ${scheme}://${host}${target}; the scheme is an assumption (${scheme === 'http' ? 'loopback host' : 'remote host'}).`,
    );
    url = `${scheme}://${host}${target}`;
  } else {
    throw new ImportError(
      `The request target ${JSON.stringify(target.slice(0, 80))} is neither a path starting with "/" nor a full URL.`,
    );
  }

  const body = bodyText === '' ? null : bodyText;
  const declared = headerValue({ headers }, 'content-length');
  if (declared !== undefined && body !== null) {
    const size = new TextEncoder().encode(body).length;
    if (/^\d+$/.test(declared) && Number(declared) !== size) {
      notes.push(
        `Content-Length says ${declared} bytes but the pasted body has ${size}; a copy may have changed line endings or whitespace.`,
      );
    }
  }
  return { method, url, headers, body, notes };
}
