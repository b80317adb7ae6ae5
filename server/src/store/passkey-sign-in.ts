import type { Queryable } from '../db/database.ts';
import { randomToken, sha256Hex } from '../random.ts';
import { challengeFromRow, takeChallengeStatement, type ChallengeRecord, type TakenChallengeRow } from './challenges.ts';
import { credentialWithUserFromRow, credentialWithUserSelect, type CredentialWithUser } from './credentials.ts';
import { surplusSessions, type SessionLimits } from './sessions.ts';

/**
 * The two database steps of a passkey sign-in, each one statement (one round trip): taking the
 * challenge with the passkey that answers it, and, once the assertion is verified, recording the
 * passkey's use and opening the session.
 */

/**
 * Takes the login challenge out (single-use, as `consumeChallenge`) and reads the passkey
 * `credentialId` with its account in the same statement. The challenge is taken whether or not
 * the passkey exists, and its problems come first, as when the two were read one after the other.
 */
export async function takeChallengeWithPasskey(
  db: Queryable,
  challenge: string,
  credentialId: string,
): Promise<{ challenge: ChallengeRecord; found: CredentialWithUser | undefined }> {
  const [row] = await db.query<TakenChallengeRow & { id: string | null }>(
    `WITH taken AS (${takeChallengeStatement})
     SELECT taken.*, passkey.* FROM taken LEFT JOIN (${credentialWithUserSelect('$3')}) AS passkey ON true`,
    [challenge, 'login', credentialId],
  );
  const taken = challengeFromRow(row, challenge, 'login');
  return { challenge: taken, found: row?.id == null ? undefined : credentialWithUserFromRow(row) };
}

/**
 * After a verified assertion: stores the passkey's new counter and backup state and opens a
 * session signed in with it, ending the account's surplus sessions (as `createSession`), all in
 * one statement. The account's row is locked first (FOR KEY SHARE), the order every transaction
 * on an account keeps. Returns the session's token, or undefined when the passkey or its account
 * was removed meanwhile (then nothing was written).
 */
export async function openPasskeySession(
  db: Queryable,
  signIn: {
    userId: string;
    credentialId: string;
    use: { counter: number; backedUp: boolean };
    userAgent: string | null;
    limits: SessionLimits;
  },
): Promise<string | undefined> {
  const token = randomToken(32);
  const { limits } = signIn;
  const rows = await db.query<{ opened: number }>(
    `WITH account AS (SELECT id FROM users WHERE id = $1 FOR KEY SHARE),
     used AS (
       UPDATE credentials SET counter = $3, backed_up = $4, last_used_at = now()
       WHERE id = $2 AND user_id IN (SELECT id FROM account) RETURNING id, user_id),
     opened AS (
       INSERT INTO sessions (token_hash, user_id, credential_id, user_agent, expires_at, idle_expires_at, verified_at,
         signed_in_with, verified_by, passkey_required)
       SELECT $5, used.user_id, used.id, $6, now() + $7::double precision * interval '1 millisecond',
         now() + least($7::double precision, $8::double precision) * interval '1 millisecond', now(), 'passkey', 'passkey', false
       FROM used RETURNING token_hash),
     ended AS (
       DELETE FROM sessions WHERE token_hash IN (${surplusSessions('$1', '$5', '$9')}) AND EXISTS (SELECT 1 FROM opened))
     SELECT count(*)::int AS opened FROM opened`,
    [
      signIn.userId,
      signIn.credentialId,
      signIn.use.counter,
      signIn.use.backedUp,
      sha256Hex(token),
      signIn.userAgent,
      limits.sessionTtlMs,
      limits.sessionIdleMs,
      limits.maxSessionsPerAccount - 1,
    ],
  );
  return rows[0]?.opened === 1 ? token : undefined;
}
