import { randomUUID } from 'node:crypto';
import type { AuthenticatorTransport, PublicKeyCredentialCreationOptionsJSON } from '@simplewebauthn/server';
import { tenant as passkeyApiTenant } from '@teamhanko/passkeys-sdk';
import type { HostedPasskeyApi, PasskeyServerConfig } from '../../config.ts';
import { Problem } from '../../problem.ts';
import type { WebAuthnEngine } from '../engine.ts';
import { TenantTokenRefused, tenantTokenVerifier, type TenantTokenClaims } from './tenant-token.ts';

/**
 * The engine on a hosted Passkey API (Hanko's, through @teamhanko/passkeys-sdk). The tenant makes
 * the challenges and checks the authenticators' answers; what it proves comes back as a short-lived
 * JWT, verified here against the tenant's JWKS before anything is stored or a session opened.
 * The ceremonies stay the same: they still keep each challenge once, single-use, and check origin
 * and client data before the tenant is asked.
 *
 * Shapes follow the API's OpenAPI description (teamhanko/passkey-server, `spec/passkey-server.yaml`):
 * `POST /{tenant_id}/registration/initialize|finalize`, `POST /{tenant_id}/login/initialize|finalize`,
 * `GET /{tenant_id}/credentials?user_id=`, `DELETE /{tenant_id}/credentials/{credential_id}`,
 * `GET /{tenant_id}/.well-known/jwks.json`.
 */
export function hostedPasskeyApiEngine(config: PasskeyServerConfig, hosted: HostedPasskeyApi): WebAuthnEngine {
  const api = passkeyApiTenant({ tenantId: hosted.tenantId, apiKey: hosted.apiKey, ...(hosted.baseUrl === undefined ? {} : { baseUrl: hosted.baseUrl }) });
  const verifyToken = tenantTokenVerifier(() => api.jwks(), hosted.audience ?? config.rpId);

  /** The token of a finalize answer, verified; every refusal is the client's failed ceremony. */
  async function verifiedToken(answer: { token?: string }, credentialId: string): Promise<TenantTokenClaims> {
    if (answer.token === undefined) throw notVerified();
    let claims: TenantTokenClaims;
    try {
      claims = await verifyToken(answer.token);
    } catch (error) {
      if (error instanceof TenantTokenRefused) throw notVerified();
      throw unavailable();
    }
    if (claims.cred !== undefined && claims.cred !== credentialId) throw notVerified();
    return claims;
  }

  return {
    async creationOptions({ userHandle, userName, displayName, exclude }) {
      // The tenant's user id is a string; its bytes are the WebAuthn user handle it puts in the options.
      const userId = userHandle === undefined ? randomUUID() : Buffer.from(userHandle, 'base64url').toString('utf8');
      const { publicKey } = await tenantCall(() => api.registration.initialize({ userId, username: userName, displayName }));
      const { authenticatorSelection, excludeCredentials, ...rest } = publicKey;
      const options: PublicKeyCredentialCreationOptionsJSON = {
        ...rest,
        rp: { name: publicKey.rp.name, ...(publicKey.rp.id === undefined ? {} : { id: publicKey.rp.id }) },
        timeout: publicKey.timeout ?? config.challengeTtlMs,
        excludeCredentials: excludeCredentials ?? exclude.map(({ id, transports }) => ({ id, type: 'public-key', transports: transports as AuthenticatorTransport[] })),
      };
      if (authenticatorSelection !== undefined) {
        const { residentKey, requireResidentKey, userVerification } = authenticatorSelection;
        options.authenticatorSelection = { residentKey, requireResidentKey, userVerification };
      }
      return options;
    },

    async requestOptions({ allowCredentials }) {
      const { publicKey } = await tenantCall(() => api.login.initialize());
      if (publicKey === undefined) throw unavailable();
      // The tenant's challenge; which passkeys may answer is the ceremony's choice (the account's, or decoys).
      return {
        challenge: publicKey.challenge,
        timeout: publicKey.timeout ?? config.challengeTtlMs,
        rpId: publicKey.rpId ?? config.rpId,
        userVerification: publicKey.userVerification ?? 'required',
        ...(allowCredentials === undefined ? {} : { allowCredentials: allowCredentials.map((id) => ({ id, type: 'public-key' as const })) }),
      };
    },

    async verifyRegistration(response) {
      const claims = await verifiedToken(await finalizeCall(() => api.registration.finalize(response as never)), response.id);
      // The tenant keeps the key; a copy of what it stored makes the local passkey list complete.
      const stored = (await tenantCall(() => api.user(claims.sub).credentials())).find((credential) => credential.id === response.id);
      if (stored === undefined) throw notVerified();
      return {
        id: response.id,
        publicKey: new Uint8Array(Buffer.from(stored.public_key, 'base64url')),
        counter: 0,
        transports: stored.transports.length > 0 ? stored.transports : (response.response.transports ?? []),
        aaguid: stored.aaguid,
        deviceType: stored.backup_eligible ? 'multiDevice' : 'singleDevice',
        backedUp: stored.backup_state,
      };
    },

    async verifyAuthentication(response, _expectedChallenge, credential) {
      const claims = await verifiedToken(await finalizeCall(() => api.login.finalize(response as never)), credential.id);
      const userHandle = response.response.userHandle;
      if (userHandle !== undefined && Buffer.from(userHandle, 'base64url').toString('utf8') !== claims.sub) throw notVerified();
      // The tenant counts signatures; locally only the backup state is kept up to date.
      return { newCounter: credential.counter, backedUp: backedUpFlag(response.response.authenticatorData) };
    },

    async forgetPasskey(credentialId) {
      try {
        await api.credential(credentialId).remove();
      } catch (error) {
        // Already gone at the tenant (an earlier attempt that failed later on): done.
        if (tenantStatus(error) !== 404) throw unavailable();
      }
    },
  };
}

const notVerified = () => new Problem('verification-failed', 'The response could not be verified.');
const unavailable = () => new Problem('unavailable', 'The passkey service cannot be reached; try again in a moment.');

/** The tenant's error body (spec: `components.responses.error`), as the SDK hands it on. */
function tenantStatus(error: unknown): number | undefined {
  const original = (error as { originalError?: { status?: unknown } } | null)?.originalError;
  return typeof original?.status === 'number' ? original.status : undefined;
}

/** A call the tenant should always answer: any failure means it is down or misconfigured, not the user's fault. */
async function tenantCall<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch {
    throw unavailable();
  }
}

/** A finalize call: a 4xx is the tenant refusing the authenticator's answer. */
async function finalizeCall<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    const status = tenantStatus(error);
    if (status !== undefined && status >= 400 && status < 500) throw notVerified();
    throw unavailable();
  }
}

/** The BS flag of authenticator data (byte 32, bit 4). */
function backedUpFlag(authenticatorData: string): boolean {
  const flags = Buffer.from(authenticatorData, 'base64url')[32];
  return flags !== undefined && (flags & 0x10) !== 0;
}
