import { isUniqueViolation } from '../db/database.ts';
import type { Queryable } from '../db/database.ts';
import { Problem } from '../problem.ts';
import { userColumns, userFromPrefixedRow } from './users.ts';
import type { UserRecord } from './users.ts';

export type CredentialDeviceType = 'singleDevice' | 'multiDevice';

/** A registered passkey. */
export interface CredentialRecord {
  /** Credential id, base64url. */
  id: string;
  userId: string;
  /** COSE public key. */
  publicKey: Uint8Array<ArrayBuffer>;
  counter: number;
  transports: string[];
  aaguid: string;
  deviceType: CredentialDeviceType;
  backedUp: boolean;
  name: string | null;
  createdAt: Date;
  lastUsedAt: Date | null;
}

/** A passkey together with the account it belongs to. */
export interface CredentialWithUser {
  credential: CredentialRecord;
  user: UserRecord;
}

export type NewCredential = Pick<
  CredentialRecord,
  'id' | 'userId' | 'publicKey' | 'counter' | 'transports' | 'aaguid' | 'deviceType' | 'backedUp'
>;

interface CredentialRow {
  id: string;
  user_id: string;
  public_key: Uint8Array;
  counter: number | string | bigint; // bigint: pg returns a string, PGlite a number
  transports: string[];
  aaguid: string;
  device_type: CredentialDeviceType;
  backed_up: boolean;
  name: string | null;
  created_at: Date;
  last_used_at: Date | null;
}

const credentialColumns = `c.id, c.user_id, c.public_key, c.counter, c.transports, c.aaguid, c.device_type,
  c.backed_up, c.name, c.created_at, c.last_used_at`;

function credentialFromRow(row: CredentialRow): CredentialRecord {
  return {
    id: row.id,
    userId: row.user_id,
    // A copy: pg hands out Buffers that may share a larger pool; WebAuthn code wants a plain array.
    publicKey: new Uint8Array(row.public_key),
    counter: Number(row.counter),
    transports: row.transports,
    aaguid: row.aaguid,
    deviceType: row.device_type,
    backedUp: row.backed_up,
    name: row.name,
    createdAt: row.created_at,
    lastUsedAt: row.last_used_at,
  };
}

/** Stores a new passkey; `verification-failed` if this exact credential is already registered. */
export async function insertCredential(db: Queryable, credential: NewCredential): Promise<CredentialRecord> {
  let rows: CredentialRow[];
  try {
    rows = await db.query<CredentialRow>(
      `INSERT INTO credentials AS c (id, user_id, public_key, counter, transports, aaguid, device_type, backed_up)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       RETURNING ${credentialColumns}`,
      [
        credential.id,
        credential.userId,
        Buffer.from(credential.publicKey),
        credential.counter,
        credential.transports,
        credential.aaguid,
        credential.deviceType,
        credential.backedUp,
      ],
    );
  } catch (error) {
    if (isUniqueViolation(error, 'credentials_pkey')) {
      throw new Problem('verification-failed', 'This passkey is already registered.', { cause: error });
    }
    throw error;
  }
  const [row] = rows;
  if (row === undefined) throw new Error('INSERT INTO credentials returned no row');
  return credentialFromRow(row);
}

/**
 * The SELECT of a credential (by the placeholder `credentialId`) joined with its owner, whose rows
 * `credentialWithUserFromRow` reads; other statements embed it too (store/passkey-sign-in.ts).
 */
export function credentialWithUserSelect(credentialId: string): string {
  return `SELECT ${credentialColumns}, ${userColumns('u', 'account_')}
    FROM credentials c JOIN users u ON u.id = c.user_id
    WHERE c.id = ${credentialId}`;
}

export function credentialWithUserFromRow(row: object): CredentialWithUser {
  return { credential: credentialFromRow(row as CredentialRow), user: userFromPrefixedRow(row, 'account_') };
}

/** A credential with its owner, for sign-in. */
export async function findCredentialWithUser(
  db: Queryable,
  credentialId: string,
): Promise<CredentialWithUser | undefined> {
  const [row] = await db.query<CredentialRow>(credentialWithUserSelect('$1'), [credentialId]);
  return row === undefined ? undefined : credentialWithUserFromRow(row);
}

/** The ids of a user's passkeys, oldest first. */
export async function listCredentialIds(db: Queryable, userId: string): Promise<string[]> {
  const rows = await db.query<{ id: string }>(
    'SELECT id FROM credentials WHERE user_id = $1 ORDER BY created_at, id',
    [userId],
  );
  return rows.map((row) => row.id);
}

/** Records a successful sign-in with the passkey; false when the passkey was removed meanwhile. */
export async function recordCredentialUse(
  db: Queryable,
  credentialId: string,
  use: { counter: number; backedUp: boolean },
): Promise<boolean> {
  const rows = await db.query(
    'UPDATE credentials SET counter = $2, backed_up = $3, last_used_at = now() WHERE id = $1 RETURNING id',
    [credentialId, use.counter, use.backedUp],
  );
  return rows.length > 0;
}

/** A user's passkeys, newest first. */
export async function listCredentials(db: Queryable, userId: string): Promise<CredentialRecord[]> {
  const rows = await db.query<CredentialRow>(
    `SELECT ${credentialColumns} FROM credentials c WHERE c.user_id = $1 ORDER BY c.created_at DESC, c.id`,
    [userId],
  );
  return rows.map(credentialFromRow);
}

/** Sets the user's own name for one of their passkeys; undefined when they have no such passkey. */
export async function renameCredential(
  db: Queryable,
  userId: string,
  credentialId: string,
  name: string,
): Promise<CredentialRecord | undefined> {
  const [row] = await db.query<CredentialRow>(
    `UPDATE credentials c SET name = $3 WHERE c.id = $1 AND c.user_id = $2 RETURNING ${credentialColumns}`,
    [credentialId, userId, name],
  );
  return row === undefined ? undefined : credentialFromRow(row);
}

export async function deleteCredential(db: Queryable, userId: string, credentialId: string): Promise<void> {
  await db.query('DELETE FROM credentials WHERE id = $1 AND user_id = $2', [credentialId, userId]);
}
