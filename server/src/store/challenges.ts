import { isForeignKeyViolation, type Database, type Queryable } from '../db/database.ts';
import { rateLimited } from '../limits/rate-limit.ts';
import { Problem } from '../problem.ts';
import { accountDeleted } from './users.ts';

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
  /** Only a passkey of `userId` may answer; with `userId` null, none (a decoy). */
  accountBound: boolean;
  pending: PendingSignUp | null;
}

/** Who asked for a challenge, as a keyed hash of the client address, and how many it may hold unexpired. */
export interface ChallengeOwner {
  clientKey: string;
  maxPending: number;
}

/** A challenge to store: bound to `userId` when given, or to no account at all when `decoy`. */
export interface NewChallenge {
  challenge: string;
  purpose: ChallengePurpose;
  owner: ChallengeOwner;
  userId?: string;
  decoy?: boolean;
  pending?: PendingSignUp;
  ttlMs: number;
}

/**
 * How long an expired challenge is kept, so that a late answer gets `challenge-expired` rather than
 * `-invalid`: as long again as its lifetime, at most a minute. Browsers stop a ceremony when its
 * timeout (the lifetime) runs out, so a later answer is rare and needs no precise reason.
 */
export function purgeGraceMs(ttlMs: number): number {
  return Math.min(ttlMs, 60_000);
}

/**
 * Stores a freshly issued challenge unless its owner already holds `maxPending` unexpired ones
 * (then `rate-limited` until the oldest expires), and purges those past their grace while at it.
 * A lock per owner makes the count exact even when several processes store at once. A challenge
 * for an account deleted meanwhile is refused with `whenAccountGone` (by default `not-signed-in`).
 */
export async function saveChallenge(db: Database, challenge: NewChallenge, whenAccountGone: () => Problem = accountDeleted): Promise<void> {
  const { owner } = challenge;
  // Rows another request is purging are skipped, so concurrent purges never wait on each other.
  await db.query(
    `DELETE FROM challenges WHERE challenge IN (
       SELECT challenge FROM challenges WHERE expires_at < now() - $1::double precision * interval '1 millisecond'
       FOR UPDATE SKIP LOCKED)`,
    [purgeGraceMs(challenge.ttlMs)],
  );
  await db.transaction(async (transaction) => {
    await transaction.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [owner.clientKey]);
    const [held] = await transaction.query<{ pending: number; seconds_left: number | null }>(
      `SELECT count(*)::int AS pending, extract(epoch FROM min(expires_at) - now())::double precision AS seconds_left
       FROM challenges WHERE client_key = $1 AND expires_at > now()`,
      [owner.clientKey],
    );
    if (held !== undefined && held.pending >= owner.maxPending) throw rateLimited(held.seconds_left ?? 1);
    try {
      await transaction.query(
        `INSERT INTO challenges (challenge, purpose, user_id, account_bound, pending, client_key, expires_at)
         VALUES ($1, $2, $3, $4, $5::jsonb, $6, now() + $7::double precision * interval '1 millisecond')`,
        [
          challenge.challenge,
          challenge.purpose,
          challenge.userId ?? null,
          challenge.userId !== undefined || challenge.decoy === true,
          challenge.pending === undefined ? null : JSON.stringify(challenge.pending),
          owner.clientKey,
          challenge.ttlMs,
        ],
      );
    } catch (error) {
      if (isForeignKeyViolation(error, 'challenges_user_id_fkey')) throw whenAccountGone();
      throw error;
    }
  });
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
  const [row] = await db.query<{ user_id: string | null; account_bound: boolean; pending: PendingSignUp | null; expired: boolean }>(
    `DELETE FROM challenges WHERE challenge = $1 AND purpose = $2
     RETURNING user_id, account_bound, pending, expires_at <= now() AS expired`,
    [challenge, purpose],
  );
  if (row === undefined) {
    throw new Problem('challenge-invalid', 'The challenge is unknown, was already used, or belongs to another ceremony.');
  }
  if (row.expired) {
    throw new Problem('challenge-expired', 'The challenge has expired; ask for new options.');
  }
  return { challenge, purpose, userId: row.user_id, accountBound: row.account_bound, pending: row.pending };
}
