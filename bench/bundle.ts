import { gzipSync } from 'node:zlib';
import { build, type Plugin, type Rolldown } from 'vite';

/**
 * Gzip size of what a page loads for an element, minified: the element and lit, plus
 * @simplewebauthn/browser in a chunk that only browsers without WebAuthn's JSON methods load.
 */
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

export interface BundleSize {
  name: string;
  /** What the page loads at once (current browsers: all of it). */
  minified: number;
  gzip: number;
  /** Loaded on demand by browsers without WebAuthn's JSON methods: the library fallback. */
  lazyGzip: number;
}

export async function measureBundles(): Promise<BundleSize[]> {
  const results = [];
  for (const [name, code] of Object.entries(entries)) {
    const { initial, lazy } = await bundle(code);
    results.push({ name, minified: initial.length, gzip: gzipSize(initial), lazyGzip: lazy.reduce((sum, chunk) => sum + gzipSize(chunk), 0) });
  }
  return results;
}

function gzipSize(code: Buffer): number {
  return gzipSync(code, { level: 9 }).length;
}

/** The entry chunk and what it imports statically, apart from the chunks it imports dynamically. */
async function bundle(code: string): Promise<{ initial: Buffer; lazy: Buffer[] }> {
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
  const byName = new Map(chunks.map((chunk) => [chunk.fileName, chunk]));
  const initial = new Set<string>();
  const visit = (fileName: string) => {
    if (initial.has(fileName)) return;
    initial.add(fileName);
    byName.get(fileName)?.imports.forEach(visit);
  };
  chunks.filter((chunk) => chunk.isEntry).forEach((chunk) => visit(chunk.fileName));
  return {
    initial: Buffer.concat([...initial].map((fileName) => Buffer.from(byName.get(fileName)!.code))),
    // Language modules load on demand too, for their language only: bench/languages.ts sizes them.
    lazy: chunks
      .filter((chunk) => !initial.has(chunk.fileName) && chunk.moduleIds.some((id) => id.includes('@simplewebauthn')))
      .map((chunk) => Buffer.from(chunk.code)),
  };
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
