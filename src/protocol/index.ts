/**
 * The passkey-elements protocol, written once: its operations, its problem codes with their
 * statuses, its input rules and its JSON shapes. The elements' REST client, the reference server,
 * the stories' memory backend and docs/protocol.md all follow this module. No runtime dependencies.
 */
export { accountOperations, commonErrors, contracts, errorsOf, loginOperations, methodsByPath, operations } from './operations.ts';
export type { AccountOperationName, Contract, Endpoint, HttpMethod, LoginOperationName, OperationName } from './operations.ts';
export { isProblemCode, problemContentType, problems } from './problems.ts';
export type { ProblemCode } from './problems.ts';
export { checkDisplayName, checkIdentifier, checkPasskeyName, codePointLength, maxEmailLength, maxNameLength } from './input-rules.ts';
export type { InputCheck } from './input-rules.ts';
export type * from './wire.ts';
