/**
 * The history search language, one rule for the page (which shows what a search means) and the
 * server (which applies it in its history query): free text plus field tokens.
 *
 *   status:403    an exact status (three digits), a class (`4xx`), or `error` for no response
 *   method:POST   the method, in any case
 *   env:production  an environment (a unique start is enough: `env:prod`)
 *   key:read-only   a demo key by name, or a key id exactly
 *   path:/funds   the path starts with this (query included, case as typed)
 *
 * Tokens of the same field are alternatives (`status:401 status:403`), different fields must all
 * hold, and every free-text word must appear somewhere in the path or the bodies. A double-quoted
 * run is one word (`"created at"`, `path:"/a b"`). A `name:` that is not a field is free text, so
 * that `qredo-api-ts:` can still be searched for. No clock, no I/O.
 */
import { ENVIRONMENTS } from './constants.ts';

export type SearchStatus = { kind: 'code'; code: number } | { kind: 'class'; from: number } | { kind: 'error' };

export interface HistorySearch {
  /** Free-text words, each to be found (case-insensitively) in the path or the bodies. */
  words: string[];
  status: SearchStatus[];
  /** Upper-cased. */
  methods: string[];
  environments: Array<(typeof ENVIRONMENTS)[number]>;
  /** As typed: a demo key's name or a key id. */
  keys: string[];
  /** Path prefixes, as typed. */
  paths: string[];
  /** Tokens that name a field but whose value it cannot take, in words. */
  problems: string[];
}

export const SEARCH_FIELDS = ['status', 'method', 'env', 'key', 'path'] as const;
export type SearchField = (typeof SEARCH_FIELDS)[number];

/** One piece of a search, in order: a field token or a free word. */
export type SearchPart = { field: SearchField; value: string } | { field: null; value: string };

/** Splits a search into words at whitespace; a double-quoted run (with its quotes dropped) is one word. */
export function searchWords(q: string): string[] {
  const words: string[] = [];
  let current = '';
  let quoted = false;
  let any = false;
  for (const c of q) {
    if (c === '"') {
      quoted = !quoted;
      any = true;
      continue;
    }
    if (!quoted && /\s/.test(c)) {
      if (any) words.push(current);
      current = '';
      any = false;
      continue;
    }
    current += c;
    any = true;
  }
  if (any) words.push(current);
  return words.filter((w) => w !== '');
}

/** The search's words read as field tokens or free words. */
export function searchParts(q: string): SearchPart[] {
  return searchWords(q).map((word) => {
    const m = /^([a-z]+):(.*)$/is.exec(word);
    const field = m?.[1]?.toLowerCase();
    if (m && field !== undefined && (SEARCH_FIELDS as readonly string[]).includes(field))
      return { field: field as SearchField, value: m[2] ?? '' };
    return { field: null, value: word };
  });
}

function readStatus(value: string): SearchStatus | null {
  const v = value.toLowerCase();
  if (/^[1-5]\d\d$/.test(v)) return { kind: 'code', code: Number(v) };
  if (/^[1-5]xx$/.test(v)) return { kind: 'class', from: Number(v[0]) * 100 };
  if (v === 'error' || v === 'none') return { kind: 'error' };
  return null;
}

function readEnvironment(value: string): (typeof ENVIRONMENTS)[number] | null {
  const v = value.toLowerCase();
  if (v === '') return null;
  const found = ENVIRONMENTS.filter((e) => e.startsWith(v));
  return found.length === 1 ? (found[0] ?? null) : null;
}

/** Reads a search; never throws. An empty value (`status:`) is a problem, as is one the field cannot take. */
export function parseHistorySearch(q: string): HistorySearch {
  const out: HistorySearch = {
    words: [],
    status: [],
    methods: [],
    environments: [],
    keys: [],
    paths: [],
    problems: [],
  };
  for (const part of searchParts(q)) {
    if (part.field === null) {
      out.words.push(part.value);
      continue;
    }
    const { field, value } = part;
    if (value === '') {
      out.problems.push(`${field}: needs a value, e.g. ${EXAMPLES[field]}.`);
      continue;
    }
    switch (field) {
      case 'status': {
        const s = readStatus(value);
        if (s) out.status.push(s);
        else
          out.problems.push(
            `status:${value} is not a status: use three digits (status:403), a class (status:4xx) or status:error.`,
          );
        break;
      }
      case 'method':
        if (/^[!#$%&'*+.^_`|~0-9A-Za-z-]{1,16}$/.test(value)) out.methods.push(value.toUpperCase());
        else out.problems.push(`method:${value} is not a method.`);
        break;
      case 'env': {
        const env = readEnvironment(value);
        if (env) out.environments.push(env);
        else out.problems.push(`env:${value} is not an environment: use ${ENVIRONMENTS.join(', ')}.`);
        break;
      }
      case 'key':
        out.keys.push(value);
        break;
      case 'path':
        out.paths.push(value);
        break;
    }
  }
  return out;
}

const EXAMPLES: Record<SearchField, string> = {
  status: 'status:403',
  method: 'method:POST',
  env: 'env:production',
  key: 'key:read-only',
  path: 'path:/funds',
};

/** True when the search asks for nothing (no word, no token, no problem). */
export function isEmptySearch(s: HistorySearch): boolean {
  return (
    s.words.length +
      s.status.length +
      s.methods.length +
      s.environments.length +
      s.keys.length +
      s.paths.length +
      s.problems.length ===
    0
  );
}

/** What a search asks for, in one sentence for the page ("status 403, method POST, and the text …"). */
export function describeHistorySearch(s: HistorySearch): string {
  const parts: string[] = [];
  const or = (values: string[]) => values.join(' or ');
  if (s.status.length)
    parts.push(
      `status ${or(s.status.map((x) => (x.kind === 'code' ? String(x.code) : x.kind === 'class' ? `${x.from / 100}xx` : 'no response')))}`,
    );
  if (s.methods.length) parts.push(`method ${or(s.methods)}`);
  if (s.environments.length) parts.push(`environment ${or(s.environments)}`);
  if (s.keys.length) parts.push(`key ${or(s.keys)}`);
  if (s.paths.length) parts.push(`path starting ${or(s.paths)}`);
  if (s.words.length) parts.push(`text ${s.words.map((w) => JSON.stringify(w)).join(' and ')}`);
  return parts.join(', ');
}

/** Example tokens for the page's hint, in the order of SEARCH_FIELDS. */
export const SEARCH_EXAMPLES: readonly string[] = SEARCH_FIELDS.map((f) => EXAMPLES[f]);
