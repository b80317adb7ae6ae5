import { isUniqueViolation } from '../db/database.ts';
import type { Queryable } from '../db/database.ts';
import { Problem } from '../problem.ts';
import { randomToken } from '../random.ts';
import type { PasskeyUser } from '../../../src/protocol/index.ts';

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
  /** The address codes go to, lower-cased; null when the account has none. */
  email: string | null;
  /** When a code sent to `email` came back; null while it is unconfirmed. */
  emailVerifiedAt: Date | null;
  /** When the user chose one factor for their own account under the two-factor policy. */
  twoFactorOptedOutAt: Date | null;
}

export interface UserRow {
  id: string;
  identifier: string;
  display_name: string;
  webauthn_user_id: string;
  created_at: Date;
  email: string | null;
  email_verified_at: Date | null;
  two_factor_opted_out_at: Date | null;
}

const userColumnNames = [
  'id',
  'identifier',
  'display_name',
  'webauthn_user_id',
  'created_at',
  'email',
  'email_verified_at',
  'two_factor_opted_out_at',
] as const satisfies ReadonlyArray<keyof UserRow>;

/** The user columns of table `alias`, renamed with `prefix` where a join would make `id` or `created_at` clash. */
export function userColumns(alias: string, prefix = ''): string {
  return userColumnNames.map((name) => `${alias}.${name} AS ${prefix}${name}`).join(', ');
}

export function userFromRow(row: UserRow): UserRecord {
  return {
    id: row.id,
    identifier: row.identifier,
    displayName: row.display_name,
    webauthnUserId: row.webauthn_user_id,
    createdAt: row.created_at,
    email: row.email,
    emailVerifiedAt: row.email_verified_at,
    twoFactorOptedOutAt: row.two_factor_opted_out_at,
  };
}

/** The user of a joined row whose user columns were selected with `userColumns(alias, prefix)`. */
export function userFromPrefixedRow(row: object, prefix: string): UserRecord {
  const values = row as Record<string, unknown>;
  return userFromRow(Object.fromEntries(userColumnNames.map((name) => [name, values[`${prefix}${name}`]])) as unknown as UserRow);
}

/** Strips server-only fields before a user goes into a response. */
export function publicUser(user: UserRecord): PasskeyUser {
  return {
    id: user.id,
    identifier: user.identifier,
    displayName: user.displayName,
    email: user.email,
    emailVerified: user.emailVerifiedAt !== null,
  };
}

const returningUser = `RETURNING ${userColumns('users')}`;

export async function findUserByIdentifier(db: Queryable, identifier: string): Promise<UserRecord | undefined> {
  const [row] = await db.query<UserRow>(`SELECT ${userColumns('users')} FROM users WHERE identifier = $1`, [identifier]);
  return row === undefined ? undefined : userFromRow(row);
}

export async function findUserById(db: Queryable, userId: string): Promise<UserRecord | undefined> {
  const [row] = await db.query<UserRow>(`SELECT ${userColumns('users')} FROM users WHERE id = $1`, [userId]);
  return row === undefined ? undefined : userFromRow(row);
}

/** The account whose confirmed address this is: the only kind a sign-in code may go to. */
export async function findUserByVerifiedEmail(db: Queryable, email: string): Promise<UserRecord | undefined> {
  const [row] = await db.query<UserRow>(
    `SELECT ${userColumns('users')} FROM users WHERE email = $1 AND email_verified_at IS NOT NULL`,
    [email],
  );
  return row === undefined ? undefined : userFromRow(row);
}

/** Whether some account has this address as its identifier or its email, confirmed or not. */
export async function addressInUse(db: Queryable, address: string): Promise<boolean> {
  const rows = await db.query('SELECT 1 FROM users WHERE identifier = $1 OR email = $1', [address]);
  return rows.length > 0;
}

// Either constraint means the address belongs to someone else now.
function isAddressTaken(error: unknown): boolean {
  return isUniqueViolation(error, 'users_identifier_key') || isUniqueViolation(error, 'users_email_key');
}

/**
 * Creates a user; `identifier-taken` when someone else took the identifier (or the address) meanwhile.
 * An email identifier becomes the account's address, confirmed when `emailVerified` says so.
 */
