import { accountOperations, loginOperations, type HttpMethod } from './endpoints.ts';
import type { ProblemCode } from './problems.ts';

export { accountOperations, loginOperations };
export type { Endpoint, HttpMethod } from './endpoints.ts';

/**
 * Every operation of the passkey-elements protocol (docs/protocol.md), named as the elements'
 * `PasskeyBackend` methods. The reference server routes these; the REST client calls them.
 */
export const operations = { ...loginOperations, ...accountOperations } as const;

export type LoginOperationName = keyof typeof loginOperations;
export type AccountOperationName = keyof typeof accountOperations;
export type OperationName = LoginOperationName | AccountOperationName;

/** How an operation answers; kept apart from the endpoints so that browser bundles need not carry it. */
export interface Contract {
  /** The status of a successful answer. */
  status: 200 | 201 | 202 | 204;
  /** Needs a live session cookie (answers `not-signed-in` without one). */
  signedIn: boolean;
  /**
   * Needs a recent verification (answers `reauthentication-required` without one): a passkey, or a
   * code sent for it; the code of a code sign-in does not count (docs/protocol.md, "Verification").
   */
  sensitive: boolean;
  /**
   * Open to a session that must create a passkey before anything else (`passkey-required`, after a
   * recovery under the two-factor policy); the other signed-in operations refuse such a session.
   */
  duringRecovery?: true;
  /** The problems it answers besides `not-signed-in`, `reauthentication-required` and the common ones. */
  errors: readonly ProblemCode[];
}

/** What a WebAuthn verify endpoint may refuse a credential response for. */
const credentialErrors = ['invalid-request', 'invalid-credential', 'challenge-invalid', 'challenge-expired', 'origin-mismatch', 'verification-failed'] as const;

/** What a code check may refuse a code for. */
const codeErrors = ['invalid-request', 'invalid-email', 'invalid-code', 'code-expired', 'code-used', 'code-attempts-exhausted', 'rate-limited'] as const;

const open = { signedIn: false, sensitive: false } as const;
const signedIn = { signedIn: true, sensitive: false } as const;
const sensitive = { signedIn: true, sensitive: true } as const;

export const contracts: Record<OperationName, Contract> = {
  registrationOptions: { status: 200, ...open, errors: ['invalid-request', 'invalid-identifier', 'invalid-display-name', 'identifier-taken', 'email-verification-required', 'rate-limited'] },
  verifyRegistration: { status: 200, ...open, errors: [...credentialErrors, 'identifier-taken', 'rate-limited'] },
  loginOptions: { status: 200, ...open, errors: ['invalid-request', 'invalid-identifier', 'unknown-user', 'rate-limited'] },
  verifyLogin: { status: 200, ...open, errors: [...credentialErrors, 'unknown-credential', 'rate-limited'] },
  currentUser: { status: 200, ...open, errors: [] },
  signOut: { status: 204, ...open, errors: [] },
  requestSignInCode: { status: 202, ...open, errors: ['invalid-request', 'invalid-email', 'rate-limited', 'codes-disabled'] },
  signInWithCode: { status: 200, ...open, errors: [...codeErrors, 'codes-disabled', 'recovery-code-required', 'invalid-recovery-code'] },
  requestSignUpCode: { status: 202, ...open, errors: ['invalid-request', 'invalid-email', 'invalid-display-name', 'rate-limited', 'codes-disabled'] },
  signUpWithCode: { status: 200, ...open, errors: [...codeErrors, 'invalid-display-name', 'identifier-taken', 'codes-disabled'] },
  account: { status: 200, ...signedIn, duringRecovery: true, errors: [] },
  updateAccount: { status: 200, ...signedIn, errors: ['invalid-request', 'invalid-display-name'] },
  deleteAccount: { status: 204, ...sensitive, errors: [] },
  addPasskeyOptions: { status: 200, ...sensitive, duringRecovery: true, errors: ['invalid-request', 'rate-limited'] },
  addPasskey: { status: 201, ...signedIn, duringRecovery: true, errors: [...credentialErrors, 'rate-limited'] },
  renamePasskey: { status: 200, ...signedIn, errors: ['invalid-request', 'invalid-passkey-name', 'unknown-passkey'] },
  removePasskey: { status: 204, ...sensitive, errors: ['unknown-passkey', 'last-passkey'] },
  revokeOtherSessions: { status: 200, ...sensitive, errors: [] },
  revokeSession: { status: 204, ...sensitive, errors: ['unknown-session'] },
  reauthenticationOptions: { status: 200, ...signedIn, errors: ['invalid-request', 'rate-limited'] },
  reauthenticate: { status: 200, ...signedIn, errors: [...credentialErrors, 'rate-limited'] },
  requestReauthenticationCode: { status: 202, ...signedIn, errors: ['invalid-request', 'invalid-email', 'rate-limited', 'codes-disabled'] },
  reauthenticateWithCode: { status: 200, ...signedIn, errors: [...codeErrors, 'codes-disabled'] },
  // Sensitive only for a new address (changing it); verifying the current one needs no fresh check.
  requestEmailCode: { status: 202, ...signedIn, errors: ['invalid-request', 'invalid-email', 'rate-limited', 'codes-disabled', 'reauthentication-required'] },
  confirmEmail: { status: 200, ...signedIn, errors: [...codeErrors, 'identifier-taken', 'codes-disabled'] },
  createRecoveryCodes: { status: 201, ...sensitive, errors: [] },
  setTwoFactor: { status: 200, ...sensitive, errors: ['invalid-request'] },
  securityActivity: { status: 200, ...signedIn, errors: [] },
};

/** The problems any endpoint may answer, whatever it does. */
export const commonErrors = ['invalid-json', 'unsupported-media-type', 'body-too-large', 'origin-forbidden', 'method-not-allowed', 'internal'] as const satisfies readonly ProblemCode[];

/** Every problem an operation may answer, its session and re-authentication checks included. */
export function errorsOf(name: OperationName): ProblemCode[] {
  const contract = contracts[name];
  return [
    ...(contract.signedIn ? (['not-signed-in'] as const) : []),
    ...(contract.signedIn && !contract.duringRecovery ? (['passkey-required'] as const) : []),
    ...contract.errors,
    ...(contract.sensitive ? (['reauthentication-required'] as const) : []),
  ];
}

/** Each path with the methods it accepts, for `405 Method Not Allowed` and its `Allow` header. */
export function methodsByPath(): Map<string, HttpMethod[]> {
  const byPath = new Map<string, HttpMethod[]>();
  for (const { path, method } of Object.values(operations)) byPath.set(path, [...(byPath.get(path) ?? []), method]);
  return byPath;
}
