import { decodeSecret, base64standard, base64url, toHex } from '../../core/signing/index.ts';

const MARK = '[redacted]';

/**
 * The one chokepoint between secrets and every way out (API answers, history rows, exports, logs,
 * error messages). It knows every configured secret and the forms derived from it alone.
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

  scrub(text: string): string {
    let out = text;
    for (const needle of this.needles) if (out.includes(needle)) out = out.split(needle).join(MARK);
    return out;
  }

  /** Scrubs every string inside a JSON-shaped value. */
  scrubValue<T>(value: T): T {
    if (this.needles.length === 0) return value;
    const text = JSON.stringify(value);
    const clean = this.scrub(text);
    return clean === text ? value : (JSON.parse(clean) as T);
  }
}
