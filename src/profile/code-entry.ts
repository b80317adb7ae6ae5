import type { CodeSentAnswer } from '../core/backend.ts';
import type { PasskeyErrorCode } from '../core/errors.ts';

/**
 * A code form in the profile (verifying or changing the email address, verifying again before a
 * sensitive act): what the server said about the code, what is under way, what went wrong.
 */
export interface CodeEntry {
  /** Digits in the code. */
  length: number;
  /** Seconds the code stays valid, as the server said; 0 while none was sent. */
  expiresIn: number;
  /** When another code may be asked for (ms since epoch); 0: now. */
  resendAt: number;
  /** A code is on its way, or the typed one is being checked. */
  pending?: 'sending' | 'checking';
  /** Whether a code was sent since the form opened, and again (the status says "a new code"). */
  sent: 0 | 1 | 2;
  error?: PasskeyErrorCode;
  /** `invalid-code`: tries left for this code. */
  attemptsLeft?: number;
  /** `rate-limited`: seconds to wait, as the server said. */
  retryAfter?: number;
}

/** What a failed code step reports besides its code. */
export interface CodeFailure {
  attemptsLeft?: number;
  retryAfter?: number;
}

/** A form whose first code is on its way. */
export const sendingCode: CodeEntry = { length: 6, expiresIn: 0, resendAt: 0, pending: 'sending', sent: 0 };

export function codeRequested(entry: CodeEntry): CodeEntry {
  return { ...withoutError(entry), pending: 'sending' };
}

export function codeSent(entry: CodeEntry, answer: CodeSentAnswer, at: number): CodeEntry {
  return { length: answer.length, expiresIn: answer.expiresIn, resendAt: at + answer.resendIn * 1000, sent: entry.sent === 0 ? 1 : 2 };
}

export function codeSubmitted(entry: CodeEntry): CodeEntry {
  return { ...withoutError(entry), pending: 'checking' };
}

/** The step failed: the form stays, with the error; a rate limit also holds back "Send a new code". */
export function codeRefused(entry: CodeEntry, error: PasskeyErrorCode, failure: CodeFailure, at: number): CodeEntry {
  const { pending: _pending, ...rest } = withoutError(entry);
  const next: CodeEntry = { ...rest, error };
  if (error === 'invalid-code' && failure.attemptsLeft !== undefined) next.attemptsLeft = failure.attemptsLeft;
  if (error === 'rate-limited' && failure.retryAfter !== undefined) {
    next.retryAfter = failure.retryAfter;
    next.resendAt = Math.max(entry.resendAt, at + failure.retryAfter * 1000);
  }
  return next;
}

/** Failures that end a code form rather than showing in it: nothing typed or sent again would help. */
export function endsCodeEntry(error: PasskeyErrorCode): boolean {
  return error === 'passkey-required' || error === 'codes-disabled' || error === 'not-signed-in' || error === 'reauthentication-required';
}

/** The digits of what was typed or pasted ("123 456", "123-456"), at most `length` of them. */
export function codeDigits(typed: string, length: number): string {
  return typed.replace(/\D/g, '').slice(0, length);
}


function withoutError(entry: CodeEntry): CodeEntry {
  const { error: _error, attemptsLeft: _attempts, retryAfter: _retry, ...rest } = entry;
  return rest;
}
