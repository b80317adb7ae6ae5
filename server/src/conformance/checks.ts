/**
 * The protocol checks of docs/protocol.md, run in order against one server: a sign-up, both ways
 * of signing in, the session, every account operation, and the bad inputs each endpoint must
 * refuse with its documented problem code. Later checks use the account the earlier ones made.
 */
import { randomBytes } from 'node:crypto';
import type {
  AuthenticationResponseJSON,
  PublicKeyCredentialCreationOptionsJSON,
  PublicKeyCredentialRequestOptionsJSON,
} from '@simplewebauthn/server';
import { operations, problemContentType, type OperationName } from '../../../src/protocol/index.ts';
import { SoftwareAuthenticator } from './authenticator.ts';
import { KitClient, type Answer } from './client.ts';

export interface ConformanceOptions {
  /** The API's base URL, e.g. `https://app.example/api/passkeys`. */
  baseUrl: string;
  /** The page origin the server accepts, sent as `Origin` and put in the client data. */
  origin: string;
  /**
   * How to read the one-time codes the server mails: without it the code checks are skipped.
   * `domain` is the mail domain of the addresses the kit signs up with.
   */
  mailbox?: { domain: string; readCode(address: string): Promise<string> };
}

export interface CheckResult {
  name: string;
  outcome: 'pass' | 'fail' | 'skipped';
  reason: string;
}

/** A failed expectation; its message is the reason in the table. */
class CheckFailure extends Error {}

interface Check {
  name: string;
  /** Resolves with an optional note; throws with the reason on failure. */
  run(): Promise<string | void>;
}

/** The code checks need a mailbox; the kit cannot read one, so they are listed as skipped. */
const mailChecks = ['sign-in with an email code', 'sign-up with an email code', 're-authentication with an email code', 'email address confirmation'];

export async function runConformance(options: ConformanceOptions): Promise<CheckResult[]> {
  const results: CheckResult[] = [];
  for (const check of conformanceChecks(options)) {
    try {
      const note = await check.run();
      results.push({ name: check.name, outcome: 'pass', reason: note ?? '' });
    } catch (error) {
      const reason = error instanceof CheckFailure ? error.message : `unexpected error: ${String(error)}`;
      results.push({ name: check.name, outcome: 'fail', reason });
    }
  }
  if (options.mailbox === undefined) {
    for (const name of mailChecks) results.push({ name, outcome: 'skipped', reason: 'skipped: needs mail' });
    return results;
  }
  for (const check of codeChecks(options, options.mailbox)) {
    try {
      const note = await check.run();
      results.push({ name: check.name, outcome: 'pass', reason: note ?? '' });
    } catch (error) {
      const reason = error instanceof CheckFailure ? error.message : `unexpected error: ${String(error)}`;
      results.push({ name: check.name, outcome: 'fail', reason });
    }
  }
  return results;
}

interface Account {
  userId: string;
  identifier: string;
  credentialId: string;
}

