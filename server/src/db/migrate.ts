import { readdir, readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Database } from './database.ts';

// A path, not `new URL('../../migrations/', import.meta.url)`: bundlers (Next.js) read that form as an asset to bundle, and a folder is not one.
const migrationsDirectory = join(dirname(fileURLToPath(import.meta.url)), '../../migrations');

/**
 * Any constant works as long as every process uses the same one: it serialises migration runs of
 * several servers starting together against one PostgreSQL.
 */
const migrationLockKey = 7_314_159_265;

/**
 * Applies the SQL files of `server/migrations/` that this database has not seen yet, in name
 * order, each recorded in `schema_migrations`. All in one transaction: a failing migration leaves
 * the schema as it was. Returns the names of the migrations applied now.
 */
export async function runMigrations(database: Database): Promise<string[]> {
  const migrations = await readMigrations();
  return database.transaction(async (transaction) => {
    await transaction.query('SELECT pg_advisory_xact_lock($1)', [migrationLockKey]);
    await transaction.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
      name text PRIMARY KEY,
      applied_at timestamptz NOT NULL DEFAULT now()
    )`);
    const applied = new Set(
      (await transaction.query<{ name: string }>('SELECT name FROM schema_migrations')).map((row) => row.name),
    );
    const pending = migrations.filter((migration) => !applied.has(migration.name));
    for (const migration of pending) {
      try {
        await transaction.exec(migration.sql);
      } catch (error) {
        throw new Error(`Migration ${migration.name} failed: ${(error as Error).message}`, { cause: error });
      }
      await transaction.query('INSERT INTO schema_migrations (name) VALUES ($1)', [migration.name]);
    }
    return pending.map((migration) => migration.name);
  });
}

async function readMigrations(): Promise<Array<{ name: string; sql: string }>> {
  const names = (await readdir(migrationsDirectory)).filter((name) => /^\d+_.+\.sql$/.test(name)).sort();
  return Promise.all(
    names.map(async (name) => ({ name, sql: await readFile(join(migrationsDirectory, name), 'utf8') })),
  );
}
