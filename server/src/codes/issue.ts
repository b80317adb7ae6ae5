import type { CodeSentAnswer } from '../../../src/protocol/index.ts';
import { codeMail, type MailMessage } from '../mail/compose.ts';
import { randomToken } from '../random.ts';
import type { ServerContext } from '../server-context.ts';
import { insertCode, type CodePayload, type CodePurpose } from '../store/email-codes.ts';
import { codeLength, newEmailCode } from './generate.ts';
import { keyedHash } from './keys.ts';
import { requireCodeRequestAllowed } from './limits.ts';

/** A code to store for a purpose and address, and what to mail for it. */
export interface CodeToSend {
  purpose: CodePurpose;
  address: string;
  /** The account the code is for, stored with it; null for a sign-up and for an address without an account. */
  userId: string | null;
  /**
   * Whether the address gets the code. When not (an address without an account, or one another
   * account uses), a decoy is stored that no code matches, and `notice` (if any) is mailed instead.
   */
  deliver: boolean;
  notice?: () => MailMessage;
  payload?: CodePayload;
  language?: string;
}

/** The hash a code is stored under: keyed, over purpose, address and code. */
export function codeHashOf(context: ServerContext, purpose: CodePurpose, address: string, code: string): string {
  return keyedHash(context.hashKey, 'email-code', purpose, address, code);
}

/**
 * Stores a code and queues its mail, after the limits. Whether or not the code is delivered, the
 * request does the same work in the same order (one code drawn, one hash, one row) and gets the
 * same answer, so neither the answer nor its timing tells whether the address has an account.
 */
export async function sendCode(context: ServerContext, client: string, code: CodeToSend): Promise<CodeSentAnswer> {
  const { config, database, mailer } = context;
  if (mailer === undefined) throw new Error('Email codes are enabled but the server has no mailer');
  await requireCodeRequestAllowed(context, { client, purpose: code.purpose, address: code.address });
  const digits = newEmailCode();
  // A decoy is the hash of a random string where the digits would be: no 6-digit code can match it.
  const codeHash = codeHashOf(context, code.purpose, code.address, code.deliver ? digits : randomToken(16));
  await insertCode(database, {
    purpose: code.purpose,
    address: code.address,
    userId: code.userId,
    codeHash,
    ...(code.payload === undefined ? {} : { payload: code.payload }),
    lifetimeMs: config.codeLimits.lifetimeMs,
  });
  const validMinutes = Math.round(config.codeLimits.lifetimeMs / 60_000);
  if (code.deliver) {
    mailer.send(() =>
      codeMail(config, { to: code.address, purpose: code.purpose, code: digits, validMinutes, ...(code.language === undefined ? {} : { language: code.language }) }),
    );
  } else if (code.notice !== undefined) {
    mailer.send(code.notice);
  }
  return codeSentAnswer(context);
}

/** Queues a mail that is not a code (a notice), after the answer like every mail. */
export function sendNotice({ mailer }: ServerContext, compose: () => MailMessage): void {
  if (mailer === undefined) throw new Error('Email codes are enabled but the server has no mailer');
  mailer.send(compose);
}

/** The answer of every code request: the same for every address. */
export function codeSentAnswer({ config }: ServerContext): CodeSentAnswer {
  return {
    expiresIn: Math.round(config.codeLimits.lifetimeMs / 1000),
    resendIn: Math.ceil(config.codeLimits.resendCooldownMs / 1000),
    length: codeLength,
  };
}
