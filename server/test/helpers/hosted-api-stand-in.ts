/**
 * A local stand-in of a hosted Passkey API tenant (Hanko's), for tests of the hosted engine. Its
 * paths, request bodies and answers follow the API's OpenAPI description (teamhanko/passkey-server,
 * `spec/passkey-server.yaml`) and the types of @teamhanko/passkeys-sdk; behind them run real
 * WebAuthn ceremonies on @simplewebauthn/server. Finalized ceremonies are answered with an RS256
 * JWT whose key the tenant publishes at `/.well-known/jwks.json`. The API key is required where
 * the spec asks for it: registration initialize and credential management.
 */
import { createSign, generateKeyPairSync, randomBytes, type KeyObject } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import {
  generateAuthenticationOptions,
  generateRegistrationOptions,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
  type AuthenticationResponseJSON,
  type AuthenticatorTransport,
  type RegistrationResponseJSON,
} from '@simplewebauthn/server';
import { Hono, type Context } from 'hono';

/** A passkey as the tenant stores it. */
interface TenantCredential {
  id: string;
  userId: string;
  publicKey: Uint8Array<ArrayBuffer>;
  counter: number;
  transports: string[];
  aaguid: string;
  backupEligible: boolean;
  backedUp: boolean;
  createdAt: Date;
  lastUsedAt?: Date;
}

/** A deliberately bad token for the next finalize: signed by a stranger, expired, or for another audience. */
export type TokenFault = 'wrong-signature' | 'expired' | 'wrong-audience';

export interface HostedApiStandIn {
  /** Base URL of the API (the SDK's `baseUrl`). */
  baseUrl: string;
  tenantId: string;
  apiKey: string;
  /** The tenant's passkeys, by id. */
  credentials: Map<string, TenantCredential>;
  /** Every request the tenant got: method, path, and whether it carried the right API key. */
  requests: Array<{ method: string; path: string; withApiKey: boolean }>;
  /** The next finalize answers with this kind of bad token (then the fault is cleared). */
  nextTokenFault: TokenFault | undefined;
  close(): Promise<void>;
}

