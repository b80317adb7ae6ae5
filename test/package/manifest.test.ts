// custom-elements.json (written by `npm run analyze`) against the sources: every event the code
// emits, every part in the templates, every attribute in `static properties`, every slot and
// every public custom property the styles read must be documented.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { renderReference, type Manifest } from '../../scripts/docs-from-manifest.ts';
import { loginEvents, profileEvents } from '../../src/react/events.ts';

const root = new URL('../../', import.meta.url);
const read = (path: string) => readFileSync(new URL(path, root), 'utf8');

interface ManifestDeclaration {
  tagName?: string;
  attributes?: { name: string; fieldName?: string; description?: string }[];
  members?: { kind: string; name: string; description?: string; privacy?: string }[];
  events?: { name: string; description?: string }[];
  cssParts?: { name: string }[];
  cssProperties?: { name: string; default?: string }[];
  slots?: { name: string }[];
}

const manifestPath = 'custom-elements.json';
assert.ok(existsSync(new URL(manifestPath, root)), 'custom-elements.json is missing: run `npm run analyze`');
const manifest = JSON.parse(read(manifestPath)) as { modules: { declarations?: ManifestDeclaration[] }[] };

function declarationOf(tag: string): ManifestDeclaration {
  const found = manifest.modules.flatMap((module) => module.declarations ?? []).find((declaration) => declaration.tagName === tag);
  assert.ok(found, `no declaration for <${tag}> in custom-elements.json`);
  return found;
}

const names = (items: { name: string }[] | undefined) => new Set((items ?? []).map((item) => item.name));
const matches = (source: string, pattern: RegExp) => [...source.matchAll(pattern)].map((match) => match[1]!);
/** The values an expression can take: its string literals that start it or follow `?` or `:` (not those it compares with). */
const resultLiterals = (code: string) => matches(code, /(?:^|[?:])\s*'([^']*)'/g);

/** Event names passed to `this.emit('...')` (or `emit(this, '...')`). */
export function emittedEvents(source: string): Set<string> {
  return new Set(matches(source, /(?:this\.emit\(|emit\(this, )'([a-z-]+)'/g));
}

/** Part names of `part="a b"`, `part=${cond ? 'a' : 'b'}` and `const part = ...` (a computed part). */
export function templateParts(source: string): Set<string> {
  const values = [
    ...matches(source, /\spart="([^"]*)"/g),
    ...matches(source, /\spart=\$\{([^}]*)\}/g).flatMap(resultLiterals),
    ...matches(source, /const part = ([^;]*);/g).flatMap(resultLiterals),
  ];
  return new Set(values.flatMap((value) => value.split(/\s+/)).filter(Boolean));
}

/** Attribute names of `static properties`: not `attribute: false`, not `state: true`. */
export function declaredAttributes(source: string): Set<string> {
  const blocks = matches(source, /static override properties = \{([\s\S]*?)\n {2}\};/g);
  assert.ok(blocks.length > 0, 'no `static override properties = { ... };` block found');
  const attributes = new Set<string>();
  for (const [, property, options] of blocks.join('\n').matchAll(/^\s*(\w+): \{([^}]*)\}/gm)) {
    if (/attribute: false|state: true/.test(options!)) continue;
    attributes.add(/attribute: '([^']+)'/.exec(options!)?.[1] ?? property!.toLowerCase());
  }
  return attributes;
}

export function slotNames(source: string): Set<string> {
  return new Set(matches(source, /<slot name="([^"]+)"/g));
}

