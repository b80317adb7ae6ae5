/**
 * An in-memory `PasskeyBackend` for Storybook ONLY. It verifies nothing (any credential response
 * is accepted) and forgets everything on reload: never use it outside stories.
 *
 * Email codes are never sent: every code is `STORY_CODE` (123456), valid for 10 minutes, 5 tries,
 * with a resend cooldown, and refused with the protocol's codes (wrong, expired, used, exhausted,
 * rate-limited) as the reference server refuses them.
 */
import { bufferToBase64URLString } from '@simplewebauthn/browser';
import type {
  Account,
  AccountUser,
  AuthenticationResponseJSON,
  CodeInput,
  CodeRequest,
  CodeSentAnswer,
  Passkey,
  PasskeyBackend,
  PasskeyLocation,
  PasskeyUser,
  PublicKeyCredentialCreationOptionsJSON,
  PublicKeyCredentialRequestOptionsJSON,
  RegistrationResponseJSON,
  RequestOptions,
  SecurityEvent,
  Session,
  SignInAnswer,
  SignInInput,
  SignInMethod,
  SignUpCodeRequest,
  SignUpInput,
  TwoFactorChoice,
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
  /** The address codes go to: by default the identifier when it is one, else none. */
  email?: string | null;
  /** Whether a code confirmed `email`; true by default. */
  emailVerified?: boolean;
  /** Unused recovery codes (two-factor policy); `STORY_RECOVERY_CODES` by default. */
  recoveryCodes?: string[];
  /** The user opted out of the two-factor policy for their account. */
  twoFactorOptOut?: boolean;
}

export interface MemoryBackendOptions {
  users?: SeedUser[];
  /**
   * Starts with a session for this user, made with their first passkey (or `passkeyId`); with
   * `method` other than `passkey`, a session of a code sign-in (sensitive acts need a fresh check).
   */
  signedIn?: { identifier: string; passkeyId?: string; method?: SignInMethod };
  /** Sign-up starts with an email code: `registrationOptions` refuses with `email-verification-required`. */
  emailVerification?: 'required' | 'optional';
  /** The two-factor policy: recovery codes after sign-up; a code sign-in also takes one of them. */
  twoFactor?: boolean;
  /** Seconds before another code may be asked for the same address (30 by default). */
  resendSeconds?: number;
  /** Leaves out every code operation, as a backend without codes: the elements then show no code UI. */
  withoutCodes?: boolean;
  /** Sensitive acts ask for a fresh passkey check first, as the server does five minutes after sign-in. */
  staleCheck?: boolean;
  /** How long every operation takes, in milliseconds. */
  latencyMs?: number;
  /** Per-operation latency; `Infinity` never answers (until the element aborts). */
  latency?: Partial<Record<BackendOperation, number>>;
  /** Operations that reject with a `PasskeyError` of this code. */
  failures?: Partial<Record<BackendOperation, PasskeyErrorCode>>;
  /** What `securityActivity` lists, newest first, as seeded (the backend records nothing itself). */
  activity?: SecurityEvent[];
}

type StoredPasskey = Omit<Passkey, 'current'>;
type StoredSession = Omit<Session, 'current'>;

interface StoredUser extends PasskeyUser {
  createdAt: string;
  passkeys: StoredPasskey[];
  sessions: StoredSession[];
  email: string | null;
  emailVerified: boolean;
  recoveryCodes: string[];
  twoFactorOptOut: boolean;
}

interface CurrentSession {
  user: StoredUser;
  sessionId: string;
  passkeyId: string;
  method: SignInMethod;
  /** Whether a passkey (at sign-in or since) or a code asked for it verified this session. */
  checked: boolean;
  /** Recovery under the two-factor policy: nothing but adding a passkey until one is added. */
  passkeyRequired: boolean;
  /** A code sign-in may add a passkey without a fresh check, once. */
  mayAddPasskey: boolean;
}

/** What a code is for: each purpose has its own code per address. */
type CodePurpose = 'sign-in' | 'sign-up' | 'reauthenticate' | 'email';

interface PendingCode {
  /** `null` for an address without an account: no code matches it. */
  code: string | null;
  expiresAt: number;
  resendAt: number;
  attemptsLeft: number;
  used: boolean;
  /** Sign-up: the name given with the address. */
  displayName?: string;
}

