/**
 * Everything: registers `<passkey-login>` and `<passkey-profile>` and exports their classes, the
 * backend client, errors, event types and the English texts. The one-file embed is built from here.
 */
export { PasskeyLogin } from './passkey-login.ts';
export { PasskeyProfile } from './passkey-profile.ts';
export * from './backend.ts';
export { enLogin } from './i18n/en.ts';
export type { LoginTranslation } from './i18n/en.ts';
export { en, enProfile } from './i18n/en-profile.ts';
export type { ProfileTranslation, Translation } from './i18n/en-profile.ts';
