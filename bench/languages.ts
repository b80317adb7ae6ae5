import { gzipSync } from 'node:zlib';
import { build, type Plugin, type Rolldown } from 'vite';
import { kib } from './bundle.ts';

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
  const result = await build({
    configFile: false,
    logLevel: 'silent',
    root: new URL('..', import.meta.url).pathname,
    plugins: [virtualEntry(elements)],
    build: {
      write: false,
      minify: true,
      target: 'es2022',
      rolldownOptions: { input: 'virtual:language-bench', preserveEntrySignatures: 'exports-only' },
      modulePreload: false,
    },
  });
  const outputs = (Array.isArray(result) ? result : [result]) as Rolldown.RolldownOutput[];
  return outputs
    .flatMap((output) => output.output)
    .filter((item): item is Rolldown.OutputChunk => item.type === 'chunk' && !item.isEntry && /\/src\/i18n\/[^/]+\.ts$/.test(item.facadeModuleId ?? ''))
    .map((chunk) => ({ module: chunk.facadeModuleId!.replace(/^.*\/src\/i18n\/(.+)\.ts$/, '$1'), minified: chunk.code.length, gzip: gzipSync(chunk.code, { level: 9 }).length }))
    .sort((a, b) => (a.module === 'languages' ? -1 : b.module === 'languages' ? 1 : a.module.localeCompare(b.module)));
}

function virtualEntry(code: string): Plugin {
  return {
    name: 'language-bench-entry',
    enforce: 'pre',
    resolveId: (id) => (id.endsWith('virtual:language-bench') ? '\0language-bench' : undefined),
    load: (id) => (id === '\0language-bench' ? code : undefined),
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const sizes = await measureLanguages();
  console.table(sizes.map(({ module, minified, gzip }) => ({ module, 'minified KiB': kib(minified), 'gzip KiB': kib(gzip) })));
}
