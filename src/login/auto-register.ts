import type { LoginBackend, Passkey } from '../core/backend.ts';

/**
 * How long a passkey created without asking may take before the element stops waiting for it.
 * Browsers decide at once; one that leaves the request open (Chromium without a passkey manager
 * that saves on its own) must not hold back the signed-in event for long.
 */
const AUTO_REGISTER_TIMEOUT_MS = 3_000;

/** Whether this browser can create a passkey without asking, right after another way of signing in. */
export async function offersConditionalCreate(): Promise<boolean> {
  const credential = globalThis.PublicKeyCredential;
  if (typeof credential?.getClientCapabilities !== 'function') return false;
  const capabilities = await credential.getClientCapabilities();
  return capabilities.conditionalCreate === true;
}

/**
 * Creates a passkey without asking (WebAuthn's conditional create, `mediation: 'conditional'`):
 * the browser saves one to the passkey manager the user just signed in with, or refuses at once.
 * Through @simplewebauthn/browser (`useAutoRegister`), loaded only when it is used.
 */
export async function createPasskeyWithoutAsking(backend: Pick<Required<LoginBackend>, 'addPasskeyOptions' | 'addPasskey'>, signal: AbortSignal): Promise<Passkey> {
  const optionsJSON = await backend.addPasskeyOptions({ signal });
  const { startRegistration, WebAuthnAbortService } = await import('../core/library-ceremony.ts');
  const stop = () => WebAuthnAbortService.cancelCeremony();
  const timer = setTimeout(stop, AUTO_REGISTER_TIMEOUT_MS);
  signal.addEventListener('abort', stop, { once: true });
  try {
    const response = await startRegistration({ optionsJSON, useAutoRegister: true });
    return await backend.addPasskey(response, { signal });
  } finally {
    clearTimeout(timer);
    signal.removeEventListener('abort', stop);
  }
}
