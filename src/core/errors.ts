import type { ProblemCode } from '../protocol/problems.ts';
import { warnOnce } from './dev-warnings.ts';

/**
 * The one error vocabulary of passkey-elements. WebAuthn failures, HTTP problem details and
 * network failures all become a `PasskeyError` with one of these codes; each code has a
 * translation key, so users never see raw browser or server English.
 */
export type PasskeyErrorCode =
  /** The user dismissed the browser's passkey sheet, or it timed out, or verification failed on the device. */
  | 'cancelled'
  /** The authenticator already holds a passkey for this account (`excludeCredentials`). */
  | 'passkey-exists'
  /** The server does not know the passkey used (deleted, or made for another site). */
  | 'unknown-credential'
  /** Identifier-first sign-in for an identifier without an account. */
  | 'unknown-user'
  | 'identifier-taken'
  | 'invalid-identifier'
  | 'invalid-display-name'
  /** The options went stale (expired or already used challenge): fetch new ones and retry. */
  | 'challenge-expired'
  | 'verification-failed'
  /** This browser has no WebAuthn, or refused it for this page (insecure origin, wrong RP ID). */
  | 'unsupported'
  /** The server does not accept this page's origin (`origin-forbidden`, `origin-mismatch`): a set-up to fix, not a retry. */
  | 'origin-not-allowed'
  | 'network'
  | 'server'
  /** The server answered something that is not what the protocol promises. */
  | 'bad-response'
  | 'unknown'
  /** Account pages: the session ended (or never began). */
  | 'not-signed-in'
  /** A sensitive act needs a fresh passkey check; the profile runs it and retries. */
  | 'reauthentication-required'
  /** The account's only passkey cannot be removed: it is the only way to sign in. */
  | 'last-passkey'
  | 'invalid-passkey-name'
  /** The passkey or session is gone (removed elsewhere). */
  | 'not-found'
  /** Email codes: the address, the code, and the limits around them. */
  | 'invalid-email'
  | 'invalid-code'
  | 'code-expired'
  | 'code-used'
  | 'code-attempts-exhausted'
  /** Too many requests; `details.retryAfter` says in how many seconds to try again. */
  | 'rate-limited'
  /** Sign-up must start with an email code on this server. */
  | 'email-verification-required'
  | 'codes-disabled'
  /** Two-factor policy: the email code was right, a recovery code must come with it. */
  | 'recovery-code-required'
  | 'invalid-recovery-code'
  /** The session must create a passkey before it can do anything else. */
  | 'passkey-required';

/** Problems the elements show as they are: both vocabularies have these codes, or this does not compile. */
const sharedCodes: ReadonlySet<string> = new Set<ProblemCode & PasskeyErrorCode>([
  'unknown-credential', 'unknown-user', 'identifier-taken', 'invalid-identifier', 'invalid-display-name', 'challenge-expired',
  'verification-failed', 'not-signed-in', 'reauthentication-required', 'last-passkey', 'invalid-passkey-name',
  'invalid-email', 'invalid-code', 'code-expired', 'code-used', 'code-attempts-exhausted', 'rate-limited',
  'email-verification-required', 'codes-disabled', 'recovery-code-required', 'invalid-recovery-code', 'passkey-required',
]);
/** Problems shown as the nearest user-facing code; the rest (malformed requests) are `unknown`, `rate-limited` for 429, `server` for 5xx. */
const aliasedCodes: Partial<Record<ProblemCode, PasskeyErrorCode>> = {
  'challenge-invalid': 'challenge-expired',
  // A malformed authenticator answer: to the user, the passkey could not be verified.
  'invalid-credential': 'verification-failed',
  'origin-forbidden': 'origin-not-allowed',
  'origin-mismatch': 'origin-not-allowed',
  'unknown-passkey': 'not-found',
  'unknown-session': 'not-found',
};

export class PasskeyError extends Error {
  override readonly name = 'PasskeyError';

  constructor(
    readonly code: PasskeyErrorCode,
    message: string,
    options?: { cause?: unknown; details?: Record<string, unknown> },
  ) {
    super(message, { cause: options?.cause });
    this.details = options?.details ?? {};
  }

  /** Extra fields of the server's problem details, e.g. `credentialId` for `unknown-credential`. */
  readonly details: Record<string, unknown>;
}

/** Maps an HTTP problem details body (RFC 9457) and status to a `PasskeyError`. */
export function problemToError(status: number, body: unknown): PasskeyError {
  const problem = isRecord(body) ? body : {};
  // A string, not yet a ProblemCode: a foreign backend may send codes outside the protocol.
  const serverCode = typeof problem.code === 'string' ? problem.code : '';
  const aliased = Object.hasOwn(aliasedCodes, serverCode) ? aliasedCodes[serverCode as ProblemCode] : undefined;
  // A 429 without our code (a proxy, a gateway) is a rate limit all the same.
  const byStatus: PasskeyErrorCode = status >= 500 ? 'server' : status === 429 ? 'rate-limited' : 'unknown';
  const code = sharedCodes.has(serverCode) ? (serverCode as PasskeyErrorCode) : (aliased ?? byStatus);
  const detail = typeof problem.detail === 'string' ? problem.detail : `HTTP ${status}`;
  if (code === 'origin-not-allowed') {
    warnOnce('origin-not-allowed', `the server refused this page's origin ${globalThis.location?.origin ?? ''} (${serverCode}): ${detail}`);
  }
  return new PasskeyError(code, detail, { details: { ...problem, status } });
}

/** Maps anything a ceremony or a request threw to a `PasskeyError`. */
export function toPasskeyError(error: unknown): PasskeyError {
  if (error instanceof PasskeyError) return error;
  const name = errorName(error);
  const message = error instanceof Error ? error.message : String(error);
  switch (name) {
    case 'NotAllowedError':
    case 'AbortError':
      return new PasskeyError('cancelled', message, { cause: error });
    case 'InvalidStateError':
      return new PasskeyError('passkey-exists', message, { cause: error });
    case 'SecurityError':
    case 'NotSupportedError':
      return new PasskeyError('unsupported', message, { cause: error });
    case 'TypeError':
      // fetch() rejects with a TypeError when the network or CORS fails.
      return new PasskeyError('network', message, { cause: error });
    default:
      return new PasskeyError('unknown', message, { cause: error });
  }
}

/** The DOMException name behind an error, looking through @simplewebauthn's `WebAuthnError` wrapper. */
function errorName(error: unknown): string {
  if (!(error instanceof Error)) return '';
  if (error.name === 'WebAuthnError' && error.cause instanceof Error) return error.cause.name;
  return error.name;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
