// The Vue typings shipped in the package (src/vue/components.ts) are generated from
// custom-elements.json (written by `npm run analyze`): a property or event added to an element
// and not regenerated with `npm run docs` fails here.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { test } from 'node:test';
import type { Manifest } from '../../scripts/docs-from-manifest.ts';
import { renderVueTypings, vueTypingsPath } from '../../scripts/vue-from-manifest.ts';

const root = new URL('../../', import.meta.url);
const read = (path: string) => readFileSync(new URL(path, root), 'utf8');

test('src/vue/components.ts is generated from the current manifest (run `npm run docs`)', () => {
  assert.ok(existsSync(new URL('custom-elements.json', root)), 'custom-elements.json is missing: run `npm run analyze`');
  const manifest = JSON.parse(read('custom-elements.json')) as Manifest;
  assert.equal(read(vueTypingsPath), renderVueTypings(manifest));
});

test('the typings name every tag, property and event of the manifest', () => {
  const typings = read(vueTypingsPath);
  const manifest = JSON.parse(read('custom-elements.json')) as Manifest;
  const elements = manifest.modules.flatMap((module) => module.declarations ?? []).filter((declaration) => declaration.tagName);
  assert.deepEqual(elements.map((element) => element.tagName).sort(), ['passkey-account', 'passkey-backend', 'passkey-login', 'passkey-profile']);
  for (const element of elements) {
    assert.match(typings, new RegExp(`'${element.tagName}': DefineComponent<`), `<${element.tagName}> is not in GlobalComponents`);
    for (const event of element.events ?? []) assert.ok(typings.includes(`'${event.name}'`), `${event.name} of <${element.tagName}> is missing`);
  }
  // What the hand-written copy in examples/vue lacked.
  for (const name of ["'theme'", "'translations'", "'passkey-account-updated'"]) assert.ok(typings.includes(name), `${name} is missing`);
});
