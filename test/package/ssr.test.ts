// Every entry of the built package imports in Node (server-side rendering, a test runner, a
// route handler), where there is no DOM; and the React and Vue bindings render on the server.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
const packageJson = JSON.parse(readFileSync(`${root}package.json`, 'utf8')) as { exports: Record<string, unknown> };
/** `passkey-elements`, `passkey-elements/embed`, ...: every entry that is code. */
const entries = Object.keys(packageJson.exports).filter((key) => !key.endsWith('.json')).map((key) => `passkey-elements${key.slice(1)}`);

/** Declarations only: its JavaScript is empty. */
const typesOnly = new Set(['passkey-elements/react/jsx']);

/** Runs an ES module script in a Node of its own, from the repository (where `passkey-elements` is this package), and parses what it prints last. */
function nodeScript<Result>(script: string): Result {
  const output = execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: root, encoding: 'utf8', env: { ...process.env, NODE_ENV: 'production' } });
  return JSON.parse(output.trim().split('\n').at(-1)!) as Result;
}

describe('the built package in Node', () => {
  before(() => {
    execFileSync('npm', ['run', 'build:lib'], { cwd: root, stdio: 'ignore' });
  }, { timeout: 120_000 });

  test('the entries are the ones the package exports', () => {
    for (const entry of ['passkey-elements', 'passkey-elements/embed', 'passkey-elements/passkey-account', 'passkey-elements/react', 'passkey-elements/vue']) {
      assert.ok(entries.includes(entry), `${entry} is not exported`);
    }
  });

  for (const entry of entries) {
    test(`${entry} imports without a DOM`, () => {
      const result = nodeScript<{ dom: boolean; exports: string[] }>(`
        const dom = typeof document !== 'undefined' || typeof window !== 'undefined' || typeof HTMLElement !== 'undefined';
        const module = await import(${JSON.stringify(entry)});
        console.log(JSON.stringify({ dom, exports: Object.keys(module) }));`);
      assert.equal(result.dom, false, 'the check must run without a DOM');
      if (!typesOnly.has(entry)) assert.ok(result.exports.length > 0, `${entry} exports nothing`);
    });
  }

  test('passkey-elements/embed gives Node what the one-file embed gives a page: the elements and the client', () => {
    const result = nodeScript<string[]>(`console.log(JSON.stringify(Object.keys(await import('passkey-elements/embed'))));`);
    for (const name of ['PasskeyLogin', 'PasskeyProfile', 'PasskeyAccount', 'PasskeyBackendProvider', 'createRestBackend', 'PasskeyError']) {
      assert.ok(result.includes(name), `passkey-elements/embed does not export ${name}`);
    }
  });

  test('React renders the tags and the wrappers on the server; the session hook says unknown there', () => {
    const html = nodeScript<string>(`
      const { createElement } = await import('react');
      const { renderToString } = await import('react-dom/server');
      const { PasskeyLogin, usePasskeySession } = await import('passkey-elements/react');
      function App() {
        const session = usePasskeySession();
        return createElement('main', { 'data-status': session.status },
          createElement('passkey-account', { api: '/api/passkeys' }), createElement(PasskeyLogin, { api: '/api/passkeys' }));
      }
      console.log(JSON.stringify(renderToString(createElement(App))));`);
    assert.match(html, /^<main data-status="unknown"><passkey-account api="\/api\/passkeys"><\/passkey-account><passkey-login[ >]/);
  });

  test('Vue renders the tags on the server; the session composable says unknown there', () => {
    const html = nodeScript<string>(`
      const { createSSRApp, h } = await import('vue');
      const { renderToString } = await import('vue/server-renderer');
      const { usePasskeySession } = await import('passkey-elements/vue');
      const app = createSSRApp({
        setup() {
          const session = usePasskeySession();
          return () => h('main', { 'data-status': session.value.status }, [h('passkey-account', { api: '/api/passkeys' })]);
        },
      });
      console.log(JSON.stringify(await renderToString(app)));`);
    assert.match(html, /^<main data-status="unknown"><passkey-account api="\/api\/passkeys"><\/passkey-account><\/main>$/);
  });
});
