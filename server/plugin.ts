import type { Plugin, PreviewServer, ViteDevServer } from 'vite';
import { isInside, isLoopback, loadConfig } from './config/config.ts';
import { createRouter } from './router.ts';
import { createServices, type Services } from './services.ts';

/**
 * The playground's backend as a Vite plugin: one /api router mounted in `vite` and `vite preview`,
 * before Vite's own static and SPA handling. The database and the embedded mock start on first use
 * and stop with the server.
 */
export function playground(): Plugin {
  let services: Services | null = null;

  const mount = (server: ViteDevServer | PreviewServer) => {
    const config = loadConfig();
    const root = server.config.root;
    if (isInside(config.dataDir, root)) {
      throw new Error(
        `PLAYGROUND_DATA_DIR (${config.dataDir}) is inside the project folder, where the dev server could serve it. Choose a folder outside ${root}.`,
      );
    }
    const host = typeof server.config.server.host === 'string' ? server.config.server.host : config.host;
    if (!isLoopback(host)) {
      const line = '!'.repeat(78);
      console.warn(
        `${line}\n! The playground is listening on ${host}, not on loopback: other machines can reach a\n! server that signs with your Qredo keys. Unset HOST to bind 127.0.0.1.\n${line}`,
      );
    }
    services = createServices(config);
    server.middlewares.use(createRouter(services));
    server.httpServer?.once('close', () => void services?.close());
  };

  return {
    name: 'qredo-playground-backend',
    configureServer: mount,
    configurePreviewServer: mount,
    async buildEnd() {
      await services?.close();
    },
  };
}
