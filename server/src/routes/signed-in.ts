import type { Context } from 'hono';
import { reauthWindowOf } from '../config.ts';
import type { PasskeyServerConfig } from '../config.ts';
import { Problem } from '../problem.ts';
import { readSessionToken } from '../session-cookie.ts';
import { findSession } from '../store/sessions.ts';
import type { CurrentSession } from '../store/sessions.ts';
import type { UserRecord } from '../store/users.ts';
import type { RouteContext } from './context.ts';

/** The live session of the request's cookie, and its user. */
export interface SignedIn {
  session: CurrentSession;
  user: UserRecord;
}

/** The request's session; `not-signed-in` without a live one. */
export async function requireSignedIn(context: Context, { config, database }: RouteContext): Promise<SignedIn> {
  const token = readSessionToken(context, config);
  const signedIn = token === undefined ? undefined : await findSession(database, token);
  if (signedIn === undefined) throw new Problem('not-signed-in', 'This needs a signed-in session.');
  return signedIn;
}

/**
 * Sensitive acts need a passkey verification within the re-authentication window: a stolen or
 * forgotten-open session alone must not be enough to lock the owner out.
 */
export function requireRecentVerification({ session }: SignedIn, config: PasskeyServerConfig): void {
  if (session.msSinceVerification > reauthWindowOf(config)) {
    throw new Problem(
      'reauthentication-required',
      'Verify a passkey again (POST /reauthenticate/options, then /reauthenticate/verify) and retry.',
    );
  }
}
