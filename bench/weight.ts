import { fileURLToPath } from 'node:url';
import { bundleEntry, chunkSizes, chunksOf, kib, type BundleSize } from './bundle.ts';
import { contenders } from './contenders.ts';

/** Budgets in KiB gzip of what a page loads at once. */
export const WEIGHT_BUDGET_KIB = { login: 16, both: 22, embed: 24 };

export interface Weight extends BundleSize {
  budget?: number;
}

const root = fileURLToPath(new URL('..', import.meta.url));

/**
 * What each entry costs a page, minified, gzip -9 and brotli 11, built in this run as an app's
 * bundler builds it: ours per entry and as the one-file embed, the floor, and Hanko Elements (its
 * published bundle, which carries its own Preact and SDK, through the same build).
 */
export async function measureWeight(): Promise<Weight[]> {
  const rows: Weight[] = [];
  const entry = async (name: string, code: string, budget?: number) => rows.push({ name, ...chunkSizes(await bundleEntry(code)), budget });
  await entry('<passkey-login>', contenders.ours.entry, WEIGHT_BUDGET_KIB.login);
  await entry('<passkey-profile>', `import './src/passkey-profile.ts';`);
  await entry('<passkey-account>', `import './src/passkey-account.ts';`);
  await entry('<passkey-login> + <passkey-profile>', `import './src/passkey-login.ts'; import './src/passkey-profile.ts';`, WEIGHT_BUDGET_KIB.both);
  const embed = await chunksOf({ configFile: `${root}vite.embed.config.ts`, build: { write: false } });
  rows.push({ name: 'one-file embed', ...chunkSizes(embed), budget: WEIGHT_BUDGET_KIB.embed });
  await entry('floor (lit + @simplewebauthn/browser)', contenders.floor.entry);
  await entry('Hanko Elements 2.7', contenders.hanko.entry);
  return rows;
}

export function weightRow(rows: Weight[], name: string): Weight {
  const row = rows.find((candidate) => candidate.name === name);
  if (!row) throw new Error(`No weight row ${name}`);
  return row;
}

export function weightTable(rows: Weight[]) {
  const floor = weightRow(rows, 'floor (lit + @simplewebauthn/browser)');
  const hanko = weightRow(rows, 'Hanko Elements 2.7');
  return rows.map((row) => ({
    bundle: row.name,
    'minified KiB': kib(row.minified),
    'gzip KiB': kib(row.gzip),
    'brotli KiB': kib(row.brotli),
    'on demand gzip KiB': kib(row.onDemandGzip),
    'on demand brotli KiB': kib(row.onDemandBrotli),
    'x floor (gzip)': (row.gzip / floor.gzip).toFixed(2),
    'x Hanko (gzip)': (row.gzip / hanko.gzip).toFixed(2),
    budget: row.budget === undefined ? '' : `${row.budget} KiB: ${withinBudget(row) ? 'within' : 'OVER'}`,
  }));
}

export function withinBudget(row: Weight): boolean {
  return row.budget === undefined || row.gzip / 1024 <= row.budget;
}