function conformanceChecks({ baseUrl, origin }: ConformanceOptions): Check[] {
  const browser = new KitClient(baseUrl, origin);
  const authenticator = new SoftwareAuthenticator();
  const call = (client: KitClient, name: OperationName, body?: unknown, id?: string) => {
    const { method, path } = operations[name];
    const resolved = id === undefined ? path : path.replace('{id}', encodeURIComponent(id));
    return client.send(method, resolved, body === undefined ? {} : { json: body });
  };
  let account: Account | undefined;
  const signedUp = (): Account => {
    if (account === undefined) throw new CheckFailure('needs the account of "sign-up", which failed');
    return account;
  };

  /** A complete sign-in on `client`; returns the verify answer. */
  const signIn = async (client: KitClient, identifier?: string): Promise<Answer> => {
    const options = await requestOptions(client, identifier);
    const assertion = authenticator.get(options, { origin, credentialId: signedUp().credentialId });
    return call(client, 'verifyLogin', assertion);
  };
  const requestOptions = async (client: KitClient, identifier?: string) => {
    const answer = await call(client, 'loginOptions', identifier === undefined ? {} : { identifier });
    return expectJson<PublicKeyCredentialRequestOptionsJSON>(answer, 200, 'sign-in options');
  };
  const expectSignedInAs = async (answer: Answer, what: string) => {
    const body = expectJson<{ user?: { id?: unknown } }>(answer, 200, what);
    if (body.user?.id !== signedUp().userId) throw new CheckFailure(`${what}: expected user ${signedUp().userId}, got ${excerpt(answer.text)}`);
  };
  /** A second browser signed in to the same account, for the session checks. */
  const otherBrowser = async () => {
    const client = new KitClient(baseUrl, origin);
    await expectSignedInAs(await signIn(client), 'sign-in in a second browser');
    return client;
  };
  let addedPasskeyId: string | undefined;

  return [
    {
      name: 'sign-up',
      run: async () => {
        const identifier = `conformance-${randomBytes(4).toString('hex')}`;
        const options = expectJson<PublicKeyCredentialCreationOptionsJSON>(
          await call(browser, 'registrationOptions', { identifier, displayName: 'Conformance Check' }),
          200,
          'sign-up options',
        );
        const credential = authenticator.create(options, { origin });
        const body = expectJson<{ user?: { id?: unknown } }>(await call(browser, 'verifyRegistration', credential), 200, 'sign-up verify');
        if (typeof body.user?.id !== 'string') throw new CheckFailure('sign-up verify: the answer has no user.id');
        account = { userId: body.user.id, identifier, credentialId: credential.id };
      },
    },
    {
      name: 'session after sign-up (GET /session)',
      run: async () => expectSignedInAs(await call(browser, 'currentUser'), 'GET /session'),
    },
    {
      name: 'sign-out (DELETE /session)',
      run: async () => {
        signedUp();
        expectStatus(await call(browser, 'signOut'), 204, 'DELETE /session');
        const body = expectJson<{ user?: unknown }>(await call(browser, 'currentUser'), 200, 'GET /session after sign-out');
        if (body.user !== null) throw new CheckFailure('GET /session after sign-out: expected { "user": null }');
      },
    },
    {
      name: 'sign-in, usernameless',
      run: async () => expectSignedInAs(await signIn(browser), 'sign-in verify'),
    },
    {
      name: 'sign-in, identifier-first',
      run: async () => {
        const options = await requestOptions(browser, signedUp().identifier);
        const allowed = options.allowCredentials?.map((descriptor) => descriptor.id) ?? [];
        if (!allowed.includes(signedUp().credentialId)) throw new CheckFailure('sign-in options: allowCredentials lacks the account\'s passkey');
        const assertion = authenticator.get(options, { origin });
        await expectSignedInAs(await call(browser, 'verifyLogin', assertion), 'sign-in verify');
      },
    },
    {
      name: 'account (GET /account)',
      run: async () => {
        const body = expectJson<{ user?: { id?: unknown }; passkeys?: unknown; sessions?: unknown }>(await call(browser, 'account'), 200, 'GET /account');
        if (body.user?.id !== signedUp().userId) throw new CheckFailure('GET /account: another user');
        if (!Array.isArray(body.passkeys) || body.passkeys.length !== 1) throw new CheckFailure('GET /account: expected one passkey');
        if (!Array.isArray(body.sessions)) throw new CheckFailure('GET /account: no sessions list');
      },
    },
    {
      name: 'rename account (PATCH /account)',
      run: async () => {
        signedUp();
        const body = expectJson<{ user?: { displayName?: unknown } }>(await call(browser, 'updateAccount', { displayName: 'Renamed Check' }), 200, 'PATCH /account');
        if (body.user?.displayName !== 'Renamed Check') throw new CheckFailure('PATCH /account: displayName not changed');
      },
    },
    {
      name: 'add a passkey (POST /passkeys/options, POST /passkeys)',
      run: async () => {
        signedUp();
        const options = expectJson<PublicKeyCredentialCreationOptionsJSON>(await call(browser, 'addPasskeyOptions', {}), 200, 'POST /passkeys/options');
        const excluded = options.excludeCredentials?.map((descriptor) => descriptor.id) ?? [];
        if (!excluded.includes(signedUp().credentialId)) throw new CheckFailure('POST /passkeys/options: excludeCredentials lacks the existing passkey');
        const credential = new SoftwareAuthenticator().create(options, { origin });
        const body = expectJson<{ passkey?: { id?: unknown } }>(await call(browser, 'addPasskey', credential), 201, 'POST /passkeys');
        if (typeof body.passkey?.id !== 'string') throw new CheckFailure('POST /passkeys: the answer has no passkey.id');
        addedPasskeyId = body.passkey.id;
      },
    },
    {
      name: 'rename a passkey (PATCH /passkeys/{id})',
      run: async () => {
        const id = requireAdded(addedPasskeyId);
        const body = expectJson<{ passkey?: { name?: unknown } }>(await call(browser, 'renamePasskey', { name: 'Second key' }, id), 200, 'PATCH /passkeys/{id}');
        if (body.passkey?.name !== 'Second key') throw new CheckFailure('PATCH /passkeys/{id}: name not changed');
      },
    },
    {
      name: 'remove a passkey (DELETE /passkeys/{id})',
      run: async () => {
        expectStatus(await call(browser, 'removePasskey', undefined, requireAdded(addedPasskeyId)), 204, 'DELETE /passkeys/{id}');
        const body = expectJson<{ passkeys?: unknown[] }>(await call(browser, 'account'), 200, 'GET /account');
        if (body.passkeys?.length !== 1) throw new CheckFailure('GET /account after removal: expected one passkey');
      },
    },
    {
      name: 'last passkey is kept (DELETE /passkeys/{id})',
      run: async () => {
        const body = expectJson<{ passkeys?: { id?: string }[] }>(await call(browser, 'account'), 200, 'GET /account');
        const only = body.passkeys?.[0]?.id;
        if (only === undefined) throw new CheckFailure('GET /account: no passkey');
        return expectProblem(await call(browser, 'removePasskey', undefined, only), 409, 'last-passkey');
      },
    },
    {
      name: 're-authentication (POST /reauthenticate/options, /verify)',
      run: async () => {
        signedUp();
        const options = expectJson<PublicKeyCredentialRequestOptionsJSON>(await call(browser, 'reauthenticationOptions', {}), 200, 'POST /reauthenticate/options');
        const assertion = authenticator.get(options, { origin });
        const body = expectJson<{ verifiedAt?: unknown }>(await call(browser, 'reauthenticate', assertion), 200, 'POST /reauthenticate/verify');
        if (typeof body.verifiedAt !== 'string') throw new CheckFailure('POST /reauthenticate/verify: no verifiedAt');
      },
    },
    {
      name: 'revoke a session (DELETE /sessions/{id})',
      run: async () => {
        const other = await otherBrowser();
        const body = expectJson<{ sessions?: { id: string; current: boolean }[] }>(await call(browser, 'account'), 200, 'GET /account');
        const target = body.sessions?.find((session) => !session.current);
        if (target === undefined) throw new CheckFailure('GET /account: the second browser\'s session is not listed');
        expectStatus(await call(browser, 'revokeSession', undefined, target.id), 204, 'DELETE /sessions/{id}');
        const after = expectJson<{ user?: unknown }>(await call(other, 'currentUser'), 200, 'GET /session in the revoked browser');
        if (after.user !== null) throw new CheckFailure('the revoked session still answers with its user');
      },
    },
    {
      name: 'revoke other sessions (DELETE /sessions/others)',
      run: async () => {
        const other = await otherBrowser();
        const body = expectJson<{ revoked?: unknown }>(await call(browser, 'revokeOtherSessions'), 200, 'DELETE /sessions/others');
        if (typeof body.revoked !== 'number' || body.revoked < 1) throw new CheckFailure(`DELETE /sessions/others: expected revoked >= 1, got ${excerpt(JSON.stringify(body))}`);
        const after = expectJson<{ user?: unknown }>(await call(other, 'currentUser'), 200, 'GET /session in the revoked browser');
        if (after.user !== null) throw new CheckFailure('a revoked session still answers with its user');
      },
    },
    {
      name: 'recovery codes (POST /account/recovery-codes)',
      run: async () => {
        signedUp();
        const body = expectJson<{ codes?: unknown }>(await call(browser, 'createRecoveryCodes', {}), 201, 'POST /account/recovery-codes');
        if (!Array.isArray(body.codes) || body.codes.length === 0) throw new CheckFailure('POST /account/recovery-codes: no codes');
      },
    },
    {
      name: 'two-factor choice (POST /account/two-factor)',
      run: async () => {
        signedUp();
        expectJson(await call(browser, 'setTwoFactor', { optOut: false }), 200, 'POST /account/two-factor');
      },
    },
    {
      name: 'security activity (GET /account/activity)',
      run: async () => {
        signedUp();
        const body = expectJson<{ events?: unknown }>(await call(browser, 'securityActivity'), 200, 'GET /account/activity');
        if (!Array.isArray(body.events) || body.events.length === 0) throw new CheckFailure('GET /account/activity: no events');
      },
    },
    {
      name: 'bad input: replayed assertion',
      run: async () => {
        const options = await requestOptions(browser);
        const assertion = authenticator.get(options, { origin, credentialId: signedUp().credentialId });
        await expectSignedInAs(await call(browser, 'verifyLogin', assertion), 'first sign-in verify');
        return expectProblem(await call(browser, 'verifyLogin', assertion), 400, 'challenge-invalid');
      },
    },
    {
      name: 'bad input: wrong origin',
      run: async () => {
        const options = await requestOptions(browser);
        const assertion = authenticator.get(options, { origin: 'https://attacker.invalid', credentialId: signedUp().credentialId });
        return expectProblem(await call(browser, 'verifyLogin', assertion), 400, 'origin-mismatch');
      },
    },
    {
      name: 'bad input: wrong purpose (sign-up challenge used to sign in)',
      run: async () => {
        const registration = expectJson<PublicKeyCredentialCreationOptionsJSON>(
          await call(new KitClient(baseUrl, origin), 'registrationOptions', { identifier: `conformance-${randomBytes(4).toString('hex')}` }),
          200,
          'sign-up options',
        );
        const requestLike: PublicKeyCredentialRequestOptionsJSON = { challenge: registration.challenge, ...(registration.rp.id === undefined ? {} : { rpId: registration.rp.id }) };
        const assertion = authenticator.get(requestLike, { origin, credentialId: signedUp().credentialId });
        return expectProblem(await call(browser, 'verifyLogin', assertion), 400, 'challenge-invalid');
      },
    },
    {
      name: 'bad input: unknown credential',
      run: async () => {
        const options = await requestOptions(browser);
        const stranger = new SoftwareAuthenticator();
        // A passkey made for this RP that the server never registered.
        const rpId = options.rpId ?? new URL(origin).hostname;
        stranger.create(
          { challenge: randomBytes(32).toString('base64url'), rp: { id: rpId, name: rpId }, user: { id: randomBytes(16).toString('base64url'), name: 'stranger', displayName: 'Stranger' }, pubKeyCredParams: [{ type: 'public-key', alg: -7 }] },
          { origin },
        );
        const assertion: AuthenticationResponseJSON = stranger.get(options, { origin });
        const answer = await call(browser, 'verifyLogin', assertion);
        // An enumeration-safe server answers an unknown passkey like one whose signature fails.
        if (problemCode(answer) === 'verification-failed') return expectProblem(answer, 400, 'verification-failed');
        return expectProblem(answer, 404, 'unknown-credential');
      },
    },
    {
      name: 'bad input: body that is not JSON',
      run: async () => expectProblem(await browser.send('POST', operations.loginOptions.path, { rawBody: '{"identifier":' }), 400, 'invalid-json'),
    },
    {
      name: 'bad input: credential without its fields',
      run: async () => expectProblem(await call(browser, 'verifyLogin', { id: 'AAAA' }), 400, 'invalid-request'),
    },
    {
      name: 'bad input: sign-up without identifier',
      run: async () => expectProblem(await call(new KitClient(baseUrl, origin), 'registrationOptions', { displayName: 'No Identifier' }), 400, 'invalid-request'),
    },
    {
      name: 'bad input: invalid identifier',
      run: async () => expectProblem(await call(new KitClient(baseUrl, origin), 'registrationOptions', { identifier: 'x' }), 400, 'invalid-identifier'),
    },
    {
      name: 'bad input: account without a session',
      run: async () => expectProblem(await call(new KitClient(baseUrl, origin), 'account'), 401, 'not-signed-in'),
    },
    {
      name: 'delete the account (DELETE /account)',
      run: async () => {
        signedUp();
        expectStatus(await call(browser, 'deleteAccount'), 204, 'DELETE /account');
        const answer = await call(browser, 'currentUser');
        if (expectJson<{ user?: unknown }>(answer, 200, 'GET /session after deletion').user !== null) throw new CheckFailure('GET /session after deletion: still signed in');
        const options = await requestOptions(browser);
        const assertion = authenticator.get(options, { origin, credentialId: signedUp().credentialId });
        const refused = await call(browser, 'verifyLogin', assertion);
        if (problemCode(refused) === 'verification-failed') return expectProblem(refused, 400, 'verification-failed');
        return expectProblem(refused, 404, 'unknown-credential');
      },
    },
  ];
}

