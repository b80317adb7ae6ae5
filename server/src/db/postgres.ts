import { createHash } from 'node:crypto';
import pg from 'pg';
import type { Database, Queryable } from './database.ts';
import { retryTransientConflicts } from './retry.ts';

/** Connects to PostgreSQL through a `pg` pool. */
export async function openPostgresDatabase(connectionString: string): Promise<Database> {
  const pool = new pg.Pool({ connectionString, max: 10 });
  // An idle client losing its connection must not crash the process; the next query reconnects.
  pool.on('error', (error) => console.error('passkey server: idle PostgreSQL client failed:', error.message));
  // Fail at start-up rather than on the first request when the database is unreachable.
  try {
    (await pool.connect()).release();
  } catch (error) {
    await pool.end();
    // The message never contains the connection string, which may hold a password.
    throw new Error(`Cannot connect to PostgreSQL: ${(error as Error).message}`, { cause: error });
  }

  const names = preparedNames();
  const poolQueries = queryable(pool, names);
  return {
    // A statement on its own is its own transaction: it can be redone like one.
    query: (sql, params) => retryTransientConflicts(() => poolQueries.query(sql, params)),
    exec: (sql) => poolQueries.exec(sql),
    transaction: (fn) => retryTransientConflicts(() => runTransaction(pool, names, fn)),
    close: () => pool.end(),
  };
}

/** One try of a transaction on a client of its own. */
async function runTransaction<T>(pool: pg.Pool, names: PreparedNames, fn: (transaction: Queryable) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  let broken: Error | undefined;
  try {
    await client.query('BEGIN');
    const result = await fn(queryable(client, names));
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch((rollbackError: unknown) => {
      // The connection is unusable: the pool must discard it instead of handing it out again.
      broken = rollbackError instanceof Error ? rollbackError : new Error(String(rollbackError));
    });
    throw error;
  } finally {
    client.release(broken);
  }
}

function queryable(target: pg.Pool | pg.PoolClient, names: PreparedNames): Queryable {
  return {
    async query<Row>(sql: string, params: readonly unknown[] = []) {
      const name = names.of(sql);
      const result = await target.query(name === undefined ? { text: sql, values: [...params] } : { name, text: sql, values: [...params] });
      return result.rows as Row[];
    },
    async exec(sql: string) {
      // Without parameters pg uses the simple protocol, which accepts several statements.
      await target.query(sql);
    },
  };
}

/**
 * Names for the store's statements, so that each connection parses and plans one once (a prepared
 * statement) instead of on every query. The store's SQL is a fixed set of strings; past `max` of
 * them (SQL built from data would get there) the rest run unnamed, as before.
 */
interface PreparedNames {
  of(sql: string): string | undefined;
}

function preparedNames(max = 500): PreparedNames {
  const names = new Map<string, string>();
  return {
    of(sql) {
      let name = names.get(sql);
      if (name === undefined && names.size < max) {
        name = `passkey_${createHash('sha256').update(sql).digest('base64url').slice(0, 22)}`;
        names.set(sql, name);
      }
      return name;
    },
  };
}
