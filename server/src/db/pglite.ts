import { mkdir, readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import type { Transaction } from '@electric-sql/pglite';
import type { Database, Queryable } from './database.ts';

/**
 * A new database starts from a template, a data directory with the migrations applied, instead of
 * running initdb in WebAssembly (seconds, and hundreds of MiB that stay resident). `npm run build`
 * writes it into the package; in the repository `npm run pglite-template` does (pglite-template.ts).
 * It holds the schema only: the server's secrets are made when a server first opens the database.
 */
export const pgliteTemplateUrl = new URL('../../pglite-template.tar.gz', import.meta.url);

/**
 * PostgreSQL's settings for a server of one process and a small database: 16 MB of shared buffers
 * instead of 128 MB, which PGlite would otherwise keep in its WebAssembly memory (about 100 MiB
 * less resident memory, and a faster start).
 */
export const pgliteStartParams = [...PGlite.defaultStartParams, '-c', 'shared_buffers=16MB'];

/** Opens PGlite (embedded PostgreSQL in WASM): on disk in `dataDir`, or in memory without it. */
export async function openPgliteDatabase(dataDir?: string, templateUrl: URL = pgliteTemplateUrl): Promise<Database> {
  if (dataDir !== undefined) await mkdir(dataDir, { recursive: true });
  const base = dataDir === undefined ? {} : { dataDir };
  // Only into an empty directory: one that holds anything (a database, or files of the user's) is
  // opened as it is. A database in memory starts empty, unmigrated, as callers of this expect.
  const isNew = dataDir !== undefined && (await readdir(dataDir)).length === 0;
  const template = isNew ? await readTemplate(templateUrl) : undefined;
  let pglite: PGlite | undefined;
  if (template !== undefined) {
    pglite = await PGlite.create({ ...base, startParams: pgliteStartParams, loadDataDir: template }).catch(async (error: unknown) => {
      // A template of another PGlite (a PostgreSQL of another version): start as if there were none.
      console.warn(`passkey server: the PGlite template could not be used (${error instanceof Error ? error.message : String(error)}); creating the database from scratch.`);
      if (dataDir !== undefined) await emptyDirectory(dataDir);
      return undefined;
    });
  }
  pglite ??= await PGlite.create({ ...base, startParams: pgliteStartParams });
  return pgliteDatabase(pglite);
}

/** The `Database` of an open PGlite. */
export function pgliteDatabase(pglite: PGlite): Database {
  return {
    ...queryable(pglite),
    transaction: (fn) => pglite.transaction((transaction) => fn(queryable(transaction))),
    close: () => pglite.close(),
  };
}

async function readTemplate(url: URL): Promise<Blob | undefined> {
  try {
    return new Blob([await readFile(url)]);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/** Removes what a failed start wrote into a directory that was empty before it. */
async function emptyDirectory(directory: string): Promise<void> {
  for (const entry of await readdir(directory)) await rm(join(directory, entry), { recursive: true, force: true });
}

function queryable(target: PGlite | Transaction): Queryable {
  return {
    async query<Row>(sql: string, params: readonly unknown[] = []) {
      const result = await target.query<Row>(sql, [...params]);
      return result.rows;
    },
    async exec(sql: string) {
      await target.exec(sql);
    },
  };
}
