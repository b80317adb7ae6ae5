import { mkdir } from 'node:fs/promises';
import { PGlite } from '@electric-sql/pglite';
import type { Transaction } from '@electric-sql/pglite';
import type { Database, Queryable } from './database.ts';

/**
 * PostgreSQL's settings for a server of one process and a small database: 16 MB of shared buffers
 * instead of 128 MB, which PGlite would otherwise keep in its WebAssembly memory (about 100 MiB
 * less resident memory, and a faster start).
 */
const startParams = [...PGlite.defaultStartParams, '-c', 'shared_buffers=16MB'];

/** Opens PGlite (embedded PostgreSQL in WASM): on disk in `dataDir`, or in memory without it. */
export async function openPgliteDatabase(dataDir?: string): Promise<Database> {
  if (dataDir !== undefined) await mkdir(dataDir, { recursive: true });
  const pglite = await PGlite.create({ ...(dataDir === undefined ? {} : { dataDir }), startParams });
  return {
    ...queryable(pglite),
    transaction: (fn) => pglite.transaction((transaction) => fn(queryable(transaction))),
    close: () => pglite.close(),
  };
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
