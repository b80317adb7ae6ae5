/** The conformance kit as a library: run the protocol checks from code, e.g. in a server's own tests. */
export { runConformance } from './checks.ts';
export type { CheckResult, ConformanceOptions } from './checks.ts';
export { anyFailed, formatResults } from './report.ts';
export { SoftwareAuthenticator } from './authenticator.ts';
export type { CeremonyOverrides, StoredCredential } from './authenticator.ts';
