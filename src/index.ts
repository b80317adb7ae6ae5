export { PasskeyLogin } from './passkey-login.ts';
export { createRestBackend, protocolEndpoints } from './core/rest-backend.ts';
export type { BackendOperation, Endpoint, RestBackendConfig } from './core/rest-backend.ts';
export type { Account, LoginBackend, Passkey, PasskeyBackend, PasskeyLocation, PasskeyUser, RequestOptions, Session, SignInInput, SignUpInput } from './core/backend.ts';
export { PasskeyError } from './core/errors.ts';
export type { PasskeyErrorCode } from './core/errors.ts';
export type { PasskeyErrorDetail, PasskeyEventMap, PasskeyUserDetail } from './core/events.ts';
export { en } from './i18n/en.ts';
export type { Translation } from './i18n/en.ts';
