/**
 * A scripted passkey device for Storybook ONLY. Stories run in a real browser, where
 * `navigator.credentials` would open the operating system's passkey sheet; this replaces it (and
 * `PublicKeyCredential`) with a behaviour chosen per story. The credentials it returns carry
 * random bytes, not signatures: only stories/memory-backend.ts accepts them.
 */
import {
  base64URLStringToBuffer,
  bufferToBase64URLString,
  type PublicKeyCredentialCreationOptionsJSON,
  type PublicKeyCredentialDescriptorJSON,
  type PublicKeyCredentialRequestOptionsJSON,
} from '@simplewebauthn/browser';

export type AuthenticatorBehaviour =
  /** The user confirms: a credential comes back after a moment. */
  | 'succeed'
  /** The sheet stays open until the element cancels the ceremony. */
  | 'never'
  /** The user closes the sheet, or it times out: `NotAllowedError`. */
  | 'cancel'
  /** Creating finds a passkey for this account on the device: `InvalidStateError`. Signing in succeeds. */
  | 'exists'
  /** The browser refuses WebAuthn for this page (insecure origin, wrong RP ID): `SecurityError`. */
  | 'refuse'
  /** Feature detection never answers, so the element stays on its loading screen. */
  | 'detecting'
  /** A browser without WebAuthn: there is no `PublicKeyCredential`. */
  | 'unsupported';

export const authenticatorBehaviours: readonly AuthenticatorBehaviour[] = ['succeed', 'never', 'cancel', 'exists', 'refuse', 'detecting', 'unsupported'];

/** The passkey the fake device holds from the start; seed a story's backend with it to sign in. */
export const STORY_PASSKEY_ID = bufferToBase64URLString(new TextEncoder().encode('storybook-passkey').buffer);

/** How long the pretend user takes to answer the passkey sheet. */
const ANSWER_DELAY_MS = 600;

/** Installs the fake; the returned function puts the browser's own objects back. */
export function installFakeAuthenticator(behaviour: AuthenticatorBehaviour): () => void {
  const saved = [saveProperty(globalThis, 'PublicKeyCredential'), saveProperty(navigator, 'credentials')];
  if (behaviour === 'unsupported') {
    Reflect.deleteProperty(globalThis, 'PublicKeyCredential');
  } else {
    const credential = behaviour === 'detecting' ? UndecidedPublicKeyCredential : FakePublicKeyCredential;
    Object.defineProperty(globalThis, 'PublicKeyCredential', { value: credential, configurable: true, writable: true });
    Object.defineProperty(navigator, 'credentials', { value: fakeCredentials(behaviour), configurable: true });
  }
  return () => saved.forEach(restoreProperty);
}

/** The fields and methods @simplewebauthn/browser reads from a credential and its static side. */
class FakePublicKeyCredential {
  readonly type = 'public-key';
  readonly authenticatorAttachment = 'platform';
  readonly rawId: ArrayBuffer;

  constructor(
    readonly id: string,
    readonly response: object,
  ) {
    this.rawId = base64URLStringToBuffer(id);
  }

  getClientExtensionResults(): AuthenticationExtensionsClientOutputs {
    return {};
  }

  /** WebAuthn's JSON form; the elements use it (and the two parse methods) where a browser has them. */
  toJSON(): Record<string, unknown> {
    const response: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(this.response)) {
      if (value instanceof ArrayBuffer) response[key] = bufferToBase64URLString(value);
    }
    if (isAttestation(this.response)) {
      Object.assign(response, {
        transports: this.response.getTransports(),
        publicKey: bufferToBase64URLString(this.response.getPublicKey()),
        publicKeyAlgorithm: this.response.getPublicKeyAlgorithm(),
        authenticatorData: bufferToBase64URLString(this.response.getAuthenticatorData()),
      });
    }
    return { id: this.id, rawId: this.id, type: this.type, authenticatorAttachment: this.authenticatorAttachment, response, clientExtensionResults: {} };
  }

  static parseCreationOptionsFromJSON(json: PublicKeyCredentialCreationOptionsJSON): PublicKeyCredentialCreationOptions {
    return {
      ...json,
      challenge: base64URLStringToBuffer(json.challenge),
      user: { ...json.user, id: base64URLStringToBuffer(json.user.id) },
      excludeCredentials: json.excludeCredentials?.map(toDescriptor),
    } as PublicKeyCredentialCreationOptions;
  }

  static parseRequestOptionsFromJSON(json: PublicKeyCredentialRequestOptionsJSON): PublicKeyCredentialRequestOptions {
    return { ...json, challenge: base64URLStringToBuffer(json.challenge), allowCredentials: json.allowCredentials?.map(toDescriptor) } as PublicKeyCredentialRequestOptions;
  }

  static async isConditionalMediationAvailable(): Promise<boolean> {
    return true;
  }

  static async isUserVerifyingPlatformAuthenticatorAvailable(): Promise<boolean> {
    return true;
  }

  static async getClientCapabilities(): Promise<Record<string, boolean>> {
    return { conditionalGet: true, conditionalCreate: false, passkeyPlatformAuthenticator: true, userVerifyingPlatformAuthenticator: true };
  }
}

/** A browser that takes for ever to say what it supports. */
class UndecidedPublicKeyCredential extends FakePublicKeyCredential {
  static override getClientCapabilities(): Promise<Record<string, boolean>> {
    return new Promise(() => {});
  }
}

