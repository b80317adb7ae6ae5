import type {
  AuthenticationResponseJSON,
  AuthenticatorAttachment,
  RegistrationResponseJSON,
} from '@simplewebauthn/server';
import { checkDisplayName, checkIdentifier, checkPasskeyName, type InputCheck } from '../../src/protocol/index.ts';
import type { RefuseOrigin } from './origin-refusal.ts';
import { Problem } from './problem.ts';

/** A JSON object, as opposed to an array, `null` or a primitive. */
export type JsonObject = Record<string, unknown>;

export function requireObject(value: unknown, name: string): JsonObject {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new Problem('invalid-request', `${name} must be a JSON object.`);
  }
  return value as JsonObject;
}

export function requireString(object: JsonObject, key: string, path = key): string {
  const value = object[key];
  if (typeof value !== 'string') throw new Problem('invalid-request', `${path} must be a string.`);
  return value;
}

/** `undefined` when the field is missing or `null`: JSON clients differ in how they leave a field out. */
export function optionalString(object: JsonObject, key: string, path = key): string | undefined {
  const value = object[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw new Problem('invalid-request', `${path} must be a string.`);
  return value;
}

/** The value of a passed input rule; a failed one becomes its problem. */
function valueOf(check: InputCheck): string {
  if (!check.valid) throw new Problem(check.code, check.reason);
  return check.value;
}

// Half of a surrogate pair: valid in JSON, but a database stores U+FFFD instead (or refuses it in jsonb).
const loneSurrogate = /\p{Cs}/u;

/** Whether a string is well-formed UTF-16, so that it reaches the database as it was sent. */
export function isWellFormedText(value: string): boolean {
  return !loneSurrogate.test(value);
}

/** Normalises an email address (contains `@`) or a username; throws `invalid-identifier`. */
export function normaliseIdentifier(raw: string): string {
  if (!isWellFormedText(raw)) throw new Problem('invalid-identifier', 'The identifier is not valid text.');
  return valueOf(checkIdentifier(raw));
}

/** Normalises an email address like an email identifier; anything else (a username too) is `invalid-email`. */
export function normaliseEmail(raw: string): string {
  const check = checkIdentifier(raw);
  if (!check.valid || !check.value.includes('@') || !isWellFormedText(check.value)) {
    throw new Problem('invalid-email', 'This is not a valid email address.');
  }
  return check.value;
}

/**
 * The language of a mail, as the request names it: any short tag is taken (an unknown one gets
 * English), since pages' `lang` attributes are often sloppy; only non-text is refused.
 */
export function optionalLanguage(object: JsonObject): string | undefined {
  const language = optionalString(object, 'language');
  if (language === undefined) return undefined;
  if (language.length > 64 || /\p{Cc}/u.test(language) || !isWellFormedText(language)) throw new Problem('invalid-request', 'language must be a BCP 47 language tag.');
  return language;
}

export function requireBoolean(object: JsonObject, key: string): boolean {
  const value = object[key];
  if (typeof value !== 'boolean') throw new Problem('invalid-request', `${key} must be true or false.`);
  return value;
}

/** Trims a display name and checks it; an absent one defaults to the identifier. */
export function normaliseDisplayName(raw: string | undefined, identifier: string): string {
  return raw === undefined ? identifier : valueOf(checkDisplayName(raw));
}

/** Trims the user's name for a passkey and checks it: 1 to 64 characters, no control characters. */
export function normalisePasskeyName(raw: string): string {
  return valueOf(checkPasskeyName(raw));
}

/** For bodies without fields (options requests): no body at all, or any JSON object. */
export function requireNoBodyOrObject(body: unknown): void {
  if (body !== undefined) requireObject(body, 'The body');
}

const base64urlPattern = /^[A-Za-z0-9_-]*$/;

export function isBase64url(value: string): boolean {
  return base64urlPattern.test(value) && value.length % 4 !== 1;
}

/**
 * Whether a path segment can be a credential id: base64url of at most 1023 bytes (the WebAuthn
 * limit). Anything else is answered like an unknown id, and never reaches SQL, where a NUL byte
 * would be an error rather than a miss.
 */
export function isCredentialId(value: string): boolean {
  return value !== '' && value.length <= 1364 && isBase64url(value);
}

const sessionIdPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Whether a path segment can be a public session id (a UUID, see migration 002). */
export function isSessionId(value: string): boolean {
  return sessionIdPattern.test(value);
}

function requireBase64url(object: JsonObject, key: string, path: string): string {
  const value = requireString(object, key, path);
  if (value === '' || !isBase64url(value)) {
    throw new Problem('invalid-credential', `${path} is not a base64url string.`);
  }
  return value;
}

function optionalStringArray(object: JsonObject, key: string, path: string): string[] | undefined {
  const value = object[key];
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value) || !value.every((item) => typeof item === 'string')) {
    throw new Problem('invalid-request', `${path} must be an array of strings.`);
  }
  return value;
}

