import type { PasskeyServerConfig } from '../config.ts';
import type { Queryable } from '../db/database.ts';
import { randomToken, sha256Hex } from '../random.ts';
import type { SignInMethod } from '../../../src/protocol/index.ts';
import { userColumns, userFromPrefixedRow } from './users.ts';
import type { UserRecord } from './users.ts';

export type { SignInMethod };

/**
 * What the session's last verification was: a passkey; a code sent for re-authentication; or the
 * code of a code sign-in or sign-up, which lets the session add a passkey and nothing else sensitive.
 */
export type VerificationMethod = 'passkey' | 'reauthentication-code' | 'sign-in-code';

/** A live session as the account page shows it. */
export interface SessionRecord {
  /** Public random id; never the token or its hash. */
  id: string;
  userId: string;
  /** The passkey the session signed in with; null once that passkey is removed. */
  credentialId: string | null;
  userAgent: string | null;
  createdAt: Date;
  lastActiveAt: Date;
  /** The last verification: sign-up, sign-in or re-authentication. */
  verifiedAt: Date;
  signedInWith: SignInMethod;
  verifiedBy: VerificationMethod;
  /** The session may do nothing but add a passkey until it has added one. */
  passkeyRequired: boolean;
}

/** The session of the request's cookie. */
export interface CurrentSession extends SessionRecord {
  tokenHash: string;
  /** Measured by the database clock, like `verifiedAt` itself. */
  msSinceVerification: number;
}

interface SessionRow {
  id: string;
  user_id: string;
  credential_id: string | null;
  user_agent: string | null;
  created_at: Date;
  last_active_at: Date;
  verified_at: Date;
  signed_in_with: SignInMethod;
  verified_by: VerificationMethod;
  passkey_required: boolean;
}

/**
 * A session lives until its absolute expiry and until it has been idle too long, both by the
 * database clock. Rows that fail it are ended sessions: deleted when met, and by the purge.
 */
const live = 's.expires_at > now() AND s.idle_expires_at > now()';

const sessionColumns = `s.id, s.user_id, s.credential_id, s.user_agent, s.created_at, s.last_active_at, s.verified_at,
  s.signed_in_with, s.verified_by, s.passkey_required`;

function sessionFromRow(row: SessionRow): SessionRecord {
  return {
    id: row.id,
    userId: row.user_id,
    credentialId: row.credential_id,
    userAgent: row.user_agent,
    createdAt: row.created_at,
    lastActiveAt: row.last_active_at,
    verifiedAt: row.verified_at,
    signedInWith: row.signed_in_with,
    verifiedBy: row.verified_by,
    passkeyRequired: row.passkey_required,
  };
}

/**
 * The token hashes of the account `userId`'s sessions, other than `tokenHash`, that a new session
 * ends: those that have ended, and the least recently active live ones beyond `keep`. The
 * arguments are the SQL placeholders that hold those values.
 */
export function surplusSessions(userId: string, tokenHash: string, keep: string): string {
  return `SELECT s.token_hash FROM sessions s WHERE s.user_id = ${userId} AND s.token_hash <> ${tokenHash} AND NOT (${live})
    UNION ALL
    (SELECT s.token_hash FROM sessions s WHERE s.user_id = ${userId} AND s.token_hash <> ${tokenHash} AND ${live}
     ORDER BY s.last_active_at DESC, s.created_at DESC, s.id OFFSET ${keep})`;
}

/** How a new session signed in: with a passkey (`credentialId`), or with a code. */
export type SignInProof =
  | { signedInWith: 'passkey'; credentialId: string }
  | { signedInWith: 'email-code' | 'recovery-code'; passkeyRequired: boolean };

/** The lifetimes and the cap that sessions follow. */
export type SessionLimits = Pick<PasskeyServerConfig, 'sessionTtlMs' | 'sessionIdleMs' | 'maxSessionsPerAccount'>;

/**
 * Creates a session and returns its token; only the token's hash is stored. Sign-up and sign-in
 * just verified the user, so the session starts out verified, by what it signed in with. The
 * account keeps at most `maxSessionsPerAccount` sessions: the least recently active ones beyond
 * that end, and so do its ended ones. (Two sign-ins racing may leave one more until the next.)
 */
