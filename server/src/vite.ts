import { join } from 'node:path';
import type { Connect, Plugin } from 'vite';
import { configFromEnv, createPasskeyServer, defaultConfig, nodeMiddleware } from './index.ts';

/**
 * A Vite plugin (`passkey-elements-server/vite`) that serves the reference backend under
 * /api/passkeys on Vite's dev and preview servers, so a page and its API share one origin and no
 * other service is needed. Accounts live in `.data/` (PGlite) beside the project's vite.config.ts;
 * DATA_DIR moves them (empty: in memory), DATABASE_URL uses PostgreSQL; SMTP_URL and MAIL_FROM send
 * the email codes (without them they go to the console and `/api/passkeys/dev/outbox`), and the other
 * settings of configFromEnv apply too. For development: in production, mount the API in your own server.
 */
export function passkeyApi(): Plugin {
  let root = process.cwd();
  let handler: Promise<Connect.NextHandleFunction> | undefined;
  let close: (() => Promise<void>) | undefined;

  function mount(middlewares: Connect.Server, localUrls: () => string[]) {
    middlewares.use((request, response, next) => {
      // Pages and scripts need no database: only API requests wait for it to open.
      if (!request.url?.startsWith(defaultConfig.basePath)) return next();
      handler ??= start(localUrls());
      handler.then((handle) => handle(request, response, next), next);
    });
  }

  async function start(localUrls: string[]) {
    const config = configFromEnv({ DATA_DIR: join(root, '.data'), ...process.env });
    // Without ORIGINS the allowed origin is the one this server listens on.
    if (!process.env.ORIGINS) config.origins = localUrls.map((url) => new URL(url).origin);
    // A development server says when an account does not exist, even under Vite's NODE_ENV=production.
    if (!process.env.ENUMERATION_SAFE) config.enumerationSafe = false;
    // A local dev or preview server (whose NODE_ENV Vite sets to production for a build): without
    // SMTP, codes go to the console and the dev outbox.
    const server = await createPasskeyServer(config, { development: true });
    close = () => server.close();
    return nodeMiddleware(server);
  }

  return {
    name: 'passkey-api',
    configResolved(config) {
      root = config.root;
    },
    configureServer(vite) {
      mount(vite.middlewares, () => vite.resolvedUrls?.local ?? []);
      vite.httpServer?.once('close', () => void close?.());
    },
    configurePreviewServer(preview) {
      mount(preview.middlewares, () => preview.resolvedUrls?.local ?? []);
      preview.httpServer.once('close', () => void close?.());
    },
  };
}
