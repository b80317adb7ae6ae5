/**
 * Everything: registers `<passkey-backend>`, `<passkey-login>`, `<passkey-profile>` and `<passkey-account>` and exports
 * their classes, the backend client, errors, event types and the English texts. The one-file embed
 * is built from here.
 */
// First, so that elements already in the page find their provider when they upgrade.
export { PasskeyBackendProvider } from './passkey-backend.ts';
export { PasskeyLogin } from './passkey-login.ts';
export { PasskeyProfile } from './passkey-profile.ts';
export { PasskeyAccount } from './passkey-account.ts';
export * from './backend.ts';
export { enLogin } from './i18n/en.ts';
export type { LoginTranslation, TranslationOverrides } from './i18n/en.ts';
export type { TranslationSource } from './i18n/languages.ts';
export { en, enProfile } from './i18n/en-profile.ts';
export type { ProfileTranslation, Translation } from './i18n/en-profile.ts';
