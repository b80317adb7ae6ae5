import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { PasskeyServerConfig } from './config.ts';
import type { ServerContext } from './server-context.ts';
import { deleteSession } from './store/sessions.ts';
import { isBase64url } from './validate.ts';

/** Browsers take a `__Host-` cookie only with `Secure`, `Path=/` and no `Domain`, over https. */
const httpsName = '__Host-passkey_session';
const httpName = 'passkey_session';

type CookieSettings = Pick<PasskeyServerConfig, 'origins' | 'trustProxy'>;

/**
 * Whether the browser reached this server over https, decided per request: the connection is TLS;
 * or a trusted proxy (`trustProxy` > 0) says `X-Forwarded-Proto: https`; or the page's `Origin` is
 * https; or every configured origin is. A client that claims https falsely only gets a cookie its
 * browser refuses over http, so any https entry of the header counts.
 */
export function isHttpsRequest(context: Context, config: CookieSettings): boolean {
  if (new URL(context.req.url).protocol === 'https:') return true;
  if (config.trustProxy > 0) {
    const forwarded = (context.req.header('x-forwarded-proto') ?? '').split(',');
    if (forwarded.some((protocol) => protocol.trim().toLowerCase() === 'https')) return true;
  }
  if (context.req.header('origin')?.startsWith('https://') === true) return true;
  return config.origins.every((origin) => origin.startsWith('https://'));
}

/** The cookie's name for this request: `__Host-passkey_session` over https, else `passkey_session`. */
export function sessionCookieName(context: Context, config: CookieSettings): string {
  return isHttpsRequest(context, config) ? httpsName : httpName;
}

/** Sets the session cookie; its `Max-Age` is what is left of the session's absolute lifetime. */
export function setSessionCookie(context: Context, config: CookieSettings, session: { token: string; maxAgeMs: number }): void {
  const https = isHttpsRequest(context, config);
  const name = https ? httpsName : httpName;
  setCookie(context, name, session.token, { ...attributes(name), secure: https, maxAge: Math.max(0, Math.floor(session.maxAgeMs / 1000)) });
  // A cookie of the other name would only shadow this one later.
  const otherName = https ? httpName : httpsName;
  if (getCookie(context, otherName) !== undefined) deleteCookie(context, otherName, attributes(otherName));
}

/**
 * Sets the cookie of a session just opened (sign-in, sign-up, recovery) and ends the session the
 * request came with: a browser holds one session, and a token known before sign-in is worthless after.
 */
export async function openSessionCookie(context: Context, { config, database }: ServerContext, token: string): Promise<void> {
  const previous = readSessionToken(context, config);
  if (previous !== undefined && previous !== token) await deleteSession(database, previous);
  setSessionCookie(context, config, { token, maxAgeMs: config.sessionTtlMs });
}

/** Clears the session cookie under each name the request carried it (or this request's name). */
export function clearSessionCookie(context: Context, config: CookieSettings): void {
  const carried = [httpsName, httpName].filter((name) => getCookie(context, name) !== undefined);
  for (const name of carried.length > 0 ? carried : [sessionCookieName(context, config)]) {
    deleteCookie(context, name, attributes(name));
  }
}

/**
 * The session token from the cookie; anything that cannot be a token counts as no cookie. A
 * `__Host-` cookie can only have come from this host over https, so it counts on every request; the
 * plain one, which a neighbouring subdomain could plant, only on requests that are not https.
 */
export function readSessionToken(context: Context, config: CookieSettings): string | undefined {
  const secure = getCookie(context, httpsName);
  if (isToken(secure)) return secure;
  if (isHttpsRequest(context, config)) return undefined;
  const plain = getCookie(context, httpName);
  return isToken(plain) ? plain : undefined;
}

function isToken(value: string | undefined): value is string {
  return value !== undefined && value.length === 43 && isBase64url(value);
}

function attributes(name: string) {
  return { httpOnly: true, secure: name === httpsName, sameSite: 'Lax', path: '/' } as const;
}