/** The code checks, on an account of their own signed up with a confirmed address. */
function codeChecks({ baseUrl, origin }: ConformanceOptions, mailbox: NonNullable<ConformanceOptions['mailbox']>): Check[] {
  const browser = new KitClient(baseUrl, origin);
  const address = (label: string) => `conformance-${label}-${randomBytes(4).toString('hex')}@${mailbox.domain}`;
  const email = address('code');
  let userId: string | undefined;
  const needsAccount = (): string => {
    if (userId === undefined) throw new CheckFailure('needs the account of "sign-up with an email code", which failed');
    return userId;
  };
  const send = (client: KitClient, name: OperationName, body?: unknown) => client.send(operations[name].method, operations[name].path, body === undefined ? {} : { json: body });
  const readCode = async (to: string): Promise<string> => {
    const code = (await mailbox.readCode(to)).trim();
    if (!/^\d{6}$/.test(code)) throw new CheckFailure(`no 6-digit code read for ${to} (got "${excerpt(code)}")`);
    return code;
  };
  const expectAccepted = (answer: Answer, what: string) => {
    expectJson(answer, 202, what);
  };

  return [
    {
      name: 'sign-up with an email code',
      run: async () => {
        expectAccepted(await send(browser, 'requestSignUpCode', { email, displayName: 'Code Check', language: 'en' }), 'POST /register/code');
        const body = expectJson<{ user?: { id?: unknown; emailVerified?: unknown } }>(
          await send(browser, 'signUpWithCode', { email, code: await readCode(email), displayName: 'Code Check' }),
          200,
          'POST /register/code/verify',
        );
        if (typeof body.user?.id !== 'string') throw new CheckFailure('POST /register/code/verify: the answer has no user.id');
        userId = body.user.id;
        const options = expectJson<PublicKeyCredentialCreationOptionsJSON>(await send(browser, 'addPasskeyOptions', {}), 200, 'POST /passkeys/options after a code sign-up');
        expectJson(await send(browser, 'addPasskey', new SoftwareAuthenticator().create(options, { origin })), 201, 'POST /passkeys after a code sign-up');
      },
    },
    {
      name: 'sign-in with an email code',
      run: async () => {
        needsAccount();
        const other = new KitClient(baseUrl, origin);
        expectAccepted(await send(other, 'requestSignInCode', { email, language: 'en' }), 'POST /login/code');
        const body = expectJson<{ user?: { id?: unknown } }>(await send(other, 'signInWithCode', { email, code: await readCode(email) }), 200, 'POST /login/code/verify');
        if (body.user?.id !== needsAccount()) throw new CheckFailure('POST /login/code/verify: another user');
      },
    },
    {
      name: 're-authentication with an email code',
      run: async () => {
        needsAccount();
        expectAccepted(await send(browser, 'requestReauthenticationCode', { language: 'en' }), 'POST /reauthenticate/code');
        const body = expectJson<{ verifiedAt?: unknown }>(await send(browser, 'reauthenticateWithCode', { code: await readCode(email) }), 200, 'POST /reauthenticate/code/verify');
        if (typeof body.verifiedAt !== 'string') throw new CheckFailure('POST /reauthenticate/code/verify: no verifiedAt');
      },
    },
    {
      name: 'email address confirmation',
      run: async () => {
        needsAccount();
        const changed = address('changed');
        expectAccepted(await send(browser, 'requestEmailCode', { email: changed, language: 'en' }), 'POST /account/email/code');
        const body = expectJson<{ user?: { email?: unknown; emailVerified?: unknown } }>(
          await send(browser, 'confirmEmail', { email: changed, code: await readCode(changed) }),
          200,
          'POST /account/email/verify',
        );
        if (body.user?.email !== changed || body.user.emailVerified !== true) throw new CheckFailure('POST /account/email/verify: the new address is not the verified email');
        expectStatus(await send(browser, 'deleteAccount'), 204, 'DELETE /account of the code account');
      },
    },
  ];
}

