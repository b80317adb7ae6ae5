import type { Queryable } from '../db/database.ts';
import { randomToken } from '../random.ts';

/** What a code is for; each purpose has its own codes and its own mail. */
export type CodePurpose = 'sign-in' | 'sign-up' | 'reauthenticate' | 'verify-email' | 'change-email';

/** What a code carries until it is used. */
export interface CodePayload {
  /** A sign-up's display name, until the account is created. */
  displayName?: string;
  /** The language of the request, for the mails that follow the code (the notice of a change). */
  language?: string;
}

export interface StoredCode {
  id: string;
  purpose: CodePurpose;
  address: string;
  /** The account the code is for: null for a sign-up, and for an address without an account. */
  userId: string | null;
  codeHash: string;
  attempts: number;
  payload: CodePayload | null;
  expired: boolean;
  consumed: boolean;
}

interface CodeRow {
  id: string;
  purpose: CodePurpose;
  address: string;
  user_id: string | null;
  code_hash: string;
  attempts: number;
  payload: CodePayload | null;
  expired: boolean;
  consumed: boolean;
}

// Spent and replaced codes are kept this long so that they answer `code-used`, not `invalid-code`.
const keptFor = "interval '1 day'";

/** Stores a code (only its hash) and purges day-old ones while at it. */
export async function insertCode(
  db: Queryable,
  code: { purpose: CodePurpose; address: string; userId: string | null; codeHash: string; payload?: CodePayload; lifetimeMs: number },
): Promise<void> {
  await db.query(`DELETE FROM email_codes WHERE created_at < now() - ${keptFor}`);
  await db.query(
    `INSERT INTO email_codes (id, purpose, address, user_id, code_hash, payload, created_at, expires_at)
     VALUES ($1, $2, $3, $4, $5, $6::jsonb, clock_timestamp(), clock_timestamp() + $7::double precision * interval '1 millisecond')`,
    [
      randomToken(16),
      code.purpose,
      code.address,
      code.userId,
      code.codeHash,
      code.payload === undefined ? null : JSON.stringify(code.payload),
      code.lifetimeMs,
    ],
  );
}

/**
 * The codes of a purpose and address, newest (the live one) first. `userId` narrows them to the
 * codes a signed-in account asked for; sign-in and sign-up codes belong to the address alone.
 */
export async function recentCodes(
  db: Queryable,
  key: { purpose: CodePurpose; address: string; userId?: string },
): Promise<StoredCode[]> {
  const rows = await db.query<CodeRow>(
    `SELECT id, purpose, address, user_id, code_hash, attempts, payload,
            expires_at <= now() AS expired, consumed_at IS NOT NULL AS consumed
     FROM email_codes
     WHERE purpose = $1 AND address = $2 AND ($3::text IS NULL OR user_id = $3) AND created_at >= now() - ${keptFor}
     ORDER BY created_at DESC
     LIMIT 20`,
    [key.purpose, key.address, key.userId ?? null],
  );
  return rows.map((row) => ({
    id: row.id,
    purpose: row.purpose,
    address: row.address,
    userId: row.user_id,
    codeHash: row.code_hash,
    attempts: row.attempts,
    payload: row.payload,
    expired: row.expired,
    consumed: row.consumed,
  }));
}

/**
 * Takes one try of a code before it is compared, so that however many checks race, no more than
 * `maxAttempts` are ever compared. Returns the tries taken so far, or undefined when none is left.
 */
export async function takeAttempt(db: Queryable, codeId: string, maxAttempts: number): Promise<number | undefined> {
  const [row] = await db.query<{ attempts: number }>(
    'UPDATE email_codes SET attempts = attempts + 1 WHERE id = $1 AND attempts < $2 RETURNING attempts',
    [codeId, maxAttempts],
  );
  return row?.attempts;
}

/** Gives back a try taken by a right code that was not used yet (a recovery code must come with it). */
export async function returnAttempt(db: Queryable, codeId: string): Promise<void> {
  await db.query('UPDATE email_codes SET attempts = attempts - 1 WHERE id = $1 AND attempts > 0', [codeId]);
}

/** Marks a live code used: true for exactly one of any number of racing checks. */
export async function consumeCode(db: Queryable, codeId: string): Promise<boolean> {
  const rows = await db.query(
    'UPDATE email_codes SET consumed_at = now() WHERE id = $1 AND consumed_at IS NULL AND expires_at > now() RETURNING id',
    [codeId],
  );
  return rows.length === 1;
}
