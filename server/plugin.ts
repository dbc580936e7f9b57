import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Plugin, PreviewServer, ResolvedConfig, ViteDevServer } from 'vite';
import { checkBindHost, loadConfig } from './config/config.ts';
import { createRouter, perimeterOptions } from './router.ts';
import { assertNotServed, prepareDataDir, realPathOf } from './security/data-dir.ts';
import { pagePolicy } from './security/content-policy.ts';
import { launchUrl } from './security/launch-token.ts';
import { createSiteGuard, guardUpgrades } from './security/site-guard.ts';
import { createServices, type Services } from './services.ts';

/** Everything the web server may serve: the project root, the built page, the public folder, every `server.fs.allow` entry. */
function servedPaths(config: ResolvedConfig): Array<{ path: string; what: string }> {
  return [
    { path: config.root, what: 'the project folder' },
    { path: resolve(config.root, config.build.outDir), what: 'the built page' },
    ...(config.publicDir ? [{ path: config.publicDir, what: 'the public folder' }] : []),
    ...config.server.fs.allow.map((path) => ({ path, what: 'a folder Vite may serve (server.fs.allow)' })),
  ];
}

/**
 * The playground's backend as a Vite plugin: one /api router mounted in `vite` and `vite preview`,
 * behind a guard that covers every path of the server. The database and the embedded mock start on
 * first use and stop with the server. It refuses to start when its data folder could be served or
 * when it would listen beyond loopback without PLAYGROUND_ALLOW_REMOTE=1.
 */
export function playground(): Plugin {
  let services: Services | null = null;

  const mount = (server: ViteDevServer | PreviewServer, host: string | boolean | undefined, contentPolicy?: string) => {
    const config = loadConfig();
    const bound = typeof host === 'string' ? host : host === true ? '0.0.0.0' : config.host;
    const warning = checkBindHost(bound, config.allowRemote);
    const prepared = prepareDataDir(config.dataDir);
    assertNotServed(prepared.realDir, servedPaths(server.config));
    if (warning) console.warn(warning);
    for (const note of prepared.notes) console.warn(`[playground] ${note}`);
    const ready = createServices({ ...config, host: bound });
    services = ready;
    const token = ready.launchToken();
    for (const line of token.warnings) console.warn(`[playground] ${line}`);
    const credentialsWarning = ready.credentials.modeWarning();
    if (credentialsWarning) console.warn(`[playground] ${credentialsWarning}`);
    const options = () => perimeterOptions(ready);
    server.middlewares.use(createSiteGuard(options, contentPolicy));
    server.middlewares.use(createRouter(ready));
    if (server.httpServer) guardUpgrades(server.httpServer as import('node:http').Server, options);
    const printUrls = server.printUrls.bind(server);
    server.printUrls = () => {
      printUrls();
      const local = server.resolvedUrls?.local[0] ?? `http://127.0.0.1:${config.port}/`;
      server.config.logger.info(
        `\n  Open the playground with its launch token (kept in ${token.source === 'env' ? 'PLAYGROUND_TOKEN' : token.file}):\n  ${launchUrl(local, token.current())}\n`,
      );
    };
    server.httpServer?.once('close', () => void ready.close());
  };

  return {
    name: 'qredo-playground-backend',
    config(_, env) {
      if (env.command !== 'serve') return;
      // Belt and braces beside the start-up refusal: Vite never serves a file of the data folder.
      const realDir = realPathOf(loadConfig().dataDir);
      return { server: { fs: { deny: [...VITE_DEFAULT_DENY, `${realDir}/**`] } } };
    },
    configureServer: (server) => mount(server, server.config.server.host),
    configurePreviewServer: (server) => mount(server, server.config.preview.host, builtPagePolicy(server)),
    async buildEnd() {
      await services?.close();
    },
  };
}

/** The built page's policy, with the inline scripts of the index.html it serves; none where there is no build yet. */
function builtPagePolicy(server: PreviewServer): string | undefined {
  try {
    return pagePolicy(readFileSync(resolve(server.config.root, server.config.build.outDir, 'index.html'), 'utf8'));
  } catch {
    return undefined;
  }
}

/** Vite's own `server.fs.deny` defaults, which a configured list replaces. */
const VITE_DEFAULT_DENY = ['.env', '.env.*', '*.{crt,pem,key,p12,pfx,cer,der}', '.npmrc', '.yarnrc.yml', '**/.git/**'];
