/** WebAuthn Level 3 signals to the passkey manager: feature-detected, advice only. */

interface SignalApi {
  signalUnknownCredential?(options: { rpId: string; credentialId: string }): Promise<void>;
}

/**
 * Tells the passkey manager that the server does not know this passkey (deleted account or
 * passkey), so that autofill stops offering it. WebAuthn Level 3, feature-detected; advice only.
 */
export function signalUnknownCredential(rpId: string, credentialId: string): void {
  const api = globalThis.PublicKeyCredential as unknown as SignalApi | undefined;
  api?.signalUnknownCredential?.({ rpId, credentialId }).catch((error: unknown) => console.debug('passkey-elements: signalUnknownCredential failed', error));
}