export async function createSession(
  db: Queryable,
  session: { userId: string; proof: SignInProof; userAgent: string | null; limits: SessionLimits },
): Promise<string> {
  const token = randomToken(32);
  const tokenHash = sha256Hex(token);
  const { proof, limits } = session;
  const byPasskey = proof.signedInWith === 'passkey';
  await db.query(
    `INSERT INTO sessions (token_hash, user_id, credential_id, user_agent, expires_at, idle_expires_at, verified_at,
       signed_in_with, verified_by, passkey_required)
     VALUES ($1, $2, $3, $4, now() + $5::double precision * interval '1 millisecond',
       now() + least($5::double precision, $6::double precision) * interval '1 millisecond', now(), $7, $8, $9)`,
    [
      tokenHash,
      session.userId,
      byPasskey ? proof.credentialId : null,
      session.userAgent,
      limits.sessionTtlMs,
      limits.sessionIdleMs,
      proof.signedInWith,
      byPasskey ? 'passkey' : 'sign-in-code',
      byPasskey ? false : proof.passkeyRequired,
    ],
  );
  await db.query(`DELETE FROM sessions WHERE token_hash IN (${surplusSessions('$1', '$2', '$3')})`, [
    session.userId,
    tokenHash,
    limits.maxSessionsPerAccount - 1,
  ]);
  return token;
}

/**
 * How long a session may go unnoticed: activity is written at most this often (once a minute, or a
 * tenth of a shorter idle time), so that polling the session does not turn every read into a write.
 * The idle timeout therefore ends a session between `sessionIdleMs` minus this and `sessionIdleMs`
 * after its last request.
 */
export function activityIntervalMs({ sessionIdleMs }: Pick<SessionLimits, 'sessionIdleMs'>): number {
  return Math.min(60_000, sessionIdleMs / 10);
}

/**
 * The live session of a token with its user, and whether the account has a passkey, or undefined.
 * A session that has ended (idle or expired) is deleted on the way. Notes activity, which moves the
 * idle expiry forward, at most every `activityIntervalMs`.
 */
export async function findSession(
  db: Queryable,
  token: string,
  limits: Pick<SessionLimits, 'sessionIdleMs'>,
): Promise<{ session: CurrentSession; user: UserRecord; hasPasskeys: boolean } | undefined> {
  const tokenHash = sha256Hex(token);
  type Row = SessionRow & { ms_since_verification: number; live: boolean; stale: boolean; has_passkeys: boolean };
  const [row] = await db.query<Row>(
    `SELECT ${sessionColumns}, ${userColumns('u', 'account_')},
       (extract(epoch FROM now() - s.verified_at) * 1000)::double precision AS ms_since_verification,
       (${live}) AS live,
       s.last_active_at < now() - $2::double precision * interval '1 millisecond' AS stale,
       EXISTS (SELECT 1 FROM credentials c WHERE c.user_id = u.id) AS has_passkeys
     FROM sessions s JOIN users u ON u.id = s.user_id
     WHERE s.token_hash = $1`,
    [tokenHash, activityIntervalMs(limits)],
  );
  if (row === undefined) return undefined;
  if (!row.live) {
    await db.query(`DELETE FROM sessions s WHERE s.token_hash = $1 AND NOT (${live})`, [tokenHash]);
    return undefined;
  }
  const session = { ...sessionFromRow(row), tokenHash, msSinceVerification: row.ms_since_verification };
  if (row.stale) {
    const [touched] = await db.query<{ last_active_at: Date }>(
      `UPDATE sessions SET last_active_at = now(),
         idle_expires_at = least(expires_at, now() + $2::double precision * interval '1 millisecond')
       WHERE token_hash = $1 RETURNING last_active_at`,
      [tokenHash, limits.sessionIdleMs],
    );
    if (touched !== undefined) session.lastActiveAt = touched.last_active_at;
  }
  return { session, user: userFromPrefixedRow(row, 'account_'), hasPasskeys: row.has_passkeys };
}

