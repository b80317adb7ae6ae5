// The configurations of docs/backends.md, exactly as the tests against those servers use them.
import { decode, encode } from 'cborg';
import {
  base64urlToBytes,
  bytesAsBase64url,
  createLoginMethods,
  createLoginRestBackend,
  createRestCall,
  type LoginBackend,
  type RestBackendConfig,
  type WireFormat,
} from '../../../src/backend.ts';

/** @simplewebauthn/server's common pattern: GET options, `{ verified }`, `400 { error }`, no session endpoints. */
export function simpleWebAuthnBackend(): LoginBackend {
  return createLoginRestBackend({
    baseUrl: '',
    endpoints: {
      registrationOptions: { path: '/generate-registration-options', method: 'GET', fields: { identifier: 'username' }, statusCodes: { 409: 'identifier-taken' } },
      verifyRegistration: { path: '/verify-registration', statusCodes: { 400: 'verification-failed' } },
      loginOptions: { path: '/generate-authentication-options', method: 'GET', fields: { identifier: 'username' }, statusCodes: { 404: 'unknown-user' } },
      verifyLogin: { path: '/verify-authentication', statusCodes: { 400: 'verification-failed' } },
      currentUser: null,
      signOut: null,
    },
  });
}

/** passport-fido2-webauthn as its "todos" example uses it: a challenge endpoint, one verify route, `{ ok }`. */
export function passportBackend(): LoginBackend {
  return createLoginRestBackend({
    baseUrl: '',
    endpoints: {
      registrationOptions: { path: '/signup/public-key/challenge', fields: { identifier: 'username', displayName: 'name' } },
      // Passport sets 403 before the example's error handler answers { ok: false }.
      verifyRegistration: { path: '/login/public-key', statusCodes: { 403: 'verification-failed' } },
      loginOptions: { path: '/login/public-key/challenge' },
      verifyLogin: { path: '/login/public-key', statusCodes: { 403: 'verification-failed' } },
      currentUser: null,
      signOut: { path: '/logout', method: 'POST' },
    },
    // The challenge answer is only `{ user, challenge }`: the example's page adds the rest, so does this.
    optionsDefaults: {
      creation: {
        rp: { name: 'Todos' },
        pubKeyCredParams: [{ type: 'public-key', alg: -7 }, { type: 'public-key', alg: -257 }],
        authenticatorSelection: { residentKey: 'required', userVerification: 'preferred' },
      },
    },
  });
}

/** CBOR both ways, byte strings as such: what python-fido2 0.9's `cbor.encode` / `cbor.decode` read and write. */
const cborFormat: WireFormat = {
  contentType: 'application/cbor',
  encode: (value) => encode(value) as Uint8Array<ArrayBuffer>,
  decode: (body) => decode(new Uint8Array(body)),
};

/**
 * python-fido2 0.9's example server: CBOR bodies with raw bytes, `{ status: "OK" }`. Configuration
 * cannot say that, so this backend is composed: the REST client's request and login methods,
 * with the responses turned into the example's CBOR maps and the answers' bytes into base64url.
 */
export function pythonFido2CborBackend(): LoginBackend {
  const config: RestBackendConfig = {
    baseUrl: '/api',
    endpoints: {
      registrationOptions: { path: '/register/begin', fields: { identifier: 'username' }, statusCodes: { 409: 'identifier-taken' } },
      verifyRegistration: { path: '/register/complete', statusCodes: { 400: 'verification-failed' } },
      loginOptions: { path: '/authenticate/begin', fields: { identifier: 'username' }, statusCodes: { 404: 'unknown-user' } },
      verifyLogin: { path: '/authenticate/complete', statusCodes: { 400: 'verification-failed', 404: 'unknown-credential' } },
      currentUser: null,
      signOut: null,
    },
    format: cborFormat,
  };
  const wire = createRestCall(config);
  return createLoginMethods(async (operation, input, options) => {
    const answer = await wire(operation, input && toCborRequest(operation, input), options);
    return bytesAsBase64url(answer);
  }, config);
}

/** The example's request maps: the authenticator's fields as bytes, under its names. */
function toCborRequest(operation: string, input: object): object {
  if (!('response' in input)) return input;
  const { id, response } = input as { id: string; response: Record<string, string | undefined> };
  const bytes = (field: string) => base64urlToBytes(response[field] ?? '');
  if (operation === 'verifyRegistration') return { clientDataJSON: bytes('clientDataJSON'), attestationObject: bytes('attestationObject') };
  return { credentialId: base64urlToBytes(id), clientDataJSON: bytes('clientDataJSON'), authenticatorData: bytes('authenticatorData'), signature: bytes('signature') };
}

export const recipes: Record<string, () => LoginBackend> = {
  simplewebauthn: simpleWebAuthnBackend,
  passport: passportBackend,
  'python-fido2': pythonFido2CborBackend,
};