export async function insertUser(
  db: Queryable,
  user: { identifier: string; displayName: string; webauthnUserId: string; emailVerified?: boolean },
): Promise<UserRecord> {
  const email = user.identifier.includes('@') ? user.identifier : null;
  try {
    const [row] = await db.query<UserRow>(
      `INSERT INTO users (id, identifier, display_name, webauthn_user_id, email, email_verified_at)
       VALUES ($1, $2, $3, $4, $5, CASE WHEN $6::boolean THEN now() END)
       ${returningUser}`,
      [randomToken(16), user.identifier, user.displayName, user.webauthnUserId, email, email !== null && user.emailVerified === true],
    );
    if (row === undefined) throw new Error('INSERT INTO users returned no row');
    return userFromRow(row);
  } catch (error) {
    if (isAddressTaken(error)) {
      throw new Problem('identifier-taken', 'An account with this identifier was created meanwhile.', { cause: error });
    }
    throw error;
  }
}

/** Sets the user's display name; `undefined` when the user no longer exists. */
export async function updateDisplayName(db: Queryable, userId: string, displayName: string): Promise<UserRecord | undefined> {
  const [row] = await db.query<UserRow>(`UPDATE users SET display_name = $2 WHERE id = $1 ${returningUser}`, [userId, displayName]);
  return row === undefined ? undefined : userFromRow(row);
}

/** Records that a code sent to the account's current address came back. */
export async function markEmailVerified(db: Queryable, userId: string, email: string): Promise<UserRecord | undefined> {
  const [row] = await db.query<UserRow>(
    `UPDATE users SET email_verified_at = now() WHERE id = $1 AND email = $2 ${returningUser}`,
    [userId, email],
  );
  return row === undefined ? undefined : userFromRow(row);
}

/**
 * Moves the account to a new, just confirmed address; an identifier that was the old address
 * follows it. `identifier-taken` when another account got the address meanwhile.
 */
export async function changeEmail(db: Queryable, userId: string, email: string): Promise<UserRecord | undefined> {
  try {
    const [row] = await db.query<UserRow>(
      `UPDATE users SET
         identifier = CASE WHEN email IS NOT NULL AND identifier = email THEN $2 ELSE identifier END,
         email = $2, email_verified_at = now()
       WHERE id = $1 ${returningUser}`,
      [userId, email],
    );
    return row === undefined ? undefined : userFromRow(row);
  } catch (error) {
    if (isAddressTaken(error)) {
      throw new Problem('identifier-taken', 'Another account uses this address now.', { cause: error });
    }
    throw error;
  }
}

/** Records the user's two-factor choice with its time (null: back to two factors). */
export async function setTwoFactorOptOut(db: Queryable, userId: string, optOut: boolean): Promise<UserRecord | undefined> {
  const [row] = await db.query<UserRow>(
    `UPDATE users SET two_factor_opted_out_at = CASE WHEN $2::boolean THEN now() END WHERE id = $1 ${returningUser}`,
    [userId, optOut],
  );
  return row === undefined ? undefined : userFromRow(row);
}

/** Deletes an account; the foreign keys cascade to its passkeys, sessions, challenges and codes. */
export async function deleteUser(db: Queryable, userId: string): Promise<void> {
  await db.query('DELETE FROM users WHERE id = $1', [userId]);
}

/** The answer to an act whose account was deleted while it ran. */
export function accountDeleted(): Problem {
  return new Problem('not-signed-in', 'The account was deleted meanwhile.');
}

/**
 * Locks the user's row until the transaction ends; false when the account no longer exists.
 *
 * The one lock order of the store: a transaction that touches an account's rows locks the user row
 * first. Deleting the account locks that row before its cascades reach the passkeys, sessions and
 * challenges, so a transaction that held one of those and then waited for the user row (as every
 * insert referencing it does) would deadlock with it. `change` (FOR UPDATE) serialises changes that
 * check the account as a whole, such as "never remove the last passkey"; `use` (FOR KEY SHARE) only
 * keeps the account from being deleted meanwhile, and lets sign-ins of one account run side by side.
 */
export async function lockUser(db: Queryable, userId: string, purpose: 'change' | 'use' = 'change'): Promise<boolean> {
  const lock = purpose === 'change' ? 'FOR UPDATE' : 'FOR KEY SHARE';
  const rows = await db.query(`SELECT 1 FROM users WHERE id = $1 ${lock}`, [userId]);
  return rows.length > 0;
}
