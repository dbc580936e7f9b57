/**
 * Reads a cURL command as people paste it: from documentation, from a browser's "copy as cURL"
 * (bash or Windows cmd), or from the playground's own snippets. Only what shapes the request is
 * kept (method, URL, headers, body); transport flags are ignored; anything that would read a file
 * is refused, since a paste must stand on its own.
 */
import { itemAt } from '../checked.ts';
import { cmdWords, looksLikeCmd, posixWords } from './shell-words.ts';
import { ImportError, type ImportedHeader, type ImportedRequest } from './types.ts';

/** Longest command accepted, in characters. */
export const MAX_CURL_LENGTH = 5 * 1024 * 1024;

type Kind =
  'method' | 'header' | 'data' | 'data-raw' | 'json' | 'url' | 'user-agent' | 'referer' | 'cookie' | 'ignore-value';

const WITH_VALUE: Record<string, Kind> = {
  '-X': 'method',
  '--request': 'method',
  '-H': 'header',
  '--header': 'header',
  '-d': 'data',
  '--data': 'data',
  '--data-ascii': 'data',
  '--data-binary': 'data',
  '--data-raw': 'data-raw',
  '--json': 'json',
  '--url': 'url',
  '-A': 'user-agent',
  '--user-agent': 'user-agent',
  '-e': 'referer',
  '--referer': 'referer',
  '-b': 'cookie',
  '--cookie': 'cookie',
  '-o': 'ignore-value',
  '--output': 'ignore-value',
  '-m': 'ignore-value',
  '--max-time': 'ignore-value',
  '--connect-timeout': 'ignore-value',
  '--retry': 'ignore-value',
  '-w': 'ignore-value',
  '--write-out': 'ignore-value',
  '-x': 'ignore-value',
  '--proxy': 'ignore-value',
  '--resolve': 'ignore-value',
  '--cacert': 'ignore-value',
  '--capath': 'ignore-value',
  '-E': 'ignore-value',
  '--cert': 'ignore-value',
  '--key': 'ignore-value',
  '-c': 'ignore-value',
  '--cookie-jar': 'ignore-value',
  '--limit-rate': 'ignore-value',
  '-u': 'ignore-value',
  '--user': 'ignore-value',
  '--max-redirs': 'ignore-value',
  '--interface': 'ignore-value',
};

/** Flags without a value that do not change the request's method, URL, headers or body. */
const IGNORED_FLAGS = new Set([
  '--compressed',
  '-s',
  '--silent',
  '-S',
  '--show-error',
  '-i',
  '--include',
  '-k',
  '--insecure',
  '-L',
  '--location',
  '-v',
  '--verbose',
  '-f',
  '--fail',
  '--fail-with-body',
  '-N',
  '--no-buffer',
  '-g',
  '--globoff',
  '--http1.0',
  '--http1.1',
  '--http2',
  '--http2-prior-knowledge',
  '--http3',
  '--raw',
  '--path-as-is',
  '--ssl-no-revoke',
  '--tr-encoding',
  '-#',
  '--progress-bar',
  '--no-progress-meter',
  '-4',
  '--ipv4',
  '-6',
  '--ipv6',
  '-0',
]);
const IGNORED_SHORT = new Set(['s', 'S', 'i', 'k', 'L', 'v', 'f', 'N', 'g', '#', '4', '6', '0']);

function fileRefused(option: string): ImportError {
  return new ImportError(
    `${option} @file reads the body from a file, which a pasted command cannot carry: paste the body itself (for example --data-raw '{"a":1}').`,
  );
}

function parseHeader(text: string): ImportedHeader | null {
  const colon = text.indexOf(':');
  if (colon <= 0) {
    // "-H 'Name;'" sends an empty header; "-H 'Name:'" removes one. Neither carries a value.
    return null;
  }
  const name = text.slice(0, colon).trim();
  if (!/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(name))
    throw new ImportError(`The header ${JSON.stringify(text.slice(0, 60))} does not have a valid name before ":".`);
  return {
    name,
    value: text
      .slice(colon + 1)
      .replace(/^[ \t]+/, '')
      .replace(/[ \t\r\n]+$/, ''),
  };
}

