/** Steps of the account page (docs/protocol.md, "Account") for tests. */
import type {
  PublicKeyCredentialCreationOptionsJSON,
  PublicKeyCredentialRequestOptionsJSON,
} from '@simplewebauthn/server';
import type { Database } from '../../src/index.ts';
import { sha256Hex } from '../../src/random.ts';
import type { SoftwareAuthenticator } from './authenticator.ts';
import { expectJson, origin } from './harness.ts';
import type { ApiUser, TestClient } from './harness.ts';

export interface PasskeyJson {
  id: string;
  name: string;
  named: boolean;
  aaguid: string;
  provider: string | null;
  createdAt: string;
  lastUsedAt: string | null;
  location: 'synced' | 'security-key' | 'device';
  current: boolean;
}

export interface SessionJson {
  id: string;
  signedInWith: 'passkey' | 'email-code' | 'recovery-code';
  userAgent: string | null;
  browser: string | null;
  os: string | null;
  createdAt: string;
  lastActiveAt: string;
  current: boolean;
}

export interface AccountJson {
  rpId: string;
  user: ApiUser & { userHandle: string; createdAt: string; twoFactor?: { optedOut: boolean; recoveryCodesLeft: number } };
  passkeys: PasskeyJson[];
  sessions: SessionJson[];
}

export const userAgents = {
  chromeOnMac:
    'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
  firefoxOnWindows: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0',
  safariOnIphone:
    'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1',
} as const;

export async function getAccount(client: TestClient): Promise<AccountJson> {
  return expectJson<AccountJson>(await client.get('/account'));
}

export async function addPasskeyOptions(client: TestClient): Promise<PublicKeyCredentialCreationOptionsJSON> {
  return expectJson<PublicKeyCredentialCreationOptionsJSON>(await client.post('/passkeys/options', {}));
}

/** Registers a new passkey of `authenticator` on the signed-in account; returns it. */
export async function addPasskey(client: TestClient, authenticator: SoftwareAuthenticator): Promise<PasskeyJson> {
  const credential = authenticator.create(await addPasskeyOptions(client), { origin });
  const { passkey } = await expectJson<{ passkey: PasskeyJson }>(await client.post('/passkeys', credential), 201);
  return passkey;
}

export async function reauthenticateOptions(client: TestClient): Promise<PublicKeyCredentialRequestOptionsJSON> {
  return expectJson<PublicKeyCredentialRequestOptionsJSON>(await client.post('/reauthenticate/options', {}));
}

/** A complete re-authentication; returns `verifiedAt`. */
export async function reauthenticate(client: TestClient, authenticator: SoftwareAuthenticator): Promise<string> {
  const assertion = authenticator.get(await reauthenticateOptions(client), { origin });
  const { verifiedAt } = await expectJson<{ verifiedAt: string }>(await client.post('/reauthenticate/verify', assertion));
  return verifiedAt;
}

/** The id of the authenticator's newest credential, base64url. */
export function newestCredentialId(authenticator: SoftwareAuthenticator): string {
  const credential = authenticator.credentials.at(-1);
  if (credential === undefined) throw new Error('The authenticator holds no credential');
  return credential.id.toString('base64url');
}

/** The session cookie's token hash: the database row of the client's session. */
export function tokenHashOf(client: TestClient): string {
  const [token] = client.cookies.values();
  if (token === undefined) throw new Error('The client has no session cookie');
  return sha256Hex(token);
}

/** Pretends the client's last passkey verification happened `minutes` ago. */
export async function ageVerification(database: Database, client: TestClient, minutes: number): Promise<void> {
  await database.query(
    `UPDATE sessions SET verified_at = now() - $2::double precision * interval '1 minute' WHERE token_hash = $1`,
    [tokenHashOf(client), minutes],
  );
}

export interface UserRowCounts {
  users: number;
  credentials: number;
  sessions: number;
  challenges: number;
}

/** Rows that belong to one user, table by table. */
export async function countUserRows(database: Database, userId: string): Promise<UserRowCounts> {
  const [row] = await database.query<UserRowCounts>(
    `SELECT (SELECT count(*) FROM users WHERE id = $1)::int AS users,
            (SELECT count(*) FROM credentials WHERE user_id = $1)::int AS credentials,
            (SELECT count(*) FROM sessions WHERE user_id = $1)::int AS sessions,
            (SELECT count(*) FROM challenges WHERE user_id = $1)::int AS challenges`,
    [userId],
  );
  if (row === undefined) throw new Error('count query returned no row');
  return row;
}
