/**
 * The backend side of the elements without the elements: the REST client, the backend interface,
 * errors and event types. Imports neither lit nor the elements, so a page (or a test, or a
 * service worker) can talk to the passkey API without registering anything.
 */
export { accountEndpoints, createLoginRestBackend, createRestBackend, loginEndpoints } from './core/rest-backend.ts';
export type { BackendOperation, Endpoint, EndpointLocation, Endpoints, LoginMethods, OptionalOperation, RestBackendConfig, RestCall, UserFields, WireFormat } from './core/rest-backend.ts';
// The REST client's building blocks, to compose a backend for what configuration cannot say (another wire format).
export {
  CeremonyMemory,
  base64urlToBytes,
  bytesAsBase64url,
  bytesToBase64url,
  createLoginMethods,
  createRestCall,
  jsonFormat,
  readCreationOptions,
  readRequestOptions,
  readUser,
  readVerified,
} from './core/rest-backend.ts';
export type {
  Account,
  AccountChanges,
  AccountUser,
  AuthenticationResponseJSON,
  CodeInput,
  CodeRequest,
  CodeSentAnswer,
  IdentitySource,
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
