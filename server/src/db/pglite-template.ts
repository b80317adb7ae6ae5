import { rename, writeFile } from 'node:fs/promises';
import { PGlite } from '@electric-sql/pglite';
import { runMigrations } from './migrate.ts';
import { pgliteDatabase, pgliteStartParams, pgliteTemplateUrl } from './pglite.ts';

/**
 * Builds the template new PGlite databases start from (pglite.ts): a fresh database in memory,
 * migrated, written out as a gzipped tarball of its data directory.
 */
export async function writePgliteTemplate(url: URL = pgliteTemplateUrl): Promise<void> {
  const pglite = await PGlite.create({ startParams: pgliteStartParams });
  try {
    await runMigrations(pgliteDatabase(pglite));
    await pglite.exec('CHECKPOINT');
    const tarball = Buffer.from(await (await pglite.dumpDataDir('gzip')).arrayBuffer());
    // Written beside and renamed, so that a server starting meanwhile never reads half a file.
    const partial = new URL(`${url.href}.${process.pid}.partial`);
    await writeFile(partial, tarball);
    await rename(partial, url);
  } finally {
    await pglite.close();
  }
}
