import type {
  Account,
  AccountUser,
  AuthenticationResponseJSON,
  LoginBackend,
  Passkey,
  PasskeyBackend,
  PasskeyUser,
  PublicKeyCredentialCreationOptionsJSON,
  PublicKeyCredentialRequestOptionsJSON,
  RegistrationResponseJSON,
  RequestOptions,
  SignInAnswer,
} from './backend.ts';
import { PasskeyError, isRecord, problemToError } from './errors.ts';
import { accountOperations, loginOperations, type HttpMethod } from '../protocol/endpoints.ts';
import type { CodeSentAnswer, PasskeyRename, ReauthenticationCodeInput, SecurityEvent } from '../protocol/wire.ts';

export type BackendOperation = keyof PasskeyBackend;

export interface Endpoint {
  /** Appended to `baseUrl`; an absolute URL is used as it is. `{id}` stands for the passkey or session id. */
  path: string;
  method?: HttpMethod | 'PUT';
}

export interface RestBackendConfig {
  /** Base URL of the API, e.g. `/api/passkeys` or `https://auth.example.com/passkeys`. */
  baseUrl: string;
  /** Per-operation path and method, for backends that do not follow our protocol's paths. */
  endpoints?: Partial<Record<BackendOperation, Endpoint>>;
  /**
   * Extra headers for every request, e.g. a CSRF token your framework expects. A header outside
   * the CORS safelist makes every cross-origin request preflighted, so bodies then go as
   * `application/json` (unless `simpleRequests` says otherwise).
   */
  headers?: Record<string, string>;
  /**
   * Send JSON bodies as `text/plain;charset=UTF-8`, which makes GET and POST requests CORS-simple:
   * an API on another origin is called without an OPTIONS preflight first. The server must read
   * such bodies as JSON (the reference server does). Defaults to `true` for our protocol and to
   * `false` once `endpoints` or `headers` are set: a server we did not write may parse only
   * `application/json`, and custom headers need a preflight anyway.
   */
  simpleRequests?: boolean;
  /**
   * How long a request may go unanswered before it fails as `network` (default 30 seconds), so
   * that a server that never answers cannot leave a screen waiting for ever.
   */
  timeoutMs?: number;
}

const defaultTimeoutMs = 30_000;

/** What a CORS-simple request may declare: the body is JSON all the same. */
const simpleBodyType = 'text/plain;charset=UTF-8';

/**
 * The paths and methods of the passkey-elements protocol (docs/protocol.md): sign-up, sign-in,
 * session, email codes, and the passkey a code sign-in adds.
 */
export const loginEndpoints: Record<keyof LoginBackend, Required<Endpoint>> = {
  ...loginOperations,
  addPasskeyOptions: accountOperations.addPasskeyOptions,
  addPasskey: accountOperations.addPasskey,
};

/** The protocol's account operations, used by `<passkey-profile>`. */
export const accountEndpoints: Record<Exclude<BackendOperation, keyof LoginBackend>, Required<Endpoint>> = accountOperations;

type Call = (operation: BackendOperation, input: object | undefined, options?: RequestOptions, id?: string) => Promise<unknown>;

