import { gzipSync } from 'node:zlib';
import { build, type Plugin, type Rolldown } from 'vite';

/** Gzip size of what a page loads for an element: the element, lit and @simplewebauthn/browser, minified. */
const entries = {
  '<passkey-login> (all it loads)': `import './src/passkey-login.ts';`,
  '<passkey-profile> (all it loads)': `import './src/passkey-profile.ts';`,
  'both elements': `import './src/passkey-login.ts'; import './src/passkey-profile.ts';`,
  '  of which lit': `export { LitElement, html, css, nothing } from 'lit';`,
  '  of which @simplewebauthn/browser': `export { startAuthentication, startRegistration, WebAuthnAbortService } from '@simplewebauthn/browser';`,
};

/** Budgets in KiB gzip: the login alone, and both elements together. */
export const BUDGET_KIB = { login: 12, both: 15 };
/** Hanko Elements' published gzip size, the figure we compare against. */
export const HANKO_KIB = 44.6;

export async function measureBundles(): Promise<{ name: string; minified: number; gzip: number }[]> {
  const results = [];
  for (const [name, code] of Object.entries(entries)) {
    const output = await bundle(code);
    results.push({ name, minified: output.length, gzip: gzipSync(output, { level: 9 }).length });
  }
  return results;
}

async function bundle(code: string): Promise<Buffer> {
  const result = await build({
    configFile: false,
    logLevel: 'silent',
    root: new URL('..', import.meta.url).pathname,
    plugins: [virtualEntry(code)],
    build: {
      write: false,
      minify: true,
      target: 'es2022',
      // An app build, not a library build: Vite keeps whitespace in library builds of the ES format.
      rolldownOptions: { input: 'virtual:bench-entry', preserveEntrySignatures: 'exports-only' },
      modulePreload: false,
    },
  });
  const outputs = (Array.isArray(result) ? result : [result]) as Rolldown.RolldownOutput[];
  const chunks = outputs.flatMap((output) => output.output).filter((item) => item.type === 'chunk');
  return Buffer.concat(chunks.map((chunk) => Buffer.from(chunk.code)));
}

function virtualEntry(code: string): Plugin {
  return {
    name: 'bench-entry',
    enforce: 'pre',
    resolveId: (id) => (id.endsWith('virtual:bench-entry') ? '\0bench-entry' : undefined),
    load: (id) => (id === '\0bench-entry' ? code : undefined),
  };
}

export function kib(bytes: number): string {
  return (bytes / 1024).toFixed(2);
}
