import { mkdir } from 'node:fs/promises';
import { PGlite } from '@electric-sql/pglite';
import type { Transaction } from '@electric-sql/pglite';
import type { Database, Queryable } from './database.ts';

/** Opens PGlite (embedded PostgreSQL in WASM): on disk in `dataDir`, or in memory without it. */
export async function openPgliteDatabase(dataDir?: string): Promise<Database> {
  if (dataDir !== undefined) await mkdir(dataDir, { recursive: true });
  const pglite = dataDir === undefined ? await PGlite.create() : await PGlite.create({ dataDir });
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
