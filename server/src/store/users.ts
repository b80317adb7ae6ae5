import { isUniqueViolation } from '../db/database.ts';
import type { Queryable } from '../db/database.ts';
import { Problem } from '../problem.ts';
import { randomToken } from '../random.ts';

/** A user as the API shows it. */
export interface User {
  id: string;
  identifier: string;
  displayName: string;
}

/** A user with the fields only the server needs. */
export interface UserRecord extends User {
  /** The WebAuthn user handle, base64url: random, so it reveals nothing about the person. */
  webauthnUserId: string;
  createdAt: Date;
}

export interface UserRow {
  id: string;
  identifier: string;
  display_name: string;
  webauthn_user_id: string;
  created_at: Date;
}

export function userFromRow(row: UserRow): UserRecord {
  return {
    id: row.id,
    identifier: row.identifier,
    displayName: row.display_name,
    webauthnUserId: row.webauthn_user_id,
    createdAt: row.created_at,
  };
}

/** Strips server-only fields before a user goes into a response. */
export function publicUser(user: User): User {
  return { id: user.id, identifier: user.identifier, displayName: user.displayName };
}

export async function findUserByIdentifier(db: Queryable, identifier: string): Promise<UserRecord | undefined> {
  const [row] = await db.query<UserRow>(
    'SELECT id, identifier, display_name, webauthn_user_id, created_at FROM users WHERE identifier = $1',
    [identifier],
  );
  return row === undefined ? undefined : userFromRow(row);
}

/** Creates a user; `identifier-taken` when someone else took the identifier meanwhile. */
export async function insertUser(
  db: Queryable,
  user: { identifier: string; displayName: string; webauthnUserId: string },
): Promise<UserRecord> {
  try {
    const [row] = await db.query<UserRow>(
      `INSERT INTO users (id, identifier, display_name, webauthn_user_id) VALUES ($1, $2, $3, $4)
       RETURNING id, identifier, display_name, webauthn_user_id, created_at`,
      [randomToken(16), user.identifier, user.displayName, user.webauthnUserId],
    );
    if (row === undefined) throw new Error('INSERT INTO users returned no row');
    return userFromRow(row);
  } catch (error) {
    if (isUniqueViolation(error, 'users_identifier_key')) {
      throw new Problem('identifier-taken', 'An account with this identifier was created meanwhile.', { cause: error });
    }
    throw error;
  }
}

/** Sets the user's display name; `undefined` when the user no longer exists. */
export async function updateDisplayName(db: Queryable, userId: string, displayName: string): Promise<UserRecord | undefined> {
  const [row] = await db.query<UserRow>(
    `UPDATE users SET display_name = $2 WHERE id = $1
     RETURNING id, identifier, display_name, webauthn_user_id, created_at`,
    [userId, displayName],
  );
  return row === undefined ? undefined : userFromRow(row);
}

/** Deletes an account; the foreign keys cascade to its passkeys, sessions and challenges. */
export async function deleteUser(db: Queryable, userId: string): Promise<void> {
  await db.query('DELETE FROM users WHERE id = $1', [userId]);
}

/**
 * Locks the user's row until the transaction ends: serialises changes that check the account as a
 * whole, such as "never remove the last passkey", against each other.
 */
export async function lockUser(db: Queryable, userId: string): Promise<void> {
  await db.query('SELECT 1 FROM users WHERE id = $1 FOR UPDATE', [userId]);
}
