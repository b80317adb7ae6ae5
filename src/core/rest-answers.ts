import type {
  AuthenticationResponseJSON,
  PasskeyUser,
  PublicKeyCredentialCreationOptionsJSON,
  PublicKeyCredentialRequestOptionsJSON,
  RegistrationResponseJSON,
} from './backend.ts';
import { PasskeyError, isRecord } from './errors.ts';
import type { UserFields } from './rest-call.ts';

/** WebAuthn options as sent (raw, or wrapped in `{ publicKey }`), completed with `defaults`, checked. */
export function readCreationOptions(body: unknown, defaults: Partial<PublicKeyCredentialCreationOptionsJSON> = {}): PublicKeyCredentialCreationOptionsJSON {
  const options = completed(body, defaults);
  // WebAuthn requires a display name; a server that sends only `name` gets it as the display name.
  if (isRecord(options.user) && options.user.displayName === undefined) options.user = { ...options.user, displayName: options.user.name };
  const valid = isRecord(options.rp) && isRecord(options.user) && typeof options.user.id === 'string' && typeof options.user.name === 'string' && Array.isArray(options.pubKeyCredParams);
  if (!valid) throw new PasskeyError('bad-response', 'The server sent creation options without rp, user or pubKeyCredParams');
  return options as unknown as PublicKeyCredentialCreationOptionsJSON;
}

export function readRequestOptions(body: unknown, defaults: Partial<PublicKeyCredentialRequestOptionsJSON> = {}): PublicKeyCredentialRequestOptionsJSON {
  const options = completed(body, defaults);
  if (options.allowCredentials !== undefined && !Array.isArray(options.allowCredentials)) {
    throw new PasskeyError('bad-response', 'The server sent request options with a malformed allowCredentials');
  }
  return options as unknown as PublicKeyCredentialRequestOptionsJSON;
}

function completed(body: unknown, defaults: object): Record<string, unknown> {
  const sent = isRecord(body) && isRecord(body.publicKey) ? body.publicKey : body;
  if (!isRecord(sent) || typeof sent.challenge !== 'string') throw new PasskeyError('bad-response', 'The server sent WebAuthn options without a challenge');
  return { ...defaults, ...sent };
}

/**
 * The user in an answer: at `fields.at` (default `user`), with its fields named as `fields` says.
 * `bare` also accepts the answer itself as the user (a session endpoint answering the user object).
 */
export function readUser(body: unknown, fields: UserFields = {}, bare = false): PasskeyUser | null {
  const at = fields.at ?? 'user';
  const value = at === '' ? body : at.split('.').reduce<unknown>((object, key) => (isRecord(object) ? object[key] : undefined), body);
  return userFrom(value, fields) ?? (bare && fields.at === undefined ? userFrom(body, fields) : null);
}

function userFrom(value: unknown, fields: UserFields): PasskeyUser | null {
  if (!isRecord(value)) return null;
  const rawId = value[fields.id ?? 'id'];
  const id = typeof rawId === 'number' ? String(rawId) : rawId;
  const candidates = fields.identifier ? [value[fields.identifier]] : [value.identifier, value.username, value.email, value.name];
  const identifier = candidates.find((field) => typeof field === 'string');
  if (typeof id !== 'string' || typeof identifier !== 'string') return null;
  const displayName = value[fields.displayName ?? 'displayName'];
  const user: PasskeyUser = { id, identifier, displayName: typeof displayName === 'string' && displayName ? displayName : identifier };
  if (typeof value.email === 'string' || value.email === null) user.email = value.email;
  if (typeof value.emailVerified === 'boolean') user.emailVerified = value.emailVerified;
  return user;
}

/**
 * A verify answer. Success is a named user, or an explicit `verified: true`, `ok: true` or
 * `status: "ok"` (any case); an explicit `false` (or another status) is `verification-failed`,
 * whatever else the answer holds; anything else is `bad-response`. Never success by default.
 * Without a named user, `proven` says who the ceremony proves signed in.
 */
