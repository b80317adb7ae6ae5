import { createHmac } from 'node:crypto';
import type { HashKey } from '../codes/keys.ts';

/**
 * How many passkeys a decoy shows, out of 20: most accounts hold one or two (a phone, a laptop),
 * some three or four. Real counts are not consulted, so a decoy costs no query.
 */
const countWeights = [12, 5, 2, 1] as const;

/**
 * Lengths in bytes of credential ids as common authenticators make them (passkey managers 16 or 20,
 * platform authenticators 32, security keys 64 or more).
 */
const idLengths = [16, 20, 32, 64] as const;

/**
 * The credential ids an identifier-first sign-in offers for an identifier without passkeys here
 * (no account, or an account without one): derived from a keyed hash of the identifier, so the same
 * identifier gets the same ids every time, as a real account would, and nobody without the server's
 * key can tell them from real ones.
 */
export function decoyCredentialIds(key: HashKey, identifier: string): string[] {
  const seed = stream(key, identifier, 'seed', 1 + countWeights.length);
  const count = weightedPick(seed[0] ?? 0);
  return Array.from({ length: count }, (_, index) => {
    const length = idLengths[(seed[1 + index] ?? 0) % idLengths.length] ?? 32;
    return stream(key, identifier, `id-${index}`, length).toString('base64url');
  });
}

/** `length` bytes of HMAC-SHA256 output for `identifier` and `label`. */
function stream(key: HashKey, identifier: string, label: string, length: number): Buffer {
  const blocks: Buffer[] = [];
  for (let block = 0; blocks.length * 32 < length; block += 1) {
    blocks.push(createHmac('sha256', key).update(['decoy-passkey', identifier, label, String(block)].join('\0')).digest());
  }
  return Buffer.concat(blocks).subarray(0, length);
}

function weightedPick(byte: number): number {
  const total = countWeights.reduce((sum, weight) => sum + weight, 0);
  let roll = byte % total;
  for (const [index, weight] of countWeights.entries()) {
    if (roll < weight) return index + 1;
    roll -= weight;
  }
  return 1;
}
