/**
 * Where each operation is. Kept apart from `operations.ts`, whose tables are built at load time, so
 * that a browser bundle of the REST client carries these two plain objects only.
 */
export type HttpMethod = 'GET' | 'POST' | 'PATCH' | 'DELETE';

/** Where an operation is: relative to the API's base path; `{id}` stands for a passkey or session id. */
export interface Endpoint {
  method: HttpMethod;
  path: string;
}

/** Sign-up, sign-in and the session: what `<passkey-login>` needs. */
export const loginOperations = {
  registrationOptions: { method: 'POST', path: '/register/options' },
  verifyRegistration: { method: 'POST', path: '/register/verify' },
  loginOptions: { method: 'POST', path: '/login/options' },
  verifyLogin: { method: 'POST', path: '/login/verify' },
  currentUser: { method: 'GET', path: '/session' },
  signOut: { method: 'DELETE', path: '/session' },
  requestSignInCode: { method: 'POST', path: '/login/code' },
  signInWithCode: { method: 'POST', path: '/login/code/verify' },
  requestSignUpCode: { method: 'POST', path: '/register/code' },
  signUpWithCode: { method: 'POST', path: '/register/code/verify' },
} as const satisfies Record<string, Endpoint>;

/** The signed-in user's account: what `<passkey-profile>` adds. */
export const accountOperations = {
  account: { method: 'GET', path: '/account' },
  updateAccount: { method: 'PATCH', path: '/account' },
  deleteAccount: { method: 'DELETE', path: '/account' },
  addPasskeyOptions: { method: 'POST', path: '/passkeys/options' },
  addPasskey: { method: 'POST', path: '/passkeys' },
  renamePasskey: { method: 'PATCH', path: '/passkeys/{id}' },
  removePasskey: { method: 'DELETE', path: '/passkeys/{id}' },
  revokeOtherSessions: { method: 'DELETE', path: '/sessions/others' },
  revokeSession: { method: 'DELETE', path: '/sessions/{id}' },
  reauthenticationOptions: { method: 'POST', path: '/reauthenticate/options' },
  reauthenticate: { method: 'POST', path: '/reauthenticate/verify' },
  requestReauthenticationCode: { method: 'POST', path: '/reauthenticate/code' },
  reauthenticateWithCode: { method: 'POST', path: '/reauthenticate/code/verify' },
  requestEmailCode: { method: 'POST', path: '/account/email/code' },
  confirmEmail: { method: 'POST', path: '/account/email/verify' },
  createRecoveryCodes: { method: 'POST', path: '/account/recovery-codes' },
  setTwoFactor: { method: 'POST', path: '/account/two-factor' },
  securityActivity: { method: 'GET', path: '/account/activity' },
} as const satisfies Record<string, Endpoint>;
