import type { Queryable } from '../db/database.ts';

/** The account an identifier-first sign-in is for, with the ids of its passkeys (oldest first). */
export interface SignInAccount {
  userId: string;
  credentialIds: string[];
}

/**
 * The account and its passkey ids in one query, so that an identifier with an account, one whose
 * account has no passkey and one without an account cost the database the same single round trip.
 */
export async function findSignInAccount(db: Queryable, identifier: string): Promise<SignInAccount | undefined> {
  const [row] = await db.query<{ user_id: string; credential_ids: string[] }>(
    `SELECT u.id AS user_id,
            coalesce(array_agg(c.id ORDER BY c.created_at, c.id) FILTER (WHERE c.id IS NOT NULL), '{}') AS credential_ids
     FROM users u LEFT JOIN credentials c ON c.user_id = u.id
     WHERE u.identifier = $1
     GROUP BY u.id`,
    [identifier],
  );
  return row === undefined ? undefined : { userId: row.user_id, credentialIds: row.credential_ids };
}
