/** WebAuthn Level 3 signals to the passkey manager: feature-detected, advice only. */

interface SignalApi {
  signalUnknownCredential?(options: { rpId: string; credentialId: string }): Promise<void>;
  signalAllAcceptedCredentials?(options: { rpId: string; userId: string; allAcceptedCredentialIds: string[] }): Promise<void>;
  signalCurrentUserDetails?(options: { rpId: string; userId: string; name: string; displayName: string }): Promise<void>;
}

/** Calls a signal when the browser has it; a failure is only worth a debug line, the page works on. */
function signal<Name extends keyof SignalApi>(name: Name, options: Parameters<NonNullable<SignalApi[Name]>>[0]): void {
  const api = globalThis.PublicKeyCredential as unknown as SignalApi | undefined;
  const method = api?.[name] as ((options: unknown) => Promise<void>) | undefined;
  method?.call(api, options).catch((error: unknown) => console.debug(`passkey-elements: ${name} failed`, error));
}

/**
 * Tells the passkey manager that the server does not know this passkey (deleted account or
 * passkey), so that autofill stops offering it.
 */
export function signalUnknownCredential(rpId: string, credentialId: string): void {
  signal('signalUnknownCredential', { rpId, credentialId });
}

/** The account's identity for the passkey manager: its RP ID and user handle, when the backend gave both. */
interface SignalledAccount {
  rpId?: string;
  user: { userHandle?: string; identifier: string; displayName: string };
  passkeys: { id: string }[];
}

/**
 * Tells the passkey manager every passkey the server accepts for this account, so that it drops the
 * account's others (removed here or elsewhere). Only with the complete list: a partial one would
 * make the manager drop valid passkeys.
 */
export function signalAllAcceptedCredentials({ rpId, user, passkeys }: SignalledAccount): void {
  if (!rpId || !user.userHandle) return;
  signal('signalAllAcceptedCredentials', { rpId, userId: user.userHandle, allAcceptedCredentialIds: passkeys.map((passkey) => passkey.id) });
}

/** Tells the passkey manager the account's current name and display name, e.g. after a change. */
export function signalCurrentUserDetails({ rpId, user }: SignalledAccount): void {
  if (!rpId || !user.userHandle) return;
  signal('signalCurrentUserDetails', { rpId, userId: user.userHandle, name: user.identifier, displayName: user.displayName });
}
