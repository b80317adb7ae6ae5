import type { Context } from 'hono';
import { browserOf, operatingSystemOf, userAgentOf } from '../account/user-agent.ts';
import { codeSignInMail, passkeyAddedMail, type MailMessage, type NoticeCircumstances } from '../mail/compose.ts';
import type { ServerContext } from '../server-context.ts';
import type { UserRecord } from '../store/users.ts';

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

/** The request's time and device, for a notice about what it did. */
export function circumstancesOf(c: Context): NoticeCircumstances {
  const userAgent = userAgentOf(c.req.header('user-agent'));
  return { at: new Date(), browser: userAgent === null ? null : browserOf(userAgent), os: userAgent === null ? null : operatingSystemOf(userAgent) };
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
