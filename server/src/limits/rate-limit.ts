import type { RateLimit } from '../config.ts';
import { keyedHash } from '../codes/keys.ts';
import { Problem } from '../problem.ts';
import type { ServerContext } from '../server-context.ts';
import { countHit } from '../store/rate-limits.ts';

/** The answer over a limit: `rate-limited`, with the whole seconds to wait in the body and in `Retry-After`. */
export function rateLimited(secondsLeft: number): Problem {
  const retryAfter = Math.max(1, Math.ceil(secondsLeft));
  return new Problem('rate-limited', `Too many requests; retry in ${retryAfter} seconds.`, {
    extensions: { retryAfter },
    headers: { 'Retry-After': String(retryAfter) },
  });
}

/**
 * Counts a hit against `limit` for `what` (its first part names the limit, the rest what is
 * counted); over the limit, `rate-limited`. Only a keyed hash of `what` is stored.
 */
export async function requireUnderLimit(context: ServerContext, what: string[], limit: RateLimit): Promise<void> {
  const keyHash = keyedHash(context.hashKey, 'rate-limit', ...what);
  const { hits, secondsLeft } = await countHit(context.database, keyHash, limit.windowMs);
  if (hits > limit.max) throw rateLimited(secondsLeft);
}
