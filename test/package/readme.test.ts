// The README's code blocks are tests. Every block a user is meant to copy carries a
// `<!-- snippet: name -->` line; this file builds an app of each kind from those blocks alone (plus
// the files a framework's starter writes), with both packages installed from their `npm pack`
// tarballs, and in Chromium with a virtual authenticator: sign up, reload (still signed in), sign
// out, sign in, delete the account (back to the login). The TypeScript blocks are type-checked
// too. It prints, per integration, the lines of the user's own code and the install size.
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer as createNetServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { build, preview } from 'vite';
import { launchChromium, openPasskeyPage } from '../e2e/chromium.ts';
import { deleteAccount, runPasskeyJourney } from '../e2e/journey.ts';
import { dependencyClosure } from './dependency-closure.ts';
import { diskUsageKib, freshApp, installedVersion, pack, repositoryRoot, run, type PackedPackage } from './fresh-app.ts';
import { codeLines, readmeSnippets, type Snippet } from './readme-snippets.ts';

const snippets = readmeSnippets(readFileSync(join(repositoryRoot, 'README.md'), 'utf8'));

function snippet(name: string): Snippet {
  const found = snippets.get(name);
  assert.ok(found, `README.md has no block marked <!-- snippet: ${name} -->`);
  return found;
}

interface Integration {
  name: string;
  /** The README blocks that are the user's own code, and where each goes in the app. */
  files: Record<string, string>;
  /** What such an app installs, for its size. */
  installs: string[];
}

const elementsAndServer = ['passkey-elements', 'passkey-elements-server'];
const integrations = {
  html: { name: 'HTML page with the embed', files: { 'html-page': 'site/index.html' }, installs: elementsAndServer },
  node: { name: 'Node server mount', files: { 'node-server': 'server.ts' }, installs: ['passkey-elements-server'] },
  vite: { name: 'Vite (TypeScript)', files: { 'vite-index-html': 'index.html', 'vite-main-ts': 'main.ts', 'vite-config': 'vite.config.ts' }, installs: [...elementsAndServer, 'vite'] },
  vitePlugin: { name: 'Vite plugin', files: { 'vite-config': 'vite.config.ts' }, installs: ['passkey-elements-server', 'vite'] },
  react19: { name: 'React 19', files: { 'react-vite-config': 'vite.config.ts', 'react19-app': 'src/App.tsx' }, installs: [...elementsAndServer, 'react', 'react-dom', 'vite', '@vitejs/plugin-react'] },
  react18: { name: 'React 18 wrappers', files: { 'react-vite-config': 'vite.config.ts', 'react18-app': 'src/App.tsx' }, installs: [...elementsAndServer, 'react', 'react-dom', 'vite', '@vitejs/plugin-react'] },
  // The line of vue-main-ts goes at the top of the starter's src/main.ts (see writeApp).
  vue: { name: 'Vue', files: { 'vue-vite-config': 'vite.config.ts', 'vue-main-ts': 'src/main.ts', 'vue-app': 'src/App.vue' }, installs: [...elementsAndServer, 'vue', 'vite', '@vitejs/plugin-vue'] },
} satisfies Record<string, Integration>;

/** Blocks that are only type-checked: they show imports, not an app. */
const typeCheckedOnly = ['imports'];

/** What a framework's starter (`npm create vite`) writes and the user does not touch. */
const starters = {
  react: {
    'index.html': '<!doctype html>\n<html lang="en"><head><meta charset="UTF-8" /><title>app</title></head>\n<body><div id="root"></div><script type="module" src="/src/main.tsx"></script></body></html>\n',
    'src/main.tsx': "import { StrictMode } from 'react';\nimport { createRoot } from 'react-dom/client';\nimport App from './App.tsx';\n\ncreateRoot(document.getElementById('root')!).render(<StrictMode><App /></StrictMode>);\n",
  },
  vue: {
    'index.html': '<!doctype html>\n<html lang="en"><head><meta charset="UTF-8" /><title>app</title></head>\n<body><div id="app"></div><script type="module" src="/src/main.ts"></script></body></html>\n',
    'src/main.ts': "import { createApp } from 'vue';\nimport App from './App.vue';\n\ncreateApp(App).mount('#app');\n",
  },
};

