// What the npm package costs a page: the one-file embed, each entry as a bundler user gets it,
// and what the React wrappers add on top of React. `tsx bench/package.ts` prints the table.
import { gzipSync } from 'node:zlib';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build, type InlineConfig, type Plugin, type Rolldown } from 'vite';
import { kib } from './bundle.ts';

/** The one-file embed holds both elements: the same budget as both elements in bench/bundle.ts. */
export const EMBED_BUDGET_KIB = 15;

const root = fileURLToPath(new URL('..', import.meta.url));

export interface PackageSize {
  name: string;
  minified: number;
  /** What the page loads at once. */
  gzip: number;
  /** Chunks loaded on demand (the WebAuthn fallback for older browsers); 0 when none. */
  lazyGzip: number;
  /** KiB gzip, when this row has a budget. */
  budget?: number;
}

/** Entries of package.json `exports`, bundled from source the way an app's bundler bundles the package. */
const entries: Record<string, { code: string; external?: string[] }> = {
  'passkey-elements/passkey-login': { code: `import './src/passkey-login.ts';` },
  'passkey-elements/passkey-profile': { code: `import './src/passkey-profile.ts';` },
  'passkey-elements (both elements)': { code: `import './src/index.ts';` },
  'passkey-elements/backend (REST client only)': { code: `export { createRestBackend } from './src/backend.ts';` },
  // React itself is the app's: only what passkey-elements/react adds (the elements, @lit/react).
  'passkey-elements/react, on top of React': {
    code: `export { PasskeyLogin, PasskeyProfile } from './src/react/index.ts';`,
    external: ['react', 'react-dom'],
  },
};

export async function measurePackage(): Promise<PackageSize[]> {
  const embed = await chunksOf({ configFile: `${root}vite.embed.config.ts`, build: { write: false } });
  const rows: PackageSize[] = [{ name: 'one-file embed (dist/embed/passkey-elements.js)', ...sizes(embed), budget: EMBED_BUDGET_KIB }];
  for (const [name, { code, external = [] }] of Object.entries(entries)) {
    const chunks = await chunksOf({
      configFile: false,
      plugins: [virtualEntry(code)],
      build: {
        write: false,
        minify: true,
        target: 'es2022',
        modulePreload: false,
        rolldownOptions: { input: 'virtual:package-entry', preserveEntrySignatures: 'exports-only', external },
      },
    });
    rows.push({ name, ...sizes(chunks) });
  }
  return rows;
}

/** Rows over their budget. */
export function overBudget(rows: PackageSize[]): PackageSize[] {
  return rows.filter((row) => row.budget !== undefined && row.gzip / 1024 > row.budget);
}

async function chunksOf(config: InlineConfig): Promise<Rolldown.OutputChunk[]> {
  const result = await build({ root, logLevel: 'silent', ...config });
  const outputs = (Array.isArray(result) ? result : [result]) as Rolldown.RolldownOutput[];
  return outputs.flatMap((output) => output.output).filter((item): item is Rolldown.OutputChunk => item.type === 'chunk');
}

/** The entry chunk with its static imports is loaded at once; dynamically imported chunks later. */
function sizes(chunks: Rolldown.OutputChunk[]): Pick<PackageSize, 'minified' | 'gzip' | 'lazyGzip'> {
  const byName = new Map(chunks.map((chunk) => [chunk.fileName, chunk]));
  const initial = new Set<string>();
  const visit = (fileName: string) => {
    // External imports (react) are not chunks of this build.
    if (initial.has(fileName) || !byName.has(fileName)) return;
    initial.add(fileName);
    byName.get(fileName)?.imports.forEach(visit);
  };
  chunks.filter((chunk) => chunk.isEntry).forEach((chunk) => visit(chunk.fileName));
  const code = (names: string[]) => Buffer.concat(names.map((name) => Buffer.from(byName.get(name)!.code)));
  const initialCode = code([...initial]);
  const lazy = chunks.filter((chunk) => !initial.has(chunk.fileName));
  return {
    minified: initialCode.length,
    gzip: gzipSync(initialCode, { level: 9 }).length,
    lazyGzip: lazy.reduce((sum, chunk) => sum + gzipSync(chunk.code, { level: 9 }).length, 0),
  };
}

function virtualEntry(code: string): Plugin {
  return {
    name: 'package-entry',
    enforce: 'pre',
    resolveId: (id) => (id.endsWith('virtual:package-entry') ? '\0package-entry' : undefined),
    load: (id) => (id === '\0package-entry' ? code : undefined),
  };
}

/** The table `bench/run.ts` can print: KiB columns and the budget verdict. */
export function packageTable(rows: PackageSize[]) {
  return rows.map(({ name, minified, gzip, lazyGzip, budget }) => ({
    bundle: name,
    'minified KiB': kib(minified),
    'gzip KiB': kib(gzip),
    'loaded on demand, gzip KiB': kib(lazyGzip),
    budget: budget === undefined ? '' : `${budget} KiB: ${gzip / 1024 <= budget ? 'within budget' : 'OVER BUDGET'}`,
  }));
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const rows = await measurePackage();
  console.table(packageTable(rows));
  process.exitCode = overBudget(rows).length ? 1 : 0;
}
