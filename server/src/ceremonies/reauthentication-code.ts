import type { CodeSentAnswer } from '../../../src/protocol/index.ts';
import { checkCode, useCode } from '../codes/check.ts';
import { sendCode } from '../codes/issue.ts';
import type { SignedIn } from '../middleware/session.ts';
import { codeSuffices } from '../policy.ts';
import { Problem } from '../problem.ts';
import type { ServerContext } from '../server-context.ts';
import { requireAttemptAllowed } from '../limits/ceremonies.ts';
import { markVerifiedWithNewToken, type RenewedSession } from '../store/sessions.ts';
import { accountDeleted, lockUser } from '../store/users.ts';

/** The confirmed address a re-authentication code goes to; only where a code is a full verification. */
function reauthenticationAddress({ config }: ServerContext, { user }: SignedIn): string {
  if (!codeSuffices(config, user)) {
    throw new Problem('codes-disabled', 'A code does not verify this account here: use a passkey.');
  }
  if (user.email === null || user.emailVerifiedAt === null) {
    throw new Problem('invalid-email', 'The account has no confirmed address to send a code to.');
  }
  return user.email;
}

/** Sends a code to the account's confirmed address, for a fresh verification without a passkey. */
export async function requestReauthenticationCode(
  context: ServerContext,
  client: string,
  signedIn: SignedIn,
  language: string | undefined,
): Promise<CodeSentAnswer> {
  const address = reauthenticationAddress(context, signedIn);
  await requireAttemptAllowed(context, 'account', signedIn.user.id);
  return sendCode(context, client, {
    purpose: 'reauthenticate',
    address,
    userId: signedIn.user.id,
    deliver: true,
    ...(language === undefined ? {} : { language }),
  });
}

/** Checks the code and records the verification on the session, under a new token. */
export async function reauthenticateWithCode(context: ServerContext, client: string, signedIn: SignedIn, code: string): Promise<RenewedSession> {
  const address = reauthenticationAddress(context, signedIn);
  await requireAttemptAllowed(context, 'account', signedIn.user.id);
  const matched = await checkCode(context, client, { purpose: 'reauthenticate', address, userId: signedIn.user.id }, code);
  return context.database.transaction(async (transaction) => {
    if (!(await lockUser(transaction, signedIn.user.id, 'use'))) throw accountDeleted();
    await useCode(transaction, matched);
    const renewed = await markVerifiedWithNewToken(transaction, signedIn.session.tokenHash, 'reauthentication-code');
    if (renewed === undefined) throw new Problem('not-signed-in', 'The session ended meanwhile.');
    return renewed;
  });
}
