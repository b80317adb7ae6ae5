import { Hono } from 'hono';
import type { AccountUserAnswer, RecoveryCodesAnswer } from '../../../src/protocol/index.ts';
import { recordSecurityEvent } from '../audit/events.ts';
import { notifyRecoveryCodesCreated } from '../audit/notifications.ts';
import { issueRecoveryCodes } from '../codes/recovery.ts';
import { readJsonBody } from '../http.ts';
import { recentlyVerified, signedIn } from '../middleware/session.ts';
import type { ServerContext } from '../server-context.ts';
import { accountDeleted, setTwoFactorOptOut } from '../store/users.ts';
import { requireBoolean, requireNoBodyOrObject, requireObject } from '../validate.ts';
import { accountUser } from './account.ts';
import { endpoint } from './endpoint.ts';

/** Recovery codes and the user's own two-factor choice; both sensitive. */
export function twoFactorRoutes(context: ServerContext): Hono {
  const { database } = context;
  const app = new Hono();
  app.on(...endpoint('createRecoveryCodes'), signedIn(context, 'createRecoveryCodes'), recentlyVerified(context), async (c) => {
    requireNoBodyOrObject(await readJsonBody(c.req));
    const codes = await issueRecoveryCodes(context, database, c.var.signedIn.user.id);
    await recordSecurityEvent(context, c, { kind: 'recovery-codes-created' });
    notifyRecoveryCodesCreated(context, c, c.var.signedIn.user);
    return c.json({ codes } satisfies RecoveryCodesAnswer, 201);
  });
  // The element asks for this only after telling the user what one factor means (informed consent).
  app.on(...endpoint('setTwoFactor'), signedIn(context, 'setTwoFactor'), recentlyVerified(context), async (c) => {
    const body = requireObject(await readJsonBody(c.req), 'The body');
    const optOut = requireBoolean(body, 'optOut');
    const updated = await setTwoFactorOptOut(database, c.var.signedIn.user.id, optOut);
    if (updated === undefined) throw accountDeleted();
    await recordSecurityEvent(context, c, { kind: 'two-factor-changed', detail: { optOut } });
    return c.json({ user: await accountUser(context, database, updated) } satisfies AccountUserAnswer);
  });
  return app;
}
