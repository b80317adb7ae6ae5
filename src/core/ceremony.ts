import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { WebAuthnAbortService, startAuthentication, startRegistration } from '@simplewebauthn/browser';
import type {
  AuthenticationResponseJSON,
  PublicKeyCredentialCreationOptionsJSON,
  PublicKeyCredentialRequestOptionsJSON,
  RegistrationResponseJSON,
} from './backend.ts';

/**
 * Runs WebAuthn ceremonies for one element. The browser allows one ceremony per page at a time
 * (a new one aborts the previous one), so cancelling only touches a ceremony this element owns.
 */
export class CeremonyController implements ReactiveController {
  private pending = 0;

  constructor(host: ReactiveControllerHost) {
    host.addController(this);
  }

  register(options: PublicKeyCredentialCreationOptionsJSON): Promise<RegistrationResponseJSON> {
    return this.track(startRegistration({ optionsJSON: options }));
  }

  /** With `autofill`, the request waits for the user to pick a passkey in the identifier field. */
  authenticate(options: PublicKeyCredentialRequestOptionsJSON, autofill = false): Promise<AuthenticationResponseJSON> {
    // The autofill input lives in our shadow root, where the library's document query cannot see it.
    return this.track(startAuthentication({ optionsJSON: options, useBrowserAutofill: autofill, verifyBrowserAutofillInput: false }));
  }

  cancel(): void {
    if (this.pending > 0) WebAuthnAbortService.cancelCeremony();
  }

  hostDisconnected(): void {
    this.cancel();
  }

  private async track<Result>(ceremony: Promise<Result>): Promise<Result> {
    this.pending++;
    try {
      return await ceremony;
    } finally {
      this.pending--;
    }
  }
}

export interface Capabilities {
  webauthn: boolean;
  /** Conditional mediation: passkeys offered in the identifier field's autofill. */
  autofill: boolean;
}

export async function detectCapabilities(): Promise<Capabilities> {
  const credential = globalThis.PublicKeyCredential;
  if (typeof credential !== 'function' || !navigator.credentials) return { webauthn: false, autofill: false };
  if (typeof credential.getClientCapabilities === 'function') {
    const capabilities = await credential.getClientCapabilities();
    return { webauthn: true, autofill: capabilities.conditionalGet === true };
  }
  const autofill = typeof credential.isConditionalMediationAvailable === 'function' && (await credential.isConditionalMediationAvailable());
  return { webauthn: true, autofill };
}
