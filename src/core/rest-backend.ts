import type {
  Account,
  AccountUser,
  AuthenticationResponseJSON,
  LoginBackend,
  Passkey,
  PasskeyBackend,
  RegistrationResponseJSON,
  SignInAnswer,
} from './backend.ts';
import { PasskeyError, isRecord } from './errors.ts';
import { accountOperations, loginOperations } from '../protocol/endpoints.ts';
import { CeremonyMemory, readCreationOptions, readRequestOptions, readUser, readVerified } from './rest-answers.ts';
import type { CodeSentAnswer, PasskeyRename, ReauthenticationCodeInput, SecurityEvent } from '../protocol/wire.ts';
import { createRestCall, endpointOf, type BackendOperation, type EndpointLocation, type RestBackendConfig, type RestCall } from './rest-call.ts';

export type { BackendOperation, Endpoint, EndpointLocation, Endpoints, OptionalOperation, RestBackendConfig, RestCall, UserFields, WireFormat } from './rest-call.ts';
export { createRestCall, jsonFormat } from './rest-call.ts';
export { CeremonyMemory, base64urlToBytes, bytesAsBase64url, bytesToBase64url, readCreationOptions, readRequestOptions, readUser, readVerified } from './rest-answers.ts';

/**
 * The paths and methods of the passkey-elements protocol (docs/protocol.md): sign-up, sign-in,
 * session, email codes, and the passkey a code sign-in adds.
 */
export const loginEndpoints: Record<keyof LoginBackend, EndpointLocation> = {
  ...loginOperations,
  addPasskeyOptions: accountOperations.addPasskeyOptions,
  addPasskey: accountOperations.addPasskey,
};

/** The protocol's account operations, used by `<passkey-profile>`. */
export const accountEndpoints: Record<Exclude<BackendOperation, keyof LoginBackend>, EndpointLocation> = accountOperations;

/**
 * The default backend: our REST protocol over `fetch` with cookies. By configuration it also
 * speaks to common options/verify servers (docs/backends.md): other paths, field names, answers
 * and statuses, and operations they lack.
 */
export function createRestBackend(config: RestBackendConfig | string): PasskeyBackend {
  const endpoints = { ...loginEndpoints, ...accountEndpoints };
  const call = createRestCall(config, endpoints);
  return { ...createLoginMethods(call, config, endpoints), ...accountMethods(call) };
}

/** The REST client with only what `<passkey-login>` needs, so its bundle does not carry the account calls. */
export function createLoginRestBackend(config: RestBackendConfig | string): LoginMethods {
  return createLoginMethods(createRestCall(config, loginEndpoints), config, loginEndpoints);
}

/** Email-code sign-in and sign-up: our protocol's, absent on a server configured by `endpoints` unless they are configured too. */
const emailCodeOperations = ['requestSignInCode', 'signInWithCode', 'requestSignUpCode', 'signUpWithCode'] as const;
type EmailCodeOperation = (typeof emailCodeOperations)[number];

/** What the REST client's login part has: everything, the email-code operations only when the server has them. */
export type LoginMethods = Required<Omit<LoginBackend, EmailCodeOperation>> & Pick<LoginBackend, EmailCodeOperation>;

/**
 * The sign-up, sign-in and session methods over any `RestCall`: what the REST client is made of,
 * for a backend composed around another wire format (docs/backends.md, "python-fido2 0.9 (CBOR)").
 * `config` gives the answer shaping (`optionsDefaults`, each endpoint's `user`) and the operations
 * declared absent; its `baseUrl` is not used here. With `endpoints` set, the email-code operations
 * are there only when all four are configured, so the element offers no code screens a server
 * without them would answer with a 404.
 */
export function createLoginMethods(call: RestCall, config: RestBackendConfig | string, defaults: Partial<Record<BackendOperation, EndpointLocation>> = loginEndpoints): LoginMethods {
  const methods = allLoginMethods(call, config, defaults);
  const endpoints = typeof config === 'string' ? undefined : config.endpoints;
  if (endpoints === undefined || emailCodeOperations.every((operation) => endpoints[operation])) return methods;
  const withoutCodes: LoginMethods = { ...methods };
  for (const operation of emailCodeOperations) delete withoutCodes[operation];
  return withoutCodes;
}

function allLoginMethods(call: RestCall, config: RestBackendConfig | string, defaults: Partial<Record<BackendOperation, EndpointLocation>>): Required<LoginBackend> {
  const settings = typeof config === 'string' ? { baseUrl: config } : config;
  const { creation, request } = settings.optionsDefaults ?? {};
  const userFields = (operation: BackendOperation) => endpointOf(settings, defaults, operation)?.user;
  const memory = new CeremonyMemory();
  return {
    async registrationOptions(input, options) {
      const creationOptions = readCreationOptions(await call('registrationOptions', input, options), creation);
      memory.creation(creationOptions);
      return creationOptions;
    },
    async verifyRegistration(response: RegistrationResponseJSON, options) {
      const body = await call('verifyRegistration', response, options);
      const user = readVerified(body, () => memory.registered(response), userFields('verifyRegistration'));
      return isRecord(body) && Array.isArray(body.recoveryCodes) ? { ...readSignInAnswer({ ...body, user }), user } : user;
    },
    async loginOptions(input, options) {
      const requestOptions = readRequestOptions(await call('loginOptions', input, options), request);
      memory.request(requestOptions, input.identifier);
      return requestOptions;
    },
    async verifyLogin(response: AuthenticationResponseJSON, options) {
      return readVerified(await call('verifyLogin', response, options), () => memory.signedIn(response), userFields('verifyLogin'));
    },
    async currentUser(options) {
      // Declared absent: nobody is restored; the form shows.
      if (endpointOf(settings, defaults, 'currentUser') === null) return null;
      const body = await call('currentUser', undefined, options);
      if (isRecord(body) && body.user === null) return null;
      const user = readUser(body, userFields('currentUser'), true);
      if (!user) throw new PasskeyError('bad-response', 'The session answer has no user');
      return user;
    },
    async signOut(options) {
      // Declared absent: the element signs out on screen; the server's session ends when it expires.
      if (endpointOf(settings, defaults, 'signOut') === null) return;
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
      return readCreationOptions(await call('addPasskeyOptions', {}, options));
    },
    async addPasskey(response, options) {
      return readPasskey(await call('addPasskey', response, options));
    },
  };
}

function accountMethods(call: RestCall): Required<Omit<PasskeyBackend, keyof LoginBackend>> {
  return {
    async account(options) {
      const body = await call('account', undefined, options);
      if (!isRecord(body) || !readUser(body) || !Array.isArray(body.passkeys) || !Array.isArray(body.sessions)) {
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
      return readRequestOptions(await call('reauthenticationOptions', {}, options));
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

function readAccountUser(body: unknown): AccountUser {
  const user = isRecord(body) ? body.user : undefined;
  if (!readUser(body)) throw new PasskeyError('bad-response', 'The account answer has no user');
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
  const user = readUser(body);
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
