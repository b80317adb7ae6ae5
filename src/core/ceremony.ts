import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type {
  AuthenticationResponseJSON,
  PublicKeyCredentialCreationOptionsJSON,
  PublicKeyCredentialRequestOptionsJSON,
  RegistrationResponseJSON,
} from './backend.ts';
import { warnIfRpIdCannotServe } from './dev-warnings.ts';
import { PasskeyError } from './errors.ts';

/**
 * Runs WebAuthn ceremonies for one element. The browser allows one ceremony per page at a time
 * (a new one aborts the previous one), so cancelling only touches a ceremony this element owns.
 *
 * Browsers with WebAuthn's JSON methods (`parse*OptionsFromJSON`, `toJSON()`) need no library;
 * older ones load @simplewebauthn/browser on first use.
 */
export class CeremonyController implements ReactiveController {
  private pending = 0;

  constructor(host: ReactiveControllerHost) {
    host.addController(this);
  }

  register(options: PublicKeyCredentialCreationOptionsJSON): Promise<RegistrationResponseJSON> {
    warnIfRpIdCannotServe(options.rp.id);
    return this.track(async () => (hasJsonMethods() ? createNatively(options) : registerWithLibrary(options)));
  }

  /** With `autofill`, the request waits for the user to pick a passkey in the identifier field. */
  authenticate(options: PublicKeyCredentialRequestOptionsJSON, autofill = false): Promise<AuthenticationResponseJSON> {
    warnIfRpIdCannotServe(options.rpId);
    return this.track(async () => (hasJsonMethods() ? getNatively(options, autofill) : authenticateWithLibrary(options, autofill)));
  }

  cancel(): void {
    if (this.pending > 0) pageCeremony?.abort(abortReason());
  }

  hostDisconnected(): void {
    this.cancel();
  }

  private async track<Result>(ceremony: () => Promise<Result>): Promise<Result> {
    if (!hasWebAuthn()) throw new PasskeyError('unsupported', 'This browser has no WebAuthn');
    this.pending++;
    try {
      return await ceremony();
    } finally {
      this.pending--;
    }
  }
}

/** The page's one ceremony, whichever element started it; a new ceremony aborts the previous one. */
let pageCeremony: { abort(reason: unknown): void } | undefined;

function newPageCeremony(): AbortSignal {
  pageCeremony?.abort(abortReason());
  const controller = new AbortController();
  pageCeremony = controller;
  return controller.signal;
}

function abortReason(): DOMException {
  return new DOMException('The passkey request was replaced or cancelled', 'AbortError');
}

type JsonMethods = Pick<typeof PublicKeyCredential, 'parseCreationOptionsFromJSON' | 'parseRequestOptionsFromJSON'>;

function hasJsonMethods(): boolean {
  const credential = globalThis.PublicKeyCredential as Partial<JsonMethods> | undefined;
  return typeof credential?.parseRequestOptionsFromJSON === 'function' && typeof credential.parseCreationOptionsFromJSON === 'function' &&
    typeof (credential as typeof PublicKeyCredential).prototype.toJSON === 'function';
}

async function createNatively(options: PublicKeyCredentialCreationOptionsJSON): Promise<RegistrationResponseJSON> {
  const publicKey = parseOptions(() => PublicKeyCredential.parseCreationOptionsFromJSON(options as never));
  const credential = (await navigator.credentials.create({ publicKey, signal: newPageCeremony() })) as PublicKeyCredential;
  return credential.toJSON() as RegistrationResponseJSON;
}

async function getNatively(options: PublicKeyCredentialRequestOptionsJSON, autofill: boolean): Promise<AuthenticationResponseJSON> {
  // Autofill offers every passkey of the site: the allow list must be empty.
  const json = autofill ? { ...options, allowCredentials: [] } : options;
  const publicKey = parseOptions(() => PublicKeyCredential.parseRequestOptionsFromJSON(json as never));
  const request: CredentialRequestOptions = { publicKey, signal: newPageCeremony() };
  if (autofill) request.mediation = 'conditional';
  const credential = (await navigator.credentials.get(request)) as PublicKeyCredential;
  return credential.toJSON() as AuthenticationResponseJSON;
}

/** Options the browser cannot read came from a backend that broke the protocol. */
function parseOptions<Options>(parse: () => Options): Options {
  try {
    return parse();
  } catch (error) {
    throw new PasskeyError('bad-response', 'The server sent passkey options this browser cannot read', { cause: error });
  }
}

async function registerWithLibrary(options: PublicKeyCredentialCreationOptionsJSON): Promise<RegistrationResponseJSON> {
  const library = await loadLibrary();
  return library.startRegistration({ optionsJSON: options });
}

async function authenticateWithLibrary(options: PublicKeyCredentialRequestOptionsJSON, autofill: boolean): Promise<AuthenticationResponseJSON> {
  const library = await loadLibrary();
  // The autofill input lives in our shadow root, where the library's document query cannot see it.
  return library.startAuthentication({ optionsJSON: options, useBrowserAutofill: autofill, verifyBrowserAutofillInput: false });
}

async function loadLibrary() {
  const library = await import('./library-ceremony.ts');
  // The library aborts its previous ceremony itself; cancelling goes through its abort service.
  pageCeremony = { abort: () => library.WebAuthnAbortService.cancelCeremony() };
  return library;
}

export interface Capabilities {
  webauthn: boolean;
  /** Conditional mediation: passkeys offered in the identifier field's autofill. */
  autofill: boolean;
}

/** WebAuthn is there (known at once, unlike autofill): the sign-in form can be drawn on the first render. */
export function hasWebAuthn(): boolean {
  return typeof globalThis.PublicKeyCredential === 'function' && !!navigator.credentials;
}

export async function detectCapabilities(): Promise<Capabilities> {
  const credential = globalThis.PublicKeyCredential;
  if (!hasWebAuthn()) return { webauthn: false, autofill: false };
  if (typeof credential.getClientCapabilities === 'function') {
    const capabilities = await credential.getClientCapabilities();
    return { webauthn: true, autofill: capabilities.conditionalGet === true };
  }
  const autofill = typeof credential.isConditionalMediationAvailable === 'function' && (await credential.isConditionalMediationAvailable());
  return { webauthn: true, autofill };
}
