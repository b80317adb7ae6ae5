import { createHash, randomBytes } from 'node:crypto';

/** `byteLength` random bytes as base64url without padding. */
export function randomToken(byteLength = 32): string {
  return randomBytes(byteLength).toString('base64url');
}

/** Hex SHA-256 of a string; sessions are stored under the hash of their token. */
export function sha256Hex(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}
