/** The software authenticator lives with the conformance kit, which ships it; tests use the same one. */
export { SoftwareAuthenticator } from '../../src/conformance/authenticator.ts';
export type { CeremonyOverrides, StoredCredential } from '../../src/conformance/authenticator.ts';
