/**
 * The ES256 sign-in check (src/webauthn/es256-assertion.ts) against @simplewebauthn/server's
 * `verifyAuthenticationResponse`: for a genuine assertion and for each way of breaking one, both
 * accept or both refuse. Plus the key cache and the hand-over of other keys to the library.
 */
import assert from 'node:assert/strict';
import { createHash, sign } from 'node:crypto';
import { describe, it } from 'node:test';
import type { AuthenticationResponseJSON } from '@simplewebauthn/server';
import { generateAuthenticationOptions, generateRegistrationOptions, verifyAuthenticationResponse, verifyRegistrationResponse } from '@simplewebauthn/server';
import { isoCBOR } from '@simplewebauthn/server/helpers';
import { resolveConfig } from '../src/config.ts';
import { checkEs256Assertion, es256KeyOf } from '../src/webauthn/es256-assertion.ts';
import { simpleWebAuthnEngine } from '../src/webauthn/simplewebauthn.ts';
import { SoftwareAuthenticator, type StoredCredential } from './helpers/authenticator.ts';
import { origin } from './helpers/harness.ts';

const rpId = 'localhost';
const portal = 'https://portal.example.org';

async function registered(authenticator = new SoftwareAuthenticator()) {
  const options = await generateRegistrationOptions({ rpName: 'test', rpID: rpId, userName: 'ada', attestationType: 'none' });
  const result = await verifyRegistrationResponse({
    response: authenticator.create(options, { origin }),
    expectedChallenge: options.challenge,
    expectedOrigin: origin,
    expectedRPID: rpId,
  });
  assert.ok(result.verified);
  const stored = authenticator.credentials[0] as StoredCredential;
  return { authenticator, stored, credential: { id: result.registrationInfo.credential.id, publicKey: result.registrationInfo.credential.publicKey, counter: 0 } };
}

/** Signs `authenticatorData` and the client data afresh, as an authenticator that meant them would. */
function resigned(response: AuthenticationResponseJSON, stored: StoredCredential, authenticatorData: Buffer, clientDataJSON?: object): AuthenticationResponseJSON {
  const clientData = clientDataJSON === undefined ? Buffer.from(response.response.clientDataJSON, 'base64url') : Buffer.from(JSON.stringify(clientDataJSON));
  const signature = sign('sha256', Buffer.concat([authenticatorData, createHash('sha256').update(clientData).digest()]), stored.privateKey);
  return {
    ...response,
    response: { ...response.response, clientDataJSON: clientData.toString('base64url'), authenticatorData: authenticatorData.toString('base64url'), signature: signature.toString('base64url') },
  };
}

function withFlags(response: AuthenticationResponseJSON, stored: StoredCredential, flags: number): AuthenticationResponseJSON {
  const data = Buffer.from(response.response.authenticatorData, 'base64url');
  data[32] = flags;
  return resigned(response, stored, data);
}

async function outcomes(response: AuthenticationResponseJSON, challenge: string, credential: { id: string; publicKey: Uint8Array<ArrayBuffer>; counter: number }, topOrigins: string[] = []) {
  const key = es256KeyOf(credential.publicKey);
  assert.ok(key !== undefined, 'an ES256 key');
  let ours: boolean;
  try {
    checkEs256Assertion(response, { challenge, origins: [origin], topOrigins, rpId }, credential, key);
    ours = true;
  } catch {
    ours = false;
  }
  let library: boolean;
  try {
    library = (
      await verifyAuthenticationResponse({
        response,
        expectedChallenge: challenge,
        expectedOrigin: [origin],
        expectedRPID: rpId,
        requireUserVerification: true,
        ...(topOrigins.length === 0 ? {} : { expectedTopOrigin: topOrigins }),
        credential,
      })
    ).verified;
  } catch {
    library = false;
  }
  return { ours, library };
}

