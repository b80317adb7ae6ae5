// Writes src/vue/components.ts, the Vue `GlobalComponents` typings of the elements, from
// custom-elements.json (`npm run docs`): the property and event names come from the manifest,
// their types from the element classes. test/package/vue-typings.test.ts checks it is current.
import { readFileSync, writeFileSync } from 'node:fs';
import { posix } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Manifest } from './docs-from-manifest.ts';

export const vueTypingsPath = 'src/vue/components.ts';

interface Element {
  tagName: string;
  className: string;
  modulePath: string;
  properties: string[];
  events: string[];
}

/** TypeScript of the typings, one entry per element, in manifest order. */
export function renderVueTypings(manifest: Manifest): string {
  const elements = elementsOf(manifest);
  const imports = elements.map((element) => `import type { ${element.className} } from '${relativeImport(element.modulePath)}';`);
  const props = elements.map((element) => {
    const name = `${pascal(element.tagName)}VueProps`;
    const properties = `VueElementProps<${element.className}, ${union(element.properties)}>`;
    const events = element.events.length > 0 ? ` &\n  VueEventProps<${union(element.events)}>` : '';
    return `/** Props and \`@\` listeners of \`<${element.tagName}>\` in Vue templates. */\nexport type ${name} = ${properties}${events};\n`;
  });
  return [
    '// Generated from custom-elements.json by `npm run docs` (scripts/vue-from-manifest.ts); edit the elements\' JSDoc instead.',
    "import type { DefineComponent } from 'vue';",
    "import type { VueElementProps, VueEventProps } from './typing-helpers.ts';",
    ...imports,
    '',
    ...props,
    '// Typed templates: vue-tsc checks the elements\' props and event handlers.',
    "declare module 'vue' {",
    '  interface GlobalComponents {',
    ...elements.map((element) => `    '${element.tagName}': DefineComponent<${pascal(element.tagName)}VueProps>;`),
    '  }',
    '}',
    '',
  ].join('\n');
}

function elementsOf(manifest: Manifest): Element[] {
  return manifest.modules.flatMap((module) =>
    (module.declarations ?? []).flatMap((declaration) => {
      if (!declaration.tagName) return [];
      const fields = (declaration.members ?? []).filter((member) => member.kind === 'field' && !member.static);
      return [{
        tagName: declaration.tagName,
        className: declaration.name,
        modulePath: module.path,
        properties: fields.map((field) => field.name),
        events: (declaration.events ?? []).map((event) => event.name),
      }];
    }),
  );
}

function relativeImport(modulePath: string): string {
  const relative = posix.relative(posix.dirname(vueTypingsPath), modulePath);
  return relative.startsWith('.') ? relative : `./${relative}`;
}

function union(names: string[]): string {
  return names.map((name) => `'${name}'`).join(' | ');
}

function pascal(tagName: string): string {
  return tagName.split('-').map((part) => part.charAt(0).toUpperCase() + part.slice(1)).join('');
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const root = new URL('../', import.meta.url);
  const manifest = JSON.parse(readFileSync(new URL('custom-elements.json', root), 'utf8')) as Manifest;
  writeFileSync(new URL(vueTypingsPath, root), renderVueTypings(manifest));
}