function requireAdded(id: string | undefined): string {
  if (id === undefined) throw new CheckFailure('needs the passkey of "add a passkey", which failed');
  return id;
}

function expectStatus(answer: Answer, status: number, what: string): void {
  if (answer.status !== status) throw new CheckFailure(`${what}: expected ${status}, got ${describe(answer)}`);
}

function expectJson<T>(answer: Answer, status: number, what: string): T {
  expectStatus(answer, status, what);
  if (!/^application\/json/i.test(answer.contentType)) throw new CheckFailure(`${what}: expected application/json, got ${answer.contentType || 'no content type'}`);
  if (answer.json === null || typeof answer.json !== 'object') throw new CheckFailure(`${what}: the body is not a JSON object`);
  return answer.json as T;
}

/** An RFC 9457 problem with the documented status and code. */
function expectProblem(answer: Answer, status: number, code: string): string {
  const what = `expected ${status} ${code}`;
  if (answer.status !== status || problemCode(answer) !== code) throw new CheckFailure(`${what}, got ${describe(answer)}`);
  if (!answer.contentType.toLowerCase().startsWith(problemContentType)) throw new CheckFailure(`${what}: content type is ${answer.contentType || 'missing'}, not ${problemContentType}`);
  return `${status} ${code}`;
}

function problemCode(answer: Answer): unknown {
  return answer.json !== null && typeof answer.json === 'object' ? (answer.json as { code?: unknown }).code : undefined;
}

function describe(answer: Answer): string {
  return `${answer.status} (${answer.contentType || 'no content type'}) ${excerpt(answer.text)}`.trim();
}

function excerpt(text: string): string {
  const flat = text.replace(/\s+/g, ' ');
  return flat.length > 120 ? `${flat.slice(0, 117)}...` : flat;
}
