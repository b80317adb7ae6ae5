/**
 * The backend side of the elements without the elements: the REST client, the backend interface,
 * errors and event types. Imports neither lit nor the elements, so a page (or a test, or a
 * service worker) can talk to the passkey API without registering anything.
 */
export { accountEndpoints, createLoginRestBackend, createRestBackend, loginEndpoints } from './core/rest-backend.ts';
export type { BackendOperation, Endpoint, RestBackendConfig } from './core/rest-backend.ts';
export type {
  Account,
  AccountChanges,
  AccountUser,
  AuthenticationResponseJSON,
  CodeInput,
  CodeRequest,
  CodeSentAnswer,
  LoginBackend,
  Passkey,
  PasskeyBackend,
  PasskeyLocation,
  PasskeyUser,
  PublicKeyCredentialCreationOptionsJSON,
  PublicKeyCredentialRequestOptionsJSON,
  RegistrationResponseJSON,
  RequestOptions,
  Session,
  SignInAnswer,
  SignInInput,
  SignInMethod,
  SignUpCodeRequest,
  SignUpInput,
  TwoFactorChoice,
} from './core/backend.ts';
export { hasLoginCodes } from './core/backend.ts';
export { passkeyBackendContext } from './core/context.ts';
export { PasskeyError } from './core/errors.ts';
export type { PasskeyErrorCode } from './core/errors.ts';
export type { PasskeyErrorDetail, PasskeyEventMap, PasskeySignInDetail, PasskeySignOutDetail, PasskeyUserDetail, SignOutReason } from './core/events.ts';
