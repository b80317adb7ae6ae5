import type { PasskeyServerConfig } from '../config.ts';
import type { Database } from './database.ts';
import { openPgliteDatabase } from './pglite.ts';
import { openPostgresDatabase } from './postgres.ts';

/** PostgreSQL when `databaseUrl` is set, otherwise PGlite (on disk in `dataDir`, or in memory). */
export function openDatabase(config: Pick<PasskeyServerConfig, 'databaseUrl' | 'dataDir'>): Promise<Database> {
  if (config.databaseUrl !== undefined) return openPostgresDatabase(config.databaseUrl);
  return openPgliteDatabase(config.dataDir);
}