function toDescriptor({ id, type, transports }: PublicKeyCredentialDescriptorJSON): PublicKeyCredentialDescriptor {
  return { id: base64URLStringToBuffer(id), type: type as PublicKeyCredentialType, transports: transports as AuthenticatorTransport[] | undefined };
}

type AttestationResponse = ReturnType<typeof attestationResponse>;

function isAttestation(response: object): response is AttestationResponse {
  return 'getTransports' in response;
}

interface DevicePasskey {
  id: string;
  userHandle: ArrayBuffer | null;
}

function fakeCredentials(behaviour: AuthenticatorBehaviour): CredentialsContainer {
  const device: DevicePasskey[] = [{ id: STORY_PASSKEY_ID, userHandle: null }];

  return {
    create(options) {
      const publicKey = options?.publicKey;
      if (!publicKey) return Promise.reject(notSupported());
      return answer(behaviour, 'create', options.signal, () => {
        const passkey = { id: bufferToBase64URLString(randomBytes(16)), userHandle: toArrayBuffer(publicKey.user.id) };
        device.push(passkey);
        return new FakePublicKeyCredential(passkey.id, attestationResponse(clientData('webauthn.create', publicKey.challenge)));
      });
    },
    get(options) {
      const publicKey = options?.publicKey;
      if (!publicKey) return Promise.reject(notSupported());
      const assert = () => {
        const allowed = publicKey.allowCredentials?.[0];
        const id = allowed ? bufferToBase64URLString(toArrayBuffer(allowed.id)) : (device.at(-1)?.id ?? STORY_PASSKEY_ID);
        const userHandle = device.find((passkey) => passkey.id === id)?.userHandle ?? null;
        return new FakePublicKeyCredential(id, assertionResponse(clientData('webauthn.get', publicKey.challenge), userHandle));
      };
      // Autofill waits for the user to pick a passkey in the field, which nobody does in a story.
      return answer(options.mediation === 'conditional' ? 'never' : behaviour, 'get', options.signal, assert);
    },
    async store() {},
    async preventSilentAccess() {},
  };
}

/** Plays the pretend user's answer; like the real API, it rejects with the signal's reason on abort. */
function answer(behaviour: AuthenticatorBehaviour, operation: 'create' | 'get', signal: AbortSignal | null | undefined, succeed: () => FakePublicKeyCredential): Promise<Credential> {
  return new Promise((resolve, reject) => {
    const abort = () => {
      clearTimeout(timer);
      reject(signal?.reason ?? new DOMException('The operation was aborted.', 'AbortError'));
    };
    const settle = () => {
      signal?.removeEventListener('abort', abort);
      if (behaviour === 'refuse') reject(new DOMException('The relying party ID is not a registrable domain suffix of, nor equal to the current domain.', 'SecurityError'));
      else if (behaviour === 'cancel') reject(new DOMException('The operation either timed out or was not allowed.', 'NotAllowedError'));
      else if (behaviour === 'exists' && operation === 'create') reject(new DOMException('The user attempted to register an authenticator that contains one of the credentials already registered with the relying party.', 'InvalidStateError'));
      else resolve(succeed());
    };
    const timer = behaviour === 'never' ? undefined : setTimeout(settle, ANSWER_DELAY_MS);
    if (signal?.aborted) abort();
    else signal?.addEventListener('abort', abort, { once: true });
  });
}

function attestationResponse(clientDataJSON: ArrayBuffer) {
  const authenticatorData = randomBytes(37);
  return {
    clientDataJSON,
    // Not CBOR: nothing parses it in stories.
    attestationObject: randomBytes(64),
    getTransports: () => ['internal', 'hybrid'],
    getPublicKey: () => randomBytes(91),
    getPublicKeyAlgorithm: () => -7,
    getAuthenticatorData: () => authenticatorData,
  };
}

function assertionResponse(clientDataJSON: ArrayBuffer, userHandle: ArrayBuffer | null) {
  return { clientDataJSON, authenticatorData: randomBytes(37), signature: randomBytes(70), userHandle };
}

function clientData(type: 'webauthn.create' | 'webauthn.get', challenge: BufferSource): ArrayBuffer {
  const json = JSON.stringify({ type, challenge: bufferToBase64URLString(toArrayBuffer(challenge)), origin: location.origin, crossOrigin: false });
  return new TextEncoder().encode(json).buffer;
}

function toArrayBuffer(source: BufferSource): ArrayBuffer {
  return source instanceof ArrayBuffer ? source : new Uint8Array(source.buffer, source.byteOffset, source.byteLength).slice().buffer;
}

function randomBytes(length: number): ArrayBuffer {
  return crypto.getRandomValues(new Uint8Array(length)).buffer;
}

function notSupported(): DOMException {
  return new DOMException('The fake authenticator only makes public-key credentials.', 'NotSupportedError');
}

interface SavedProperty {
  target: object;
  key: string;
  descriptor: PropertyDescriptor | undefined;
}

function saveProperty(target: object, key: string): SavedProperty {
  return { target, key, descriptor: Object.getOwnPropertyDescriptor(target, key) };
}

function restoreProperty({ target, key, descriptor }: SavedProperty): void {
  if (descriptor) Object.defineProperty(target, key, descriptor);
  else Reflect.deleteProperty(target, key);
}
