/**
 * From a URL written in another tool's file to what the playground stores: an environment and a path
 * relative to its base. The environments' base URLs are a parameter (the mock's port is configuration).
 *
 * Variables in the URL are resolved, through `lookup`, only to recognise the base; whatever follows
 * the base is kept as written, {{variables}} included. When the base ends inside a variable's value
 * (`{{url}}/x` with url = https://api.qredo.network/qapi/v1/balance), the rest of that value becomes
 * literal text of the path, and a note says so.
 *
 * With the Partner API's bases too, a URL under one of those is a Partner API request (`scheme`).
 *
 * Public API: mapUrlToEnvironment(url, lookup, bases, partnerBases?): MappedUrl; baseOf(environment,
 * scheme, bases, partnerBases?); EnvironmentBases.
 */
import { itemAt } from '../checked.ts';
import type { Environment } from '../contract.ts';
import { ENVIRONMENTS } from '../constants.ts';
import { checkPath } from '../signing/url.ts';
import { findReferences } from './variables.ts';

export type EnvironmentBases = Readonly<Record<Environment, string>>;

/**
 * The base URL a saved request is sent to: its environment's, of its API (a Partner API request's is
 * the Partner API's base when those are known).
 */
export function baseOf(
  environment: Environment,
  scheme: 'v1' | 'partner' | undefined,
  bases: EnvironmentBases,
  partnerBases?: EnvironmentBases,
): string {
  return (scheme === 'partner' && partnerBases ? partnerBases : bases)[environment];
}

export interface MappedUrl {
  environment: Environment | null;
  /** Whose base it is under: Qredo API v1's or the Partner API's (v1 when under none). */
  scheme: 'v1' | 'partner';
  path: string;
  notes: string[];
}

interface Piece {
  /** As written. */
  text: string;
  /** The variable name, for a {{reference}}. */
  variable?: string;
  /** Resolved text, or null when it could not be resolved. */
  resolved: string | null;
}

const MAX_RESOLVE_DEPTH = 8;
const V1_PREFIX = '/qapi/v1';

/** Resolves {{x}} in a value recursively through `lookup`; null when something is undefined or cyclic. */
function resolveAll(text: string, lookup: (name: string) => string | undefined, depth: number): string | null {
  const refs = findReferences(text);
  if (refs.length === 0) return text;
  if (depth >= MAX_RESOLVE_DEPTH) return null;
  let out = '';
  let last = 0;
  for (const r of refs) {
    if (r.kind !== 'variable') return null;
    const v = lookup(r.name);
    if (v === undefined) return null;
    const inner = resolveAll(v, lookup, depth + 1);
    if (inner === null) return null;
    out += text.slice(last, r.range.start) + inner;
    last = r.range.end;
  }
  return out + text.slice(last);
}

function piecesOf(url: string, lookup: (name: string) => string | undefined): Piece[] {
  const pieces: Piece[] = [];
  let last = 0;
  for (const r of findReferences(url)) {
    if (r.range.start > last) {
      const t = url.slice(last, r.range.start);
      pieces.push({ text: t, resolved: t });
    }
    const text = url.slice(r.range.start, r.range.end);
    const v = r.kind === 'variable' ? lookup(r.name) : undefined;
    pieces.push({ text, variable: r.name, resolved: v === undefined ? null : resolveAll(v, lookup, 1) });
    last = r.range.end;
  }
  if (last < url.length) pieces.push({ text: url.slice(last), resolved: url.slice(last) });
  return pieces;
}

function short(text: string): string {
  return text.length > 120 ? `${text.slice(0, 117)}…` : text;
}

/**
 * The environment whose base the URL starts with (the longest base wins) and the path after it.
 * A URL without a scheme is read as http://, as the JetBrains client does. A fragment is removed.
 */
