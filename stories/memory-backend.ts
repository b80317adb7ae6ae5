/**
 * An in-memory `PasskeyBackend` for Storybook ONLY. It verifies nothing (any credential response
 * is accepted) and forgets everything on reload: never use it outside stories.
 */
import { bufferToBase64URLString } from '@simplewebauthn/browser';
import type {
  AuthenticationResponseJSON,
  LoginBackend,
  PasskeyUser,
  PublicKeyCredentialCreationOptionsJSON,
  PublicKeyCredentialRequestOptionsJSON,
  RegistrationResponseJSON,
  RequestOptions,
  SignInInput,
  SignUpInput,
} from '../src/core/backend.ts';
import { PasskeyError, type PasskeyErrorCode } from '../src/core/errors.ts';
import type { BackendOperation } from '../src/core/rest-backend.ts';

export interface SeedUser {
  identifier: string;
  displayName: string;
  /** base64url ids of the passkeys this user has registered. */
  credentialIds: string[];
}

export interface MemoryBackendOptions {
  users?: SeedUser[];
  /** How long every operation takes, in milliseconds. */
  latencyMs?: number;
  /** Per-operation latency; `Infinity` never answers (until the element aborts). */
  latency?: Partial<Record<BackendOperation, number>>;
  /** Operations that reject with a `PasskeyError` of this code. */
  failures?: Partial<Record<BackendOperation, PasskeyErrorCode>>;
}

interface StoredUser extends PasskeyUser {
  credentialIds: string[];
}

const TIMEOUT_MS = 300_000;

export class MemoryBackend implements LoginBackend {
  readonly #users = new Map<string, StoredUser>();
  readonly #options: MemoryBackendOptions;
  /** One sign-up at a time: the verify request carries no identifier. */
  #pendingSignUp?: PasskeyUser;
  #session: PasskeyUser | null = null;
  #requestsInFlight = 0;

  constructor(options: MemoryBackendOptions = {}) {
    this.#options = options;
    for (const user of options.users ?? []) this.#users.set(user.identifier, { id: randomId(), ...user });
  }

  async registrationOptions(input: SignUpInput, { signal }: RequestOptions = {}): Promise<PublicKeyCredentialCreationOptionsJSON> {
    await this.#answer('registrationOptions', signal);
    const identifier = input.identifier.trim().toLowerCase();
    if (this.#users.has(identifier)) throw new PasskeyError('identifier-taken', `${identifier} already has an account`);
    const user = { id: randomId(), identifier, displayName: input.displayName?.trim() || identifier };
    this.#pendingSignUp = user;
    return {
      challenge: randomId(),
      rp: { name: 'passkey-elements stories', id: location.hostname },
      user: { id: user.id, name: user.identifier, displayName: user.displayName },
      pubKeyCredParams: [{ type: 'public-key', alg: -7 }, { type: 'public-key', alg: -257 }],
      timeout: TIMEOUT_MS,
      attestation: 'none',
      authenticatorSelection: { residentKey: 'required', userVerification: 'preferred' },
      excludeCredentials: [],
    };
  }

  async verifyRegistration(response: RegistrationResponseJSON, { signal }: RequestOptions = {}): Promise<PasskeyUser> {
    await this.#answer('verifyRegistration', signal);
    const user = this.#pendingSignUp;
    if (!user) throw new PasskeyError('challenge-expired', 'No sign-up is in progress');
    this.#pendingSignUp = undefined;
    this.#users.set(user.identifier, { ...user, credentialIds: [response.id] });
    return (this.#session = user);
  }

  async loginOptions(input: SignInInput, { signal }: RequestOptions = {}): Promise<PublicKeyCredentialRequestOptionsJSON> {
    await this.#answer('loginOptions', signal);
    let allowCredentials: PublicKeyCredentialRequestOptionsJSON['allowCredentials'] = [];
    if (input.identifier !== undefined) {
      const user = this.#users.get(input.identifier.trim().toLowerCase());
      if (!user) throw new PasskeyError('unknown-user', `No account for ${input.identifier}`);
      allowCredentials = user.credentialIds.map((id) => ({ id, type: 'public-key' }));
    }
    return { challenge: randomId(), rpId: location.hostname, timeout: TIMEOUT_MS, userVerification: 'preferred', allowCredentials };
  }

  async verifyLogin(response: AuthenticationResponseJSON, { signal }: RequestOptions = {}): Promise<PasskeyUser> {
    await this.#answer('verifyLogin', signal);
    const user = [...this.#users.values()].find((candidate) => candidate.credentialIds.includes(response.id));
    if (!user) throw new PasskeyError('unknown-credential', 'No account has this passkey', { details: { credentialId: response.id } });
    return (this.#session = publicUser(user));
  }

  /** Whether every request has been answered, so that a story can wait for the page to settle. */
  get idle(): boolean {
    return this.#requestsInFlight === 0;
  }

  async currentUser({ signal }: RequestOptions = {}): Promise<PasskeyUser | null> {
    await this.#answer('currentUser', signal);
    return this.#session;
  }

  async signOut({ signal }: RequestOptions = {}): Promise<void> {
    await this.#answer('signOut', signal);
    this.#session = null;
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

function publicUser({ id, identifier, displayName }: StoredUser): PasskeyUser {
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
