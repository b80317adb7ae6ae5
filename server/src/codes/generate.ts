import { randomInt } from 'node:crypto';

/** Digits in an email code. */
export const codeLength = 6;

/** A fresh email code: 6 digits from the CSPRNG, leading zeros kept. */
export function newEmailCode(): string {
  return String(randomInt(0, 10 ** codeLength)).padStart(codeLength, '0');
}

/** Whether `value` can be an email code: exactly 6 ASCII digits, nothing around them. */
export function isEmailCode(value: string): boolean {
  return /^[0-9]{6}$/.test(value);
}

// Crockford's base32: no I, L, O or U, so a printed code cannot be misread.
const recoveryAlphabet = '0123456789abcdefghjkmnpqrstvwxyz';
/** 10 characters of 32: 50 bits each. */
const recoveryCodeLength = 10;
export const recoveryCodesPerSet = 10;

/** A recovery code for the user to keep, in groups that read well: `k7m2-9xq4-t8`. */
export function newRecoveryCode(): string {
  let code = '';
  for (let index = 0; index < recoveryCodeLength; index++) code += recoveryAlphabet[randomInt(recoveryAlphabet.length)];
  return `${code.slice(0, 4)}-${code.slice(4, 8)}-${code.slice(8)}`;
}

/**
 * The canonical form of a typed recovery code, or undefined when it cannot be one: case, spaces
 * and dashes do not matter, and the letters people confuse with digits are read as those digits.
 */
export function normaliseRecoveryCode(typed: string): string | undefined {
  if (typed.length > 64) return undefined;
  const code = typed
    .toLowerCase()
    .replace(/[\s-]/g, '')
    .replace(/[o]/g, '0')
    .replace(/[il]/g, '1');
  if (code.length !== recoveryCodeLength || ![...code].every((character) => recoveryAlphabet.includes(character))) return undefined;
  return code;
}