/** Checks the fields shared by both ceremonies; wrong types are `invalid-request`, bad values `invalid-credential`. */
function credentialEnvelope(body: unknown) {
  const credential = requireObject(body, 'The body');
  const id = requireBase64url(credential, 'id', 'id');
  const rawId = requireBase64url(credential, 'rawId', 'rawId');
  if (id !== rawId) throw new Problem('invalid-credential', 'id and rawId differ.');
  if (requireString(credential, 'type') !== 'public-key') {
    throw new Problem('invalid-credential', 'type must be "public-key".');
  }
  const response = requireObject(credential.response, 'response');
  const clientDataJSON = requireBase64url(response, 'clientDataJSON', 'response.clientDataJSON');
  const clientExtensionResults =
    credential.clientExtensionResults === undefined || credential.clientExtensionResults === null
      ? {}
      : requireObject(credential.clientExtensionResults, 'clientExtensionResults');
  const authenticatorAttachment = attachmentOf(optionalString(credential, 'authenticatorAttachment'));
  return { id, rawId, response, clientDataJSON, clientExtensionResults, authenticatorAttachment };
}

function attachmentOf(value: string | undefined): AuthenticatorAttachment | undefined {
  if (value === undefined || value === 'platform' || value === 'cross-platform') return value;
  throw new Problem('invalid-credential', 'authenticatorAttachment must be "platform" or "cross-platform".');
}

const knownTransports = new Set(['ble', 'cable', 'hybrid', 'internal', 'nfc', 'smart-card', 'usb']);

/** Validates the shape of a `RegistrationResponseJSON` and rebuilds it from the checked fields only. */
export function parseRegistrationResponse(body: unknown): RegistrationResponseJSON {
  const { id, rawId, response, clientDataJSON, clientExtensionResults, authenticatorAttachment } =
    credentialEnvelope(body);
  const attestationObject = requireBase64url(response, 'attestationObject', 'response.attestationObject');
  // Unknown transport names are dropped rather than refused: browsers add new ones over time.
  const transports = optionalStringArray(response, 'transports', 'response.transports')?.filter((transport) =>
    knownTransports.has(transport),
  );
  return {
    id,
    rawId,
    type: 'public-key',
    clientExtensionResults,
    ...(authenticatorAttachment === undefined ? {} : { authenticatorAttachment }),
    response: { clientDataJSON, attestationObject, ...(transports === undefined ? {} : { transports }) },
  };
}