/** The user of a live session, or undefined. */
export async function findSessionUser(
  db: Queryable,
  token: string,
  limits: Pick<SessionLimits, 'sessionIdleMs'>,
): Promise<UserRecord | undefined> {
  return (await findSession(db, token, limits))?.user;
}

export async function deleteSession(db: Queryable, token: string): Promise<void> {
  await db.query('DELETE FROM sessions WHERE token_hash = $1', [sha256Hex(token)]);
}

/** A user's live sessions, most recently active first. */
export async function listSessions(db: Queryable, userId: string): Promise<SessionRecord[]> {
  const rows = await db.query<SessionRow>(
    `SELECT ${sessionColumns} FROM sessions s
     WHERE s.user_id = $1 AND ${live}
     ORDER BY s.last_active_at DESC, s.created_at DESC, s.id`,
    [userId],
  );
  return rows.map(sessionFromRow);
}

/** One live session of the user by its public id; another user's session is not found. */
export async function findSessionOfUser(
  db: Queryable,
  userId: string,
  sessionId: string,
): Promise<SessionRecord | undefined> {
  const [row] = await db.query<SessionRow>(
    `SELECT ${sessionColumns} FROM sessions s WHERE s.id = $1 AND s.user_id = $2 AND ${live}`,
    [sessionId, userId],
  );
  return row === undefined ? undefined : sessionFromRow(row);
}

export async function deleteSessionOfUser(db: Queryable, userId: string, sessionId: string): Promise<void> {
  await db.query('DELETE FROM sessions WHERE id = $1 AND user_id = $2', [sessionId, userId]);
}

/** Signs out every other session of the user; returns how many of them were still live. */
export async function deleteOtherSessions(db: Queryable, userId: string, keepTokenHash: string): Promise<number> {
  // Ended rows go too, but are not counted: the account page never listed them.
  const rows = await db.query<{ live: boolean }>(
    `DELETE FROM sessions s WHERE s.user_id = $1 AND s.token_hash <> $2 RETURNING (${live}) AS live`,
    [userId, keepTokenHash],
  );
  return rows.filter((row) => row.live).length;
}

/** A session under its new token, after a verification. */
export interface RenewedSession {
  token: string;
  verifiedAt: Date;
  /** Until the session's absolute expiry, which a verification does not move. */
  expiresInMs: number;
}

/**
 * Records a verification on a live session and gives it a new token (ASVS 7.2.4): the old token
 * stops working at once. The public id stays, so the account page still knows this device.
 * Undefined if the session is gone.
 */
export async function markVerifiedWithNewToken(
  db: Queryable,
  tokenHash: string,
  by: Exclude<VerificationMethod, 'sign-in-code'>,
): Promise<RenewedSession | undefined> {
  const token = randomToken(32);
  const [row] = await db.query<{ verified_at: Date; expires_in_ms: number }>(
    `UPDATE sessions s SET token_hash = $3, verified_at = now(), verified_by = $2
     WHERE s.token_hash = $1 AND ${live}
     RETURNING s.verified_at, (extract(epoch FROM s.expires_at - now()) * 1000)::double precision AS expires_in_ms`,
    [tokenHash, by, sha256Hex(token)],
  );
  return row === undefined ? undefined : { token, verifiedAt: row.verified_at, expiresInMs: row.expires_in_ms };
}

/** The session has its passkey now: it may do everything again. */
export async function clearPasskeyRequired(db: Queryable, tokenHash: string): Promise<void> {
  await db.query('UPDATE sessions SET passkey_required = false WHERE token_hash = $1', [tokenHash]);
}

/**
 * Deletes up to `batchSize` ended sessions (idle or expired), by the indexes on both expiries;
 * returns how many. Ended sessions are never accepted anyway: this keeps them off the server.
 */
export async function purgeEndedSessions(db: Queryable, batchSize = 1000): Promise<number> {
  const rows = await db.query<{ token_hash: string }>(
    `DELETE FROM sessions WHERE token_hash IN (
       SELECT token_hash FROM sessions WHERE expires_at <= now() OR idle_expires_at <= now() LIMIT $1)
     RETURNING token_hash`,
    [batchSize],
  );
  return rows.length;
}