/** The code every story mail would carry. */
export const STORY_CODE = '123456';
/** The recovery codes a new or seeded account holds under the two-factor policy. */
export const STORY_RECOVERY_CODES = ['7KQ2-M9XD', 'HT4W-2PZC', 'R8NB-6VQE', 'C3JX-Y7LM', 'W5FA-K2RT', 'P9GD-4NHU', 'E6SY-8BQW', 'M2VK-T5XJ', 'Z4HC-9RPA', 'B7LN-3WEF'];
const CODE_LENGTH = 6;
const CODE_LIFETIME_SECONDS = 600;
const CODE_ATTEMPTS = 5;
/** The code operations `withoutCodes` leaves out (the two account ones too: a code session adds its passkey with them). */
const codeOperations = [
  'requestSignInCode', 'signInWithCode', 'requestSignUpCode', 'signUpWithCode', 'requestReauthenticationCode', 'reauthenticateWithCode',
  'requestEmailCode', 'confirmEmail', 'createRecoveryCodes', 'setTwoFactor',
] as const satisfies readonly BackendOperation[];

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
  readonly #codes = new Map<string, PendingCode>();

  constructor(options: MemoryBackendOptions = {}) {
    this.#options = options;
    this.#checkIsStale = options.staleCheck ?? false;
    for (const seed of options.users ?? []) this.#users.set(seed.identifier, storedUser(seed));
    if (options.signedIn) {
      const user = this.#users.get(options.signedIn.identifier);
      if (!user) throw new Error(`signedIn names ${options.signedIn.identifier}, who is not among the users`);
      this.#startSession(user, options.signedIn.passkeyId ?? user.passkeys[0]?.id ?? '', options.signedIn.method);
    }
    // Own properties shadow the class's methods: `typeof backend.requestSignInCode` is then 'undefined'.
    if (options.withoutCodes) for (const name of codeOperations) Object.defineProperty(this, name, { value: undefined });
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
    if (this.#options.emailVerification === 'required') throw refusal('email-verification-required', 'Sign-up starts with an email code here');
    const user = { id: randomId(), identifier, displayName };
    this.#pendingSignUp = user;
    return creationOptions(user, []);
  }

  async verifyRegistration(response: RegistrationResponseJSON, { signal }: RequestOptions = {}): Promise<SignInAnswer> {
    await this.#answer('verifyRegistration', signal);
    const pending = this.#pendingSignUp;
    if (!pending) throw refusal('challenge-invalid', 'No sign-up is in progress');
    this.#pendingSignUp = undefined;
    const user = this.#createUser(pending, [newPasskey(response.id)], false);
    return this.#signUpAnswer(user, this.#startSession(user, response.id));
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
    const { user, sessionId, passkeyId } = this.#signedIn(true);
    return {
      user: this.#accountUser(user),
      passkeys: user.passkeys.map((passkey) => ({ ...passkey, current: passkey.id === passkeyId })),
      sessions: user.sessions.map((session) => ({ ...session, current: session.id === sessionId })),
    };
  }

  async securityActivity({ signal }: RequestOptions = {}): Promise<SecurityEvent[]> {
    await this.#answer('securityActivity', signal);
    this.#signedIn(true);
    return (this.#options.activity ?? []).map((event) => ({ ...event }));
  }

  async addPasskeyOptions({ signal }: RequestOptions = {}): Promise<PublicKeyCredentialCreationOptionsJSON> {
    await this.#answer('addPasskeyOptions', signal);
    const session = this.#signedIn(true);
    const { user } = session.mayAddPasskey ? session : this.#freshlyChecked();
    return creationOptions(publicUser(user), user.passkeys);
  }

  async addPasskey(response: RegistrationResponseJSON, { signal }: RequestOptions = {}): Promise<Passkey> {
    await this.#answer('addPasskey', signal);
    const session = this.#signedIn(true);
    const passkey = newPasskey(response.id);
    session.user.passkeys.unshift(passkey);
    session.passkeyRequired = session.mayAddPasskey = false;
    return { ...passkey, current: false };
  }

  async updateAccount(changes: { displayName: string }, { signal }: RequestOptions = {}): Promise<AccountUser> {
    await this.#answer('updateAccount', signal);
    const { user } = this.#signedIn();
    const displayName = valueOf(checkDisplayName(changes.displayName));
    user.displayName = displayName;
    return this.#accountUser(user);
  }

  async renamePasskey(id: string, name: string, { signal }: RequestOptions = {}): Promise<Passkey> {
    await this.#answer('renamePasskey', signal);
    const session = this.#signedIn();
    const trimmed = valueOf(checkPasskeyName(name));
    const passkey = findPasskey(session.user, id);
    passkey.name = trimmed;
    passkey.named = true;
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
    const session = this.#signedIn();
    if (!session.user.passkeys.some((passkey) => passkey.id === response.id)) throw refusal('verification-failed', 'Not a passkey of this account');
    this.#verifiedAgain(session);
  }

  async requestSignInCode(input: CodeRequest & { email: string }, { signal }: RequestOptions = {}): Promise<CodeSentAnswer> {
    await this.#answer('requestSignInCode', signal);
    const email = emailOf(input.email);
    // An unknown address is answered alike, and nothing is stored for it: its code can only be wrong.
    return this.#issueCode('sign-in', email, !!this.#userByEmail(email));
  }

  async signInWithCode(input: CodeInput, { signal }: RequestOptions = {}): Promise<SignInAnswer> {
    await this.#answer('signInWithCode', signal);
    const email = emailOf(input.email);
    const user = this.#userByEmail(email);
    const twoFactor = this.#options.twoFactor && user && !user.twoFactorOptOut;
    const pending = this.#checkCode('sign-in', email, input.code);
    if (!user) throw refusal('invalid-code', 'No code was sent to this address', { attemptsLeft: 0 });
    // Under the two-factor policy the email code stays unused until a recovery code comes with it.
    if (twoFactor) {
      if (input.recoveryCode === undefined) throw refusal('recovery-code-required', 'A recovery code must come with the email code');
      const recoveryCode = input.recoveryCode.trim().toUpperCase();
      if (!user.recoveryCodes.includes(recoveryCode)) {
        // A wrong recovery code counts as a wrong try of the email code.
        pending.attemptsLeft--;
        throw refusal('invalid-recovery-code', 'Not an unused recovery code of this account');
      }
      user.recoveryCodes = user.recoveryCodes.filter((code) => code !== recoveryCode);
    }
    pending.used = true;
    user.emailVerified = true;
    const signedIn = this.#startSession(user, '', twoFactor ? 'recovery-code' : 'email-code');
    return { user: signedIn, passkeyRequired: !!twoFactor };
  }

  async requestSignUpCode(input: SignUpCodeRequest, { signal }: RequestOptions = {}): Promise<CodeSentAnswer> {
    await this.#answer('requestSignUpCode', signal);
    const email = emailOf(input.email);
    const displayName = input.displayName?.trim() ? valueOf(checkDisplayName(input.displayName)) : email;
    // A taken address is answered alike: the code screen then says so, not this answer.
    const answer = this.#issueCode('sign-up', email, true);
    this.#codes.get(codeKey('sign-up', email))!.displayName = displayName;
    return answer;
  }

  async signUpWithCode(input: CodeInput, { signal }: RequestOptions = {}): Promise<SignInAnswer> {
    await this.#answer('signUpWithCode', signal);
    const email = emailOf(input.email);
    const pending = this.#checkCode('sign-up', email, input.code);
    pending.used = true;
    if (this.#userByEmail(email)) throw refusal('identifier-taken', `${email} already has an account`);
    const displayName = input.displayName?.trim() ? valueOf(checkDisplayName(input.displayName)) : (pending.displayName ?? email);
    const user = this.#createUser({ id: randomId(), identifier: email, displayName }, [], true);
    const answer = this.#signUpAnswer(user, this.#startSession(user, '', 'email-code'));
    // Under the two-factor policy the new account's session must add its passkey before anything else.
    if (this.#options.twoFactor) this.#session!.passkeyRequired = answer.passkeyRequired = true;
    return answer;
  }

  async requestReauthenticationCode(_input: CodeRequest, { signal }: RequestOptions = {}): Promise<CodeSentAnswer> {
    await this.#answer('requestReauthenticationCode', signal);
    const { user } = this.#signedIn();
    if (!user.email) throw refusal('invalid-email', 'This account has no email address');
    return this.#issueCode('reauthenticate', user.email, true);
  }

  async reauthenticateWithCode(code: string, { signal }: RequestOptions = {}): Promise<void> {
    await this.#answer('reauthenticateWithCode', signal);
    const session = this.#signedIn();
    this.#checkCode('reauthenticate', session.user.email ?? '', code).used = true;
    this.#verifiedAgain(session);
  }

  async requestEmailCode(input: CodeRequest, { signal }: RequestOptions = {}): Promise<CodeSentAnswer> {
    await this.#answer('requestEmailCode', signal);
    const { user } = input.email === undefined ? this.#signedIn() : this.#freshlyChecked();
    const email = input.email === undefined ? user.email : emailOf(input.email);
    if (!email) throw refusal('invalid-email', 'This account has no email address to verify');
    return this.#issueCode('email', email, true);
  }

  async confirmEmail(input: CodeInput, { signal }: RequestOptions = {}): Promise<AccountUser> {
    await this.#answer('confirmEmail', signal);
    const { user } = this.#signedIn();
    const email = emailOf(input.email);
    this.#checkCode('email', email, input.code).used = true;
    const owner = this.#userByEmail(email);
    if (owner && owner !== user) throw refusal('identifier-taken', `${email} belongs to another account`);
    // An account that signs in with its address signs in with the new one from now on.
    if (user.identifier === user.email && email !== user.email) {
      this.#users.delete(user.identifier);
      user.identifier = email;
      this.#users.set(email, user);
    }
    user.email = email;
    user.emailVerified = true;
    return this.#accountUser(user);
  }

  async createRecoveryCodes({ signal }: RequestOptions = {}): Promise<string[]> {
    await this.#answer('createRecoveryCodes', signal);
    const { user } = this.#freshlyChecked();
    user.recoveryCodes = Array.from({ length: STORY_RECOVERY_CODES.length }, newRecoveryCode);
    return [...user.recoveryCodes];
  }

  async setTwoFactor(choice: TwoFactorChoice, { signal }: RequestOptions = {}): Promise<AccountUser> {
    await this.#answer('setTwoFactor', signal);
    const { user } = this.#freshlyChecked();
    user.twoFactorOptOut = choice.optOut;
    return this.#accountUser(user);
  }

  #createUser(user: PasskeyUser, passkeys: StoredPasskey[], emailVerified: boolean): StoredUser {
    const email = user.identifier.includes('@') ? user.identifier : null;
    const stored: StoredUser = {
      ...user, createdAt: new Date().toISOString(), passkeys, sessions: [], email, emailVerified,
      recoveryCodes: this.#options.twoFactor ? [...STORY_RECOVERY_CODES] : [], twoFactorOptOut: false,
    };
    this.#users.set(stored.identifier, stored);
    return stored;
  }

  /** A new account's answer: under the two-factor policy with its recovery codes, shown once. */
  #signUpAnswer(stored: StoredUser, user: PasskeyUser): SignInAnswer {
    return this.#options.twoFactor ? { user, recoveryCodes: [...stored.recoveryCodes] } : { user };
  }

  #userByEmail(email: string): StoredUser | undefined {
    return [...this.#users.values()].find((user) => user.email === email);
  }

  /** A new code for `email`, answered the same whether or not it is stored (`known`). */
  #issueCode(purpose: CodePurpose, email: string, known: boolean): CodeSentAnswer {
    const now = Date.now();
    const resendSeconds = this.#options.resendSeconds ?? 30;
    const key = codeKey(purpose, email);
    const previous = this.#codes.get(key);
    if (previous && previous.resendAt > now) {
      const retryAfter = Math.ceil((previous.resendAt - now) / 1000);
      throw refusal('rate-limited', 'Wait before asking for another code', { retryAfter });
    }
    // Unknown addresses get a code that nothing matches, so that tries, limits and answers look the same.
    const code = known ? STORY_CODE : null;
    this.#codes.set(key, { code, expiresAt: now + CODE_LIFETIME_SECONDS * 1000, resendAt: now + resendSeconds * 1000, attemptsLeft: CODE_ATTEMPTS, used: false });
    return { expiresIn: CODE_LIFETIME_SECONDS, resendIn: resendSeconds, length: CODE_LENGTH };
  }

  /** Checks `code` for `email` as the server does: exhausted, used, expired, then wrong (one try less); the caller spends it. */
  #checkCode(purpose: CodePurpose, email: string, code: string): PendingCode {
    const pending = this.#codes.get(codeKey(purpose, email));
    if (!pending) throw refusal('invalid-code', 'No code was sent to this address', { attemptsLeft: 0 });
    if (pending.attemptsLeft === 0) throw refusal('code-attempts-exhausted', 'Too many wrong tries for this code');
    if (pending.used) throw refusal('code-used', 'This code was already used');
    if (pending.expiresAt <= Date.now()) throw refusal('code-expired', 'This code has expired');
    if (code.replace(/\D/g, '') !== pending.code) {
      pending.attemptsLeft--;
      if (pending.attemptsLeft === 0) throw refusal('code-attempts-exhausted', 'Too many wrong tries for this code');
      throw refusal('invalid-code', 'Wrong code', { attemptsLeft: pending.attemptsLeft });
    }
    return pending;
  }

  #accountUser(user: StoredUser): AccountUser {
    const accountUser: AccountUser = { ...publicUser(user), createdAt: user.createdAt };
    if (this.#options.twoFactor) accountUser.twoFactor = { optedOut: user.twoFactorOptOut, recoveryCodesLeft: user.recoveryCodes.length };
    return accountUser;
  }

  #verifiedAgain(session: CurrentSession): void {
    this.#checkIsStale = false;
    session.checked = true;
  }

  #startSession(user: StoredUser, passkeyId: string, method: SignInMethod = 'passkey'): PasskeyUser {
    const now = new Date().toISOString();
    const session = { id: randomId(), ...THIS_BROWSER, signedInWith: method, createdAt: now, lastActiveAt: now };
    user.sessions.unshift(session);
    const passkey = user.passkeys.find((candidate) => candidate.id === passkeyId);
    if (passkey) passkey.lastUsedAt = now;
    // A passkey sign-in is a check for the session it makes; a code sign-in is not (docs/protocol.md).
    const byCode = method !== 'passkey';
    this.#session = { user, sessionId: session.id, passkeyId, method, checked: !byCode, passkeyRequired: method === 'recovery-code', mayAddPasskey: byCode };
    return publicUser(user);
  }

  #endSession(): void {
    const current = this.#session;
    if (current) current.user.sessions = current.user.sessions.filter((session) => session.id !== current.sessionId);
    this.#session = null;
  }

  /** The session; one that must add a passkey first serves only the operations open `duringRecovery`. */
  #signedIn(duringRecovery = false): CurrentSession {
    if (!this.#session) throw refusal('not-signed-in', 'No session');
    if (this.#session.passkeyRequired && !duringRecovery) throw refusal('passkey-required', 'Create a passkey first');
    return this.#session;
  }

  /** The session, for a sensitive act: only after a recent passkey check, or a code asked for it. */
  #freshlyChecked(): CurrentSession {
    const session = this.#signedIn();
    if (this.#checkIsStale || !session.checked) {
      const methods = [...(session.user.passkeys.length ? ['passkey'] : []), ...(session.user.email ? ['code'] : [])];
      throw refusal('reauthentication-required', 'The last check is too old, or was only an email code', { methods });
    }
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
    // Injected limits say when to come back, as the server's do.
    const details = failure === 'rate-limited' ? { retryAfter: 30 } : undefined;
    if (failure) throw new PasskeyError(failure, `${operation} failed with '${failure}' (injected by the story)`, { details });
  }
}