/** Validates the shape of an `AuthenticationResponseJSON` and rebuilds it from the checked fields only. */
export function parseAuthenticationResponse(body: unknown): AuthenticationResponseJSON {
  const { id, rawId, response, clientDataJSON, clientExtensionResults, authenticatorAttachment } =
    credentialEnvelope(body);
  const authenticatorData = requireBase64url(response, 'authenticatorData', 'response.authenticatorData');
  const signature = requireBase64url(response, 'signature', 'response.signature');
  const userHandle = optionalString(response, 'userHandle', 'response.userHandle');
  // Some authenticators send an empty user handle for non-discoverable credentials: same as none.
  if (userHandle !== undefined && userHandle !== '' && !isBase64url(userHandle)) {
    throw new Problem('invalid-credential', 'response.userHandle is not a base64url string.');
  }
  return {
    id,
    rawId,
    type: 'public-key',
    clientExtensionResults,
    ...(authenticatorAttachment === undefined ? {} : { authenticatorAttachment }),
    response: {
      clientDataJSON,
      authenticatorData,
      signature,
      ...(userHandle === undefined || userHandle === '' ? {} : { userHandle }),
    },
  };
}

/** The parts of the client data the server acts on before verification. */
export interface ClientData {
  type: string;
  challenge: string;
  origin: string;
}

/** Where a ceremony may run: the page origins, and the top-level origins allowed to embed them in an iframe. */
export interface AllowedOrigins {
  origins: readonly string[];
  topOrigins: readonly string[];
}

// Issued challenges are 32 random bytes (43 characters); anything far longer cannot be one.
const maxChallengeLength = 512;

/**
 * Decodes `clientDataJSON` and checks its ceremony type, challenge form and origins. Runs before
 * the challenge is consumed, so a response from a foreign origin cannot burn a legitimate user's
 * challenge, and before any SQL, so that only a base64url challenge reaches the database.
 */
export function readClientData(
  clientDataJSON: string,
  expectedType: 'webauthn.create' | 'webauthn.get',
  allowed: AllowedOrigins,
  refuse: RefuseOrigin,
): ClientData {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(clientDataJSON, 'base64url').toString('utf8'));
  } catch {
    throw new Problem('invalid-credential', 'response.clientDataJSON is not base64url-encoded JSON.');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new Problem('invalid-credential', 'response.clientDataJSON is not a JSON object.');
  }
  const { type, challenge, origin, crossOrigin, topOrigin } = parsed as Record<string, unknown>;
  if (typeof type !== 'string' || typeof challenge !== 'string' || typeof origin !== 'string') {
    throw new Problem('invalid-credential', 'The client data lacks type, challenge or origin.');
  }
  if (type !== expectedType) {
    throw new Problem('invalid-credential', `The client data type is not "${expectedType}".`);
  }
  if (!allowed.origins.includes(origin)) {
    throw refuse('origin-mismatch', { origin, setting: 'ORIGINS', reason: 'The client data origin is not an allowed origin' });
  }
  checkEmbedding(crossOrigin, topOrigin, allowed.topOrigins, refuse);
  if (challenge === '' || challenge.length > maxChallengeLength || !isBase64url(challenge)) {
    throw new Problem('challenge-invalid', 'The client data challenge is not one this server issues.');
  }
  return { type, challenge, origin };
}

/**
 * A ceremony in a cross-origin iframe names the page around it in `topOrigin`: that page must be
 * one allowed to embed the elements, and a cross-origin ceremony that names none is refused.
 */
function checkEmbedding(crossOrigin: unknown, topOrigin: unknown, allowedTopOrigins: readonly string[], refuse: RefuseOrigin): void {
  if (crossOrigin !== undefined && typeof crossOrigin !== 'boolean') {
    throw new Problem('invalid-credential', 'The client data crossOrigin is not true or false.');
  }
  if (topOrigin !== undefined && typeof topOrigin !== 'string') {
    throw new Problem('invalid-credential', 'The client data topOrigin is not a string.');
  }
  if (crossOrigin === true && topOrigin === undefined) {
    throw new Problem('origin-mismatch', 'A cross-origin ceremony must name its top-level origin.');
  }
  if (topOrigin !== undefined && !allowedTopOrigins.includes(topOrigin)) {
    throw refuse('origin-mismatch', { origin: topOrigin, setting: 'TOP_ORIGINS', reason: 'The client data top-level origin may not embed this site' });
  }
}
