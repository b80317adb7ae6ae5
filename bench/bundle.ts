import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { build, type InlineConfig, type Plugin, type Rolldown } from 'vite';

/** The size of what a page loads for an entry, built as an app's bundler builds it. */
export interface BundleSize {
  name: string;
  /** What the page loads at once (current browsers: all of it). */
  minified: number;
  gzip: number;
  /** Loaded on demand by browsers without WebAuthn's JSON methods: the library fallback. */
  lazyGzip: number;
  /** The same initial code, brotli at its highest quality. */
  brotli: number;
  /** Every chunk loaded on demand (the fallback, screens loaded when first shown), languages aside: bench/languages.ts sizes them. */
  onDemandGzip: number;
  onDemandBrotli: number;
}

function gzipSize(code: string | Buffer): number {
  return gzipSync(code, { level: 9 }).length;
}

function brotliSize(code: string | Buffer): number {
  return brotliCompressSync(code, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
}

/** Bundles `code` as an app's bundler would (minified, tree-shaken), in memory. */
export async function bundleEntry(code: string, external: string[] = []): Promise<Rolldown.OutputChunk[]> {
  return chunksOf({
    configFile: false,
    plugins: [virtualEntry(code)],
    build: {
      write: false,
      minify: true,
      target: 'es2022',
      // An app build, not a library build: Vite keeps whitespace in library builds of the ES format.
      rolldownOptions: { input: 'virtual:bench-entry', preserveEntrySignatures: 'exports-only', external },
      modulePreload: false,
    },
  });
}

export async function chunksOf(config: InlineConfig): Promise<Rolldown.OutputChunk[]> {
  const result = await build({ root: new URL('..', import.meta.url).pathname, logLevel: 'silent', ...config });
  const outputs = (Array.isArray(result) ? result : [result]) as Rolldown.RolldownOutput[];
  return outputs.flatMap((output) => output.output).filter((item): item is Rolldown.OutputChunk => item.type === 'chunk');
}

/**
 * What a page loads at once (the entry chunk and its static imports), and the library fallback
 * that only browsers without WebAuthn's JSON methods load. Language modules load on demand too,
 * for their language only: bench/languages.ts sizes them.
 */
export function chunkSizes(chunks: Rolldown.OutputChunk[]): Omit<BundleSize, 'name'> {
  const byName = new Map(chunks.map((chunk) => [chunk.fileName, chunk]));
  const initial = new Set<string>();
  const visit = (fileName: string) => {
    // External imports (react) are not chunks of this build.
    if (initial.has(fileName) || !byName.has(fileName)) return;
    initial.add(fileName);
    byName.get(fileName)!.imports.forEach(visit);
  };
  chunks.filter((chunk) => chunk.isEntry).forEach((chunk) => visit(chunk.fileName));
  const initialCode = [...initial].map((fileName) => byName.get(fileName)!.code).join('');
  const fallback = chunks.filter((chunk) => !initial.has(chunk.fileName) && chunk.moduleIds.some((id) => id.includes('@simplewebauthn')));
  const onDemand = chunks.filter((chunk) => !initial.has(chunk.fileName) && !/\/src\/i18n\//.test(chunk.facadeModuleId ?? ''));
  return {
    minified: Buffer.byteLength(initialCode),
    gzip: gzipSize(initialCode),
    brotli: brotliSize(initialCode),
    lazyGzip: fallback.reduce((sum, chunk) => sum + gzipSize(chunk.code), 0),
    onDemandGzip: onDemand.reduce((sum, chunk) => sum + gzipSize(chunk.code), 0),
    onDemandBrotli: onDemand.reduce((sum, chunk) => sum + brotliSize(chunk.code), 0),
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
