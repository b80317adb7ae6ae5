/**
 * An in-memory `PasskeyBackend` for Storybook ONLY. It verifies nothing (any credential response
 * is accepted) and forgets everything on reload: never use it outside stories.
 */
import { bufferToBase64URLString } from '@simplewebauthn/browser';
import type {
  Account,
  AuthenticationResponseJSON,
  Passkey,
  PasskeyBackend,
  PasskeyLocation,
  PasskeyUser,
  PublicKeyCredentialCreationOptionsJSON,
  PublicKeyCredentialRequestOptionsJSON,
  RegistrationResponseJSON,
  RequestOptions,
  Session,
  SignInInput,
  SignUpInput,
} from '../src/core/backend.ts';
import { PasskeyError, problemToError, type PasskeyErrorCode } from '../src/core/errors.ts';
import { checkDisplayName, checkIdentifier, checkPasskeyName, problems, type InputCheck, type ProblemCode } from '../src/protocol/index.ts';
import type { BackendOperation } from '../src/core/rest-backend.ts';

export interface SeedPasskey {
  /** base64url credential id. */
  id: string;
  name?: string;
  location?: PasskeyLocation;
  /** ISO timestamps; see `daysAgo`. */
  createdAt?: string;
  lastUsedAt?: string | null;
}

export interface SeedSession {
  browser: string | null;
  os: string | null;
  lastActiveAt: string;
}

export interface SeedUser {
  identifier: string;
  displayName: string;
  /** The passkeys this user has registered. */
  passkeys: SeedPasskey[];
  /** Sessions on other devices; the story's own session is made on sign-in or by `signedIn`. */
  sessions?: SeedSession[];
}

export interface MemoryBackendOptions {
  users?: SeedUser[];
  /** Starts with a session for this user, made with their first passkey (or `passkeyId`). */
  signedIn?: { identifier: string; passkeyId?: string };
  /** Sensitive acts ask for a fresh passkey check first, as the server does five minutes after sign-in. */
  staleCheck?: boolean;
  /** How long every operation takes, in milliseconds. */
  latencyMs?: number;
  /** Per-operation latency; `Infinity` never answers (until the element aborts). */
  latency?: Partial<Record<BackendOperation, number>>;
  /** Operations that reject with a `PasskeyError` of this code. */
  failures?: Partial<Record<BackendOperation, PasskeyErrorCode>>;
}

type StoredPasskey = Omit<Passkey, 'current'>;
type StoredSession = Omit<Session, 'current'>;

interface StoredUser extends PasskeyUser {
  createdAt: string;
  passkeys: StoredPasskey[];
  sessions: StoredSession[];
}

interface CurrentSession {
  user: StoredUser;
  sessionId: string;
  passkeyId: string;
}

const TIMEOUT_MS = 300_000;
/** The browser the stories pretend to run in, for the session they sign in with. */
const THIS_BROWSER = { browser: 'Chrome', os: 'macOS' };

/** An ISO timestamp `days` ago (fractions allowed), for seeding relative dates. */
export function daysAgo(days: number): string {
  return new Date(Date.now() - days * 86_400_000).toISOString();
}

export class MemoryBackend implements PasskeyBackend {
  readonly #users = new Map<string, StoredUser>();
  readonly #options: MemoryBackendOptions;
  /** One sign-up at a time: the verify request carries no identifier. */
  #pendingSignUp?: PasskeyUser;
  #session: CurrentSession | null = null;
  #checkIsStale: boolean;
  #requestsInFlight = 0;

  constructor(options: MemoryBackendOptions = {}) {
    this.#options = options;
    this.#checkIsStale = options.staleCheck ?? false;
    for (const seed of options.users ?? []) this.#users.set(seed.identifier, storedUser(seed));
    if (options.signedIn) {
      const user = this.#users.get(options.signedIn.identifier);
      if (!user) throw new Error(`signedIn names ${options.signedIn.identifier}, who is not among the users`);
      this.#startSession(user, options.signedIn.passkeyId ?? user.passkeys[0]?.id ?? '');
    }
  }

