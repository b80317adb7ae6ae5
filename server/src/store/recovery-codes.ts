import type { Queryable } from '../db/database.ts';
import { randomToken } from '../random.ts';

/** Replaces the user's recovery codes with a new set (their hashes only). */
export async function replaceRecoveryCodes(db: Queryable, userId: string, codeHashes: readonly string[]): Promise<void> {
  await db.query('DELETE FROM recovery_codes WHERE user_id = $1', [userId]);
  for (const codeHash of codeHashes) {
    await db.query('INSERT INTO recovery_codes (id, user_id, code_hash) VALUES ($1, $2, $3)', [randomToken(16), userId, codeHash]);
  }
}

/** Uses one of the user's recovery codes: true for exactly one of any number of racing uses. */
export async function useRecoveryCode(db: Queryable, userId: string, codeHash: string): Promise<boolean> {
  const rows = await db.query(
    'UPDATE recovery_codes SET used_at = now() WHERE user_id = $1 AND code_hash = $2 AND used_at IS NULL RETURNING id',
    [userId, codeHash],
  );
  return rows.length === 1;
}

export async function countUnusedRecoveryCodes(db: Queryable, userId: string): Promise<number> {
  const [row] = await db.query<{ unused: number }>(
    'SELECT count(*)::int AS unused FROM recovery_codes WHERE user_id = $1 AND used_at IS NULL',
    [userId],
  );
  return row?.unused ?? 0;
}
