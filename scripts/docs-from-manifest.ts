// Writes docs/reference.md from custom-elements.json (`npm run docs`), so that the reference can
// never disagree with the JSDoc of the elements. test/package/manifest.test.ts checks it is current.
import { readFileSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

interface Described {
  name: string;
  description?: string;
  type?: { text: string };
  default?: string;
}

interface Member extends Described {
  kind: 'field' | 'method';
  attribute?: string;
  reflects?: boolean;
  static?: boolean;
}

interface Declaration {
  tagName?: string;
  name: string;
  summary?: string;
  description?: string;
  members?: Member[];
  events?: Described[];
  slots?: Described[];
  cssParts?: Described[];
  cssProperties?: Described[];
}

export interface Manifest {
  modules: { path: string; declarations?: Declaration[] }[];
}

/** Markdown of every element in the manifest, in manifest order. */
export function renderReference(manifest: Manifest): string {
  const elements = manifest.modules.flatMap((module) => module.declarations ?? []).filter((declaration) => declaration.tagName);
  const sections = elements.map(renderElement);
  return [
    '# Element reference',
    '',
    '<!-- Generated from custom-elements.json by `npm run docs`; edit the JSDoc of the element classes instead. -->',
    '',
    'Attributes, properties, methods, events, slots, CSS parts and CSS custom properties of each element.',
    'How the screens flow and how to style them: [passkey-login.md](passkey-login.md), [passkey-profile.md](passkey-profile.md).',
    '',
    ...elements.map((element) => `- [\`<${element.tagName}>\`](#${element.tagName})`),
    '',
    ...sections,
  ].join('\n');
}

function renderElement(element: Declaration): string {
  const fields = (element.members ?? []).filter((member) => member.kind === 'field' && !member.static);
  const methods = (element.members ?? []).filter((member) => member.kind === 'method' && !member.static);
  return [
    `## ${element.tagName}`,
    '',
    `\`<${element.tagName}>\` (class \`${element.name}\`): ${element.summary ?? ''}`,
    '',
    oneLine(element.description),
    '',
    table('Properties', ['Property', 'Attribute', 'Type', 'Default', 'Description'], fields.map((field) => [
      code(field.name), field.attribute ? code(field.attribute) + (field.reflects ? ' (reflected)' : '') : 'none', code(field.type?.text), code(field.default), oneLine(field.description),
    ])),
    table('Methods', ['Method', 'Description'], methods.map((method) => [code(`${method.name}()`), oneLine(method.description)])),
    table('Events', ['Event', 'Type', 'Description'], (element.events ?? []).map((event) => [code(event.name), code(event.type?.text), oneLine(event.description)])),
    table('Slots', ['Slot', 'Description'], (element.slots ?? []).map((slot) => [slot.name ? code(slot.name) : '(default)', oneLine(slot.description)])),
    table('CSS parts', ['Part', 'Description'], (element.cssParts ?? []).map((part) => [code(part.name), oneLine(part.description)])),
    table('CSS custom properties', ['Property', 'Default', 'Description'], (element.cssProperties ?? []).map((property) => [code(property.name), code(property.default), oneLine(property.description)])),
  ].filter(Boolean).join('\n');
}

function table(title: string, header: string[], rows: string[][]): string {
  if (rows.length === 0) return '';
  const line = (cells: string[]) => `| ${cells.map((cell) => cell.replaceAll('|', '\\|')).join(' | ')} |`;
  return [`### ${title}`, '', line(header), line(header.map(() => '---')), ...rows.map(line), ''].join('\n');
}

function code(text: string | undefined): string {
  return text === undefined || text === '' ? '' : `\`${text}\``;
}

function oneLine(text: string | undefined): string {
  return (text ?? '').replace(/\s*\n\s*/g, ' ').trim();
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const root = new URL('../', import.meta.url);
  const manifest = JSON.parse(readFileSync(new URL('custom-elements.json', root), 'utf8')) as Manifest;
  writeFileSync(new URL('docs/reference.md', root), renderReference(manifest));
}
