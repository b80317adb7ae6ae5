import { gzipSync } from 'node:zlib';
import { pathToFileURL } from 'node:url';
import { bundleEntry, kib } from './bundle.ts';

/** Both elements, by their classes: whatever the package's `sideEffects` say, the build keeps them. */
const elements = `export { PasskeyLogin } from './src/login/passkey-login.component.ts';
export { PasskeyProfile } from './src/profile/passkey-profile.component.ts';`;

export interface LanguageSize {
  /** The module's file name in src/i18n, without `.ts`: a language tag, or `languages` (the table of languages). */
  module: string;
  minified: number;
  gzip: number;
}

/**
 * What a page downloads on top of the elements for a language other than English: the table of
 * languages (`languages.ts`, once) and the language's own module. Built as bench/bundle.ts builds
 * (minified app build, gzip -9), taking the chunks the elements import on demand from src/i18n.
 */
export async function measureLanguages(): Promise<LanguageSize[]> {
  const chunks = await bundleEntry(elements);
  return chunks
    .filter((chunk) => !chunk.isEntry && /\/src\/i18n\/[^/]+\.ts$/.test(chunk.facadeModuleId ?? ''))
    .map((chunk) => ({ module: chunk.facadeModuleId!.replace(/^.*\/src\/i18n\/(.+)\.ts$/, '$1'), minified: chunk.code.length, gzip: gzipSync(chunk.code, { level: 9 }).length }))
    .sort((a, b) => (a.module === 'languages' ? -1 : b.module === 'languages' ? 1 : a.module.localeCompare(b.module)));
}

export function languageTable(sizes: LanguageSize[]) {
  return sizes.map(({ module, minified, gzip }) => ({ module, 'minified KiB': kib(minified), 'gzip KiB': kib(gzip) }));
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) console.table(languageTable(await measureLanguages()));
