import type { Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import { reauthWindowOf } from '../config.ts';
import { Problem } from '../problem.ts';
import type { ServerContext } from '../server-context.ts';
import { readSessionToken } from '../session-cookie.ts';
import { findSession, type CurrentSession } from '../store/sessions.ts';
import type { UserRecord } from '../store/users.ts';

/** The live session of the request's cookie, and its user. */
export interface SignedIn {
  session: CurrentSession;
  user: UserRecord;
}

/** What routes behind `signedIn()` find in `context.var`. */
export interface SignedInEnv {
  Variables: { signedIn: SignedIn };
}

/** Lets the request through only with a live session (`not-signed-in` otherwise), in `context.var.signedIn`. */
export function signedIn({ config, database }: ServerContext) {
  return createMiddleware<SignedInEnv>(async (context, next) => {
    const token = readSessionToken(context, config);
    const found = token === undefined ? undefined : await findSession(database, token);
    if (found === undefined) throw new Problem('not-signed-in', 'This needs a signed-in session.');
    context.set('signedIn', found);
    await next();
  });
}

/** After `signedIn()`: lets a sensitive act through only with a recent passkey verification. */
export function recentlyVerified({ config }: ServerContext) {
  return createMiddleware<SignedInEnv>(async (context, next) => {
    requireRecentVerification(context, config);
    await next();
  });
}

/**
 * Sensitive acts need a passkey verification within the re-authentication window: a stolen or
 * forgotten-open session alone must not be enough to lock the owner out. Called directly where the
 * target is checked first, so the user is only asked to verify for a change that will then succeed.
 */
export function requireRecentVerification(context: Context<SignedInEnv>, config: ServerContext['config']): void {
  if (context.var.signedIn.session.msSinceVerification > reauthWindowOf(config)) {
    throw new Problem(
      'reauthentication-required',
      'Verify a passkey again (POST /reauthenticate/options, then /reauthenticate/verify) and retry.',
    );
  }
}
