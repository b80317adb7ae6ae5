import { defineConfig, type Connect, type Plugin } from 'vite';
import { configFromEnv, createPasskeyServer, nodeMiddleware, type PasskeyServerConfig } from './server/src/index.ts';

/**
 * Serves the reference backend under /api/passkeys on the dev and preview servers, so the demo
 * and the API share one origin. Data lives in `.data/` (PGlite) unless DATABASE_URL is set.
 */
function passkeyApi(): Plugin {
  let handler: Promise<Connect.NextHandleFunction> | undefined;
  let close: (() => Promise<void>) | undefined;

  function mount(middlewares: Connect.Server, localUrls: () => string[]) {
    middlewares.use((request, response, next) => {
      handler ??= start(localUrls());
      handler.then((handle) => handle(request, response, next), next);
    });
  }

  async function start(localUrls: string[]) {
    const config: PasskeyServerConfig = configFromEnv();
    // Without ORIGINS the allowed origin is the one this dev server listens on.
    if (!process.env.ORIGINS) config.origins = localUrls.map((url) => new URL(url).origin);
    const server = await createPasskeyServer(config);
    close = () => server.close();
    return nodeMiddleware(server);
  }

  return {
    name: 'passkey-api',
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

export default defineConfig({
  plugins: [passkeyApi()],
  server: { host: 'localhost' },
  preview: { host: 'localhost' },
  build: { target: 'es2022' },
});