function storedUser(seed: SeedUser): StoredUser {
  const createdAt = daysAgo(400);
  return {
    id: randomId(),
    identifier: seed.identifier,
    displayName: seed.displayName,
    email: seed.email === undefined ? (seed.identifier.includes('@') ? seed.identifier : null) : seed.email,
    emailVerified: seed.emailVerified ?? true,
    recoveryCodes: [...(seed.recoveryCodes ?? STORY_RECOVERY_CODES)],
    twoFactorOptOut: seed.twoFactorOptOut ?? false,
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
  const provider = 'Google Password Manager';
  return { id, name: provider, named: false, aaguid: 'ea9b8d66-4d01-1d21-3ce4-b6b48cb575d4', provider, location: 'synced', createdAt: now, lastUsedAt: null };
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

function publicUser({ id, identifier, displayName, email, emailVerified }: PasskeyUser): PasskeyUser {
  return { id, identifier, displayName, email: email ?? null, emailVerified: emailVerified ?? false };
}

function codeKey(purpose: CodePurpose, email: string): string {
  return `${purpose} ${email}`;
}

/** An address as the server takes it: trimmed, lower-cased, with `@`; else `invalid-email`. */
function emailOf(raw: string): string {
  const check = checkIdentifier(raw);
  if (!check.valid || !check.value.includes('@')) throw refusal('invalid-email', 'Not an email address');
  return check.value;
}

/** Eight characters in two groups, from an alphabet without look-alikes (no 0/O, 1/I/L). */
function newRecoveryCode(): string {
  const alphabet = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
  const characters = [...crypto.getRandomValues(new Uint8Array(8))].map((byte) => alphabet[byte % alphabet.length]);
  return `${characters.slice(0, 4).join('')}-${characters.slice(4).join('')}`;
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
function refusal(code: ProblemCode, detail: string, extensions: Record<string, unknown> = {}): PasskeyError {
  return problemToError(problems[code].status, { ...extensions, code, detail });
}

/** The value of a passed input rule of the protocol; a failed one is refused as the server would. */
function valueOf(check: InputCheck): string {
  if (!check.valid) throw refusal(check.code, check.reason);
  return check.value;
}
