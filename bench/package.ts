// What the npm package costs a page: the one-file embed, each entry as a bundler user gets it,
// and what the React wrappers add on top of React. `tsx bench/package.ts` prints the table.
import { fileURLToPath, pathToFileURL } from 'node:url';
import { bundleEntry, chunkSizes, chunksOf, kib } from './bundle.ts';
import { WEIGHT_BUDGET_KIB } from './weight.ts';

/** The one-file embed holds both elements and the screens the npm entries load on demand. */
export const EMBED_BUDGET_KIB = WEIGHT_BUDGET_KIB.embed;

const root = fileURLToPath(new URL('..', import.meta.url));

export interface PackageSize {
  name: string;
  minified: number;
  /** What the page loads at once. */
  gzip: number;
  /** The WebAuthn fallback, loaded on demand by older browsers; 0 when it is inside. */
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
  'passkey-elements/protocol (all of it)': { code: `export * from './src/protocol/index.ts';` },
  // React itself is the app's: only what passkey-elements/react adds (the elements, @lit/react).
  'passkey-elements/react, on top of React': {
    code: `export { PasskeyLogin, PasskeyProfile } from './src/react/index.ts';`,
    external: ['react', 'react-dom'],
  },
};

export async function measurePackage(): Promise<PackageSize[]> {
  const embed = await chunksOf({ configFile: `${root}vite.embed.config.ts`, build: { write: false } });
  const rows: PackageSize[] = [{ name: 'one-file embed (dist/embed/passkey-elements.js)', ...chunkSizes(embed), budget: EMBED_BUDGET_KIB }];
  for (const [name, { code, external = [] }] of Object.entries(entries)) rows.push({ name, ...chunkSizes(await bundleEntry(code, external)) });
  return rows;
}

/** Rows over their budget. */
export function overBudget(rows: PackageSize[]): PackageSize[] {
  return rows.filter((row) => row.budget !== undefined && row.gzip / 1024 > row.budget);
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
