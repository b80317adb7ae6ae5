/** A digest of what the server stores for its users, to prove that a refused request changed none of it. */
import type { Database } from '../../src/index.ts';

/**
 * Each user-visible table as JSON rows in a fixed order, minus the columns a refused request may
 * legitimately change: a session's `last_active_at` (any signed-in request touches it) and an email
 * code's `attempts` (a wrong code takes a try). Left out whole: `challenges` (a verify request
 * consumes its challenge whatever the outcome) and `rate_limits` (refusals count there too).
 */
const digestedTables: ReadonlyArray<{ table: string; key: string; volatile: readonly string[] }> = [
  { table: 'users', key: 'id', volatile: [] },
  { table: 'credentials', key: 'id', volatile: [] },
  { table: 'sessions', key: 'token_hash', volatile: ['last_active_at'] },
  { table: 'email_codes', key: 'id', volatile: ['attempts'] },
  { table: 'recovery_codes', key: 'id', volatile: [] },
  { table: 'server_secrets', key: 'name', volatile: [] },
];

const digestQuery = `SELECT ${digestedTables
  .map(({ table, key, volatile }) => {
    const row = volatile.reduce((json, column) => `${json} - '${column}'`, 'to_jsonb(t)');
    return `(SELECT md5(coalesce(string_agg((${row})::text, '|' ORDER BY t.${key}), '')) FROM ${table} t) AS ${table}`;
  })
  .join(', ')}`;

export type StoredState = Record<string, string>;

/** One md5 per table: equal digests mean equal stored data. */
export async function storedState(database: Database): Promise<StoredState> {
  const [row] = await database.query<StoredState>(digestQuery);
  if (row === undefined) throw new Error('The digest query returned no row');
  return row;
}
