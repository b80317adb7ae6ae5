import { isForeignKeyViolation, type Queryable } from '../db/database.ts';
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
 * (then `rate-limited` until the oldest expires), and purges those past their grace while at it;
 * one round trip (migration 007, `save_challenge`). A lock per owner makes the count exact even
 * when several processes store at once. A challenge for an account deleted meanwhile is refused
 * with `whenAccountGone` (by default `not-signed-in`).
 */
export async function saveChallenge(db: Queryable, challenge: NewChallenge, whenAccountGone: () => Problem = accountDeleted): Promise<void> {
  const { owner } = challenge;
  let rows: Array<{ seconds_left: number | null }>;
  try {
    rows = await db.query<{ seconds_left: number | null }>(
      'SELECT save_challenge($1, $2, $3, $4, $5::jsonb, $6, $7, $8, $9) AS seconds_left',
      [
        challenge.challenge,
        challenge.purpose,
        challenge.userId ?? null,
        challenge.userId !== undefined || challenge.decoy === true,
        challenge.pending === undefined ? null : JSON.stringify(challenge.pending),
        owner.clientKey,
        challenge.ttlMs,
        owner.maxPending,
        purgeGraceMs(challenge.ttlMs),
      ],
    );
  } catch (error) {
    if (isForeignKeyViolation(error, 'challenges_user_id_fkey')) throw whenAccountGone();
    throw error;
  }
  const secondsLeft = rows[0]?.seconds_left ?? null;
  if (secondsLeft !== null) throw rateLimited(secondsLeft);
}

/** The DELETE that takes a challenge (`$1`) of a purpose (`$2`) out, returning what `challengeFromRow` reads. */
export const takeChallengeStatement = `DELETE FROM challenges WHERE challenge = $1 AND purpose = $2
  RETURNING user_id AS challenge_user_id, account_bound, pending, expires_at <= now() AS expired`;

export interface TakenChallengeRow {
  challenge_user_id: string | null;
  account_bound: boolean;
  pending: PendingSignUp | null;
  expired: boolean;
}

/** The challenge `takeChallengeStatement` returned; `challenge-invalid` or `-expired` unless it may be answered. */
export function challengeFromRow(row: TakenChallengeRow | undefined, challenge: string, purpose: ChallengePurpose): ChallengeRecord {
  if (row === undefined) {
    throw new Problem('challenge-invalid', 'The challenge is unknown, was already used, or belongs to another ceremony.');
  }
  if (row.expired) {
    throw new Problem('challenge-expired', 'The challenge has expired; ask for new options.');
  }
  return { challenge, purpose, userId: row.challenge_user_id, accountBound: row.account_bound, pending: row.pending };
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
  const [row] = await db.query<TakenChallengeRow>(takeChallengeStatement, [challenge, purpose]);
  return challengeFromRow(row, challenge, purpose);
}