export async function startHostedApiStandIn({ rpId, origins }: { rpId: string; origins: string[] }): Promise<HostedApiStandIn> {
  const tenantId = crypto.randomUUID();
  const apiKey = randomBytes(24).toString('base64url');
  const signingKey = rsaKey();
  const strangerKey = rsaKey();
  const credentials = new Map<string, TenantCredential>();
  const registrations = new Map<string, { userId: string; expires: number }>();
  const logins = new Map<string, number>();
  const requests: HostedApiStandIn['requests'] = [];
  const ttlMs = 300_000;

  const state = { nextTokenFault: undefined as TokenFault | undefined };
  const problem = (c: Context, status: 400 | 401 | 404, title: string) => c.json({ title, details: title, status }, status);
  const hasApiKey = (c: Context) => c.req.header('apiKey') === apiKey;

  function token(userId: string, credentialId: string): string {
    const fault = state.nextTokenFault;
    state.nextTokenFault = undefined;
    const now = Math.floor(Date.now() / 1000);
    const claims = {
      sub: userId,
      cred: credentialId,
      aud: [fault === 'wrong-audience' ? 'elsewhere.example' : rpId],
      iat: now,
      exp: fault === 'expired' ? now - 60 : now + 300,
    };
    return signJwt(claims, fault === 'wrong-signature' ? strangerKey.privateKey : signingKey.privateKey, signingKey.kid);
  }

  const tenant = new Hono();
  tenant.use(async (c, next) => {
    requests.push({ method: c.req.method, path: c.req.path, withApiKey: hasApiKey(c) });
    await next();
  });
  tenant.use('/:tenant/*', async (c, next) => (c.req.param('tenant') === tenantId ? next() : problem(c, 404, 'tenant not found')));

  tenant.get('/:tenant/.well-known/jwks.json', (c) => c.json({ keys: [signingKey.jwk] }));

  tenant.post('/:tenant/registration/initialize', async (c) => {
    if (!hasApiKey(c)) return problem(c, 401, 'The api key is invalid');
    const body = await c.req.json<{ user_id?: unknown; username?: unknown; display_name?: unknown }>().catch(() => ({}) as Record<string, unknown>);
    if (typeof body.user_id !== 'string' || body.user_id === '' || typeof body.username !== 'string') return problem(c, 400, 'user_id and username are required');
    const displayName = typeof body.display_name === 'string' && body.display_name !== '' ? body.display_name : body.username;
    const options = await generateRegistrationOptions({
      rpName: 'Stand-in tenant',
      rpID: rpId,
      userID: new Uint8Array(Buffer.from(body.user_id, 'utf8')),
      userName: body.username,
      userDisplayName: displayName,
      timeout: ttlMs,
      attestationType: 'none',
      excludeCredentials: [...credentials.values()].filter((each) => each.userId === body.user_id).map(({ id }) => ({ id })),
      authenticatorSelection: { residentKey: 'required', requireResidentKey: true, userVerification: 'required' },
    });
    registrations.set(options.challenge, { userId: body.user_id, expires: Date.now() + ttlMs });
    return c.json({ publicKey: options });
  });

  tenant.post('/:tenant/registration/finalize', async (c) => {
    const response = await c.req.json<RegistrationResponseJSON>().catch(() => undefined);
    const challenge = challengeOf(response?.response?.clientDataJSON);
    const pending = challenge === undefined ? undefined : registrations.get(challenge);
    if (response === undefined || challenge === undefined || pending === undefined || pending.expires < Date.now()) {
      return problem(c, 400, 'Stored challenge and received challenge do not match');
    }
    registrations.delete(challenge);
    const result = await verifyRegistrationResponse({ response, expectedChallenge: challenge, expectedOrigin: origins, expectedRPID: rpId, requireUserVerification: true }).catch(() => undefined);
    if (result?.verified !== true || result.registrationInfo === undefined) return problem(c, 400, 'failed to validate attestation');
    const { credential, aaguid, credentialBackedUp, credentialDeviceType } = result.registrationInfo;
    credentials.set(credential.id, {
      id: credential.id,
      userId: pending.userId,
      publicKey: credential.publicKey,
      counter: credential.counter,
      transports: credential.transports ?? [],
      aaguid,
      backupEligible: credentialDeviceType === 'multiDevice',
      backedUp: credentialBackedUp,
      createdAt: new Date(),
    });
    return c.json({ token: token(pending.userId, credential.id) });
  });

  tenant.post('/:tenant/login/initialize', async (c) => {
    const options = await generateAuthenticationOptions({ rpID: rpId, timeout: ttlMs, userVerification: 'required' });
    logins.set(options.challenge, Date.now() + ttlMs);
    return c.json({ publicKey: options, mediation: 'optional' });
  });

  tenant.post('/:tenant/login/finalize', async (c) => {
    const response = await c.req.json<AuthenticationResponseJSON>().catch(() => undefined);
    const challenge = challengeOf(response?.response?.clientDataJSON);
    const expires = challenge === undefined ? undefined : logins.get(challenge);
    if (response === undefined || challenge === undefined || expires === undefined || expires < Date.now()) {
      return problem(c, 401, 'failed to get session data');
    }
    logins.delete(challenge);
    // Login initialize without a user is a discoverable login: the user is the one the user handle names.
    const userId = typeof response.response.userHandle === 'string' ? Buffer.from(response.response.userHandle, 'base64url').toString('utf8') : '';
    const stored = credentials.get(response.id);
    if (userId === '' || stored === undefined || stored.userId !== userId) return problem(c, 401, 'failed to get user handle');
    const result = await verifyAuthenticationResponse({
      response,
      expectedChallenge: challenge,
      expectedOrigin: origins,
      expectedRPID: rpId,
      requireUserVerification: true,
      credential: { id: stored.id, publicKey: stored.publicKey, counter: stored.counter, transports: stored.transports as AuthenticatorTransport[] },
    }).catch(() => undefined);
    if (result?.verified !== true) return problem(c, 401, 'failed to validate assertion');
    stored.counter = result.authenticationInfo.newCounter;
    stored.backedUp = result.authenticationInfo.credentialBackedUp;
    stored.lastUsedAt = new Date();
    return c.json({ token: token(stored.userId, stored.id) });
  });

  tenant.get('/:tenant/credentials', (c) => {
    if (!hasApiKey(c)) return problem(c, 401, 'The api key is invalid');
    const userId = c.req.query('user_id');
    if (userId === undefined || userId === '') return problem(c, 400, 'user_id is required');
    const list = [...credentials.values()]
      .filter((each) => each.userId === userId)
      .map((each) => ({
        id: each.id,
        public_key: Buffer.from(each.publicKey).toString('base64url'),
        attestation_type: 'none',
        aaguid: each.aaguid,
        ...(each.lastUsedAt === undefined ? {} : { last_used_at: each.lastUsedAt.toISOString() }),
        created_at: each.createdAt.toISOString(),
        transports: each.transports,
        backup_eligible: each.backupEligible,
        backup_state: each.backedUp,
        is_mfa: false,
      }));
    return c.json(list);
  });

  tenant.delete('/:tenant/credentials/:credential', (c) => {
    if (!hasApiKey(c)) return problem(c, 401, 'The api key is invalid');
    if (!credentials.delete(c.req.param('credential'))) return problem(c, 404, 'credential not found');
    return c.body(null, 204);
  });

  const { httpServer, port } = await new Promise<{ httpServer: ServerType; port: number }>((resolve) => {
    const httpServer = serve({ fetch: tenant.fetch, port: 0, hostname: '127.0.0.1' }, (info: AddressInfo) => resolve({ httpServer, port: info.port }));
  });
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    tenantId,
    apiKey,
    credentials,
    requests,
    get nextTokenFault() {
      return state.nextTokenFault;
    },
    set nextTokenFault(fault) {
      state.nextTokenFault = fault;
    },
    close: () => new Promise<void>((resolve, reject) => httpServer.close((error) => (error ? reject(error) : resolve()))),
  };
}

function rsaKey(): { privateKey: KeyObject; kid: string; jwk: Record<string, unknown> } {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const kid = randomBytes(8).toString('hex');
  return { privateKey, kid, jwk: { ...publicKey.export({ format: 'jwk' }), kid, alg: 'RS256', use: 'sig' } };
}

function signJwt(claims: Record<string, unknown>, key: KeyObject, kid: string): string {
  const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const signed = `${part({ alg: 'RS256', typ: 'JWT', kid })}.${part(claims)}`;
  return `${signed}.${createSign('sha256').update(signed).sign(key).toString('base64url')}`;
}

function challengeOf(clientDataJSON: unknown): string | undefined {
  if (typeof clientDataJSON !== 'string') return undefined;
  try {
    const { challenge } = JSON.parse(Buffer.from(clientDataJSON, 'base64url').toString('utf8')) as { challenge?: unknown };
    return typeof challenge === 'string' ? challenge : undefined;
  } catch {
    return undefined;
  }
}
