/**
 * Standalone server: the passkey API plus the built demo from `dist/` (run `vite build` first).
 * Configured by environment variables; see docs/server.md.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { serve } from '@hono/node-server';
import { serveStatic } from '@hono/node-server/serve-static';
import { codesEnabled } from './config.ts';
import { configFromEnv, createPasskeyServer, portFromEnv } from './index.ts';

const staticRoot = fileURLToPath(new URL('../../dist/', import.meta.url));

const server = await createPasskeyServer(configFromEnv());
if (existsSync(staticRoot)) {
  // Registered after the API, so API paths never fall through to files.
  server.app.get('*', serveStatic({ root: staticRoot }));
} else {
  console.warn(`No ${staticRoot}: serving the API only. Run "npm run build" for the demo pages.`);
}

const httpServer = serve({ fetch: server.app.fetch, port: portFromEnv() }, (info) => {
  console.log(`Passkey server listening on http://localhost:${info.port} (API at ${server.config.basePath})`);
  if (codesEnabled(server.config) && server.config.smtpUrl === undefined) {
    console.log(`No SMTP_URL: email codes are printed here and kept at ${server.config.basePath}/dev/outbox (development only).`);
  }
});

let stopping = false;
async function stop(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  console.log(`Received ${signal}, shutting down.`);
  httpServer.close();
  await server.close();
  process.exit(0);
}
process.on('SIGINT', (signal) => void stop(signal));
process.on('SIGTERM', (signal) => void stop(signal));
