import type { Queryable } from '../db/database.ts';
import type { ServerContext } from '../server-context.ts';
import { replaceRecoveryCodes, useRecoveryCode } from '../store/recovery-codes.ts';
import { newRecoveryCode, normaliseRecoveryCode, recoveryCodesPerSet } from './generate.ts';
import { keyedHash } from './keys.ts';

function recoveryCodeHash(context: ServerContext, userId: string, normalised: string): string {
  return keyedHash(context.hashKey, 'recovery-code', userId, normalised);
}

/** A new set of recovery codes for the user, replacing the old set; only their hashes are stored. */
export async function issueRecoveryCodes(context: ServerContext, db: Queryable, userId: string): Promise<string[]> {
  const codes = Array.from({ length: recoveryCodesPerSet }, newRecoveryCode);
  const hashes = codes.map((code) => recoveryCodeHash(context, userId, normaliseRecoveryCode(code) ?? code));
  await replaceRecoveryCodes(db, userId, hashes);
  return codes;
}

/** Uses one of the user's recovery codes as typed: false when it is not one of theirs, or was used. */
export async function redeemRecoveryCode(context: ServerContext, db: Queryable, userId: string, typed: string): Promise<boolean> {
  const normalised = normaliseRecoveryCode(typed);
  if (normalised === undefined) return false;
  return useRecoveryCode(db, userId, recoveryCodeHash(context, userId, normalised));
}
