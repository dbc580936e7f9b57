import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { inlineScriptHashes, pagePolicy } from './content-policy.ts';

const b64 = (text: string) => createHash('sha256').update(text, 'utf8').digest('base64');

describe('the built page content policy', () => {
  it('names each inline script by the hash of its exact text, and never a script with a src', () => {
    const theme = "\n      (function () { document.documentElement.classList.add('dark'); })();\n    ";
    const html = `<head><script>${theme}</script><script type="module" crossorigin src="/assets/index.js"></script><SCRIPT type="text/javascript">é</SCRIPT></head>`;
    expect(inlineScriptHashes(html)).toEqual([b64(theme), b64('é')]);
  });

  it("allows the page's own scripts and those hashes, and no other server, frame or plugin", () => {
    const policy = pagePolicy('<script>a()</script>');
    const directives = Object.fromEntries(policy.split('; ').map((d) => [d.split(' ')[0], d.split(' ').slice(1)]));
    expect(directives['script-src']).toEqual(["'self'", `'sha256-${b64('a()')}'`]);
    expect(directives['script-src']).not.toContain("'unsafe-inline'");
    expect(directives['script-src']).not.toContain("'unsafe-eval'");
    expect(directives['connect-src']).toEqual(["'self'"]);
    expect(directives['default-src']).toEqual(["'self'"]);
    expect(directives['object-src']).toEqual(["'none'"]);
    expect(directives['frame-ancestors']).toEqual(["'none'"]);
  });
});