/** Parses a cURL command. Throws ImportError with a message a person can act on. */
export function parseCurl(text: string): ImportedRequest {
  if (text.length > MAX_CURL_LENGTH) throw new ImportError(`The command is longer than ${MAX_CURL_LENGTH} characters.`);
  const trimmed = text.trim();
  if (trimmed === '')
    throw new ImportError(
      'The command is empty: paste a cURL command such as curl https://api.qredo.network/qapi/v1/balance.',
    );
  const { words, rest } = looksLikeCmd(trimmed) ? cmdWords(trimmed) : posixWords(trimmed);
  const notes: string[] = [];
  if (rest.trim() !== '')
    notes.push(`Ignored what follows the curl command (${JSON.stringify(rest.trim().slice(0, 40))}).`);
  const first = words[0];
  if (first === undefined || !/(^|[/\\])curl(\.exe)?$/i.test(first)) {
    throw new ImportError('This is not a cURL command: it should start with "curl".');
  }

  // Set inside take(), which the compiler's narrowing does not follow: without `as`, both would read
  // as always null below.
  let method = null as string | null;
  let url = null as string | null;
  let head = false;
  let getMode = false;
  const headers: ImportedHeader[] = [];
  const data: string[] = [];
  const ignored = new Set<string>();

  const take = (kind: Kind, option: string, value: string) => {
    switch (kind) {
      case 'method':
        if (!/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(value))
          throw new ImportError(`${option} ${JSON.stringify(value)} is not an HTTP method.`);
        method = value;
        break;
      case 'header': {
        if (value.startsWith('@'))
          throw new ImportError(
            `${option} @file reads headers from a file, which a pasted command cannot carry: paste the headers themselves.`,
          );
        const h = parseHeader(value);
        if (h) headers.push(h);
        else notes.push(`Ignored ${option} ${JSON.stringify(value.slice(0, 40))}: it carries no value.`);
        break;
      }
      case 'data':
        if (value.startsWith('@')) throw fileRefused(option);
        data.push(value);
        break;
      case 'data-raw':
        data.push(value);
        break;
      case 'json':
        if (value.startsWith('@')) throw fileRefused(option);
        data.push(value);
        if (!headers.some((x) => x.name.toLowerCase() === 'content-type'))
          headers.push({ name: 'Content-Type', value: 'application/json' });
        if (!headers.some((x) => x.name.toLowerCase() === 'accept'))
          headers.push({ name: 'Accept', value: 'application/json' });
        break;
      case 'url':
        if (url !== null)
          throw new ImportError('The command names more than one URL; the importer takes one request at a time.');
        url = value;
        break;
      case 'user-agent':
        headers.push({ name: 'User-Agent', value });
        break;
      case 'referer':
        headers.push({ name: 'Referer', value });
        break;
      case 'cookie':
        if (value.includes('=')) headers.push({ name: 'Cookie', value });
        else notes.push(`Ignored ${option} ${JSON.stringify(value)}: it names a cookie file.`);
        break;
      case 'ignore-value':
        ignored.add(option);
        break;
    }
  };

  for (let i = 1; i < words.length; i++) {
    const word = itemAt(words, i);
    if (word === '--') {
      for (const positional of words.slice(i + 1)) take('url', 'URL', positional);
      break;
    }
    if (word.startsWith('--')) {
      const eq = word.indexOf('=');
      const option = eq > 2 ? word.slice(0, eq) : word;
      const kind = WITH_VALUE[option];
      if (kind) {
        let value: string;
        if (eq > 2) value = word.slice(eq + 1);
        else {
          const next = words[i + 1];
          if (next === undefined) throw new ImportError(`${option} needs a value after it.`);
          value = next;
          i++;
        }
        take(kind, option, value);
      } else if (word === '--get') getMode = true;
      else if (word === '--head') head = true;
      else if (IGNORED_FLAGS.has(word)) ignored.add(word);
      else throw new ImportError(`The option ${word} is not one the importer understands; remove it and paste again.`);
      continue;
    }
    if (word.startsWith('-') && word.length > 1) {
      const short = word.slice(0, 2);
      const kind = WITH_VALUE[short];
      if (kind) {
        let value: string;
        if (word.length > 2) value = word.slice(2);
        else {
          const next = words[i + 1];
          if (next === undefined) throw new ImportError(`${short} needs a value after it.`);
          value = next;
          i++;
        }
        take(kind, short, value);
        continue;
      }
      // Bundled short flags such as -sSL or -sG.
      const letters = word.slice(1).split('');
      if (letters.every((l) => IGNORED_SHORT.has(l) || l === 'G' || l === 'I')) {
        for (const l of letters) {
          if (l === 'G') getMode = true;
          else if (l === 'I') head = true;
          else ignored.add(`-${l}`);
        }
        continue;
      }
      throw new ImportError(`The option ${word} is not one the importer understands; remove it and paste again.`);
    }
    take('url', 'URL', word);
  }

  if (url === null) throw new ImportError('The command has no URL.');
  let finalUrl: string = url;
  if (/[\r\n]/.test(finalUrl)) throw new ImportError('The URL contains a line break.');
  if (!/^[A-Za-z][A-Za-z0-9+.-]*:\/\//.test(finalUrl)) notes.push('The URL has no scheme; curl would assume http://.');
  let body: string | null = data.length ? data.join('&') : null;
  if (getMode && body !== null) {
    finalUrl += (finalUrl.includes('?') ? '&' : '?') + body;
    body = null;
  }
  const chosen: string = method ?? (head ? 'HEAD' : body !== null ? 'POST' : 'GET');
  if (ignored.size) notes.push(`Ignored ${[...ignored].join(', ')}: they do not change what is signed.`);
  return { method: chosen, url: finalUrl, headers, body, notes };
}
