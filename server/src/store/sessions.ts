import type { Queryable } from '../db/database.ts';
import { randomToken, sha256Hex } from '../random.ts';
import { userFromRow } from './users.ts';
import type { UserRecord, UserRow } from './users.ts';

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
  /** The last passkey verification: sign-up, sign-in or re-authentication. */
  verifiedAt: Date;
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
}

const sessionColumns = 's.id, s.user_id, s.credential_id, s.user_agent, s.created_at, s.last_active_at, s.verified_at';

function sessionFromRow(row: SessionRow): SessionRecord {
  return {
    id: row.id,
    userId: row.user_id,
    credentialId: row.credential_id,
    userAgent: row.user_agent,
    createdAt: row.created_at,
    lastActiveAt: row.last_active_at,
    verifiedAt: row.verified_at,
  };
}

/**
 * Creates a session and returns its token; only the token's hash is stored. Sign-up and sign-in
 * just verified a passkey, so the session starts out freshly verified.
 */
export async function createSession(
  db: Queryable,
  session: { userId: string; credentialId: string; userAgent: string | null; ttlMs: number },
): Promise<string> {
  await db.query('DELETE FROM sessions WHERE expires_at < now()');
  const token = randomToken(32);
  await db.query(
    `INSERT INTO sessions (token_hash, user_id, credential_id, user_agent, expires_at, verified_at)
     VALUES ($1, $2, $3, $4, now() + $5::double precision * interval '1 millisecond', now())`,
    [sha256Hex(token), session.userId, session.credentialId, session.userAgent, session.ttlMs],
  );
  return token;
}

/**
 * The live session of a token with its user, or undefined. Notes activity at most once a minute,
 * so that polling the session does not turn every read into a write.
 */
export async function findSession(
  db: Queryable,
  token: string,
): Promise<{ session: CurrentSession; user: UserRecord } | undefined> {
  const tokenHash = sha256Hex(token);
  type Row = SessionRow &
    Pick<UserRow, 'identifier' | 'display_name' | 'webauthn_user_id'> & {
      user_created_at: Date;
      ms_since_verification: number;
      stale: boolean;
    };
  const [row] = await db.query<Row>(
    `SELECT ${sessionColumns}, u.identifier, u.display_name, u.webauthn_user_id, u.created_at AS user_created_at,
       (extract(epoch FROM now() - s.verified_at) * 1000)::double precision AS ms_since_verification,
       s.last_active_at < now() - interval '1 minute' AS stale
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
  const user = userFromRow({ ...row, id: row.user_id, created_at: row.user_created_at });
  return { session, user };
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

/** Records a passkey verification on the session; returns its time, or undefined if the session is gone. */
export async function markSessionVerified(db: Queryable, tokenHash: string): Promise<Date | undefined> {
  const [row] = await db.query<{ verified_at: Date }>(
    'UPDATE sessions SET verified_at = now() WHERE token_hash = $1 RETURNING verified_at',
    [tokenHash],
  );
  return row?.verified_at;
}
