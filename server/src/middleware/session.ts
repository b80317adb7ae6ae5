import type { Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import { contracts, type OperationName } from '../../../src/protocol/index.ts';
import { reauthWindowOf } from '../config.ts';
import { reauthenticationMethods, verificationAllows, type SensitiveAct } from '../policy.ts';
import { Problem } from '../problem.ts';
import type { ServerContext } from '../server-context.ts';
import { readSessionToken } from '../session-cookie.ts';
import { findSession, type CurrentSession } from '../store/sessions.ts';
import type { UserRecord } from '../store/users.ts';

/** The live session of the request's cookie, and its user. */
export interface SignedIn {
  session: CurrentSession;
  user: UserRecord;
  /** Whether the account has a passkey at all (for the ways it can re-authenticate). */
  hasPasskeys: boolean;
}

/** What routes behind `signedIn()` find in `context.var`. */
export interface SignedInEnv {
  Variables: { signedIn: SignedIn };
}

/**
 * Lets the request through only with a live session (`not-signed-in` otherwise), in
 * `context.var.signedIn`. A session that must add a passkey first gets through only to the
 * operations the protocol opens to it (`passkey-required` otherwise).
 */
export function signedIn({ config, database }: ServerContext, operation: OperationName) {
  const openDuringRecovery = contracts[operation].duringRecovery === true;
  return createMiddleware<SignedInEnv>(async (context, next) => {
    const token = readSessionToken(context, config);
    const found = token === undefined ? undefined : await findSession(database, token, config);
    if (found === undefined) throw new Problem('not-signed-in', 'This needs a signed-in session.');
    if (found.session.passkeyRequired && !openDuringRecovery) {
      throw new Problem('passkey-required', 'Add a passkey (POST /passkeys/options, then /passkeys) before anything else.');
    }
    context.set('signedIn', found);
    await next();
  });
}

/** After `signedIn()`: lets a sensitive act through only with a recent verification. */
export function recentlyVerified({ config }: ServerContext) {
  return createMiddleware<SignedInEnv>(async (context, next) => {
    requireRecentVerification(context, config);
    await next();
  });
}

/**
 * Sensitive acts need a verification within the re-authentication window: a stolen or
 * forgotten-open session alone must not be enough to lock the owner out. What counts depends on
 * the policy (policy.ts); the problem tells the client how it can verify. Called directly where
 * the target is checked first, so the user is only asked to verify for a change that will then succeed.
 */
export function requireRecentVerification(context: Context<SignedInEnv>, config: ServerContext['config'], act: SensitiveAct = 'other'): void {
  const signedInNow = context.var.signedIn;
  if (verificationAllows({ ...config, reauthWindowMs: reauthWindowOf(config) }, signedInNow, act)) return;
  throw new Problem('reauthentication-required', 'Verify again (a passkey at /reauthenticate/options and /reauthenticate/verify, or a code where methods lists it) and retry.', {
    extensions: { methods: reauthenticationMethods(config, signedInNow) },
  });
}
