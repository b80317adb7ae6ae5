// The REST client against a real HTTP server that answers the way servers we did not write do.
import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, beforeEach, describe, it } from 'node:test';
import { PasskeyError } from '../../src/core/errors.ts';
import { bytesAsBase64url, createLoginMethods, createRestBackend, createRestCall, type WireFormat } from '../../src/core/rest-backend.ts';
import { hasLoginCodes, type AuthenticationResponseJSON, type RegistrationResponseJSON } from '../../src/core/backend.ts';

interface Answer {
  status?: number;
  type?: string;
  body?: string;
  location?: string;
}

interface Received {
  method: string;
  url: string;
  contentType?: string;
  body: string;
}

/** Answers each path as `answers` says, and keeps every request it received. */
let answers: Record<string, Answer> = {};
const received: Received[] = [];
let server: Server;
let baseUrl: string;

const json = (value: unknown, status = 200): Answer => ({ status, type: 'application/json', body: JSON.stringify(value) });

before(async () => {
  server = createServer(async (request: IncomingMessage, response) => {
    let body = '';
    for await (const chunk of request) body += chunk;
    received.push({ method: request.method ?? '', url: request.url ?? '', body, ...(request.headers['content-type'] ? { contentType: request.headers['content-type'] } : {}) });
    const answer = answers[(request.url ?? '').split('?')[0] ?? ''] ?? { status: 404, type: 'text/html', body: '<h1>Not found</h1>' };
    response.writeHead(answer.status ?? 200, { ...(answer.type ? { 'content-type': answer.type } : {}), ...(answer.location ? { location: answer.location } : {}) }).end(answer.body ?? '');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
after(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});
beforeEach(() => {
  answers = {};
  received.splice(0);
});

const base64url = (text: string) => Buffer.from(text).toString('base64url');
const clientData = (challenge: string, type: string) => base64url(JSON.stringify({ type, challenge, origin: 'http://localhost' }));

function assertion(challenge: string, id = 'credential-1', userHandle?: string): AuthenticationResponseJSON {
  return {
    id, rawId: id, type: 'public-key', clientExtensionResults: {},
    response: { clientDataJSON: clientData(challenge, 'webauthn.get'), authenticatorData: 'AA', signature: 'AA', ...(userHandle ? { userHandle } : {}) },
  };
}

function attestation(challenge: string): RegistrationResponseJSON {
  return {
    id: 'credential-1', rawId: 'credential-1', type: 'public-key', clientExtensionResults: {},
    response: { clientDataJSON: clientData(challenge, 'webauthn.create'), attestationObject: 'AA' },
  };
}

const rejectsWith = (code: string) => (error: unknown) => {
  assert.ok(error instanceof PasskeyError, `a PasskeyError, not ${String(error)}`);
  assert.equal(error.code, code);
  return true;
};

const foreign = () => ({
  baseUrl,
  endpoints: {
    registrationOptions: { path: '/register/begin' },
    verifyRegistration: { path: '/register/finish' },
    loginOptions: { path: '/login/begin' },
    verifyLogin: { path: '/login/finish' },
  },
});

describe('REST client: what counts as a successful verify answer', () => {
  it('a 200 { ok: false } is verification-failed, never a sign-in', async () => {
    answers['/login/finish'] = json({ ok: false, location: '/login' });
    await assert.rejects(createRestBackend(foreign()).verifyLogin(assertion('c1', 'credential-1', 'aGFuZGxl')), rejectsWith('verification-failed'));
  });

  it('a 200 { verified: false } and a status other than ok are verification-failed, even beside a user', async () => {
    const backend = createRestBackend(foreign());
    answers['/login/finish'] = json({ verified: false, user: { id: 'u1', identifier: 'ann@example.com' } });
    await assert.rejects(backend.verifyLogin(assertion('c1')), rejectsWith('verification-failed'));
    answers['/login/finish'] = json({ status: 'failed' });
    await assert.rejects(backend.verifyLogin(assertion('c1')), rejectsWith('verification-failed'));
  });

  it('a 200 that says nothing ({}, or no body) is bad-response, not success', async () => {
    const backend = createRestBackend(foreign());
    answers['/login/finish'] = json({});
    await assert.rejects(backend.verifyLogin(assertion('c1', 'credential-1', 'aGFuZGxl')), rejectsWith('bad-response'));
    answers['/login/finish'] = { status: 200 };
    await assert.rejects(backend.verifyLogin(assertion('c1', 'credential-1', 'aGFuZGxl')), rejectsWith('bad-response'));
  });

  it('{ verified: true }, { ok: true } and { status: "OK" } are success', async () => {
    const backend = createRestBackend(foreign());
    for (const body of [{ verified: true }, { ok: true, location: '/' }, { status: 'OK' }]) {
      answers['/login/finish'] = json(body);
      const user = await backend.verifyLogin(assertion('c1', 'credential-1', 'aGFuZGxl'));
      assert.equal(user.id, 'aGFuZGxl', JSON.stringify(body));
    }
  });
});

describe('REST client: who signed in, when the answer names nobody', () => {
  it('sign-up: the user of the creation options, not the identifier typed', async () => {
    const backend = createRestBackend(foreign());
    answers['/register/begin'] = json({ challenge: 'reg-1', rp: { name: 'Shop' }, user: { id: 'dXNlcg', name: 'server-name', displayName: 'Server Name' }, pubKeyCredParams: [{ type: 'public-key', alg: -7 }] });
    answers['/register/finish'] = json({ verified: true });
    await backend.registrationOptions({ identifier: 'typed@example.com' });
    const user = await backend.verifyRegistration(attestation('reg-1'));
    assert.deepEqual(user, { id: 'dXNlcg', identifier: 'server-name', displayName: 'Server Name', identifiedBy: 'registration-options' });
  });

  it('identifier-first: the identifier only when its options allowed the passkey used', async () => {
    const backend = createRestBackend(foreign());
    answers['/login/begin'] = json({ challenge: 'log-1', allowCredentials: [{ type: 'public-key', id: 'credential-1' }] });
    answers['/login/finish'] = json({ verified: true });
    await backend.loginOptions({ identifier: 'ann@example.com' });
    assert.deepEqual(await backend.verifyLogin(assertion('log-1', 'credential-1', 'aGFuZGxl')), {
      id: 'aGFuZGxl', identifier: 'ann@example.com', displayName: 'ann@example.com', identifiedBy: 'login-options',
    });
  });

  it('an unregistered address with options that allow any passkey: the user handle, not "Welcome, nobody@..."', async () => {
    const backend = createRestBackend(foreign());
    answers['/login/begin'] = json({ challenge: 'log-2' });
    answers['/login/finish'] = json({ verified: true });
    await backend.loginOptions({ identifier: 'nobody@example.com' });
    assert.deepEqual(await backend.verifyLogin(assertion('log-2', 'credential-9', 'b3RoZXI')), { id: 'b3RoZXI', identifier: '', displayName: '', identifiedBy: 'user-handle' });
  });

  it('a user in the answer wins, read from the field the endpoint names', async () => {
    const backend = createRestBackend({ ...foreign(), endpoints: { ...foreign().endpoints, verifyLogin: { path: '/login/finish', user: { at: 'data.account', id: 'uid', identifier: 'login', displayName: 'fullName' } } } });
    answers['/login/finish'] = json({ data: { account: { uid: 42, login: 'ann', fullName: 'Ann A.' } } });
    assert.deepEqual(await backend.verifyLogin(assertion('log-3', 'credential-1', 'aGFuZGxl')), { id: '42', identifier: 'ann', displayName: 'Ann A.' });
  });
});

describe('REST client: sign-out and absent operations', () => {
  it('a 2xx that is not JSON (a redirect to an HTML page) ends the session', async () => {
    answers['/logout'] = { status: 302, location: '/' };
    answers['/'] = { status: 200, type: 'text/html', body: '<!doctype html><title>Home</title>' };
    const backend = createRestBackend({ baseUrl, endpoints: { signOut: { path: '/logout', method: 'POST' } } });
    await backend.signOut();
    assert.deepEqual(received.map(({ method, url }) => `${method} ${url}`), ['POST /logout', 'GET /']);
  });

  it('signOut: null and currentUser: null send nothing: signed out locally, no session to restore', async () => {
    const backend = createRestBackend({ ...foreign(), endpoints: { ...foreign().endpoints, signOut: null, currentUser: null } });
    await backend.signOut();
    assert.equal(await backend.currentUser(), null);
    assert.deepEqual(received, []);
  });
});

describe('REST client: email codes only where the server has them', () => {
  it('our protocol has them; a server configured by endpoints has them only when they are configured', () => {
    assert.equal(typeof createRestBackend(baseUrl).requestSignInCode, 'function');
    const foreignBackend = createRestBackend(foreign());
    assert.deepEqual(['requestSignInCode', 'signInWithCode', 'requestSignUpCode', 'signUpWithCode'].filter((name) => name in foreignBackend), []);
    assert.equal(hasLoginCodes(foreignBackend), false, 'so <passkey-login> offers no "Email me a code"');
    const codes = { requestSignInCode: { path: '/a' }, signInWithCode: { path: '/b' }, requestSignUpCode: { path: '/c' }, signUpWithCode: { path: '/d' } };
    assert.equal(hasLoginCodes(createRestBackend({ ...foreign(), endpoints: { ...foreign().endpoints, ...codes } })), true);
  });
});

describe('REST client: request and answer shaping', () => {
  it('renames fields and sends them as query or body, as each endpoint says', async () => {
    answers['/options'] = json({ challenge: 'c', rp: { name: 'x' }, user: { id: 'u', name: 'n', displayName: 'd' }, pubKeyCredParams: [] });
    answers['/login'] = json({ challenge: 'c' });
    const backend = createRestBackend({
      baseUrl,
      endpoints: {
        registrationOptions: { path: '/options', method: 'POST', send: 'query', fields: { identifier: 'username', displayName: 'name' } },
        loginOptions: { path: '/login', method: 'POST', fields: { identifier: 'username' } },
      },
    });
    await backend.registrationOptions({ identifier: 'ann', displayName: 'Ann' });
    await backend.loginOptions({ identifier: 'ann' });
    assert.deepEqual(received.map(({ method, url, body, contentType }) => ({ method, url, body, contentType })), [
      { method: 'POST', url: '/options?username=ann&name=Ann', body: '', contentType: undefined },
      { method: 'POST', url: '/login', body: '{"username":"ann"}', contentType: 'application/json' },
    ]);
  });

  it('completes options that lack rp, pubKeyCredParams or the display name from configuration; the server still wins', async () => {
    answers['/register/begin'] = json({ challenge: 'c', user: { id: 'dQ', name: 'ann' }, rp: { name: 'Server RP' } });
    const backend = createRestBackend({
      ...foreign(),
      optionsDefaults: { creation: { rp: { name: 'Configured' }, pubKeyCredParams: [{ type: 'public-key', alg: -7 }], authenticatorSelection: { residentKey: 'required' } } },
    });
    const options = await backend.registrationOptions({ identifier: 'ann' });
    assert.deepEqual(options.rp, { name: 'Server RP' });
    assert.deepEqual(options.pubKeyCredParams, [{ type: 'public-key', alg: -7 }]);
    assert.deepEqual(options.user, { id: 'dQ', name: 'ann', displayName: 'ann' });
    assert.equal(options.authenticatorSelection?.residentKey, 'required');
  });

  it('creation options still missing pubKeyCredParams are bad-response', async () => {
    answers['/register/begin'] = json({ challenge: 'c', user: { id: 'dQ', name: 'ann' }, rp: { name: 'x' } });
    await assert.rejects(createRestBackend(foreign()).registrationOptions({ identifier: 'ann' }), rejectsWith('bad-response'));
  });

  it('maps a status to our code per endpoint: 404 on login options is unknown-user', async () => {
    answers['/login/begin'] = { status: 404, type: 'text/html', body: '<h1>Not Found</h1>' };
    const endpoints = { ...foreign().endpoints, loginOptions: { path: '/login/begin', statusCodes: { 404: 'unknown-user' as const } } };
    await assert.rejects(createRestBackend({ ...foreign(), endpoints }).loginOptions({ identifier: 'nobody' }), rejectsWith('unknown-user'));
    // Without the map the same answer is only "unknown".
    await assert.rejects(createRestBackend(foreign()).loginOptions({ identifier: 'nobody' }), rejectsWith('unknown'));
  });
});

describe('REST client building blocks: a backend composed for another wire format', () => {
  // A stand-in binary format for the test: JSON with byte strings as arrays, behind a content type of its own.
  const binary: WireFormat = {
    contentType: 'application/x-test-binary',
    encode: (value) => JSON.stringify(value, (_key, entry: unknown) => (entry instanceof Uint8Array ? { bytes: [...entry] } : entry)),
    decode: (body) =>
      JSON.parse(new TextDecoder().decode(body), (_key, entry: unknown) =>
        entry !== null && typeof entry === 'object' && 'bytes' in entry ? Uint8Array.from((entry as { bytes: number[] }).bytes) : entry),
  };

  it('reads byte strings as base64url and keeps the identity and success rules', async () => {
    answers['/begin'] = { type: 'application/x-test-binary', body: JSON.stringify({ publicKey: { challenge: { bytes: [1, 2, 3] }, rpId: 'localhost' } }) };
    answers['/complete'] = { type: 'application/x-test-binary', body: JSON.stringify({ status: 'OK' }) };
    const config = { baseUrl, endpoints: { loginOptions: { path: '/begin' }, verifyLogin: { path: '/complete' } }, format: binary };
    const wire = createRestCall(config);
    const backend = createLoginMethods(async (operation, input, options) => bytesAsBase64url(await wire(operation, input, options)), config);
    const options = await backend.loginOptions({});
    assert.equal(options.challenge, 'AQID');
    const user = await backend.verifyLogin(assertion('AQID', 'credential-1', 'aGFuZGxl'));
    assert.equal(user.identifiedBy, 'user-handle');
    assert.equal(received[0]?.contentType, 'application/x-test-binary');
  });
});