export function mapUrlToEnvironment(
  url: string,
  lookup: (name: string) => string | undefined,
  bases: EnvironmentBases,
  partnerBases?: EnvironmentBases,
): MappedUrl {
  const notes: string[] = [];
  const pieces = piecesOf(url.trim(), lookup);
  // The resolved prefix: every piece up to the first one that cannot be resolved.
  let known = '';
  const starts: number[] = [];
  let unresolved: string | null = null;
  let resolvedCount = 0;
  for (const p of pieces) {
    starts.push(known.length);
    if (p.resolved === null) {
      unresolved = p.text;
      break;
    }
    known += p.resolved;
    resolvedCount++;
  }
  let added = 0;
  if (!/^[A-Za-z][A-Za-z0-9+.-]*:\/\//.test(known) && !known.startsWith('/') && known !== '') {
    known = 'http://' + known;
    added = 'http://'.length;
  }

  /** The original text from resolved offset `cut` on (the rest of a straddled piece becomes literal). */
  const restFrom = (cut: number): { path: string; straddled: string | null } => {
    const at = cut - added;
    for (let k = 0; k < pieces.length; k++) {
      const start = starts[k];
      const p = itemAt(pieces, k);
      if (start === undefined || p.resolved === null) break;
      const end = start + p.resolved.length;
      if (at >= start && at < end) {
        const after = pieces
          .slice(k + 1)
          .map((q) => q.text)
          .join('');
        if (p.variable === undefined) return { path: p.text.slice(at - start) + after, straddled: null };
        if (at === start) return { path: p.text + after, straddled: null };
        return { path: p.resolved.slice(at - start) + after, straddled: p.variable };
      }
    }
    // At the very end of the resolved prefix: the pieces not resolved, as written.
    return {
      path: pieces
        .slice(resolvedCount)
        .map((q) => q.text)
        .join(''),
      straddled: null,
    };
  };

  const lower = known.toLowerCase();
  let best: { env: Environment; base: string; scheme: MappedUrl['scheme'] } | null = null;
  const apis = [['v1', bases] as const, ...(partnerBases ? [['partner', partnerBases] as const] : [])];
  for (const [scheme, of] of apis) {
    for (const env of ENVIRONMENTS) {
      const base = of[env].replace(/\/+$/, '');
      if (base === '') continue;
      if (!lower.startsWith(base.toLowerCase())) continue;
      const next = known[base.length];
      if (next !== undefined && next !== '/' && next !== '?' && next !== '#') continue;
      if (!best || base.length > best.base.length) best = { env, base, scheme };
    }
  }

  let environment: Environment | null = null;
  let path: string;
  if (best) {
    environment = best.env;
    const rest = restFrom(best.base.length);
    path = rest.path;
    if (rest.straddled)
      notes.push(
        `The base came from {{${rest.straddled}}}; the part of its value after the base is now part of the path.`,
      );
  } else {
    const origin = /^[A-Za-z][A-Za-z0-9+.-]*:\/\/[^/?#]*/.exec(known);
    if (origin && (unresolved === null || known.length > origin[0].length)) {
      let cut = origin[0].length;
      if (
        known.slice(cut).toLowerCase().startsWith(V1_PREFIX) &&
        /^($|[/?#])/.test(known.slice(cut + V1_PREFIX.length))
      )
        cut += V1_PREFIX.length;
      path = restFrom(cut).path;
    } else path = url.trim();
    const why = unresolved ? ` (${unresolved} is not defined in the file or its environment)` : '';
    notes.push(`${short(url.trim())} is outside every environment's base${why}: choose one before sending.`);
  }

  const hash = path.search(/#/);
  if (hash >= 0) {
    notes.push(`The fragment ${short(path.slice(hash))} was removed: a fragment is never sent.`);
    path = path.slice(0, hash);
  }
  const check = checkPath(path.replace(/\{\{[^{}]*\}\}/g, 'x') || '/');
  if (!check.ok) notes.push(`The path needs attention before sending: ${check.error}`);
  return { environment, scheme: best?.scheme ?? 'v1', path, notes };
}
