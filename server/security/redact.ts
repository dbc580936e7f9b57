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
    for (const f of forms) if (f.length >= 8 && !this.needles.includes(f)) this.needles.push(f);
    // Longest first so that a longer form is replaced before a shorter one inside it.
    this.needles.sort((a, b) => b.length - a.length);
  }

  /** Adds forms computed elsewhere (a private key's PEM and base64 forms: server/config/partner-keys.ts). */
  addForms(forms: readonly string[]): void {
    for (const f of forms) if (f.length >= 8 && !this.needles.includes(f)) this.needles.push(f);
    this.needles.sort((a, b) => b.length - a.length);
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
    const entries = Object.entries(value);
    let changed = false;
    const walked: Array<[string, unknown]> = [];
    for (const [key, v] of entries) {
      const k = this.walk(key) as string;
      const w = this.walk(v);
      if (k !== key || w !== v) changed = true;
      walked.push([k, w]);
    }
    if (!changed && Object.getPrototypeOf(value) === Object.prototype) return value;
    const out: Record<string, unknown> = {};
    for (const [key, v] of walked) {
      // defineProperty: a key named "__proto__" (from JSON.parse) stays an ordinary property.
      Object.defineProperty(out, key, { value: v, enumerable: true, writable: true, configurable: true });
    }
    return out;
  }
}
