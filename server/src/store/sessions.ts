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

/** How a new session signed in: with a passkey (`credentialId`), or with a code. */
export type SignInProof =
  | { signedInWith: 'passkey'; credentialId: string }
  | { signedInWith: 'email-code' | 'recovery-code'; passkeyRequired: boolean };

/**
 * Creates a session and returns its token; only the token's hash is stored. Sign-up and sign-in
 * just verified the user, so the session starts out verified, by what it signed in with.
 */
export async function createSession(
  db: Queryable,
  session: { userId: string; proof: SignInProof; userAgent: string | null; ttlMs: number },
): Promise<string> {
  await db.query('DELETE FROM sessions WHERE expires_at < now()');
  const token = randomToken(32);
  const { proof } = session;
  const byPasskey = proof.signedInWith === 'passkey';
  await db.query(
    `INSERT INTO sessions (token_hash, user_id, credential_id, user_agent, expires_at, verified_at,
       signed_in_with, verified_by, passkey_required)
     VALUES ($1, $2, $3, $4, now() + $5::double precision * interval '1 millisecond', now(), $6, $7, $8)`,
    [
      sha256Hex(token),
      session.userId,
      byPasskey ? proof.credentialId : null,
      session.userAgent,
      session.ttlMs,
      proof.signedInWith,
      byPasskey ? 'passkey' : 'sign-in-code',
      byPasskey ? false : proof.passkeyRequired,
    ],
  );
  return token;
}

/**
 * The live session of a token with its user, and whether the account has a passkey, or undefined.
 * Notes activity at most once a minute, so that polling the session does not turn every read into
 * a write.
 */
export async function findSession(
  db: Queryable,
  token: string,
): Promise<{ session: CurrentSession; user: UserRecord; hasPasskeys: boolean } | undefined> {
  const tokenHash = sha256Hex(token);
  type Row = SessionRow & { ms_since_verification: number; stale: boolean; has_passkeys: boolean };
  const [row] = await db.query<Row>(
    `SELECT ${sessionColumns}, ${userColumns('u', 'account_')},
       (extract(epoch FROM now() - s.verified_at) * 1000)::double precision AS ms_since_verification,
       s.last_active_at < now() - interval '1 minute' AS stale,
       EXISTS (SELECT 1 FROM credentials c WHERE c.user_id = u.id) AS has_passkeys
     FROM sessions s JOIN users u ON u.id = s.user_id
     WHERE s.token_hash = $1 AND s.expires_at > now()`,
    [tokenHash],
  );
  if (row === undefined) return undefined;
  const session = { ...sessionFromRow(row), tokenHash, msSinceVerification: row.ms_since_verification };
  if (row.stale) {
    const [touched] = await db.query<{ last_active_at: Date }>(
      'UPDATE sessions SET last_active_at = now() WHERE token_hash = $1 RETURNING last_active_at',
      [tokenHash],
    );
    if (touched !== undefined) session.lastActiveAt = touched.last_active_at;
  }
  return { session, user: userFromPrefixedRow(row, 'account_'), hasPasskeys: row.has_passkeys };
}

/** The user of a live session, or undefined. */
export async function findSessionUser(db: Queryable, token: string): Promise<UserRecord | undefined> {
  return (await findSession(db, token))?.user;
}

export async function deleteSession(db: Queryable, token: string): Promise<void> {
  await db.query('DELETE FROM sessions WHERE token_hash = $1', [sha256Hex(token)]);
}

/** A user's live sessions, most recently active first. */
export async function listSessions(db: Queryable, userId: string): Promise<SessionRecord[]> {
  const rows = await db.query<SessionRow>(
    `SELECT ${sessionColumns} FROM sessions s
     WHERE s.user_id = $1 AND s.expires_at > now()
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
    `SELECT ${sessionColumns} FROM sessions s WHERE s.id = $1 AND s.user_id = $2 AND s.expires_at > now()`,
    [sessionId, userId],
  );
  return row === undefined ? undefined : sessionFromRow(row);
}

export async function deleteSessionOfUser(db: Queryable, userId: string, sessionId: string): Promise<void> {
  await db.query('DELETE FROM sessions WHERE id = $1 AND user_id = $2', [sessionId, userId]);
}

/** Signs out every other session of the user; returns how many of them were still live. */
export async function deleteOtherSessions(db: Queryable, userId: string, keepTokenHash: string): Promise<number> {
  // Expired rows go too, but are not counted: the account page never listed them.
  const rows = await db.query<{ live: boolean }>(
    'DELETE FROM sessions WHERE user_id = $1 AND token_hash <> $2 RETURNING expires_at > now() AS live',
    [userId, keepTokenHash],
  );
  return rows.filter((row) => row.live).length;
}

/** Records a verification on the session; returns its time, or undefined if the session is gone. */
export async function markSessionVerified(
  db: Queryable,
  tokenHash: string,
  by: Exclude<VerificationMethod, 'sign-in-code'>,
): Promise<Date | undefined> {
  const [row] = await db.query<{ verified_at: Date }>(
    'UPDATE sessions SET verified_at = now(), verified_by = $2 WHERE token_hash = $1 RETURNING verified_at',
    [tokenHash, by],
  );
  return row?.verified_at;
}

/** The session has its passkey now: it may do everything again. */
export async function clearPasskeyRequired(db: Queryable, tokenHash: string): Promise<void> {
  await db.query('UPDATE sessions SET passkey_required = false WHERE token_hash = $1', [tokenHash]);
}