export function customProperties(source: string): Set<string> {
  return new Set(matches(source, /var\(\s*(--passkey-[a-z0-9-]+)/g));
}

function assertDocumented(kind: string, tag: string, found: Set<string>, documented: Set<string>) {
  assert.ok(found.size > 0, `no ${kind} found in the sources of <${tag}>: the parser no longer matches the code`);
  const missing = [...found].filter((name) => !documented.has(name));
  assert.deepEqual(missing, [], `<${tag}>: ${kind} missing from custom-elements.json (add them to the class JSDoc)`);
}

const elements = [
  {
    tag: 'passkey-login',
    component: 'src/login/passkey-login.component.ts',
    views: 'src/login/login-views.ts',
    styles: ['src/core/base.styles.ts', 'src/login/passkey-login.styles.ts'],
    reactEvents: loginEvents,
  },
  {
    tag: 'passkey-profile',
    component: 'src/profile/passkey-profile.component.ts',
    views: 'src/profile/profile-views.ts',
    styles: ['src/core/base.styles.ts', 'src/profile/passkey-profile.styles.ts'],
    reactEvents: profileEvents,
  },
];

for (const element of elements) {
  describe(`<${element.tag}> in custom-elements.json`, () => {
    const declaration = declarationOf(element.tag);
    // The element's class with its base class, which declares the shared properties and reports errors.
    const component = read(element.component) + read('src/core/passkey-element.ts');
    const templates = component + read(element.views);

    test('documents every event the element emits, and no other', () => {
      const emitted = emittedEvents(component);
      assertDocumented('events', element.tag, emitted, names(declaration.events));
      assert.deepEqual([...names(declaration.events)].filter((name) => !emitted.has(name)), [], 'documented events the element never emits');
      for (const event of declaration.events ?? []) assert.ok(event.description, `event ${event.name} has no description`);
    });

    test('documents every part of its templates', () => {
      assertDocumented('parts', element.tag, templateParts(templates), names(declaration.cssParts));
    });

    test('documents every attribute of static properties, and no private state', () => {
      const attributes = declaredAttributes(component);
      assertDocumented('attributes', element.tag, attributes, names(declaration.attributes));
      assert.deepEqual([...names(declaration.attributes)].filter((name) => !attributes.has(name)), [], 'attributes in the manifest that static properties does not declare');
      for (const attribute of declaration.attributes ?? []) assert.ok(attribute.description, `attribute ${attribute.name} has no description`);
    });

    test('documents every public property and method', () => {
      const members = (declaration.members ?? []).filter((member) => member.kind === 'field' || member.kind === 'method');
      assert.ok(members.length > 0, 'no members in the manifest');
      for (const member of members) {
        assert.notEqual(member.privacy, 'private', `private member ${member.name} is in the manifest`);
        assert.ok(member.description, `${member.name} has no description`);
      }
    });

    test('documents every slot and every public custom property', () => {
      assertDocumented('slots', element.tag, slotNames(component), names(declaration.slots));
      assertDocumented('custom properties', element.tag, customProperties(element.styles.map(read).join('\n')), names(declaration.cssProperties));
      for (const property of declaration.cssProperties ?? []) assert.ok(property.default, `${property.name} lists no default`);
    });

    test('the React wrapper has a prop for every event', () => {
      assert.deepEqual(new Set(Object.values(element.reactEvents)), names(declaration.events));
    });
  });
}

test('docs/reference.md is generated from the current manifest (run `npm run docs`)', () => {
  assert.equal(read('docs/reference.md'), renderReference(manifest as Manifest));
});

describe('the source parsers', () => {
  test('find static and computed parts', () => {
    const source = "html`<p part=\"title big\"></p><p part=${tone === 'alert' ? 'error' : 'message'}></p>`; const part = primary ? 'button primary-button' : 'button';";
    assert.deepEqual([...templateParts(source)].sort(), ['big', 'button', 'error', 'message', 'primary-button', 'title']);
  });

  test('read attribute names from static properties', () => {
    const source = "  static override properties = {\n    api: { reflect: true },\n    noAutofill: { type: Boolean, attribute: 'no-autofill' },\n    backend: { attribute: false },\n    state: { state: true },\n    redirect: {},\n  };";
    assert.deepEqual([...declaredAttributes(source)], ['api', 'no-autofill', 'redirect']);
  });
});
