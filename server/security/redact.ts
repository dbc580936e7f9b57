import { scrubPrivateKeyShapes } from '../../core/partner/key-forms.ts';
import { decodeSecret, base64standard, base64url, toHex } from '../../core/signing/index.ts';

const MARK = '[redacted]';

/**
 * The one chokepoint between secrets and every way out (API answers, history rows, exports, logs,
 * error messages). It knows every configured secret and the forms derived from it alone, and the
 * shapes of any RSA private key (a PEM block, its DER in base64 or hex), known to it or not.
 */
export class Redactor {
  private needles: string[] = [];
  private finder: NeedleFinder | null = null;

  add(secret: string): void {
    const forms = new Set<string>();
    const trimmed = secret.trim();
    if (trimmed.length >= 4) forms.add(trimmed);
    if (secret.length >= 4) forms.add(secret);
    const decoded = decodeSecret(secret);
    if (decoded.ok) {
      const key = decoded.key;
      forms.add(toHex(key));
      forms.add(toHex(key).toUpperCase());
      forms.add(base64standard(key));
      forms.add(base64standard(key).replace(/=+$/, ''));
      forms.add(base64url(key));
      // The decoded key as text (Qredo keys are ASCII bcrypt strings).
      const text = new TextDecoder('utf-8', { fatal: false }).decode(key);
      if (text.length >= 8 && !text.includes('\uFFFD')) {
        forms.add(text);
        forms.add(JSON.stringify(text).slice(1, -1));
      }
    }
    this.addForms([...forms]);
  }

  /** Adds forms computed elsewhere (a private key's PEM and base64 forms: server/config/partner-keys.ts). */
  addForms(forms: readonly string[]): void {
    for (const f of forms) if (f.length >= 8 && !this.needles.includes(f)) this.needles.push(f);
    // Longest first so that a longer form is replaced before a shorter one inside it.
    this.needles.sort((a, b) => b.length - a.length);
    this.finder = null;
  }

  /**
   * True when the text equals or contains a configured secret in one of its forms: what the workbench
   * refuses to store (variables, saved requests, drafts), since none of them is for secrets.
   */
  containsSecret(text: string): boolean {
    return this.needles.some((needle) => text.includes(needle));
  }

  /**
   * Every form of every configured secret, for the core functions that take them as a list (the
   * workbench importers drop a variable holding one). Never to be sent, stored or logged.
   */
  secretForms(): readonly string[] {
    return [...this.needles];
  }

  scrub(text: string): string {
    let out = text;
    this.finder ??= new NeedleFinder(this.needles);
    // One pass finds whether any form occurs at all (most text holds none); only then, form by form.
    if (this.finder.anyIn(text))
      for (const needle of this.needles) if (out.includes(needle)) out = out.split(needle).join(MARK);
    return scrubPrivateKeyShapes(out, MARK).text;
  }

  /**
   * Scrubs every string inside a JSON-shaped value, object keys included, keeping its structure.
   * String by string rather than over the serialised JSON: a secret whose decoded text happens to
   * look like JSON syntax (`","status":`) must not be able to cut an answer into invalid JSON.
   */
  scrubValue<T>(value: T): T {
    return this.walk(value) as T;
  }

  /** The shortest form: a string shorter than it cannot hold any, and is not scanned. */
  private get shortest(): number {
    return this.needles[this.needles.length - 1]?.length ?? Infinity;
  }

  /**
   * Copy on write: a value with nothing to scrub comes back as it was, unchanged and uncopied, so
   * that scrubbing an answer twice (once for history, once on the way out) costs one walk, no copies.
   */
  private walk(value: unknown): unknown {
    if (typeof value === 'string') return value.length < this.shortest ? value : this.scrub(value);
    if (value === null || typeof value !== 'object') return value;
    const plain =
      typeof (value as { toJSON?: unknown }).toJSON === 'function' ? (value as { toJSON(): unknown }).toJSON() : value;
    if (plain !== value) return this.walk(plain);
    if (Array.isArray(value)) {
      let copy: unknown[] | null = null;
      for (let i = 0; i < value.length; i++) {
        const v: unknown = value[i];
        const w = this.walk(v);
        if (copy === null && w !== v) copy = value.slice(0, i);
        copy?.push(w);
      }
      return copy ?? value;
    }
    // Keys in their own order; a copy is started at the first key or value that changes.
    const source = value as Record<string, unknown>;
    const keys = Object.keys(source);
    const plainObject = Object.getPrototypeOf(value) === Object.prototype;
    let out: Record<string, unknown> | null = plainObject ? null : {};
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i] as string;
      const v = source[key];
      const k = this.walk(key) as string;
      const w = this.walk(v);
      if (out === null && (k !== key || w !== v)) {
        out = {};
        for (let j = 0; j < i; j++) define(out, keys[j] as string, source[keys[j] as string]);
      }
      if (out !== null) define(out, k, w);
    }
    return out ?? value;
  }
}

/** defineProperty: a key named "__proto__" (from JSON.parse) stays an ordinary property. */
function define(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

/**
 * Whether a text contains any of many strings, in one pass over the text instead of one per string
 * (a few hundred forms are configured: the demo keys', the Partner keys' PEM and base64 forms). A hash
 * of the first `width` characters of each form (the shortest form's length) is kept in a set; a
 * window of that width rolls over the text, and only where its hash is in the set is the text
 * compared with the forms that start so. A form that occurs is always found: its window's hash is
 * its own prefix's.
 */
class NeedleFinder {
  private readonly width: number;
  private readonly byPrefix = new Map<number, string[]>();
  /** One bit per low 20 bits of a prefix hash: most windows are turned away here, without the map. */
  private readonly seen = new Uint32Array(1 << 15);
  /** BASE to the power width - 1, mod 2^32: what the character leaving the window weighed. */
  private readonly outWeight: number;

  constructor(needles: readonly string[]) {
    // No forms (a redactor nothing was added to): a width no text reaches, and no loop to run.
    this.width = needles.length === 0 ? Number.MAX_SAFE_INTEGER : Math.min(...needles.map((n) => n.length));
    let weight = 1;
    for (let i = 1; i < this.width && needles.length > 0; i++) weight = Math.imul(weight, BASE);
    this.outWeight = weight;
    for (const needle of needles) {
      const h = hashPrefix(needle, this.width);
      const slot = (h >>> 5) & 0x7fff;
      this.seen[slot] = (this.seen[slot] ?? 0) | (1 << (h & 31));
      const list = this.byPrefix.get(h);
      if (list) list.push(needle);
      else this.byPrefix.set(h, [needle]);
    }
  }

  anyIn(text: string): boolean {
    const w = this.width;
    if (text.length < w) return false;
    let h = hashPrefix(text, w);
    for (let i = 0; ; i++) {
      if (((this.seen[(h >>> 5) & 0x7fff] ?? 0) >>> (h & 31)) & 1) {
        const candidates = this.byPrefix.get(h);
        if (candidates?.some((needle) => text.startsWith(needle, i))) return true;
      }
      if (i + w >= text.length) return false;
      h = (Math.imul(h - Math.imul(text.charCodeAt(i), this.outWeight), BASE) + text.charCodeAt(i + w)) | 0;
    }
  }
}

const BASE = 0x01000193;

function hashPrefix(text: string, width: number): number {
  let h = 0;
  for (let i = 0; i < width; i++) h = (Math.imul(h, BASE) + text.charCodeAt(i)) | 0;
  return h;
}
