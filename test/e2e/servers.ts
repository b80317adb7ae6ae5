import { build, createServer, mergeConfig, preview, type InlineConfig } from 'vite';

export interface RunningApp {
  /** Origin the app and its API are served on, e.g. `http://localhost:41234`. */
  url: string;
  close(): Promise<void>;
}

/**
 * The app's Vite config mounts the reference backend on the same origin. An empty DATA_DIR gives
 * that backend an in-memory PGlite database: every run starts with no accounts and leaves nothing.
 */
function useInMemoryDatabase() {
  process.env.DATA_DIR = '';
}

/**
 * Serves a Vite project from source (the demo at the repo root, or an example) on a free port.
 * `config` adds to the project's own, e.g. `{ plugins: [passkeyApi()] }` (passkey-elements-server/vite)
 * for a project whose config does not mount the API.
 */
export async function startDevServer(root: string, config: InlineConfig = {}): Promise<RunningApp> {
  useInMemoryDatabase();
  const server = await createServer(mergeConfig({ root, logLevel: 'silent', server: { host: 'localhost', port: 0, strictPort: true } }, config));
  await server.listen();
  return ready({ url: originOf(server.resolvedUrls?.local), close: () => server.close() });
}

/** Builds a Vite project and serves the build with `vite preview` on a free port, as it would ship. */
export async function startBuiltApp(root: string, config: InlineConfig = {}): Promise<RunningApp> {
  useInMemoryDatabase();
  await build(mergeConfig({ root, logLevel: 'silent' }, config));
  const server = await preview(mergeConfig({ root, logLevel: 'silent', preview: { host: 'localhost', port: 0, strictPort: true } }, config));
  return ready({ url: originOf(server.resolvedUrls?.local), close: () => server.close() });
}

function originOf(urls: string[] | undefined): string {
  const url = urls?.[0];
  if (url === undefined) throw new Error('The Vite server reported no local URL.');
  return new URL(url).origin;
}

/**
 * Waits until the backend answers: it opens its database on the first API request, which takes
 * seconds on a busy machine, and the journey's first screen should not pay for that.
 */
async function ready(app: RunningApp, api = '/api/passkeys'): Promise<RunningApp> {
  try {
    const response = await fetch(`${app.url}${api}/session`);
    if (!response.ok) throw new Error(`GET ${api}/session answered ${response.status}: ${await response.text()}`);
    return app;
  } catch (error) {
    await app.close();
    throw new Error(`The app at ${app.url} does not serve the passkey API.`, { cause: error });
  }
}
