import { createMiddleware } from 'hono/factory';
import { clientAddressOf } from '../codes/client-address.ts';
import { keyedHash } from '../codes/keys.ts';
import type { ServerContext } from '../server-context.ts';
import type { ChallengeOwner } from '../store/challenges.ts';
import { requireUnderLimit } from './rate-limit.ts';

/**
 * Counts every request of a passkey ceremony (options and verify) against the limit of its client
 * address, before anything else is read, so that even malformed floods are held back.
 */
export function ceremonyRequest(context: ServerContext) {
  return createMiddleware(async (c, next) => {
    const client = clientAddressOf(c, context.config.trustProxy);
    await requireUnderLimit(context, ['ceremony-client', client], context.config.rateLimits.perClient);
    await next();
  });
}

/**
 * What one sign-in or re-authentication attempt is counted against: the `identifier` typed for an
 * identifier-first sign-in or a code sign-in (whether or not it has an account, so the count tells
 * nothing), the `passkey` an assertion claims to be made with, or the signed-in `account`.
 */
export type AttemptTarget = 'identifier' | 'passkey' | 'account';

/** Counts an attempt against the per-account limit; over it, `rate-limited`. */
export async function requireAttemptAllowed(context: ServerContext, target: AttemptTarget, value: string): Promise<void> {
  await requireUnderLimit(context, ['attempts', target, value], context.config.rateLimits.perAccount);
}

/** The owner a new challenge is stored with, for the cap on pending challenges per client. */
export function challengeOwner(context: ServerContext, client: string): ChallengeOwner {
  return {
    clientKey: keyedHash(context.hashKey, 'challenge-client', client),
    maxPending: context.config.rateLimits.pendingChallengesPerClient,
  };
}
