import { createPublicKey, verify, type JsonWebKey, type KeyObject } from 'node:crypto';

/**
 * The claims of the token the Passkey API answers a finalized ceremony with: `sub` is the tenant's
 * user id, `cred` the credential that was used or created, `aud` the tenant's audience (its RP ID).
 */
export interface TenantTokenClaims {
  sub: string;
  aud: string | string[];
  exp: number;
  iat?: number;
  cred?: string;
}

/** Why a token was refused; the engine turns every one into the same `verification-failed`. */
export class TenantTokenRefused extends Error {}

/** A JSON Web Key Set as served at `/{tenant_id}/.well-known/jwks.json` (spec path: `components.responses.jwks`). */
export interface Jwks {
  keys?: Array<JsonWebKey & { kid?: string; alg?: string; use?: string }>;
}

/**
 * Verifies tenant tokens against the tenant's JWKS, with node:crypto only: RS256, a known key id,
 * not expired, for `audience`. Keys are fetched on first use and again once when a token names a
 * key id not yet seen (the tenant rotated its keys).
 */
export function tenantTokenVerifier(fetchJwks: () => Promise<Jwks>, audience: string, now: () => number = Date.now) {
  let keys: Map<string, KeyObject> | undefined;

  async function keyFor(kid: string): Promise<KeyObject> {
    if (keys === undefined || !keys.has(kid)) keys = importKeys(await fetchJwks());
    const key = keys.get(kid);
    if (key === undefined) throw new TenantTokenRefused('The token is signed with a key the tenant does not publish.');
    return key;
  }

  return async function verifyTenantToken(token: string): Promise<TenantTokenClaims> {
    const parts = token.split('.');
    if (parts.length !== 3) throw new TenantTokenRefused('The token is not a signed JWT.');
    const [encodedHeader = '', encodedPayload = '', encodedSignature = ''] = parts;
    const header = jsonPart(encodedHeader) as { alg?: unknown; kid?: unknown };
    if (header.alg !== 'RS256') throw new TenantTokenRefused('The token is not signed with RS256.');
    if (typeof header.kid !== 'string') throw new TenantTokenRefused('The token names no key.');
    const key = await keyFor(header.kid);
    const signed = Buffer.from(`${encodedHeader}.${encodedPayload}`);
    if (!verify('sha256', signed, key, Buffer.from(encodedSignature, 'base64url'))) {
      throw new TenantTokenRefused('The token signature is wrong.');
    }
    const claims = jsonPart(encodedPayload) as Partial<TenantTokenClaims>;
    if (typeof claims.sub !== 'string' || claims.sub === '') throw new TenantTokenRefused('The token names no user.');
    if (typeof claims.exp !== 'number' || claims.exp * 1000 <= now()) throw new TenantTokenRefused('The token has expired.');
    const audiences = Array.isArray(claims.aud) ? claims.aud : [claims.aud];
    if (!audiences.includes(audience)) throw new TenantTokenRefused('The token is for another audience.');
    if (claims.cred !== undefined && typeof claims.cred !== 'string') throw new TenantTokenRefused('The token names no credential.');
    return claims as TenantTokenClaims;
  };
}

function importKeys({ keys = [] }: Jwks): Map<string, KeyObject> {
  const imported = new Map<string, KeyObject>();
  for (const jwk of keys) {
    if (jwk.kty !== 'RSA' || typeof jwk.kid !== 'string' || (jwk.use !== undefined && jwk.use !== 'sig')) continue;
    imported.set(jwk.kid, createPublicKey({ key: jwk, format: 'jwk' }));
  }
  return imported;
}

function jsonPart(part: string): unknown {
  try {
    const value: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
    if (typeof value === 'object' && value !== null) return value;
  } catch {
    // Falls through to the refusal below.
  }
  throw new TenantTokenRefused('The token is not readable JSON.');
}
