import type { Queryable } from '../db/database.ts';
import { Problem } from '../problem.ts';
import type { ServerContext } from '../server-context.ts';
import { consumeCode, recentCodes, returnAttempt, takeAttempt, type CodePurpose, type StoredCode } from '../store/email-codes.ts';
import { isEmailCode } from './generate.ts';
import { sameHash } from './keys.ts';
import { codeHashOf } from './issue.ts';
import { requireCodeTryAllowed } from './limits.ts';

/** The live code a typed code matched, with one try taken from it. */
export interface MatchedCode {
  code: StoredCode;
  attemptsTaken: number;
}

/** Which codes a check looks at: a purpose and address, and for account codes the account that asked. */
export interface CodeKey {
  purpose: CodePurpose;
  address: string;
  userId?: string;
}

const invalidCode = (attemptsLeft?: number) =>
  new Problem('invalid-code', 'The code is wrong.', attemptsLeft === undefined ? {} : { extensions: { attemptsLeft } });
const exhausted = () => new Problem('code-attempts-exhausted', 'The code was entered wrongly too often; ask for a new one.');
const used = () => new Problem('code-used', 'The code was already used, or a newer code replaced it.');

/**
 * Checks a typed code against the live code of `key`, in this order: its form (without touching
 * the database), the client's tries, then one try taken from the live code before comparing, so
 * racing checks never compare more than `maxAttempts` times. A decoy behaves exactly like a real
 * code that was typed wrongly. The match is not used yet: the caller uses it (`useCode`) in the
 * transaction that acts on it, or gives the try back.
 */
export async function checkCode(context: ServerContext, client: string, key: CodeKey, typed: string): Promise<MatchedCode> {
  if (!isEmailCode(typed)) throw invalidCode();
  const { config, database } = context;
  await requireCodeTryAllowed(context, client);
  const [live, ...older] = await recentCodes(database, key);
  if (live === undefined) throw invalidCode();
  if (live.expired && !live.consumed) throw new Problem('code-expired', 'The code has expired; ask for a new one.');

  const { maxAttempts } = config.codeLimits;
  const attemptsTaken = await takeAttempt(database, live.id, maxAttempts);
  if (attemptsTaken === undefined) throw exhausted();
  const typedHash = codeHashOf(context, key.purpose, key.address, typed);
  if (sameHash(typedHash, live.codeHash)) {
    if (live.consumed) throw used();
    return { code: live, attemptsTaken };
  }
  if (older.some((code) => sameHash(typedHash, code.codeHash))) throw used();
  if (attemptsTaken >= maxAttempts) throw exhausted();
  throw invalidCode(maxAttempts - attemptsTaken);
}

/** Uses the matched code, inside the caller's transaction: `code-used` when a racing check used it first. */
export async function useCode(db: Queryable, matched: MatchedCode): Promise<void> {
  if (!(await consumeCode(db, matched.code.id))) throw used();
}

/** The right code must wait for something else (a recovery code): its try does not count. */
export async function giveBackAttempt({ database }: ServerContext, matched: MatchedCode): Promise<void> {
  await returnAttempt(database, matched.code.id);
}

/**
 * What to answer when the code was right but what came with it (a recovery code) was wrong: the
 * try stays counted, and the last one spends the code.
 */
export function failedCompanion({ config }: ServerContext, matched: MatchedCode, problem: Problem): Problem {
  if (matched.attemptsTaken >= config.codeLimits.maxAttempts) return exhausted();
  return new Problem(problem.code, problem.detail, { extensions: { attemptsLeft: config.codeLimits.maxAttempts - matched.attemptsTaken } });
}
