import type { Context } from 'hono';
import type { CodeSentAnswer } from '../../../src/protocol/index.ts';
import { checkCode, useCode } from '../codes/check.ts';
import { sendCode, sendNotice } from '../codes/issue.ts';
import { emailChangedMail, type NoticeCircumstances } from '../mail/compose.ts';
import { requireRecentVerification, type SignedInEnv } from '../middleware/session.ts';
import { Problem } from '../problem.ts';
import type { ServerContext } from '../server-context.ts';
import { accountDeleted, addressInUse, changeEmail, lockUser, markEmailVerified, type UserRecord } from '../store/users.ts';

function requireEmailCodes({ config }: ServerContext): void {
  if (config.emailVerification === 'off') throw new Problem('codes-disabled', 'This server does not confirm addresses with email codes.');
}

/**
 * A code to confirm the account's current address (no `email`, or the same one), or to move the
 * account to a new one. Moving is sensitive, checked before anything is sent; an address another
 * account uses gets a decoy, so the answer does not tell that it is taken.
 */
export async function requestEmailCode(
  context: ServerContext,
  c: Context<SignedInEnv>,
  client: string,
  request: { email?: string; language?: string },
): Promise<CodeSentAnswer> {
  requireEmailCodes(context);
  const { user } = c.var.signedIn;
  const address = request.email ?? user.email;
  if (address === null) throw new Problem('invalid-email', 'The account has no address yet: send the one to confirm.');
  const language = request.language === undefined ? {} : { language: request.language };
  if (address === user.email) {
    return sendCode(context, client, { purpose: 'verify-email', address, userId: user.id, deliver: true, ...language });
  }
  requireRecentVerification(c, context.config);
  const taken = await addressInUse(context.database, address);
  return sendCode(context, client, { purpose: 'change-email', address, userId: user.id, deliver: !taken, payload: language, ...language });
}

/**
 * Confirms the current address, or moves the account to the new one the code was sent to; after a
 * move the old address, if it was confirmed, is told by mail.
 */
export async function confirmEmail(
  context: ServerContext,
  client: string,
  user: UserRecord,
  input: { email: string; code: string; circumstances: NoticeCircumstances },
): Promise<UserRecord> {
  requireEmailCodes(context);
  const moving = input.email !== user.email;
  const purpose = moving ? 'change-email' : 'verify-email';
  const matched = await checkCode(context, client, { purpose, address: input.email, userId: user.id }, input.code);
  const updated = await context.database.transaction(async (transaction) => {
    if (!(await lockUser(transaction, user.id))) throw accountDeleted();
    await useCode(transaction, matched);
    if (moving) {
      const changed = await changeEmail(transaction, user.id, input.email);
      if (changed === undefined) throw accountDeleted();
      return changed;
    }
    const verified = await markEmailVerified(transaction, user.id, input.email);
    if (verified === undefined) throw new Problem('code-used', 'The account’s address changed since this code was sent.');
    return verified;
  });
  const previous = user.email;
  if (moving && previous !== null && user.emailVerifiedAt !== null) {
    const language = matched.code.payload?.language;
    sendNotice(context, () => emailChangedMail(context.config, { to: previous, newAddress: input.email, ...input.circumstances, ...(language === undefined ? {} : { language }) }));
  }
  return updated;
}
