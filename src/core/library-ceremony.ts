/**
 * Ceremonies through @simplewebauthn/browser, for browsers without WebAuthn's JSON methods.
 * Loaded on first use only: browsers that have the methods never download it.
 */
export { WebAuthnAbortService, startAuthentication, startRegistration } from '@simplewebauthn/browser';