  /** Whether every request has been answered, so that a story can wait for the page to settle. */
  get idle(): boolean {
    return this.#requestsInFlight === 0;
  }

  async registrationOptions(input: SignUpInput, { signal }: RequestOptions = {}): Promise<PublicKeyCredentialCreationOptionsJSON> {
    await this.#answer('registrationOptions', signal);
    const identifier = valueOf(checkIdentifier(input.identifier));
    const displayName = input.displayName === undefined || input.displayName.trim() === '' ? identifier : valueOf(checkDisplayName(input.displayName));
    if (this.#users.has(identifier)) throw refusal('identifier-taken', `${identifier} already has an account`);
    const user = { id: randomId(), identifier, displayName };
    this.#pendingSignUp = user;
    return creationOptions(user, []);
  }

  async verifyRegistration(response: RegistrationResponseJSON, { signal }: RequestOptions = {}): Promise<PasskeyUser> {
    await this.#answer('verifyRegistration', signal);
    const pending = this.#pendingSignUp;
    if (!pending) throw refusal('challenge-invalid', 'No sign-up is in progress');
    this.#pendingSignUp = undefined;
    const user: StoredUser = { ...pending, createdAt: new Date().toISOString(), passkeys: [newPasskey(response.id)], sessions: [] };
    this.#users.set(user.identifier, user);
    return this.#startSession(user, response.id);
  }

  async loginOptions(input: SignInInput, { signal }: RequestOptions = {}): Promise<PublicKeyCredentialRequestOptionsJSON> {
    await this.#answer('loginOptions', signal);
    if (input.identifier === undefined) return requestOptions([]);
    const user = this.#users.get(valueOf(checkIdentifier(input.identifier)));
    if (!user) throw refusal('unknown-user', `No account for ${input.identifier}`);
    return requestOptions(user.passkeys);
  }

  async verifyLogin(response: AuthenticationResponseJSON, { signal }: RequestOptions = {}): Promise<PasskeyUser> {
    await this.#answer('verifyLogin', signal);
    const user = [...this.#users.values()].find((candidate) => candidate.passkeys.some((passkey) => passkey.id === response.id));
    if (!user) throw refusal('unknown-credential', 'No account has this passkey', { credentialId: response.id });
    return this.#startSession(user, response.id);
  }

  async currentUser({ signal }: RequestOptions = {}): Promise<PasskeyUser | null> {
    await this.#answer('currentUser', signal);
    return this.#session && publicUser(this.#session.user);
  }

  async signOut({ signal }: RequestOptions = {}): Promise<void> {
    await this.#answer('signOut', signal);
    this.#endSession();
  }

  async account({ signal }: RequestOptions = {}): Promise<Account> {
    await this.#answer('account', signal);
    const { user, sessionId, passkeyId } = this.#signedIn();
    return {
      user: { ...publicUser(user), createdAt: user.createdAt },
      passkeys: user.passkeys.map((passkey) => ({ ...passkey, current: passkey.id === passkeyId })),
      sessions: user.sessions.map((session) => ({ ...session, current: session.id === sessionId })),
    };
  }

  async addPasskeyOptions({ signal }: RequestOptions = {}): Promise<PublicKeyCredentialCreationOptionsJSON> {
    await this.#answer('addPasskeyOptions', signal);
    const { user } = this.#freshlyChecked();
    return creationOptions(publicUser(user), user.passkeys);
  }

  async addPasskey(response: RegistrationResponseJSON, { signal }: RequestOptions = {}): Promise<Passkey> {
    await this.#answer('addPasskey', signal);
    const { user } = this.#signedIn();
    const passkey = newPasskey(response.id);
    user.passkeys.unshift(passkey);
    return { ...passkey, current: false };
  }

  async updateAccount(changes: { displayName: string }, { signal }: RequestOptions = {}): Promise<PasskeyUser & { createdAt: string }> {
    await this.#answer('updateAccount', signal);
    const { user } = this.#signedIn();
    const displayName = valueOf(checkDisplayName(changes.displayName));
    user.displayName = displayName;
    return { ...publicUser(user), createdAt: user.createdAt };
  }

  async renamePasskey(id: string, name: string, { signal }: RequestOptions = {}): Promise<Passkey> {
    await this.#answer('renamePasskey', signal);
    const session = this.#signedIn();
    const trimmed = valueOf(checkPasskeyName(name));
    const passkey = findPasskey(session.user, id);
    passkey.name = trimmed;
    return { ...passkey, current: passkey.id === session.passkeyId };
  }

  async removePasskey(id: string, { signal }: RequestOptions = {}): Promise<void> {
    await this.#answer('removePasskey', signal);
    const { user } = this.#freshlyChecked();
    findPasskey(user, id);
    if (user.passkeys.length === 1) throw refusal('last-passkey', 'The only passkey cannot be removed');
    user.passkeys = user.passkeys.filter((passkey) => passkey.id !== id);
  }

  async revokeSession(id: string, { signal }: RequestOptions = {}): Promise<void> {
    await this.#answer('revokeSession', signal);
    const { user, sessionId } = this.#freshlyChecked();
    if (id === sessionId || !user.sessions.some((session) => session.id === id)) throw refusal('unknown-session', `No other session ${id}`);
    user.sessions = user.sessions.filter((session) => session.id !== id);
  }

  async revokeOtherSessions({ signal }: RequestOptions = {}): Promise<void> {
    await this.#answer('revokeOtherSessions', signal);
    const { user, sessionId } = this.#freshlyChecked();
    user.sessions = user.sessions.filter((session) => session.id === sessionId);
  }

  async deleteAccount({ signal }: RequestOptions = {}): Promise<void> {
    await this.#answer('deleteAccount', signal);
    const { user } = this.#freshlyChecked();
    this.#users.delete(user.identifier);
    this.#endSession();
  }

  async reauthenticationOptions({ signal }: RequestOptions = {}): Promise<PublicKeyCredentialRequestOptionsJSON> {
    await this.#answer('reauthenticationOptions', signal);
    return requestOptions(this.#signedIn().user.passkeys);
  }

  async reauthenticate(response: AuthenticationResponseJSON, { signal }: RequestOptions = {}): Promise<void> {
    await this.#answer('reauthenticate', signal);
    const { user } = this.#signedIn();
    if (!user.passkeys.some((passkey) => passkey.id === response.id)) throw refusal('verification-failed', 'Not a passkey of this account');
    this.#checkIsStale = false;
  }

  #startSession(user: StoredUser, passkeyId: string): PasskeyUser {
    const now = new Date().toISOString();
    const session = { id: randomId(), ...THIS_BROWSER, createdAt: now, lastActiveAt: now };
    user.sessions.unshift(session);
    const passkey = user.passkeys.find((candidate) => candidate.id === passkeyId);
    if (passkey) passkey.lastUsedAt = now;
    this.#session = { user, sessionId: session.id, passkeyId };
    return publicUser(user);
  }

  #endSession(): void {
    const current = this.#session;
    if (current) current.user.sessions = current.user.sessions.filter((session) => session.id !== current.sessionId);
    this.#session = null;
  }

  #signedIn(): CurrentSession {
    if (!this.#session) throw refusal('not-signed-in', 'No session');
    return this.#session;
  }

  /** The session, for a sensitive act: only after a recent passkey check. */
  #freshlyChecked(): CurrentSession {
    const session = this.#signedIn();
    if (this.#checkIsStale) throw refusal('reauthentication-required', 'The last passkey check is too old');
    return session;
  }

  /** Waits the configured latency, then fails if the story injected a failure for this operation. */
  async #answer(operation: BackendOperation, signal: AbortSignal | undefined): Promise<void> {
    this.#requestsInFlight++;
    try {
      await delay(this.#options.latency?.[operation] ?? this.#options.latencyMs ?? 0, signal);
    } finally {
      this.#requestsInFlight--;
    }
    const failure = this.#options.failures?.[operation];
    if (failure) throw new PasskeyError(failure, `${operation} failed with '${failure}' (injected by the story)`);
  }
}

function storedUser(seed: SeedUser): StoredUser {
  const createdAt = daysAgo(400);
  return {
    id: randomId(),
    identifier: seed.identifier,
    displayName: seed.displayName,
    createdAt,
    passkeys: seed.passkeys.map((passkey) => ({
      aaguid: '00000000-0000-0000-0000-000000000000',
      name: 'Passkey',
      location: 'synced',
      createdAt,
      lastUsedAt: null,
      ...passkey,
    })),
    sessions: (seed.sessions ?? []).map((session) => ({ id: randomId(), createdAt: session.lastActiveAt, ...session })),
  };
}

/** A passkey just made by the story's fake device, named as the server would from its AAGUID. */
function newPasskey(id: string): StoredPasskey {
  const now = new Date().toISOString();
  return { id, name: 'Google Password Manager', aaguid: 'ea9b8d66-4d01-1d21-3ce4-b6b48cb575d4', location: 'synced', createdAt: now, lastUsedAt: null };
}

function findPasskey(user: StoredUser, id: string): StoredPasskey {
  const passkey = user.passkeys.find((candidate) => candidate.id === id);
  if (!passkey) throw refusal('unknown-passkey', `No passkey ${id}`);
  return passkey;
}

function creationOptions(user: PasskeyUser, exclude: StoredPasskey[]): PublicKeyCredentialCreationOptionsJSON {
  return {
    challenge: randomId(),
    rp: { name: 'passkey-elements stories', id: location.hostname },
    user: { id: user.id, name: user.identifier, displayName: user.displayName },
    pubKeyCredParams: [{ type: 'public-key', alg: -7 }, { type: 'public-key', alg: -257 }],
    timeout: TIMEOUT_MS,
    attestation: 'none',
    authenticatorSelection: { residentKey: 'required', userVerification: 'preferred' },
    excludeCredentials: exclude.map(({ id }) => ({ id, type: 'public-key' })),
  };
}

function requestOptions(allowed: StoredPasskey[]): PublicKeyCredentialRequestOptionsJSON {
  return {
    challenge: randomId(),
    rpId: location.hostname,
    timeout: TIMEOUT_MS,
    userVerification: 'preferred',
    allowCredentials: allowed.map(({ id }) => ({ id, type: 'public-key' })),
  };
}

function publicUser({ id, identifier, displayName }: PasskeyUser): PasskeyUser {
  return { id, identifier, displayName };
}

function randomId(): string {
  return bufferToBase64URLString(crypto.getRandomValues(new Uint8Array(16)).buffer);
}

/** Resolves after `ms` (never for a non-finite `ms`); rejects as soon as `signal` aborts. */
function delay(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    const abort = () => {
      clearTimeout(timer);
      reject(signal?.reason ?? new DOMException('The request was aborted', 'AbortError'));
    };
    const timer = Number.isFinite(ms) ? setTimeout(() => { signal?.removeEventListener('abort', abort); resolve(); }, ms) : undefined;
    if (signal?.aborted) abort();
    else signal?.addEventListener('abort', abort, { once: true });
  });
}

/** A refusal as the REST client reports the reference server's: the protocol's code, mapped for the elements. */
function refusal(code: ProblemCode, detail: string, extensions: Record<string, string> = {}): PasskeyError {
  return problemToError(problems[code].status, { ...extensions, code, detail });
}

/** The value of a passed input rule of the protocol; a failed one is refused as the server would. */
function valueOf(check: InputCheck): string {
  if (!check.valid) throw refusal(check.code, check.reason);
  return check.value;
}
