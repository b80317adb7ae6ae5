/** The JSON shapes of the account API (docs/protocol.md, "Account"), built from the stored records. */
import type { AccountUser, Passkey, PasskeyLocation, Session } from '../../../src/protocol/index.ts';
import type { CredentialRecord } from '../store/credentials.ts';
import type { SessionRecord } from '../store/sessions.ts';
import type { UserRecord } from '../store/users.ts';
import { passkeyName, providerName } from './authenticator-names.ts';
import type { AuthenticatorNames } from './authenticator-names.ts';
import { browserOf, operatingSystemOf } from './user-agent.ts';
import type { BrowserName, OperatingSystemName } from './user-agent.ts';

export type { PasskeyLocation };

/** A passkey as `GET /account` lists it. */
export type PasskeyJson = Passkey;

/** A session as `GET /account` lists it; the browser and system names are the parser's. */
export interface SessionJson extends Session {
  userAgent: string | null;
  browser: BrowserName | null;
  os: OperatingSystemName | null;
}

/** The account's user as `GET /account` shows it, with the user handle for the page's signals to the passkey manager. */
export interface AccountUserJson extends AccountUser {
  userHandle: string;
}

/** `twoFactor` only under the two-factor policy: the user's choice and their unused recovery codes. */
export function accountUserJson(user: UserRecord, twoFactor?: { recoveryCodesLeft: number }): AccountUserJson {
  return {
    id: user.id,
    identifier: user.identifier,
    displayName: user.displayName,
    email: user.email,
    emailVerified: user.emailVerifiedAt !== null,
    userHandle: user.webauthnUserId,
    createdAt: user.createdAt.toISOString(),
    ...(twoFactor === undefined ? {} : { twoFactor: { optedOut: user.twoFactorOptedOutAt !== null, recoveryCodesLeft: twoFactor.recoveryCodesLeft } }),
  };
}

const roamingTransports = new Set(['usb', 'nfc', 'ble']);
const platformTransports = new Set(['internal', 'hybrid']);

/** Where the passkey lives, as far as the server can tell from backup eligibility and transports. */
export function passkeyLocation(credential: Pick<CredentialRecord, 'deviceType' | 'transports'>): PasskeyLocation {
  if (credential.deviceType === 'multiDevice') return 'synced';
  const { transports } = credential;
  const roaming = transports.some((transport) => roamingTransports.has(transport));
  const platform = transports.some((transport) => platformTransports.has(transport));
  return roaming && !platform ? 'security-key' : 'device';
}

export function passkeyJson(
  credential: CredentialRecord,
  currentCredentialId: string | null,
  names: AuthenticatorNames,
): PasskeyJson {
  return {
    id: credential.id,
    name: passkeyName(credential.name, credential.aaguid, names),
    named: credential.name !== null,
    aaguid: credential.aaguid,
    provider: providerName(credential.aaguid, names),
    createdAt: credential.createdAt.toISOString(),
    lastUsedAt: credential.lastUsedAt?.toISOString() ?? null,
    location: passkeyLocation(credential),
    current: credential.id === currentCredentialId,
  };
}

export function sessionJson(session: SessionRecord, currentSessionId: string): SessionJson {
  const userAgent = session.userAgent;
  return {
    id: session.id,
    signedInWith: session.signedInWith,
    userAgent,
    browser: userAgent === null ? null : browserOf(userAgent),
    os: userAgent === null ? null : operatingSystemOf(userAgent),
    createdAt: session.createdAt.toISOString(),
    lastActiveAt: session.lastActiveAt.toISOString(),
    current: session.id === currentSessionId,
  };
}
