import type { Queryable } from '../db/database.ts';
import { randomToken, sha256Hex } from '../random.ts';
import { userFromRow } from './users.ts';
import type { UserRecord, UserRow } from './users.ts';

/** Creates a session and returns its token; only the token's hash is stored. */
export async function createSession(
  db: Queryable,
  session: { userId: string; credentialId: string; userAgent: string | null; ttlMs: number },
): Promise<string> {
  await db.query('DELETE FROM sessions WHERE expires_at < now()');
  const token = randomToken(32);
  await db.query(
    `INSERT INTO sessions (token_hash, user_id, credential_id, user_agent, expires_at)
     VALUES ($1, $2, $3, $4, now() + $5::double precision * interval '1 millisecond')`,
    [sha256Hex(token), session.userId, session.credentialId, session.userAgent, session.ttlMs],
  );
  return token;
}

/**
 * The user of a live session, or undefined. Notes activity at most once a minute, so that
 * polling the session does not turn every read into a write.
 */
export async function findSessionUser(db: Queryable, token: string): Promise<UserRecord | undefined> {
  const tokenHash = sha256Hex(token);
  const [row] = await db.query<UserRow & { stale: boolean }>(
    `SELECT u.id, u.identifier, u.display_name, u.webauthn_user_id,
       s.last_active_at < now() - interval '1 minute' AS stale
     FROM sessions s JOIN users u ON u.id = s.user_id
     WHERE s.token_hash = $1 AND s.expires_at > now()`,
    [tokenHash],
  );
  if (row === undefined) return undefined;
  if (row.stale) {
    await db.query('UPDATE sessions SET last_active_at = now() WHERE token_hash = $1', [tokenHash]);
  }
  return userFromRow(row);
}

export async function deleteSession(db: Queryable, token: string): Promise<void> {
  await db.query('DELETE FROM sessions WHERE token_hash = $1', [sha256Hex(token)]);
}
