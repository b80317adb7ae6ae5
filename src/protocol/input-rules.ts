import type { ProblemCode } from './problems.ts';

/**
 * The input rules both sides apply: the elements check them before sending, the reference server
 * checks them again. Lengths count code points, so an emoji is one character on both sides.
 */
export type InputCheck =
  | { valid: true; value: string }
  | { valid: false; code: ProblemCode; reason: string };

/** Longest display name and passkey name, in code points. */
export const maxNameLength = 64;
/** Longest email address (RFC 5321 path limit). */
export const maxEmailLength = 254;

const controlCharacters = /\p{Cc}/u;
// JSON can carry half of a surrogate pair, which a database would silently turn into U+FFFD.
const loneSurrogates = /\p{Cs}/u;
const usernamePattern = /^[a-z0-9._-]{3,64}$/;
// Deliberately loose: the only real test of an address is mail arriving there.
const emailPattern = /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/u;

/** Length in code points, not UTF-16 units. */
export function codePointLength(text: string): number {
  let length = 0;
  for (const _ of text) length++;
  return length;
}

/** An email address (contains `@`) or a username, trimmed and lower-cased. */
export function checkIdentifier(raw: string): InputCheck {
  const identifier = raw.trim().toLowerCase();
  if (identifier.includes('@')) {
    if (codePointLength(identifier) > maxEmailLength || controlCharacters.test(identifier) || !emailPattern.test(identifier)) {
      return { valid: false, code: 'invalid-identifier', reason: 'The identifier is not a valid email address.' };
    }
    return { valid: true, value: identifier };
  }
  if (!usernamePattern.test(identifier)) {
    return {
      valid: false,
      code: 'invalid-identifier',
      reason: 'A username is 3 to 64 characters of a-z, 0-9, ".", "_" and "-"; an email address contains "@".',
    };
  }
  return { valid: true, value: identifier };
}

/** The name shown for the account: trimmed, 1 to 64 characters, no control characters. */
export function checkDisplayName(raw: string): InputCheck {
  return checkName(raw, 'invalid-display-name', 'A display name');
}

/** The user's own name for a passkey: trimmed, 1 to 64 characters, no control characters. */
export function checkPasskeyName(raw: string): InputCheck {
  return checkName(raw, 'invalid-passkey-name', 'A passkey name');
}

function checkName(raw: string, code: ProblemCode, what: string): InputCheck {
  const name = raw.trim();
  const length = codePointLength(name);
  if (length < 1 || length > maxNameLength || controlCharacters.test(name) || loneSurrogates.test(name)) {
    return { valid: false, code, reason: `${what} is 1 to ${maxNameLength} characters after trimming, without control characters.` };
  }
  return { valid: true, value: name };
}
