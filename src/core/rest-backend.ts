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
} from './backend.ts';
import { PasskeyError, isRecord, problemToError } from './errors.ts';
import { accountOperations, loginOperations, type HttpMethod } from '../protocol/endpoints.ts';
import type { PasskeyRename } from '../protocol/wire.ts';

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
  /** Extra headers for every request, e.g. a CSRF token your framework expects. */
  headers?: Record<string, string>;
}

/** The paths and methods of the passkey-elements protocol (docs/protocol.md): sign-up, sign-in, session. */
export const loginEndpoints: Record<keyof LoginBackend, Required<Endpoint>> = loginOperations;

/** The protocol's account operations, used by `<passkey-profile>`. */
export const accountEndpoints: Record<Exclude<BackendOperation, keyof LoginBackend>, Required<Endpoint>> = accountOperations;

type Call = (operation: BackendOperation, input: object | undefined, options?: RequestOptions, id?: string) => Promise<unknown>;

/** One request of the protocol: the operation's path and method, JSON both ways, errors as `PasskeyError`. */
function restCaller(config: RestBackendConfig | string, defaults: Partial<Record<BackendOperation, Required<Endpoint>>>): Call {
  const { baseUrl, endpoints = {}, headers = {} } = typeof config === 'string' ? { baseUrl: config } : config;

  async function call(operation: BackendOperation, input: object | undefined, { signal }: RequestOptions = {}, id = '') {
    const { path = '', method = 'POST' } = { ...defaults[operation], ...endpoints[operation] };
    const resolved = path.replace('{id}', encodeURIComponent(id));
    let url = /^https?:/.test(resolved) ? resolved : baseUrl.replace(/\/$/, '') + resolved;
    const init: RequestInit = { method, signal, credentials: 'include', headers: { accept: 'application/json', ...headers } };
    if (input && method === 'GET') {
      const query = new URLSearchParams(Object.entries(input).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
      if (query.size) url += (url.includes('?') ? '&' : '?') + query;
    } else if (input) {
      init.body = JSON.stringify(input);
      init.headers = { ...init.headers, 'content-type': 'application/json' };
    }
    let response: Response;
    try {
      response = await fetch(url, init);
    } catch (error) {
      if (signal?.aborted) throw error;
      throw new PasskeyError('network', `Could not reach ${url}`, { cause: error });
    }
    const text = await response.text();
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
      throw problemToError(response.status, body);
    }
    return body;
  }
  return call;
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
export function createLoginRestBackend(config: RestBackendConfig | string): LoginBackend {
  return loginMethods(restCaller(config, loginEndpoints));
}

function loginMethods(call: Call): LoginBackend {
  let lastIdentifier = '';
  return {
    async registrationOptions(input, options) {
      lastIdentifier = input.identifier;
      return readOptions(await call('registrationOptions', input, options), isCreationOptions);
    },
    async verifyRegistration(response: RegistrationResponseJSON, options) {
      return readVerified(await call('verifyRegistration', response, options), lastIdentifier);
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
  };
}

function accountMethods(call: Call): Omit<PasskeyBackend, keyof LoginBackend> {
  return {
    async account(options) {
      const body = await call('account', undefined, options);
      if (!isRecord(body) || !readUser(body.user) || !Array.isArray(body.passkeys) || !Array.isArray(body.sessions)) {
        throw new PasskeyError('bad-response', 'The account answer is malformed');
      }
      return body as unknown as Account;
    },
    async updateAccount(changes, options) {
      const body = await call('updateAccount', changes, options);
      const user = isRecord(body) ? body.user : undefined;
      if (!readUser(user)) throw new PasskeyError('bad-response', 'The account answer has no user');
      return user as AccountUser;
    },
    async addPasskeyOptions(options) {
      return readOptions(await call('addPasskeyOptions', {}, options), isCreationOptions);
    },
    async addPasskey(response, options) {
      return readPasskey(await call('addPasskey', response, options));
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
  };
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
  return { id: value.id, identifier, displayName };
}
