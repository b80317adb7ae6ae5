/**
 * Console warnings about a set-up that cannot work, each once per page, with where to read the
 * fix. Shown only in development: where the page runs Lit's development build (Vite's dev server,
 * web-test-runner), which keeps its own issued warnings in `globalThis.litIssuedWarnings`.
 */

/** Where the fixes are explained, in the project's docs. */
export const setUpDocs = 'docs/passkey-login.md#when-the-set-up-is-wrong';

const issued = new Set<string>();

export function inDevelopment(): boolean {
  return (globalThis as { litIssuedWarnings?: unknown }).litIssuedWarnings !== undefined;
}

/** Warns once per `code`; `message` says what is wrong and what to change. */
export function warnOnce(code: string, message: string): void {
  if (!inDevelopment() || issued.has(code)) return;
  issued.add(code);
  console.warn(`passkey-elements [${code}]: ${message} See ${setUpDocs}.`);
}

/** Whether a page on `hostname` may use passkeys of `rpId`: the same host or a subdomain of it. */
export function rpIdServes(rpId: string, hostname: string): boolean {
  return hostname === rpId || hostname.endsWith(`.${rpId}`);
}

/** Warns when options name an RP ID that this page's host cannot use (e.g. the page on 127.0.0.1, RP ID localhost). */
export function warnIfRpIdCannotServe(rpId: string | undefined): void {
  const { hostname } = globalThis.location;
  if (rpId === undefined || rpIdServes(rpId, hostname)) return;
  warnOnce(
    'rp-id-mismatch',
    `the server's RP ID "${rpId}" cannot serve this page on "${hostname}": browsers refuse the passkey request. ` +
      `Open the page at ${rpId} (or a subdomain of it), or set the server's RP_ID to this page's domain.`,
  );
}
