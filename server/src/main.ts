/**
 * Standalone server: the passkey API plus the pages in STATIC_DIR (`dist/demo`, the demo that
 * `vite build` writes). Configured by environment variables; see docs/server.md.
 */
import { existsSync } from 'node:fs';
import type { Server } from 'node:http';
import { resolve } from 'node:path';
import { serve } from '@hono/node-server';
import { serveStatic } from '@hono/node-server/serve-static';
import { codesEnabled } from './config.ts';
import { drainOnClose } from './graceful-shutdown.ts';
import { configFromEnv, createPasskeyServer, jsonLines, standaloneFromEnv } from './index.ts';
import { whereToOpen } from './where-to-open.ts';

const settings = standaloneFromEnv();
const staticRoot = resolve(settings.staticDir);
const server = await createPasskeyServer(configFromEnv(), settings.logRequests ? { log: jsonLines(process.stdout) } : {});
if (existsSync(staticRoot)) {
  // Registered after the API, so API paths never fall through to files.
  server.app.get('*', serveStatic({ root: staticRoot }));
} else {
  console.warn(`No ${staticRoot}: serving the API only. Run "vite build" for the demo pages, or set STATIC_DIR.`);
}

const listen = { fetch: server.app.fetch, port: settings.port, ...(settings.host === undefined ? {} : { hostname: settings.host }) };
const httpServer = serve(listen, (info) => {
  const shownHost = settings.host === undefined ? 'localhost' : info.address.includes(':') ? `[${info.address}]` : info.address;
  console.log(`Passkey server listening on http://${shownHost}:${info.port} (API at ${server.config.basePath})`);
  console.log(whereToOpen(server.config.origins, info.port));
  if (codesEnabled(server.config) && server.config.smtpUrl === undefined) {
    console.log(`No SMTP_URL: email codes are printed here and kept at ${server.config.basePath}/dev/outbox (development only).`);
  }
}) as Server;
const closeGracefully = drainOnClose(httpServer);

let stopping = false;
/** Stops accepting, answers what is in flight (for at most the grace period), then closes the database. */
async function stop(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  console.log(`Received ${signal}: finishing requests in flight (at most ${settings.shutdownGraceMs} ms), then shutting down.`);
  const drained = await closeGracefully(settings.shutdownGraceMs);
  if (!drained) console.error('Passkey server: requests still in flight after the grace period were cut off.');
  await server.close();
  process.exit(drained ? 0 : 1);
}
process.on('SIGINT', (signal) => void stop(signal));
process.on('SIGTERM', (signal) => void stop(signal));