let work: string;
let elements: PackedPackage;
let server: PackedPackage;
/** One install for every app but React 18's: both tarballs, the frameworks, and the types for the check. */
let shared: string;
/** React 18 needs an install of its own. */
let react18: string;
let browser: Browser;

before(async () => {
  work = mkdtempSync(join(tmpdir(), 'passkey-elements-readme-'));
  [elements, server] = await Promise.all([pack(repositoryRoot, work), pack(join(repositoryRoot, 'server'), work)]);
  const tarballs = [elements.tarball, server.tarball];
  const at = (name: string) => `${name}@${installedVersion(name)}`;
  const tools = ['vite', '@vitejs/plugin-react'].map(at);
  [shared, react18, browser] = await Promise.all([
    freshApp(work, 'shared', [...tarballs, ...tools, ...['react', 'react-dom', 'vue', '@vitejs/plugin-vue', '@types/react', '@types/node'].map(at)]),
    freshApp(work, 'react18', [...tarballs, ...tools, 'react@18', 'react-dom@18']),
    launchChromium(),
  ]);
  // The apps' backends (passkeyApi) keep their accounts in memory: every run starts empty.
  process.env.DATA_DIR = '';
}, { timeout: 600_000 });

after(async () => {
  await browser?.close();
  if (work) rmSync(work, { recursive: true, force: true });
});

