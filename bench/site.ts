import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createPasskeyServer, nodeMiddleware, type LogLine } from '../server/src/index.ts';
import { chunksOf } from './bundle.ts';
import { contenders, type Contender, type ContenderName, type FlowName } from './contenders.ts';
import { createHankoStandIn, type HankoStandIn } from './hanko-api.ts';

/** One API request as a server saw it: preflights included, which the page's own network log leaves out. */
export interface ApiRequest {
  method: string;
  path: string;
  at: number;
}

/**
 * What the load and flow benches run against: a page server with each contender's production
 * bundle, the reference backend under /api/passkeys and the Hanko stand-in under /hanko, and a
 * second server on another port (another origin of the same site) with the same two APIs for the
 * cross-origin runs. Every API answer, preflights included, waits `latency.ms` first.
 */
export interface BenchSite {
  origin: string;
  apiOrigin: string;
  latency: { ms: number };
  requests: ApiRequest[];
  /** API requests not answered yet. */
  inFlight(): number;
  hanko: HankoStandIn;
  pageUrl(contender: ContenderName, flow: FlowName, crossOrigin: boolean): string;
  close(): Promise<void>;
}

export async function startSite(): Promise<BenchSite> {
  const bundles = new Map<string, string>();
  const entries = new Map<ContenderName, string>();
  for (const contender of Object.values(contenders)) {
    const chunks = await chunksOf({
      configFile: false,
      base: `/${contender.name}/`,
      plugins: [virtualEntry(contender.entry)],
      build: { write: false, minify: true, target: 'es2022', modulePreload: false, rolldownOptions: { input: 'virtual:bench-entry' } },
    });
    for (const chunk of chunks) bundles.set(`/${contender.name}/${chunk.fileName}`, chunk.code);
    entries.set(contender.name, `/${contender.name}/${chunks.find((chunk) => chunk.isEntry)!.fileName}`);
  }

  const requests: ApiRequest[] = [];
  const latency = { ms: 0 };
  let pending = 0;
  const site = createServer();
  const api = createServer();
  await Promise.all([listen(site), listen(api)]);
  const origin = `http://localhost:${(site.address() as AddressInfo).port}`;
  const apiOrigin = `http://localhost:${(api.address() as AddressInfo).port}`;

  const errors: LogLine[] = [];
  const passkeys = await createPasskeyServer({
    rpId: 'localhost',
    origins: [origin],
    enumerationSafe: false,
    // The bench signs the same accounts in hundreds of times from one address.
    rateLimits: { perClient: { max: 1_000_000, windowMs: 60_000 }, perAccount: { max: 1_000_000, windowMs: 60_000 }, pendingChallengesPerClient: 1_000_000 },
  }, { development: true, log: (line) => void (line.event === 'unexpected-error' && errors.push(line)) });
  const passkeyApi = nodeMiddleware(passkeys);
  const hanko = createHankoStandIn({ rpId: 'localhost', origins: [origin] });

  const answerApi = (request: IncomingMessage, response: ServerResponse, notFound: () => void) => {
    const url = request.url ?? '/';
    const isPasskeyApi = url.startsWith('/api/passkeys/');
    if (!isPasskeyApi && !url.startsWith('/hanko/')) return notFound();
    requests.push({ method: request.method ?? 'GET', path: url, at: Date.now() });
    pending++;
    response.once('close', () => pending--);
    setTimeout(() => {
      if (isPasskeyApi) void passkeyApi(request, response, notFound);
      else hanko.handle(request, response, url.slice('/hanko'.length)).catch((error: unknown) => {
        console.error('Hanko stand-in:', error);
        response.writeHead(500).end();
      });
    }, latency.ms);
  };
  const notFound = (response: ServerResponse) => () => void response.writeHead(404, { 'content-type': 'text/plain' }).end('not found');

  site.on('request', (request, response) => {
    const url = new URL(request.url ?? '/', origin);
    const bundle = bundles.get(url.pathname);
    if (bundle !== undefined) return void response.writeHead(200, { 'content-type': 'text/javascript', 'cache-control': 'no-store' }).end(bundle);
    if (url.pathname === '/page') {
      const contender = contenders[url.searchParams.get('contender') as ContenderName];
      const apiBase = url.searchParams.get('api') === 'cross' ? apiOrigin : origin;
      return void response.writeHead(200, { 'content-type': 'text/html', 'cache-control': 'no-store' })
        .end(page(contender, entries.get(contender.name)!, url.searchParams.get('flow') as FlowName, apiBase));
    }
    answerApi(request, response, notFound(response));
  });
  api.on('request', (request, response) => answerApi(request, response, notFound(response)));

  return {
    origin,
    apiOrigin,
    latency,
    requests,
    inFlight: () => pending,
    hanko,
    pageUrl: (contender, flow, crossOrigin) => `${origin}/page?contender=${contender}&flow=${flow}&api=${crossOrigin ? 'cross' : 'same'}`,
    async close() {
      await Promise.all([site, api].map((server) => new Promise((resolve) => server.close(resolve))));
      await passkeys.close();
      if (errors.length) console.error('The reference backend logged unexpected errors:', errors);
    },
  };
}

/**
 * The page each contender is timed on: its bundle as one module script, and marks the load and flow
 * benches read: element defined, button usable (checked every 4 ms), the click and the sign-in.
 */
function page(contender: Contender, script: string, flow: FlowName, apiBase: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${contender.name}</title>
<script>
  window.benchApi = ${JSON.stringify(apiBase + contender.apiPath)};
  const marks = (window.benchMarks = {});
  customElements.whenDefined(${JSON.stringify(contender.tag)}).then(() => { marks.defined = performance.now(); });
  (function check() {
    if (${contender.usable}) marks.usable = performance.now();
    else setTimeout(check, 4);
  })();
  document.addEventListener('click', () => { marks.click ??= performance.now(); }, true);
  document.addEventListener(${JSON.stringify(contender.signedInEvent)}, () => { marks.signedIn ??= performance.now(); });
</script>
<script type="module" src="${script}"></script>
</head><body>${contender.markup(flow, apiBase + contender.apiPath)}</body></html>`;
}

function listen(server: Server): Promise<void> {
  return new Promise((resolve) => server.listen(0, 'localhost', resolve));
}

function virtualEntry(code: string) {
  return {
    name: 'bench-entry',
    enforce: 'pre' as const,
    resolveId: (id: string) => (id.endsWith('virtual:bench-entry') ? '\0bench-entry' : undefined),
    load: (id: string) => (id === '\0bench-entry' ? code : undefined),
  };
}
