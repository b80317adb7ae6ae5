import { createHash, createPublicKey, timingSafeEqual, verify, type KeyObject } from 'node:crypto';
import type { AuthenticationResponseJSON } from '@simplewebauthn/server';
import { cose, decodeClientDataJSON, decodeCredentialPublicKey, parseAuthenticatorData } from '@simplewebauthn/server/helpers';

/**
 * The verification of a sign-in with an ES256 passkey (ECDSA on P-256, which nearly every passkey
 * uses), with the public key imported once per passkey and the hashes and the signature computed
 * synchronously by node:crypto. @simplewebauthn/server's `verifyAuthenticationResponse` imports
 * the COSE key through WebCrypto on every sign-in and awaits four WebCrypto jobs; this makes the
 * same checks in the same order (its parsers decode the client data, the authenticator data and
 * the key), and a passkey of any other kind is left to it (`undefined`).
 */

export interface ExpectedAssertion {
  challenge: string;
  origins: readonly string[];
  /** Empty: the sign-in must not come from an iframe of another origin. */
  topOrigins: readonly string[];
  rpId: string;
}

export interface StoredPasskeyKey {
  id: string;
  publicKey: Uint8Array<ArrayBuffer>;
  counter: number;
}

export interface CheckedAssertion {
  newCounter: number;
  backedUp: boolean;
}

/** Why an assertion failed; the engine answers every one alike (`verification-failed`). */
export class AssertionRefused extends Error {}

const maxCachedKeys = 10_000;
/** Imported keys by their COSE bytes: a passkey whose stored key changed cannot meet a stale entry. */
const importedKeys = new Map<string, KeyObject>();
const rpIdHashes = new Map<string, Buffer>();

const sha256 = (data: Uint8Array | string) => createHash('sha256').update(data).digest();

/** The passkey's key as a node:crypto key if it is ES256 on P-256; undefined for any other. */
export function es256KeyOf(publicKey: Uint8Array<ArrayBuffer>): KeyObject | undefined {
  const cacheKey = Buffer.from(publicKey).toString('base64url');
  const cached = importedKeys.get(cacheKey);
  if (cached !== undefined) return cached;
  let key: KeyObject;
  try {
    const decoded = decodeCredentialPublicKey(publicKey);
    if (!cose.isCOSEPublicKeyEC2(decoded)) return undefined;
    const isEs256 = decoded.get(cose.COSEKEYS.alg) === cose.COSEALG.ES256 && decoded.get(cose.COSEKEYS.crv) === cose.COSECRV.P256;
    const x = decoded.get(cose.COSEKEYS.x);
    const y = decoded.get(cose.COSEKEYS.y);
    if (!isEs256 || !(x instanceof Uint8Array) || !(y instanceof Uint8Array)) return undefined;
    const coordinate = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64url');
    key = createPublicKey({ key: { kty: 'EC', crv: 'P-256', x: coordinate(x), y: coordinate(y) }, format: 'jwk' });
  } catch {
    // Undecodable or not a point on the curve: the library decides, and refuses it.
    return undefined;
  }
  if (importedKeys.size >= maxCachedKeys) importedKeys.delete(importedKeys.keys().next().value as string);
  importedKeys.set(cacheKey, key);
  return key;
}

function rpIdHashOf(rpId: string): Buffer {
  let hash = rpIdHashes.get(rpId);
  if (hash === undefined) {
    hash = sha256(rpId);
    rpIdHashes.set(rpId, hash);
  }
  return hash;
}

const base64url = /^[A-Za-z0-9_-]*={0,2}$/;

/**
 * Checks `response` as `verifyAuthenticationResponse` does with user verification required:
 * credential id and type, client data (type, challenge, origins, top origin, token binding), RP ID
 * hash, presence and verification flags, the signature counter, backup flags, and the signature
 * over the authenticator data and the client data's hash. Throws `AssertionRefused`.
 */
export function checkEs256Assertion(
  response: AuthenticationResponseJSON,
  expected: ExpectedAssertion,
  credential: StoredPasskeyKey,
  key: KeyObject,
): CheckedAssertion {
  const refuse = (reason: string): never => {
    throw new AssertionRefused(reason);
  };
  const { id, rawId, type, response: assertion } = response;
  if (!id || id !== rawId) refuse('The credential id is missing or not base64url.');
  if (type !== 'public-key') refuse('The credential is not a public key.');
  if (typeof assertion?.clientDataJSON !== 'string') refuse('The client data is not a string.');

  const clientData = decodeClientDataJSON(assertion.clientDataJSON);
  if (clientData.type !== 'webauthn.get') refuse('The client data is not of a sign-in.');
  if (clientData.challenge !== expected.challenge) refuse('The challenge differs.');
  if (clientData.crossOrigin === true) {
    if (clientData.topOrigin !== undefined && !expected.topOrigins.includes(clientData.topOrigin)) refuse('The top origin is not allowed.');
  } else if (clientData.topOrigin) {
    refuse('A top origin without crossOrigin.');
  }
  if (!expected.origins.includes(clientData.origin)) refuse('The origin is not allowed.');
  if (!base64url.test(assertion.authenticatorData)) refuse('The authenticator data is not base64url.');
  if (!base64url.test(assertion.signature)) refuse('The signature is not base64url.');
  if (assertion.userHandle && typeof assertion.userHandle !== 'string') refuse('The user handle is not a string.');
  const { tokenBinding } = clientData;
  if (tokenBinding) {
    if (typeof tokenBinding !== 'object' || !['present', 'supported', 'notSupported'].includes(tokenBinding.status)) {
      refuse('The token binding is malformed.');
    }
  }

  const authenticatorData = Buffer.from(assertion.authenticatorData, 'base64url');
  const { rpIdHash, flags, counter } = parseAuthenticatorData(authenticatorData);
  const expectedRpIdHash = rpIdHashOf(expected.rpId);
  if (rpIdHash.length !== expectedRpIdHash.length || !timingSafeEqual(rpIdHash, expectedRpIdHash)) refuse('The RP ID differs.');
  if (!flags.up) refuse('The user was not present.');
  if (!flags.uv) refuse('The user was not verified.');
  if ((counter > 0 || credential.counter > 0) && counter <= credential.counter) refuse('The signature counter did not increase.');
  if (flags.bs && !flags.be) refuse('A passkey that cannot be backed up says it is.');

  const signedData = Buffer.concat([authenticatorData, sha256(Buffer.from(assertion.clientDataJSON, 'base64url'))]);
  // WebAuthn's ECDSA signatures are DER-encoded, node:crypto's default.
  if (!verify('sha256', signedData, key, Buffer.from(assertion.signature, 'base64url'))) refuse('The signature does not verify.');
  return { newCounter: counter, backedUp: flags.bs };
}
