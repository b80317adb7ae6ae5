/**
 * Every problem `code` of the protocol with its HTTP status and title (docs/protocol.md). The
 * server answers only these; the REST client maps them to the elements' `PasskeyErrorCode`s.
 */
export const problems = {
  'invalid-json': { status: 400, title: 'Invalid JSON' },
  'invalid-request': { status: 400, title: 'Invalid request' },
  'invalid-identifier': { status: 400, title: 'Invalid identifier' },
  'invalid-display-name': { status: 400, title: 'Invalid display name' },
  'invalid-credential': { status: 400, title: 'Invalid credential' },
  'invalid-passkey-name': { status: 400, title: 'Invalid passkey name' },
  'invalid-email': { status: 400, title: 'Invalid email address' },
  'invalid-code': { status: 400, title: 'Invalid code' },
  'code-expired': { status: 400, title: 'Code expired' },
  'code-used': { status: 400, title: 'Code already used' },
  'code-attempts-exhausted': { status: 400, title: 'Too many attempts for this code' },
  'invalid-recovery-code': { status: 400, title: 'Invalid recovery code' },
  'challenge-invalid': { status: 400, title: 'Challenge invalid' },
  'challenge-expired': { status: 400, title: 'Challenge expired' },
  'origin-mismatch': { status: 400, title: 'Origin mismatch' },
  'verification-failed': { status: 400, title: 'Verification failed' },
  'not-signed-in': { status: 401, title: 'Not signed in' },
  'origin-forbidden': { status: 403, title: 'Origin forbidden' },
  'reauthentication-required': { status: 403, title: 'Reauthentication required' },
  'email-verification-required': { status: 403, title: 'Email verification required' },
  'codes-disabled': { status: 403, title: 'Email codes disabled' },
  'recovery-code-required': { status: 403, title: 'Recovery code required' },
  'passkey-required': { status: 403, title: 'Passkey required' },
  'unknown-user': { status: 404, title: 'Unknown user' },
  'unknown-credential': { status: 404, title: 'Unknown credential' },
  'unknown-passkey': { status: 404, title: 'Unknown passkey' },
  'unknown-session': { status: 404, title: 'Unknown session' },
  'not-found': { status: 404, title: 'Not found' },
  'method-not-allowed': { status: 405, title: 'Method not allowed' },
  'identifier-taken': { status: 409, title: 'Identifier taken' },
  'last-passkey': { status: 409, title: 'Last passkey' },
  'body-too-large': { status: 413, title: 'Body too large' },
  'unsupported-media-type': { status: 415, title: 'Unsupported media type' },
  'rate-limited': { status: 429, title: 'Too many requests' },
  internal: { status: 500, title: 'Internal server error' },
  unavailable: { status: 503, title: 'Service unavailable' },
} as const satisfies Record<string, { status: number; title: string }>;

/** A stable error code of the protocol; a typo in one does not compile. */
export type ProblemCode = keyof typeof problems;

export function isProblemCode(value: unknown): value is ProblemCode {
  return typeof value === 'string' && Object.hasOwn(problems, value);
}

/** The media type of every error answer (RFC 9457). */
export const problemContentType = 'application/problem+json';
