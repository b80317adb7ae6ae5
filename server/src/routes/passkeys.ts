import { Hono } from 'hono';
import type { PasskeyAnswer } from '../../../src/protocol/index.ts';
import { authenticatorNames } from '../account/authenticator-names.ts';
import { passkeyJson } from '../account/views.ts';
import { recordSecurityEvent, shownPasskeyName } from '../audit/events.ts';
import { notifyPasskeyAdded, notifyPasskeyRemoved } from '../audit/notifications.ts';
import { beginAddPasskey, finishAddPasskey } from '../ceremonies/add-passkey.ts';
import { clientAddressOf } from '../codes/client-address.ts';
import { readJsonBody } from '../http.ts';
import { ceremonyRequest } from '../limits/ceremonies.ts';
import { requireRecentVerification, signedIn } from '../middleware/session.ts';
import { Problem } from '../problem.ts';
import type { ServerContext } from '../server-context.ts';
import { deleteCredential, listCredentialIds, renameCredential } from '../store/credentials.ts';
import { accountDeleted, lockUser } from '../store/users.ts';
import {
  isCredentialId,
  normalisePasskeyName,
  parseRegistrationResponse,
  requireNoBodyOrObject,
  requireObject,
  requireString,
} from '../validate.ts';
import { endpoint } from './endpoint.ts';

// Another user's passkey gets the same answer, so ids cannot be probed.
const unknownPasskey = () => new Problem('unknown-passkey', 'The account has no passkey with this id.');

/** The signed-in user's passkeys: add (options, then verify), rename and remove. */
export function passkeyRoutes(context: ServerContext): Hono {
  const { config, database } = context;
  const app = new Hono();
  app.on(...endpoint('addPasskeyOptions'), ceremonyRequest(context), signedIn(context, 'addPasskeyOptions'), async (c) => {
    requireNoBodyOrObject(await readJsonBody(c.req));
    // A stolen session must not be enough to plant the thief's own passkey in the account. The code
    // of a code sign-in counts here (and only here), so the passkey can be created right after it.
    requireRecentVerification(c, config, 'add-passkey');
    return c.json(await beginAddPasskey(context, clientAddressOf(c, config.trustProxy), c.var.signedIn.user));
  });
  app.on(...endpoint('addPasskey'), ceremonyRequest(context), signedIn(context, 'addPasskey'), async (c) => {
    const { session } = c.var.signedIn;
    const response = parseRegistrationResponse(await readJsonBody(c.req));
    const stored = await finishAddPasskey(context, c.var.signedIn, response);
    const passkey = passkeyJson(stored, session.credentialId, await authenticatorNames());
    await recordSecurityEvent(context, c, { kind: 'passkey-added', detail: { passkeyName: passkey.name } });
    notifyPasskeyAdded(context, c, c.var.signedIn.user, passkey.name);
    return c.json({ passkey } satisfies PasskeyAnswer, 201);
  });
  app.on(...endpoint('renamePasskey'), signedIn(context, 'renamePasskey'), async (c) => {
    const { user, session } = c.var.signedIn;
    const body = requireObject(await readJsonBody(c.req), 'The body');
    const name = normalisePasskeyName(requireString(body, 'name'));
    const credentialId = c.req.param('id') ?? '';
    if (!isCredentialId(credentialId)) throw unknownPasskey();
    const renamed = await renameCredential(database, user.id, credentialId, name);
    if (renamed === undefined) throw unknownPasskey();
    const passkey = passkeyJson(renamed, session.credentialId, await authenticatorNames());
    await recordSecurityEvent(context, c, { kind: 'passkey-renamed', detail: { passkeyName: passkey.name } });
    return c.json({ passkey } satisfies PasskeyAnswer);
  });
  app.on(...endpoint('removePasskey'), signedIn(context, 'removePasskey'), async (c) => {
    const { user } = c.var.signedIn;
    const credentialId = c.req.param('id') ?? '';
    if (!isCredentialId(credentialId)) throw unknownPasskey();
    const removed = await shownPasskeyName(database, user.id, credentialId);
    await database.transaction(async (transaction) => {
      if (!(await lockUser(transaction, user.id))) throw accountDeleted();
      const credentialIds = await listCredentialIds(transaction, user.id);
      if (!credentialIds.includes(credentialId)) throw unknownPasskey();
      if (credentialIds.length === 1) {
        throw new Problem('last-passkey', 'This is the account’s only passkey; add another one first.');
      }
      // Checked last, so the user is only asked to verify for a removal that will then succeed.
      requireRecentVerification(c, config);
      // Where the passkey lives elsewhere too (a hosted engine), gone there first: a failure there keeps it here.
      await context.webauthn.forgetPasskey?.(credentialId);
      await deleteCredential(transaction, user.id, credentialId);
    });
    await recordSecurityEvent(context, c, { kind: 'passkey-removed', ...(removed === undefined ? {} : { detail: { passkeyName: removed } }) });
    notifyPasskeyRemoved(context, c, user, removed);
    return c.body(null, 204);
  });
  return app;
}