export function readVerified(body: unknown, proven: () => PasskeyUser, fields?: UserFields): PasskeyUser {
  const answer = isRecord(body) ? body : {};
  const status = typeof answer.status === 'string' ? answer.status.toLowerCase() : undefined;
  if (answer.verified === false || answer.ok === false || (status !== undefined && status !== 'ok')) {
    throw new PasskeyError('verification-failed', 'The server did not verify the passkey', { details: answer });
  }
  const user = readUser(body, fields);
  if (user) return user;
  if (answer.verified === true || answer.ok === true || status === 'ok') return proven();
  throw new PasskeyError('bad-response', 'The verify answer says neither who signed in nor that the passkey was verified');
}

interface Remembered {
  /** The user of creation options. */
  user?: { id: string; name: string; displayName?: string };
  /** The identifier request options were asked for, and the passkeys they allowed. */
  identifier?: string;
  allowed?: string[];
}

/**
 * The options of recent ceremonies by challenge, so that a verify answer that names nobody can
 * still say who signed in, from what the ceremony proves: the challenge in the response's client
 * data finds the options it answered.
 */
export class CeremonyMemory {
  readonly #byChallenge = new Map<string, Remembered>();

  creation(options: PublicKeyCredentialCreationOptionsJSON): void {
    this.#remember(options.challenge, { user: options.user });
  }

  request(options: PublicKeyCredentialRequestOptionsJSON, identifier?: string): void {
    this.#remember(options.challenge, { ...(identifier ? { identifier } : {}), allowed: (options.allowCredentials ?? []).map((credential) => credential.id) });
  }

  /** Who the new passkey was made for: the creation options' user. */
  registered(response: RegistrationResponseJSON): PasskeyUser {
    const user = this.#recall(response.response.clientDataJSON)?.user;
    if (!user) return { id: '', identifier: '', displayName: '', identifiedBy: 'none' };
    return { id: user.id, identifier: user.name, displayName: user.displayName || user.name, identifiedBy: 'registration-options' };
  }

  /** Who signed in: the identifier whose options allowed this passkey, else its user handle. */
  signedIn(response: AuthenticationResponseJSON): PasskeyUser {
    const { identifier, allowed = [] } = this.#recall(response.response.clientDataJSON) ?? {};
    const userHandle = response.response.userHandle ?? '';
    if (identifier && allowed.includes(response.id)) return { id: userHandle, identifier, displayName: identifier, identifiedBy: 'login-options' };
    return { id: userHandle, identifier: '', displayName: '', identifiedBy: userHandle ? 'user-handle' : 'none' };
  }

  #remember(challenge: string, remembered: Remembered): void {
    this.#byChallenge.set(withoutPadding(challenge), remembered);
    // A handful is plenty: the element keeps one ceremony under way, plus a prefetched one.
    for (const oldest of this.#byChallenge.keys()) {
      if (this.#byChallenge.size <= 8) break;
      this.#byChallenge.delete(oldest);
    }
  }

  #recall(clientDataJSON: string): Remembered | undefined {
    let challenge: unknown;
    try {
      challenge = JSON.parse(new TextDecoder().decode(base64urlToBytes(clientDataJSON))).challenge;
    } catch (error) {
      throw new PasskeyError('bad-response', 'The authenticator response has unreadable client data', { cause: error });
    }
    if (typeof challenge !== 'string') return undefined;
    const remembered = this.#byChallenge.get(withoutPadding(challenge));
    this.#byChallenge.delete(withoutPadding(challenge));
    return remembered;
  }
}

const withoutPadding = (base64url: string) => base64url.replace(/=+$/, '');

export function base64urlToBytes(base64url: string): Uint8Array {
  const base64 = base64url.replace(/-/g, '+').replace(/_/g, '/');
  return Uint8Array.from(atob(base64 + '='.repeat((4 - (base64.length % 4)) % 4)), (character) => character.charCodeAt(0));
}

export function bytesToBase64url(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** A decoded binary answer (CBOR, say) with every byte string as base64url, the shape the JSON readers take. */
export function bytesAsBase64url(value: unknown): unknown {
  if (value instanceof Uint8Array) return bytesToBase64url(value);
  if (Array.isArray(value)) return value.map(bytesAsBase64url);
  if (value instanceof Map) return Object.fromEntries([...value].map(([key, entry]) => [String(key), bytesAsBase64url(entry)]));
  if (isRecord(value)) return Object.fromEntries(Object.entries(value).map(([key, entry]) => [key, bytesAsBase64url(entry)]));
  return value;
}
