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

  private walk(value: unknown): unknown {
    if (typeof value === 'string') return this.scrub(value);
    if (value === null || typeof value !== 'object') return value;
    const plain =
      typeof (value as { toJSON?: unknown }).toJSON === 'function' ? (value as { toJSON(): unknown }).toJSON() : value;
    if (plain !== value) return this.walk(plain);
    if (Array.isArray(value)) return value.map((v) => this.walk(v));
    const out: Record<string, unknown> = {};
    for (const [key, v] of Object.entries(value)) {
      // defineProperty: a key named "__proto__" (from JSON.parse) stays an ordinary property.
      Object.defineProperty(out, this.scrub(key), {
        value: this.walk(v),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
    return out;
  }
}
