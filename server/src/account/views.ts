/** The JSON shapes of the account API (docs/protocol.md, "Account"). */
import type { CredentialRecord } from '../store/credentials.ts';
import type { SessionRecord } from '../store/sessions.ts';
import type { User, UserRecord } from '../store/users.ts';
import { passkeyName } from './authenticator-names.ts';
import type { AuthenticatorNames } from './authenticator-names.ts';
import { browserOf, operatingSystemOf } from './user-agent.ts';
import type { BrowserName, OperatingSystemName } from './user-agent.ts';

export type PasskeyLocation = 'synced' | 'security-key' | 'device';

export interface PasskeyJson {
  id: string;
  name: string;
  aaguid: string;
  createdAt: string;
  lastUsedAt: string | null;
  location: PasskeyLocation;
  /** The passkey the current session signed in with. */
  current: boolean;
}

export interface SessionJson {
  id: string;
  userAgent: string | null;
  browser: BrowserName | null;
  os: OperatingSystemName | null;
  createdAt: string;
  lastActiveAt: string;
  /** The session of the request's cookie. */
  current: boolean;
}

export interface AccountUserJson extends User {
  /** The WebAuthn user handle (base64url), for the page's signals to the passkey manager. */
  userHandle: string;
  createdAt: string;
}

export function accountUserJson(user: UserRecord): AccountUserJson {
  return {
    id: user.id,
    identifier: user.identifier,
    displayName: user.displayName,
    userHandle: user.webauthnUserId,
    createdAt: user.createdAt.toISOString(),
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
    aaguid: credential.aaguid,
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
    userAgent,
    browser: userAgent === null ? null : browserOf(userAgent),
    os: userAgent === null ? null : operatingSystemOf(userAgent),
    createdAt: session.createdAt.toISOString(),
    lastActiveAt: session.lastActiveAt.toISOString(),
    current: session.id === currentSessionId,
  };
}