describe('ES256 sign-in check, side by side with @simplewebauthn/server', () => {
  type Case = { name: string; accepted: boolean; topOrigins?: string[]; counter?: number; make: (context: Awaited<ReturnType<typeof registered>>, challenge: string) => AuthenticationResponseJSON };
  const get = (authenticator: SoftwareAuthenticator, challenge: string, overrides: Parameters<SoftwareAuthenticator['get']>[1] = { origin }) =>
    authenticator.get({ challenge, rpId }, overrides);
  const cases: Case[] = [
    { name: 'a genuine assertion', accepted: true, make: ({ authenticator }, challenge) => get(authenticator, challenge) },
    { name: 'another origin', accepted: false, make: ({ authenticator }, challenge) => get(authenticator, challenge, { origin: 'https://evil.example' }) },
    { name: 'another RP ID', accepted: false, make: ({ authenticator }, challenge) => get(authenticator, challenge, { origin, rpId: 'evil.example' }) },
    { name: 'no user verification', accepted: false, make: ({ authenticator }, challenge) => get(authenticator, challenge, { origin, userVerified: false }) },
    { name: 'a registration\'s client data', accepted: false, make: ({ authenticator }, challenge) => get(authenticator, challenge, { origin, clientData: { type: 'webauthn.create' } }) },
    { name: 'another challenge', accepted: false, make: ({ authenticator }) => get(authenticator, 'c29tZS1vdGhlci1jaGFsbGVuZ2U') },
    { name: 'an allowed top origin', accepted: true, topOrigins: [portal], make: ({ authenticator }, challenge) => get(authenticator, challenge, { origin, clientData: { crossOrigin: true, topOrigin: portal } }) },
    { name: 'a top origin not allowed', accepted: false, topOrigins: [portal], make: ({ authenticator }, challenge) => get(authenticator, challenge, { origin, clientData: { crossOrigin: true, topOrigin: 'https://evil.example' } }) },
    { name: 'a top origin when none is allowed', accepted: false, make: ({ authenticator }, challenge) => get(authenticator, challenge, { origin, clientData: { crossOrigin: true, topOrigin: portal } }) },
    { name: 'a top origin without crossOrigin', accepted: false, topOrigins: [portal], make: ({ authenticator }, challenge) => get(authenticator, challenge, { origin, clientData: { topOrigin: portal } }) },
    { name: 'crossOrigin without a top origin', accepted: true, make: ({ authenticator }, challenge) => get(authenticator, challenge, { origin, clientData: { crossOrigin: true } }) },
    { name: 'a malformed token binding', accepted: false, make: ({ authenticator }, challenge) => get(authenticator, challenge, { origin, clientData: { tokenBinding: { status: 'bogus' } } }) },
    { name: 'a token binding that is supported', accepted: true, make: ({ authenticator }, challenge) => get(authenticator, challenge, { origin, clientData: { tokenBinding: { status: 'supported' } } }) },
    { name: 'a counter that did not increase', accepted: false, counter: 5, make: ({ authenticator }, challenge) => get(authenticator, challenge) },
    {
      name: 'a flipped signature bit',
      accepted: false,
      make: ({ authenticator }, challenge) => {
        const response = get(authenticator, challenge);
        const signature = Buffer.from(response.response.signature, 'base64url');
        signature[signature.length - 1]! ^= 1;
        return { ...response, response: { ...response.response, signature: signature.toString('base64url') } };
      },
    },
    {
      name: 'authenticator data changed after signing',
      accepted: false,
      make: ({ authenticator }, challenge) => {
        const response = get(authenticator, challenge);
        const data = Buffer.from(response.response.authenticatorData, 'base64url');
        data[36]! ^= 1;
        return { ...response, response: { ...response.response, authenticatorData: data.toString('base64url') } };
      },
    },
    { name: 'no user presence', accepted: false, make: ({ authenticator, stored }, challenge) => withFlags(get(authenticator, challenge), stored, 0x04 | 0x08 | 0x10) },
    { name: 'backed up but not backup eligible', accepted: false, make: ({ authenticator, stored }, challenge) => withFlags(get(authenticator, challenge), stored, 0x01 | 0x04 | 0x10) },
    { name: 'extension data announced but absent', accepted: false, make: ({ authenticator, stored }, challenge) => withFlags(get(authenticator, challenge), stored, 0x01 | 0x04 | 0x80) },
    { name: 'an id other than the raw id', accepted: false, make: ({ authenticator }, challenge) => ({ ...get(authenticator, challenge), rawId: 'b3RoZXI' }) },
    { name: 'another credential type', accepted: false, make: ({ authenticator }, challenge) => ({ ...get(authenticator, challenge), type: 'password' as 'public-key' }) },
    {
      name: 'a signature that is not base64url',
      accepted: false,
      make: ({ authenticator }, challenge) => {
        const response = get(authenticator, challenge);
        return { ...response, response: { ...response.response, signature: `${response.response.signature}+/` } };
      },
    },
  ];

  for (const testCase of cases) {
    it(`${testCase.accepted ? 'accepts' : 'refuses'} ${testCase.name}, as the library does`, async () => {
      const context = await registered();
      const options = await generateAuthenticationOptions({ rpID: rpId, userVerification: 'required' });
      const response = testCase.make(context, options.challenge);
      const credential = { ...context.credential, counter: testCase.counter ?? 0 };
      assert.deepEqual(await outcomes(response, options.challenge, credential, testCase.topOrigins), { ours: testCase.accepted, library: testCase.accepted });
    });
  }

  it('accepts a passkey that never counts (both counters 0), as the library does', async () => {
    const context = await registered(new SoftwareAuthenticator({ countsSignatures: false }));
    const options = await generateAuthenticationOptions({ rpID: rpId, userVerification: 'required' });
    assert.deepEqual(await outcomes(context.authenticator.get(options, { origin }), options.challenge, context.credential), { ours: true, library: true });
  });

  it('returns the new counter and the backup state', async () => {
    const { authenticator, credential } = await registered(new SoftwareAuthenticator({ backedUp: false }));
    const options = await generateAuthenticationOptions({ rpID: rpId, userVerification: 'required' });
    const key = es256KeyOf(credential.publicKey);
    assert.ok(key !== undefined);
    const checked = checkEs256Assertion(authenticator.get(options, { origin }), { challenge: options.challenge, origins: [origin], topOrigins: [], rpId }, credential, key);
    assert.deepEqual(checked, { newCounter: 1, backedUp: false });
  });

  it('imports a key once and hands keys of other kinds to the library', async () => {
    const { credential } = await registered();
    assert.equal(es256KeyOf(credential.publicKey), es256KeyOf(new Uint8Array(credential.publicKey)));
    const ed25519 = isoCBOR.encode(new Map<number, number | Uint8Array>([[1, 1], [3, -8], [-1, 6], [-2, new Uint8Array(32)]]));
    assert.equal(es256KeyOf(new Uint8Array(ed25519)), undefined);
    assert.equal(es256KeyOf(new Uint8Array([1, 2, 3])), undefined);
  });

  it('lets the engine verify sign-ins with either path', async () => {
    const engine = simpleWebAuthnEngine(resolveConfig({ rpId, origins: [origin] }));
    const { authenticator, credential } = await registered();
    const options = await generateAuthenticationOptions({ rpID: rpId, userVerification: 'required' });
    assert.deepEqual(await engine.verifyAuthentication(authenticator.get(options, { origin }), options.challenge, credential), { newCounter: 1, backedUp: true });
    const replayed = authenticator.get(options, { origin: 'https://evil.example' });
    await assert.rejects(engine.verifyAuthentication(replayed, options.challenge, credential), { code: 'verification-failed' });
  });
});
