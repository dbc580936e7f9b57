/** Binary bodies are never interpreted: a notice and a hex preview of the first bytes. */

/** Decodes base64 (standard alphabet) into bytes; reads at most `maxBytes`. */
export function decodeBase64(b64: string, maxBytes = Infinity): Uint8Array {
  const chars = Math.min(b64.length, Number.isFinite(maxBytes) ? Math.ceil(maxBytes / 3) * 4 : b64.length);
  const bin = atob(b64.slice(0, chars - (chars % 4)));
  const len = Math.min(bin.length, maxBytes);
  const out = new Uint8Array(len);
  for (let i = 0; i < len; i++) out[i] = bin.charCodeAt(i);
  return out;
}

/** Classic hex dump lines: "00000000  7b 22 61 …  |{"a…|". */
export function hexDump(bytes: Uint8Array, width = 16): string[] {
  const lines: string[] = [];
  for (let off = 0; off < bytes.length; off += width) {
    const row = bytes.subarray(off, off + width);
    const hex = Array.from(row, (b) => b.toString(16).padStart(2, '0')).join(' ');
    const ascii = Array.from(row, (b) => (b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : '.')).join('');
    lines.push(`${off.toString(16).padStart(8, '0')}  ${hex.padEnd(width * 3 - 1, ' ')}  |${ascii}|`);
  }
  return lines;
}

/** A file extension for a download, by content type. */
export function extensionFor(contentType: string | undefined, binary: boolean): string {
  const ct = (contentType ?? '').toLowerCase();
  if (/[/+]json\b/.test(ct)) return 'json';
  if (ct.includes('html')) return 'html';
  if (ct.includes('xml')) return 'xml';
  if (ct.startsWith('text/')) return 'txt';
  return binary ? 'bin' : 'txt';
}
