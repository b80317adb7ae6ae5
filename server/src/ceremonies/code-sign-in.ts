import type { CodeSentAnswer } from '../../../src/protocol/index.ts';
import { checkCode, failedCompanion, giveBackAttempt, useCode } from '../codes/check.ts';
import { sendCode } from '../codes/issue.ts';
import { issueRecoveryCodes, redeemRecoveryCode } from '../codes/recovery.ts';
import { accountExistsMail } from '../mail/compose.ts';
import { needsTwoFactors } from '../policy.ts';
import { Problem } from '../problem.ts';
import { randomToken } from '../random.ts';
import type { ServerContext } from '../server-context.ts';
import { createSession } from '../store/sessions.ts';
import { addressInUse, findUserById, findUserByVerifiedEmail, insertUser, lockUser, type UserRecord } from '../store/users.ts';

/** Who a code sign-in or sign-up signed in, and what the new session may do. */
export interface CodeSignedIn {
  user: UserRecord;
  token: string;
  passkeyRequired: boolean;
  recoveryCodes?: string[];
}

function requireCodeSignIn({ config }: ServerContext): void {
  if (config.codeSignIn === 'off') throw new Problem('codes-disabled', 'This server does not sign in with email codes.');
}

function requireCodeSignUp({ config }: ServerContext): void {
  if (config.emailVerification === 'off') throw new Problem('codes-disabled', 'This server does not confirm addresses with email codes.');
}

/**
 * Sends a sign-in code, to a confirmed address only: an unconfirmed address is treated exactly like
 * one without an account (a decoy, no mail), so registering someone else's address gains nothing.
 */
export async function requestSignInCode(
  context: ServerContext,
  client: string,
  request: { email: string; language?: string },
): Promise<CodeSentAnswer> {
  requireCodeSignIn(context);
  const user = await findUserByVerifiedEmail(context.database, request.email);
  return sendCode(context, client, {
    purpose: 'sign-in',
    address: request.email,
    userId: user?.id ?? null,
    deliver: user !== undefined,
    ...(request.language === undefined ? {} : { language: request.language }),
  });
}

/**
 * Signs in with an email code. Under the two-factor policy the code alone is not enough: a right
 * code without a recovery code answers `recovery-code-required` and stays valid (its try given
 * back); a wrong recovery code counts as a wrong try of the code. The code and the recovery code
 * are used in the transaction that opens the session, so a failure uses neither.
 */
export async function signInWithCode(
  context: ServerContext,
  client: string,
  input: { email: string; code: string; recoveryCode?: string },
  userAgent: string | null,
): Promise<CodeSignedIn> {
  requireCodeSignIn(context);
  const { config, database } = context;
  const matched = await checkCode(context, client, { purpose: 'sign-in', address: input.email }, input.code);
  const user = matched.code.userId === null ? undefined : await findUserById(database, matched.code.userId);
  if (user === undefined || user.email !== input.email || user.emailVerifiedAt === null) {
    // The account changed its address since the code was sent: the code no longer opens it.
    throw new Problem('invalid-code', 'The code no longer belongs to an account with this address.');
  }
  const twoFactors = needsTwoFactors(config, user);
  if (twoFactors && input.recoveryCode === undefined) {
    await giveBackAttempt(context, matched);
    throw new Problem('recovery-code-required', 'The code is right; send it again with one of the account’s recovery codes.');
  }
  const passkeyRequired = twoFactors || config.codeSignIn === 'recovery';
  try {
    const token = await database.transaction(async (transaction) => {
      if (!(await lockUser(transaction, user.id, 'use'))) throw new Problem('invalid-code', 'The account of this code was deleted meanwhile.');
      await useCode(transaction, matched);
      if (twoFactors && !(await redeemRecoveryCode(context, transaction, user.id, input.recoveryCode ?? ''))) {
        throw new Problem('invalid-recovery-code', 'The recovery code is wrong or was already used.');
      }
      return createSession(transaction, {
        userId: user.id,
        proof: { signedInWith: twoFactors ? 'recovery-code' : 'email-code', passkeyRequired },
        userAgent,
        limits: config,
      });
    });
    return { user, token, passkeyRequired };
  } catch (error) {
    if (error instanceof Problem && error.code === 'invalid-recovery-code') throw failedCompanion(context, matched, error);
    throw error;
  }
}

/**
 * Sends a sign-up code. An address that already has an account gets a decoy and, instead of a
 * code, a mail telling its owner to sign in; the answer is the same either way.
 */
export async function requestSignUpCode(
  context: ServerContext,
  client: string,
  request: { email: string; displayName?: string; language?: string },
): Promise<CodeSentAnswer> {
  requireCodeSignUp(context);
  const { config, database } = context;
  const taken = await addressInUse(database, request.email);
  const language = request.language === undefined ? {} : { language: request.language };
  return sendCode(context, client, {
    purpose: 'sign-up',
    address: request.email,
    userId: null,
    deliver: !taken,
    ...(taken ? { notice: () => accountExistsMail(config, { to: request.email, ...language }) } : {}),
    payload: { ...(request.displayName === undefined ? {} : { displayName: request.displayName }), ...language },
    ...language,
  });
}

/**
 * Creates the account from a sign-up code: identifier and confirmed address are the address, no
 * passkey yet. The session may add one right away; it must first, unless a code alone is a full
 * sign-in here. Under the two-factor policy the account gets its first recovery codes.
 */
export async function signUpWithCode(
  context: ServerContext,
  client: string,
  input: { email: string; code: string; displayName?: string },
  userAgent: string | null,
): Promise<CodeSignedIn> {
  requireCodeSignUp(context);
  const { config, database } = context;
  const matched = await checkCode(context, client, { purpose: 'sign-up', address: input.email }, input.code);
  const displayName = input.displayName ?? matched.code.payload?.displayName ?? input.email;
  const twoFactors = config.signInPolicy === 'two-factor';
  const passkeyRequired = twoFactors || config.codeSignIn !== 'on';
  return database.transaction(async (transaction) => {
    await useCode(transaction, matched);
    const user = await insertUser(transaction, { identifier: input.email, displayName, webauthnUserId: randomToken(32), emailVerified: true });
    const token = await createSession(transaction, {
      userId: user.id,
      proof: { signedInWith: 'email-code', passkeyRequired },
      userAgent,
      limits: config,
    });
    if (!twoFactors) return { user, token, passkeyRequired };
    return { user, token, passkeyRequired, recoveryCodes: await issueRecoveryCodes(context, transaction, user.id) };
  });
}