test('every code block of the README but the shell commands is a named snippet, and each is tested here', () => {
  const blocks = [...readFileSync(join(repositoryRoot, 'README.md'), 'utf8').matchAll(/(?:<!-- snippet: ([\w-]+) -->\n)?```(\w+)\n/g)];
  const unnamed = blocks.filter(([, name, language]) => name === undefined && language !== 'sh').map(([, , language]) => language);
  assert.deepEqual(unnamed, [], 'a block to copy needs a <!-- snippet: name --> line above it, and a use in this test');
  const used = new Set([...Object.values(integrations).flatMap((integration) => Object.keys(integration.files)), ...typeCheckedOnly]);
  assert.deepEqual([...snippets.keys()].filter((name) => !used.has(name)), [], 'snippets that no test uses');
});

test('the TypeScript snippets type-check against the installed packages', async () => {
  const checks = join(shared, 'types-check');
  mkdirSync(checks);
  writeFileSync(join(checks, 'tsconfig.json'), JSON.stringify({
    compilerOptions: {
      target: 'ES2022', module: 'ESNext', moduleResolution: 'Bundler', jsx: 'react-jsx', strict: true, noEmit: true,
      lib: ['ES2023', 'DOM', 'DOM.Iterable'], types: ['node'], skipLibCheck: true,
    },
    include: ['*.ts', '*.tsx'],
  }));
  const typeScript = [...snippets].filter(([, block]) => block.language === 'ts' || block.language === 'tsx');
  assert.ok(typeScript.length >= 7, 'the check must see the snippets');
  for (const [name, block] of typeScript) {
    // The Node snippet hands other requests to the user's app: here, a function of that type.
    const prefix = name === 'node-server' ? "declare const yourApp: import('node:http').RequestListener;\n" : '';
    writeFileSync(join(checks, `${name}.${block.language}`), `${prefix}${block.code}\nexport {};\n`);
  }
  const tsc = join(repositoryRoot, 'node_modules/typescript/bin/tsc');
  const result = await run(process.execPath, [tsc, '-p', checks]).then(() => ({ output: '' }), (error: { stdout: string }) => ({ output: error.stdout }));
  assert.equal(result.output, '');
});

/** A free TCP port on localhost, for a server whose origin must be known before it starts. */
async function freePort(): Promise<number> {
  const probe = createNetServer();
  await new Promise<void>((resolve) => probe.listen(0, 'localhost', resolve));
  const address = probe.address();
  assert.ok(address && typeof address === 'object');
  await new Promise((resolve) => probe.close(resolve));
  return address.port;
}

/** Writes the integration's snippets into `directory`, over a starter's files; a snippet for a starter's file goes at its top. */
function writeApp(directory: string, integration: Integration, starter: Record<string, string> = {}): void {
  const files: Record<string, string> = { ...starter };
  for (const [name, path] of Object.entries(integration.files)) files[path] = snippet(name).code + (starter[path] ?? '');
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(directory, path)), { recursive: true });
    writeFileSync(join(directory, path), content);
  }
}

/** Replaces what a README snippet leaves to the user (a domain, a port) with the test's own. */
function fillIn(code: string, replacements: [string, string][]): string {
  return replacements.reduce((filled, [placeholder, value]) => {
    assert.ok(filled.includes(placeholder), `the snippet no longer contains ${placeholder}; update the test's stand-in for it`);
    return filled.replaceAll(placeholder, value);
  }, code);
}

interface RunningApp {
  url: string;
  close(): Promise<void>;
}

/** Builds a Vite app from its folder (its vite.config.ts is a snippet) and serves the build with `vite preview`. */
async function startViteApp(root: string): Promise<RunningApp> {
  await build({ root, logLevel: 'silent' });
  const served = await preview({ root, logLevel: 'silent', preview: { host: 'localhost', port: 0, strictPort: true } });
  const url = new URL(served.resolvedUrls?.local[0] ?? '').origin;
  await untilAnswered(url);
  return { url, close: () => new Promise((resolve) => served.httpServer.close(() => resolve())) };
}

/**
 * The HTML snippet served by the Node snippet, run with node as the user would run it: the page and
 * the embed are the user's site (`yourApp`), with the domain and port of this test.
 */
async function startNodeApp(directory: string): Promise<RunningApp> {
  const site = join(directory, 'site');
  writeApp(directory, integrations.html);
  cpSync(join(directory, 'node_modules/passkey-elements/dist/embed'), site, { recursive: true });
  writeFileSync(join(directory, 'your-app.js'), yourAppSource);
  const port = await freePort();
  const url = `http://localhost:${port}`;
  const code = fillIn(snippet('node-server').code, [
    ["'https://example.com'", `'${url}'`],
    ["'example.com'", "'localhost'"],
    ['.listen(3000)', `.listen(${port}, 'localhost')`],
  ]);
  writeFileSync(join(directory, 'server.ts'), `import { yourApp } from './your-app.js';\n${code}`);
  const { NODE_ENV: _buildMode, ...environment } = process.env;
  const child = spawn(process.execPath, ['--import', import.meta.resolve('tsx'), 'server.ts'], { cwd: directory, env: environment, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  try {
    await untilAnswered(url, child);
  } catch (error) {
    child.kill();
    throw new Error(`The Node snippet did not serve ${url}: ${output}`, { cause: error });
  }
  return {
    url,
    close: async () => {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/** The user's own app behind the Node snippet: here, the files of `site/`. */
const yourAppSource = `
import { readFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';

const types = { '.html': 'text/html', '.js': 'text/javascript' };
export async function yourApp(request, response) {
  const path = normalize(decodeURIComponent(new URL(request.url, 'http://localhost').pathname)).replace(/\\/$/, '/index.html');
  try {
    const body = await readFile(join('site', path));
    response.writeHead(200, { 'content-type': types[extname(path)] ?? 'application/octet-stream' }).end(body);
  } catch {
    response.writeHead(404).end();
  }
}
`;

/** Waits until the app's backend answers (it opens its database on the first request). */
async function untilAnswered(url: string, child?: ChildProcess): Promise<void> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child && child.exitCode !== null) throw new Error(`exited with ${child.exitCode}`);
    const response = await fetch(`${url}/api/passkeys/session`).catch(() => undefined);
    if (response?.ok) return;
    if (Date.now() > deadline) throw new Error(`GET ${url}/api/passkeys/session: ${response?.status ?? 'no answer'}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

const apps: { integration: Integration; title?: string; start: () => Promise<RunningApp> }[] = [
  { integration: integrations.html, title: 'HTML page with the embed, served by the Node server mount', start: () => startNodeApp(shared) },
  {
    integration: integrations.vite,
    start: () => {
      const root = join(shared, 'vite-app');
      writeApp(root, integrations.vite);
      return startViteApp(root);
    },
  },
  { integration: integrations.react19, start: () => (writeApp(join(shared, 'react19-app'), integrations.react19, starters.react), startViteApp(join(shared, 'react19-app'))) },
  { integration: integrations.react18, start: () => (writeApp(react18, integrations.react18, starters.react), startViteApp(react18)) },
  { integration: integrations.vue, start: () => (writeApp(join(shared, 'vue-app'), integrations.vue, starters.vue), startViteApp(join(shared, 'vue-app'))) },
];

for (const { integration, title = integration.name, start } of apps) {
  describe(`README, ${title}: an app of the snippets alone`, () => {
    let app: RunningApp | undefined;

    before(async () => {
      app = await start();
    }, { timeout: 180_000 });

    after(async () => {
      await app?.close();
    });

    test('sign up, reload (still signed in), sign out, sign in, delete the account (back to the login)', { timeout: 180_000 }, async () => {
      assert.ok(app);
      const { context, page, authenticator } = await openPasskeyPage(browser, app.url);
      const errors: string[] = [];
      const logged: string[] = [];
      page.on('pageerror', (error) => errors.push(error.message));
      page.on('console', (message) => {
        if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) errors.push(message.text());
        if (message.type() === 'log') logged.push(message.text());
      });
      try {
        const { email } = await runPasskeyJourney(page, authenticator, { reload: true });
        await deleteAccount(page);
        assert.deepEqual(errors, []);
        // A snippet that logs who signed in must have heard the sign-up, the reload and the sign-in.
        const logs = Object.keys(integration.files).some((name) => snippet(name).code.includes("console.log('Signed in as'"));
        if (logs) assert.equal(logged.filter((line) => line === `Signed in as ${email}`).length, 3, logged.join('\n'));
      } finally {
        await context.close();
      }
    });
  });
}

test('prints, per integration, the lines of the user\'s own code and the install size', async (context) => {
  const withinTarget = ['html', 'vite', 'react19', 'react18', 'vue'] as const;
  for (const [key, integration] of Object.entries(integrations)) {
    const lines = Object.keys(integration.files).reduce((sum, name) => sum + codeLines(snippet(name)), 0);
    const size = await dependencyClosure(key === 'react18' ? react18 : shared, integration.installs);
    context.diagnostic(`${integration.name}: ${lines} lines of your own code (${Object.keys(integration.files).join(', ')}); ` +
      `install ${(size.kib / 1024).toFixed(1)} MiB in node_modules, ${size.packages} packages (${integration.installs.join(', ')})`);
    if ((withinTarget as readonly string[]).includes(key)) assert.ok(lines <= 10, `${integration.name}: ${lines} lines of the user's own code, more than 10`);
  }
  const elementsAlone = await dependencyClosure(shared, ['passkey-elements']);
  context.diagnostic(`passkey-elements alone: ${(elementsAlone.kib / 1024).toFixed(1)} MiB in node_modules, ${elementsAlone.packages} packages`);
  for (const packed of [elements, server]) {
    context.diagnostic(`${packed.tarball.split('/').pop()}: ${(packed.unpackedSize / 1024).toFixed(0)} KiB unpacked, ${packed.files.length} files`);
  }
  // The sizes above add up the packages an install of those names needs, from the shared install;
  // React 18's app was installed alone, so its real node_modules checks that sum.
  const [measured, summed] = await Promise.all([diskUsageKib(join(react18, 'node_modules')), dependencyClosure(react18, integrations.react18.installs)]);
  context.diagnostic(`React 18 app: ${(measured / 1024).toFixed(1)} MiB measured with du, ${(summed.kib / 1024).toFixed(1)} MiB summed`);
  assert.ok(summed.kib > measured * 0.9 && summed.kib <= measured, `the sum (${summed.kib} KiB) must be close to what du measures (${measured} KiB)`);
});
