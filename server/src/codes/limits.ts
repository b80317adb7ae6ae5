import { requireUnderLimit } from '../limits/rate-limit.ts';
import type { ServerContext } from '../server-context.ts';
import type { CodePurpose } from '../store/email-codes.ts';

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
  await requireUnderLimit(context, ['client-requests', request.client], limits.perClient);
  await requireUnderLimit(context, ['cooldown', request.purpose, request.address], { max: 1, windowMs: limits.resendCooldownMs });
  await requireUnderLimit(context, ['address', request.address], limits.perAddress);
}

/** The limit on code checks from one client, across every address it tries. */
export async function requireCodeTryAllowed(context: ServerContext, client: string): Promise<void> {
  await requireUnderLimit(context, ['client-tries', client], context.config.codeLimits.triesPerClient);
}
