/**
 * What a code can do under the server's settings, and what a session's verification allows: the
 * rules of docs/server.md ("Sign-in policy") in one place.
 */
import type { PasskeyServerConfig } from './config.ts';
import type { CurrentSession } from './store/sessions.ts';
import type { UserRecord } from './store/users.ts';

type PolicySettings = Pick<PasskeyServerConfig, 'codeSignIn' | 'signInPolicy'>;

/** Under the two-factor policy, unless the user chose one factor for their own account. */
export function needsTwoFactors(config: Pick<PasskeyServerConfig, 'signInPolicy'>, user: Pick<UserRecord, 'twoFactorOptedOutAt'>): boolean {
  return config.signInPolicy === 'two-factor' && user.twoFactorOptedOutAt === null;
}

/**
 * Whether an email code alone is a full verification of this user: code sign-in is on and one
 * factor is enough for them. Then a code signs in without conditions, and a re-authentication
 * code allows every sensitive act.
 */
export function codeSuffices(config: PolicySettings, user: Pick<UserRecord, 'twoFactorOptedOutAt'>): boolean {
  return config.codeSignIn === 'on' && !needsTwoFactors(config, user);
}

/** A sensitive act; adding a passkey is the one the code of a code sign-in allows. */
export type SensitiveAct = 'add-passkey' | 'other';

/**
 * Whether the session's last verification allows `act` now. A session opened to add a passkey
 * (`passkeyRequired`, after a recovery) may add it for as long as it lives: it can do nothing else,
 * so a lapsed window would leave no way forward but another recovery.
 */
export function verificationAllows(
  config: PolicySettings & { reauthWindowMs: number },
  { session, user }: { session: CurrentSession; user: UserRecord },
  act: SensitiveAct,
): boolean {
  if (act === 'add-passkey' && session.passkeyRequired) return true;
  if (session.msSinceVerification > config.reauthWindowMs) return false;
  switch (session.verifiedBy) {
    case 'passkey':
      return true;
    case 'reauthentication-code':
      return codeSuffices(config, user);
    case 'sign-in-code':
      return act === 'add-passkey';
  }
}

/** How this session can verify again: a passkey when the account has one, a code when one suffices and can be mailed. */
export function reauthenticationMethods(
  config: PolicySettings,
  { user, hasPasskeys }: { user: UserRecord; hasPasskeys: boolean },
): Array<'passkey' | 'code'> {
  const methods: Array<'passkey' | 'code'> = [];
  if (hasPasskeys) methods.push('passkey');
  if (user.emailVerifiedAt !== null && codeSuffices(config, user)) methods.push('code');
  return methods;
}
