import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { PasskeyServerConfig } from './config.ts';
import { isBase64url } from './validate.ts';

/**
 * `__Host-` makes browsers refuse the cookie unless it is Secure, host-only and Path=/; it can
 * only be used when every origin is https (http://localhost in development cannot set it).
 */
export function sessionCookieName(config: Pick<PasskeyServerConfig, 'origins'>): string {
  return usesHttpsOnly(config) ? '__Host-passkey_session' : 'passkey_session';
}

function usesHttpsOnly(config: Pick<PasskeyServerConfig, 'origins'>): boolean {
  return config.origins.every((origin) => origin.startsWith('https://'));
}

export function setSessionCookie(context: Context, config: PasskeyServerConfig, token: string): void {
  setCookie(context, sessionCookieName(config), token, {
    httpOnly: true,
    secure: usesHttpsOnly(config),
    sameSite: 'Lax',
    path: '/',
    maxAge: Math.floor(config.sessionTtlMs / 1000),
  });
}

export function clearSessionCookie(context: Context, config: PasskeyServerConfig): void {
  deleteCookie(context, sessionCookieName(config), {
    httpOnly: true,
    secure: usesHttpsOnly(config),
    sameSite: 'Lax',
    path: '/',
  });
}

/** The session token from the cookie; anything that cannot be a token counts as no cookie. */
export function readSessionToken(context: Context, config: PasskeyServerConfig): string | undefined {
  const token = getCookie(context, sessionCookieName(config));
  return token !== undefined && token.length === 43 && isBase64url(token) ? token : undefined;
}
