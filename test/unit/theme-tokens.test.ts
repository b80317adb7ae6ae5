// The styling contract of both elements: two-tier tokens, and public tokens, parts and slots that
// match their JSDoc (`@cssproperty`, `@csspart`, `@slot`), which feeds the elements manifest.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { CSSResult } from 'lit';
import { loginStyles } from '../../src/login/passkey-login.styles.ts';
import { profileStyles } from '../../src/profile/passkey-profile.styles.ts';

const elements = [
  { tag: 'passkey-login', styles: loginStyles, component: 'src/login/passkey-login.component.ts', views: ['src/login/login-views.ts'] },
  { tag: 'passkey-profile', styles: profileStyles, component: 'src/profile/passkey-profile.component.ts', views: ['src/profile/profile-views.ts', 'src/profile/activity-views.ts', 'src/profile/passkey-card.ts'] },
];

const source = (path: string) => readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8');
const cssOf = (styles: CSSResult[]) => styles.map((style) => style.cssText).join('\n');
const all = (text: string, pattern: RegExp) => new Set([...text.matchAll(pattern)].map((match) => match[1]!));
const sorted = (set: Set<string>) => [...set].sort();
/** The names a JSDoc tag documents: `@csspart name`, `@cssproperty [--name=default]`. */
const documented = (component: string, tag: string) => all(source(component), new RegExp(`^ \\* @${tag} \\[?([\\w-]+)`, 'gm'));

/** Part names in a views module: `part="a b"`, `part: 'a'` (heading options), and the string branches of `part=${...}` (resolving a `const`). */
function partsIn(views: string): Set<string> {
  const names = [...views.matchAll(/part="([^"]+)"/g), ...views.matchAll(/\bpart: '([^']+)'/g)].map((match) => match[1]!);
  for (const [, expression] of views.matchAll(/part=\$\{([^}]+)\}/g)) {
    const branches = /^\w+$/.test(expression!.trim()) ? new RegExp(`const ${expression!.trim()} = ([^;]+);`).exec(views)?.[1] ?? '' : expression!;
    names.push(...[...branches.matchAll(/[?:]\s*'([^']+)'/g)].map((match) => match[1]!));
  }
  return new Set(names.flatMap((name) => name.split(/\s+/)));
}

for (const { tag, styles, component, views } of elements) {
  const css = cssOf(styles);

  test(`<${tag}>: every private token it reads is defined, and every one defined is read`, () => {
    const defined = all(css, /(--_[\w-]+)\s*:/g);
    const read = all(css, /var\((--_[\w-]+)/g);
    assert.ok(read.size > 5, 'expected the rules to read private tokens');
    assert.deepEqual(sorted(read).filter((name) => !defined.has(name)), [], 'read but never defined');
    assert.deepEqual(sorted(defined).filter((name) => !read.has(name)), [], 'defined but never read');
  });

  test(`<${tag}>: public tokens are read only where a private token is defined, each with a default`, () => {
    for (const [, property, value] of css.matchAll(/([\w-]+)\s*:\s*([^;{}]*var\(--passkey-[^;{}]*)/g)) {
      assert.match(property!, /^--_/, `${property} reads a public token directly`);
      assert.match(value!, /^var\(--passkey-[\w-]+,\s*\S/, `${property} has no default`);
    }
  });

  test(`<${tag}>: the public tokens it reads are exactly the documented ones`, () => {
    assert.deepEqual(sorted(all(css, /var\((--passkey-[\w-]+)/g)), sorted(documented(component, 'cssproperty')));
  });

  test(`<${tag}>: the parts its views set are exactly the documented ones`, () => {
    const own = partsIn(views.map(source).join('\n'));
    // The shared primitives (buttons) set parts for every element: each element documents those it uses.
    const shared = partsIn(source('src/core/views.ts'));
    const parts = documented(component, 'csspart');
    assert.ok(own.has('button') && own.has('title'), `parts found: ${sorted(own).join(', ')}`);
    assert.deepEqual(sorted(own).filter((name) => !parts.has(name)), [], 'set by the views but not documented');
    assert.deepEqual(sorted(parts).filter((name) => !own.has(name) && !shared.has(name)), [], 'documented but never set');
  });

  test(`<${tag}>: header and footer slots, rendered and documented`, () => {
    const rendered = all(source(component), /<slot name="([\w-]+)"/g);
    assert.deepEqual(sorted(rendered), ['footer', 'header']);
    assert.deepEqual(sorted(documented(component, 'slot')), ['footer', 'header']);
  });
}

test('the part finder reads static parts and both branches of a conditional, not the condition', () => {
  const views = `const part = primary ? 'button primary-button' : 'button';
    html\`<p part="title note"></p><b part=\${tone === 'alert' ? 'error' : 'message'}></b><i part=\${part}></i>\``;
  assert.deepEqual(sorted(partsIn(views)), ['button', 'error', 'message', 'note', 'primary-button', 'title']);
});

test('the example themes of the stories and the screens are the CSS docs/theming.md shows', async () => {
  const { themes } = await import('../../stories/example-themes.ts');
  const page = source('docs/theming.md');
  for (const [name, css] of Object.entries(themes)) assert.ok(page.includes(`\`\`\`css\n${css}\n\`\`\``), `docs/theming.md shows the ${name} theme as it is`);
});
