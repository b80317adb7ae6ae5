import type { Context } from 'hono';
import { browserOf, operatingSystemOf, userAgentOf } from '../account/user-agent.ts';
import {
  codeSignInMail,
  newDeviceSignInMail,
  passkeyAddedMail,
  passkeyRemovedMail,
  recoveryCodesCreatedMail,
  type MailMessage,
  type NoticeCircumstances,
} from '../mail/compose.ts';
import type { ServerContext } from '../server-context.ts';
import type { UserRecord } from '../store/users.ts';
import { earlierSignInUserAgents } from './store.ts';

/**
 * Mails the account's confirmed address that a passkey was added: a thief who planted one must not
 * go unnoticed (docs/server.md, "Notifications"). Queued after the answer, like every mail.
 */
export function notifyPasskeyAdded(context: ServerContext, c: Context, user: UserRecord, passkeyName: string): void {
  const to = confirmedAddressOf(user);
  if (to === undefined) return;
  notify(context, () => passkeyAddedMail(context.config, { to, passkeyName, ...languageOf(c), ...circumstancesOf(c) }));
}

/** Mails the address a sign-in code went to that it was used to sign in: it is the one factor an email thief has. */
export function notifyCodeSignIn(context: ServerContext, c: Context, user: UserRecord): void {
  const to = confirmedAddressOf(user);
  if (to === undefined) return;
  notify(context, () => codeSignInMail(context.config, { to, ...languageOf(c), ...circumstancesOf(c) }));
}

/** Mails the confirmed address that a passkey was removed: a thief may lock the owner out one passkey at a time. */
export function notifyPasskeyRemoved(context: ServerContext, c: Context, user: UserRecord, passkeyName: string | undefined): void {
  const to = confirmedAddressOf(user);
  if (to === undefined) return;
  const named = passkeyName === undefined ? {} : { passkeyName };
  notify(context, () => passkeyRemovedMail(context.config, { to, ...named, ...languageOf(c), ...circumstancesOf(c) }));
}

/** Mails the confirmed address that new recovery codes were created: whoever made them can see them. */
export function notifyRecoveryCodesCreated(context: ServerContext, c: Context, user: UserRecord): void {
  const to = confirmedAddressOf(user);
  if (to === undefined) return;
  notify(context, () => recoveryCodesCreatedMail(context.config, { to, ...languageOf(c), ...circumstancesOf(c) }));
}

/**
 * Mails the confirmed address after a passkey sign-in (the event `signInEventId`) whose browser
 * and system no earlier successful sign-up or sign-in of the account had. Looked up after the
 * answer, in one query on the account's events, so the answer's timing does not depend on it.
 */
export function notifyNewDeviceSignIn(context: ServerContext, c: Context, user: UserRecord, signInEventId: string | undefined): void {
  const to = confirmedAddressOf(user);
  if (to === undefined || signInEventId === undefined || context.mailer === undefined) return;
  const language = languageOf(c);
  const now = circumstancesOf(c);
  context.securityLog.later(async () => {
    const earlier = await earlierSignInUserAgents(context.database, user.id, signInEventId);
    if (earlier.some((userAgent) => isSameDevice(userAgent, now))) return;
    notify(context, () => newDeviceSignInMail(context.config, { to, ...language, ...now }));
  });
}

// The same browser on the same system counts as the same device: versions change with every update.
function isSameDevice(userAgent: string | null, { browser, os }: NoticeCircumstances): boolean {
  const device = deviceOf(userAgent);
  return device.browser === browser && device.os === os;
}

/** The request's time and device, for a notice about what it did. */
export function circumstancesOf(c: Context): NoticeCircumstances {
  return { at: new Date(), ...deviceOf(userAgentOf(c.req.header('user-agent'))) };
}

function deviceOf(userAgent: string | null): Pick<NoticeCircumstances, 'browser' | 'os'> {
  return userAgent === null ? { browser: null, os: null } : { browser: browserOf(userAgent), os: operatingSystemOf(userAgent) };
}

/** Notices go to confirmed addresses only: an address nobody proved to hold may be someone else's. */
function confirmedAddressOf(user: UserRecord): string | undefined {
  return user.email !== null && user.emailVerifiedAt !== null ? user.email : undefined;
}

// The request that triggers a notice carries no language of its own: the browser's first choice.
function languageOf(c: Context): { language?: string } {
  const first = c.req.header('accept-language')?.split(',')[0]?.split(';')[0]?.trim();
  return first === undefined || first === '' ? {} : { language: first };
}

// A server without codes may have no mailer at all (passkeys only): it then sends no notices.
function notify({ mailer }: ServerContext, compose: () => MailMessage): void {
  mailer?.send(compose);
}
