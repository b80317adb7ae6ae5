import type { RateLimit } from '../config.ts';
import { Problem } from '../problem.ts';
import type { ServerContext } from '../server-context.ts';
import type { CodePurpose } from '../store/email-codes.ts';
import { countHit, purgeEndedWindows } from '../store/rate-limits.ts';
import { keyedHash } from './keys.ts';

/** Counts a hit against `limit` for `what`; over it, `rate-limited` with the seconds to wait. */
async function requireUnderLimit(context: ServerContext, what: string[], limit: RateLimit): Promise<void> {
  const keyHash = keyedHash(context.hashKey, 'rate-limit', ...what);
  const { hits, secondsLeft } = await countHit(context.database, keyHash, limit.windowMs);
  if (hits <= limit.max) return;
  const retryAfter = Math.max(1, Math.ceil(secondsLeft));
  throw new Problem('rate-limited', `Too many requests; retry in ${retryAfter} seconds.`, {
    extensions: { retryAfter },
    headers: { 'Retry-After': String(retryAfter) },
  });
}

/**
 * The limits of a code request, checked in this order: the client's requests, the resend cooldown
 * of this purpose and address, the mails to this address. A refused request counts only against
 * the limits checked before it, so waiting out a cooldown costs nothing of the hourly allowance.
 */
export async function requireCodeRequestAllowed(
  context: ServerContext,
  request: { client: string; purpose: CodePurpose; address: string },
): Promise<void> {
  const limits = context.config.codeLimits;
  await purgeEndedWindows(context.database);
  await requireUnderLimit(context, ['client-requests', request.client], limits.perClient);
  await requireUnderLimit(context, ['cooldown', request.purpose, request.address], { max: 1, windowMs: limits.resendCooldownMs });
  await requireUnderLimit(context, ['address', request.address], limits.perAddress);
}

/** The limit on code checks from one client, across every address it tries. */
export async function requireCodeTryAllowed(context: ServerContext, client: string): Promise<void> {
  await requireUnderLimit(context, ['client-tries', client], context.config.codeLimits.triesPerClient);
}
