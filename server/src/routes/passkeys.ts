import { generateRegistrationOptions } from '@simplewebauthn/server';
import type { Hono } from 'hono';
import { authenticatorNames } from '../account/authenticator-names.ts';
import { passkeyJson } from '../account/views.ts';
import { readJsonBody } from '../http.ts';
import { Problem } from '../problem.ts';
import { consumeChallenge, saveChallenge } from '../store/challenges.ts';
import {
  deleteCredential,
  insertCredential,
  listCredentialIds,
  listCredentials,
  renameCredential,
} from '../store/credentials.ts';
import { lockUser } from '../store/users.ts';
import {
  isCredentialId,
  normalisePasskeyName,
  parseRegistrationResponse,
  readClientData,
  requireNoBodyOrObject,
  requireObject,
  requireString,
} from '../validate.ts';
import { ceremonyTimeoutMs, verifyNewPasskey } from './context.ts';
import type { RouteContext } from './context.ts';
import { requireRecentVerification, requireSignedIn } from './signed-in.ts';

// Another user's passkey gets the same answer, so ids cannot be probed.
const unknownPasskey = () => new Problem('unknown-passkey', 'The account has no passkey with this id.');

/** The signed-in user's passkeys: add (options, then verify), rename and remove. */
export function passkeyRoutes(api: Hono, routeContext: RouteContext): void {
  const { config, database } = routeContext;

  api.post('/passkeys/options', async (context) => {
    const signedIn = await requireSignedIn(context, routeContext);
    const { user } = signedIn;
    requireNoBodyOrObject(await readJsonBody(context.req));
    // A stolen session must not be enough to plant the thief's own passkey in the account.
    requireRecentVerification(signedIn, config);
    const credentials = await listCredentials(database, user.id);

    const options = await generateRegistrationOptions({
      rpName: config.rpName,
      rpID: config.rpId,
      // The account's own user handle: the new passkey must sign in to this same account.
      userID: new Uint8Array(Buffer.from(user.webauthnUserId, 'base64url')),
      userName: user.identifier,
      userDisplayName: user.displayName,
      timeout: ceremonyTimeoutMs,
      attestationType: 'none',
      // Transports help the browser recognise an authenticator that already holds one of them.
      excludeCredentials: credentials.map((credential) => ({ id: credential.id, transports: credential.transports })),
      authenticatorSelection: { residentKey: 'required', requireResidentKey: true, userVerification: 'required' },
    });
    await saveChallenge(database, {
      challenge: options.challenge,
      purpose: 'add-passkey',
      userId: user.id,
      ttlMs: config.challengeTtlMs,
    });
    return context.json(options);
  });

  api.post('/passkeys', async (context) => {
    const { user, session } = await requireSignedIn(context, routeContext);
    const response = parseRegistrationResponse(await readJsonBody(context.req));
    const clientData = readClientData(response.response.clientDataJSON, 'webauthn.create', config.origins);
    const challenge = await consumeChallenge(database, clientData.challenge, 'add-passkey');
    if (challenge.userId !== user.id) {
      throw new Problem('challenge-invalid', 'The challenge was issued for another account.');
    }

    // Not a re-authentication: it proves a new authenticator, not one the account already trusted.
    const passkey = await verifyNewPasskey(response, challenge.challenge, config);
    const stored = await insertCredential(database, { ...passkey, userId: user.id });
    return context.json({ passkey: passkeyJson(stored, session.credentialId, await authenticatorNames()) }, 201);
  });

  api.patch('/passkeys/:id', async (context) => {
    const { user, session } = await requireSignedIn(context, routeContext);
    const body = requireObject(await readJsonBody(context.req), 'The body');
    const name = normalisePasskeyName(requireString(body, 'name'));
    const credentialId = context.req.param('id');
    if (!isCredentialId(credentialId)) throw unknownPasskey();
    const renamed = await renameCredential(database, user.id, credentialId, name);
    if (renamed === undefined) throw unknownPasskey();
    return context.json({ passkey: passkeyJson(renamed, session.credentialId, await authenticatorNames()) });
  });

  api.delete('/passkeys/:id', async (context) => {
    const signedIn = await requireSignedIn(context, routeContext);
    const { user } = signedIn;
    const credentialId = context.req.param('id');
    if (!isCredentialId(credentialId)) throw unknownPasskey();
    await database.transaction(async (transaction) => {
      await lockUser(transaction, user.id);
      const credentialIds = await listCredentialIds(transaction, user.id);
      if (!credentialIds.includes(credentialId)) throw unknownPasskey();
      if (credentialIds.length === 1) {
        throw new Problem('last-passkey', 'This is the account’s only passkey; add another one first.');
      }
      // Checked last, so the user is only asked to verify for a removal that will then succeed.
      requireRecentVerification(signedIn, config);
      await deleteCredential(transaction, user.id, credentialId);
    });
    return context.body(null, 204);
  });
}
