import { isForeignKeyViolation, type Queryable } from '../db/database.ts';
import { Problem } from '../problem.ts';

export type ChallengePurpose = 'register' | 'login' | 'add-passkey' | 'reauthenticate';

/** What sign-up stores with its challenge instead of creating a user before the passkey exists. */
export interface PendingSignUp {
  identifier: string;
  displayName: string;
  webauthnUserId: string;
}

export interface ChallengeRecord {
  challenge: string;
  purpose: ChallengePurpose;
  /** The account the ceremony is limited to, if any. */
  userId: string | null;
  pending: PendingSignUp | null;
}

// Expired challenges are kept a while so that a late answer gets `challenge-expired`, not `-invalid`.
const purgeGraceInterval = "interval '1 hour'";

const accountDeleted = () => new Problem('not-signed-in', 'The account was deleted meanwhile.');

/**
 * Stores a freshly issued challenge, and purges long-expired ones while at it. A challenge for an
 * account deleted meanwhile is refused with `whenAccountGone` (by default `not-signed-in`).
 */
export async function saveChallenge(
  db: Queryable,
  challenge: { challenge: string; purpose: ChallengePurpose; userId?: string; pending?: PendingSignUp; ttlMs: number },
  whenAccountGone: () => Problem = accountDeleted,
): Promise<void> {
  await db.query(`DELETE FROM challenges WHERE expires_at < now() - ${purgeGraceInterval}`);
  try {
    await db.query(
      `INSERT INTO challenges (challenge, purpose, user_id, pending, expires_at)
       VALUES ($1, $2, $3, $4::jsonb, now() + $5::double precision * interval '1 millisecond')`,
      [
        challenge.challenge,
        challenge.purpose,
        challenge.userId ?? null,
        challenge.pending === undefined ? null : JSON.stringify(challenge.pending),
        challenge.ttlMs,
      ],
    );
  } catch (error) {
    if (isForeignKeyViolation(error, 'challenges_user_id_fkey')) throw whenAccountGone();
    throw error;
  }
}

/**
 * Takes a challenge out of the database: the DELETE makes it single-use even when two requests race.
 * A challenge of another purpose is left alone, so a confused client cannot burn it.
 */
export async function consumeChallenge(
  db: Queryable,
  challenge: string,
  purpose: ChallengePurpose,
): Promise<ChallengeRecord> {
  const [row] = await db.query<{ user_id: string | null; pending: PendingSignUp | null; expired: boolean }>(
    `DELETE FROM challenges WHERE challenge = $1 AND purpose = $2
     RETURNING user_id, pending, expires_at <= now() AS expired`,
    [challenge, purpose],
  );
  if (row === undefined) {
    throw new Problem('challenge-invalid', 'The challenge is unknown, was already used, or belongs to another ceremony.');
  }
  if (row.expired) {
    throw new Problem('challenge-expired', 'The challenge has expired; ask for new options.');
  }
  return { challenge, purpose, userId: row.user_id, pending: row.pending };
}