/** One request of the protocol: the operation's path and method, JSON both ways, errors as `PasskeyError`. */
function restCaller(config: RestBackendConfig | string, defaults: Partial<Record<BackendOperation, Required<Endpoint>>>): Call {
  const { baseUrl, endpoints = {}, headers = {}, simpleRequests = !isCustomised(config), timeoutMs = defaultTimeoutMs } =
    typeof config === 'string' ? { baseUrl: config } : config;
  const bodyType = simpleRequests ? simpleBodyType : 'application/json';

  async function call(operation: BackendOperation, input: object | undefined, { signal }: RequestOptions = {}, id = '') {
    const { path = '', method = 'POST' } = { ...defaults[operation], ...endpoints[operation] };
    const resolved = path.replace('{id}', encodeURIComponent(id));
    let url = /^https?:/.test(resolved) ? resolved : baseUrl.replace(/\/$/, '') + resolved;
    // The caller's signal cancels the request; the timer gives up on a server that never answers.
    const request = new AbortController();
    const timer = setTimeout(() => request.abort(), timeoutMs);
    const cancel = () => request.abort();
    signal?.addEventListener('abort', cancel, { once: true });
    if (signal?.aborted) request.abort();
    const init: RequestInit = { method, signal: request.signal, credentials: 'include', headers: { accept: 'application/json', ...headers } };
    if (input && method === 'GET') {
      const query = new URLSearchParams(Object.entries(input).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
      if (query.size) url += (url.includes('?') ? '&' : '?') + query;
    } else if (input) {
      init.body = JSON.stringify(input);
      init.headers = { ...init.headers, 'content-type': bodyType };
    }
    let response: Response;
    let text: string;
    try {
      response = await fetch(url, init);
      text = await response.text();
    } catch (error) {
      if (signal?.aborted) throw error;
      const reason = request.signal.aborted ? `No answer from ${url} within ${timeoutMs} ms` : `Could not reach ${url}`;
      throw new PasskeyError('network', reason, { cause: error });
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener('abort', cancel);
    }
    let body: unknown = null;
    if (text) {
      try {
        body = JSON.parse(text);
      } catch (error) {
        if (response.ok) throw new PasskeyError('bad-response', `${url} did not answer JSON`, { cause: error });
      }
    }
    if (!response.ok) {
      if (operation === 'currentUser' && response.status === 401) return { user: null };
      throw problemToError(response.status, withRetryAfter(body, response.headers));
    }
    return body;
  }
  return call;
}

/** Whether the client is set up for a server other than ours, or for headers that need a preflight. */
function isCustomised(config: RestBackendConfig | string): boolean {
  return typeof config !== 'string' && (config.endpoints !== undefined || (config.headers !== undefined && Object.keys(config.headers).length > 0));
}

/**
 * The default backend: our REST protocol over `fetch` with cookies. By configuration it also
 * speaks to common options/verify backends: options may be raw or wrapped in `{ publicKey }`,
 * verify answers may be `{ verified }` without a user.
 */
export function createRestBackend(config: RestBackendConfig | string): PasskeyBackend {
  const call = restCaller(config, { ...loginEndpoints, ...accountEndpoints });
  return { ...loginMethods(call), ...accountMethods(call) };
}

/** The REST client with only what `<passkey-login>` needs, so its bundle does not carry the account calls. */
export function createLoginRestBackend(config: RestBackendConfig | string): Required<LoginBackend> {
  return loginMethods(restCaller(config, loginEndpoints));
}

function loginMethods(call: Call): Required<LoginBackend> {
  let lastIdentifier = '';
  return {
    async registrationOptions(input, options) {
      lastIdentifier = input.identifier;
      return readOptions(await call('registrationOptions', input, options), isCreationOptions);
    },
    async verifyRegistration(response: RegistrationResponseJSON, options) {
      const body = await call('verifyRegistration', response, options);
      const user = readVerified(body, lastIdentifier);
      return isRecord(body) && Array.isArray(body.recoveryCodes) ? readSignInAnswer({ ...body, user }) : user;
    },
    async loginOptions(input, options) {
      lastIdentifier = input.identifier ?? '';
      return readOptions(await call('loginOptions', input, options), isRequestOptions);
    },
    async verifyLogin(response: AuthenticationResponseJSON, options) {
      return readVerified(await call('verifyLogin', response, options), lastIdentifier, response.response.userHandle);
    },
    async currentUser(options) {
      const body = await call('currentUser', undefined, options);
      if (isRecord(body) && body.user === null) return null;
      const user = readUser(isRecord(body) ? (body.user ?? body) : undefined);
      if (!user) throw new PasskeyError('bad-response', 'The session answer has no user');
      return user;
    },
    async signOut(options) {
      await call('signOut', undefined, options);
    },
    async requestSignInCode(input, options) {
      return readCodeSent(await call('requestSignInCode', input, options));
    },
    async signInWithCode(input, options) {
      return readSignInAnswer(await call('signInWithCode', input, options));
    },
    async requestSignUpCode(input, options) {
      return readCodeSent(await call('requestSignUpCode', input, options));
    },
    async signUpWithCode(input, options) {
      return readSignInAnswer(await call('signUpWithCode', input, options));
    },
    async addPasskeyOptions(options) {
      return readOptions(await call('addPasskeyOptions', {}, options), isCreationOptions);
    },
    async addPasskey(response, options) {
      return readPasskey(await call('addPasskey', response, options));
    },
  };
}

function accountMethods(call: Call): Required<Omit<PasskeyBackend, keyof LoginBackend>> {
  return {
    async account(options) {
      const body = await call('account', undefined, options);
      if (!isRecord(body) || !readUser(body.user) || !Array.isArray(body.passkeys) || !Array.isArray(body.sessions)) {
        throw new PasskeyError('bad-response', 'The account answer is malformed');
      }
      return body as unknown as Account;
    },
    async updateAccount(changes, options) {
      return readAccountUser(await call('updateAccount', changes, options));
    },
    async renamePasskey(id, name, options) {
      return readPasskey(await call('renamePasskey', { name } satisfies PasskeyRename, options, id));
    },
    async removePasskey(id, options) {
      await call('removePasskey', undefined, options, id);
    },
    async revokeSession(id, options) {
      await call('revokeSession', undefined, options, id);
    },
    async revokeOtherSessions(options) {
      await call('revokeOtherSessions', undefined, options);
    },
    async deleteAccount(options) {
      await call('deleteAccount', undefined, options);
    },
    async reauthenticationOptions(options) {
      return readOptions(await call('reauthenticationOptions', {}, options), isRequestOptions);
    },
    async reauthenticate(response, options) {
      await call('reauthenticate', response, options);
    },
    async requestReauthenticationCode(input, options) {
      return readCodeSent(await call('requestReauthenticationCode', input, options));
    },
    async reauthenticateWithCode(code, options) {
      await call('reauthenticateWithCode', { code } satisfies ReauthenticationCodeInput, options);
    },
    async requestEmailCode(input, options) {
      return readCodeSent(await call('requestEmailCode', input, options));
    },
    async confirmEmail(input, options) {
      return readAccountUser(await call('confirmEmail', input, options));
    },
    async createRecoveryCodes(options) {
      const body = await call('createRecoveryCodes', {}, options);
      if (!isRecord(body) || !Array.isArray(body.codes) || !body.codes.every((code) => typeof code === 'string')) {
        throw new PasskeyError('bad-response', 'The recovery codes answer is malformed');
      }
      return body.codes as string[];
    },
    async setTwoFactor(choice, options) {
      return readAccountUser(await call('setTwoFactor', choice, options));
    },
    async securityActivity(options) {
      return readActivity(await call('securityActivity', undefined, options));
    },
  };
}

/** An answer whose body does not say how long to wait (a proxy's plain 429) may say it in `Retry-After`, in seconds. */
function withRetryAfter(body: unknown, headers: Headers): unknown {
  const problem = isRecord(body) ? body : {};
  const seconds = Number(headers.get('retry-after') ?? NaN);
  if (typeof problem.retryAfter === 'number' || !Number.isFinite(seconds) || seconds < 0) return body;
  return { ...problem, retryAfter: seconds };
}

function readAccountUser(body: unknown): AccountUser {
  const user = isRecord(body) ? body.user : undefined;
  if (!readUser(user)) throw new PasskeyError('bad-response', 'The account answer has no user');
  return user as AccountUser;
}

/** The events of `GET /account/activity`; one without a kind or a time is malformed. */
function readActivity(body: unknown): SecurityEvent[] {
  const events = isRecord(body) ? body.events : undefined;
  if (!Array.isArray(events) || !events.every((event) => isRecord(event) && typeof event.kind === 'string' && typeof event.at === 'string')) {
    throw new PasskeyError('bad-response', 'The activity answer is malformed');
  }
  return events as SecurityEvent[];
}

function readCodeSent(body: unknown): CodeSentAnswer {
  if (!isRecord(body) || typeof body.expiresIn !== 'number' || typeof body.resendIn !== 'number') {
    throw new PasskeyError('bad-response', 'The code answer is malformed');
  }
  return { expiresIn: body.expiresIn, resendIn: body.resendIn, length: typeof body.length === 'number' ? body.length : 6 };
}

/** A sign-in or sign-up answer: the user, and what the session may do. Never success by default. */
function readSignInAnswer(body: unknown): SignInAnswer {
  const user = isRecord(body) ? readUser(body.user) : null;
  if (!isRecord(body) || !user) throw new PasskeyError('bad-response', 'The sign-in answer has no user');
  const answer: SignInAnswer = { user, passkeyRequired: body.passkeyRequired === true };
  if (Array.isArray(body.recoveryCodes) && body.recoveryCodes.every((code) => typeof code === 'string')) answer.recoveryCodes = body.recoveryCodes as string[];
  return answer;
}

function readPasskey(body: unknown): Passkey {
  const passkey = isRecord(body) && isRecord(body.passkey) ? body.passkey : body;
  if (!isRecord(passkey) || typeof passkey.id !== 'string' || typeof passkey.name !== 'string') {
    throw new PasskeyError('bad-response', 'The passkey answer is malformed');
  }
  return passkey as unknown as Passkey;
}

function readOptions<Options>(body: unknown, isValid: (value: Record<string, unknown>) => boolean): Options {
  const options = isRecord(body) && isRecord(body.publicKey) ? body.publicKey : body;
  if (!isRecord(options) || typeof options.challenge !== 'string' || !isValid(options)) {
    throw new PasskeyError('bad-response', 'The server sent malformed WebAuthn options');
  }
  return options as Options;
}

const isCreationOptions = (options: Record<string, unknown>) =>
  isRecord(options.rp) && isRecord(options.user) && typeof options.user.id === 'string' && Array.isArray(options.pubKeyCredParams);

const isRequestOptions = (options: Record<string, unknown>) =>
  options.allowCredentials === undefined || Array.isArray(options.allowCredentials);

/** A verify answer: our `{ user }`, or a foreign `{ verified: true }` without one. */
function readVerified(body: unknown, identifier: string, userHandle?: string): PasskeyUser {
  if (!isRecord(body) || body.verified === false) {
    throw new PasskeyError('verification-failed', 'The server did not verify the passkey');
  }
  return readUser(body.user) ?? { id: userHandle ?? '', identifier, displayName: identifier };
}

function readUser(value: unknown): PasskeyUser | null {
  if (!isRecord(value) || typeof value.id !== 'string') return null;
  const identifier = [value.identifier, value.username, value.email, value.name].find((field) => typeof field === 'string');
  if (typeof identifier !== 'string') return null;
  const displayName = typeof value.displayName === 'string' ? value.displayName : identifier;
  const user: PasskeyUser = { id: value.id, identifier, displayName };
  if (typeof value.email === 'string' || value.email === null) user.email = value.email;
  if (typeof value.emailVerified === 'boolean') user.emailVerified = value.emailVerified;
  return user;
}
