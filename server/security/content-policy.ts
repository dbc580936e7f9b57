import { createHash } from 'node:crypto';

/**
 * The Content-Security-Policy of the built page (`vite preview`): scripts only from the playground
 * itself, plus the inline scripts the page was built with, each named by its hash. So even a body
 * that found a way into the page as markup could not run, and the page holding the launch token
 * talks to no other server. Styles may be inline (the code editor writes its own); images and fonts
 * may also be data or blob URLs. The dev server sends only `frame-ancestors 'none'`: Vite's dev
 * client and React's refresh preamble are inline and change with every edit.
 */
export function pagePolicy(indexHtml: string): string {
  const scripts = inlineScriptHashes(indexHtml).map((h) => `'sha256-${h}'`);
  return [
    "default-src 'self'",
    ['script-src', "'self'", ...scripts].join(' '),
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "worker-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** Base64 SHA-256 of the text of each `<script>` without a `src` in the page (as CSP hashes them). */
export function inlineScriptHashes(html: string): string[] {
  const hashes: string[] = [];
  for (const m of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script\s*>/gi)) {
    const [, attributes = '', text = ''] = m;
    if (/\bsrc\s*=/i.test(attributes)) continue;
    hashes.push(createHash('sha256').update(text, 'utf8').digest('base64'));
  }
  return hashes;
}
