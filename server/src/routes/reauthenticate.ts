import { generateAuthenticationOptions } from '@simplewebauthn/server';
import type { Hono } from 'hono';
import { readJsonBody } from '../http.ts';
import { Problem } from '../problem.ts';
import { consumeChallenge, saveChallenge } from '../store/challenges.ts';
import { findCredentialWithUser, listCredentialIds, recordCredentialUse } from '../store/credentials.ts';
import { markSessionVerified } from '../store/sessions.ts';
import { parseAuthenticationResponse, readClientData, requireNoBodyOrObject } from '../validate.ts';
import { ceremonyTimeoutMs, verifyAssertion } from './context.ts';
import type { RouteContext } from './context.ts';
import { requireSignedIn } from './signed-in.ts';

/** Re-authentication: a fresh passkey verification by the signed-in user, recorded on the session. */
export function reauthenticateRoutes(api: Hono, routeContext: RouteContext): void {
  const { config, database } = routeContext;

  api.post('/reauthenticate/options', async (context) => {
    const { user } = await requireSignedIn(context, routeContext);
    requireNoBodyOrObject(await readJsonBody(context.req));
    const options = await generateAuthenticationOptions({
      rpID: config.rpId,
      // No transports: some passkey managers misroute requests that carry them.
      allowCredentials: (await listCredentialIds(database, user.id)).map((id) => ({ id })),
      timeout: ceremonyTimeoutMs,
      userVerification: 'required',
    });
    await saveChallenge(database, {
      challenge: options.challenge,
      purpose: 'reauthenticate',
      userId: user.id,
      ttlMs: config.challengeTtlMs,
    });
    return context.json(options);
  });

  api.post('/reauthenticate/verify', async (context) => {
    const { user, session } = await requireSignedIn(context, routeContext);
    const response = parseAuthenticationResponse(await readJsonBody(context.req));
    const clientData = readClientData(response.response.clientDataJSON, 'webauthn.get', config.origins);
    const challenge = await consumeChallenge(database, clientData.challenge, 'reauthenticate');
    if (challenge.userId !== user.id) {
      throw new Problem('challenge-invalid', 'The challenge was issued for another account.');
    }

    // Someone else's passkey, even a valid one, says nothing about who holds this session.
    const found = await findCredentialWithUser(database, response.id);
    if (found === undefined || found.user.id !== user.id) {
      throw new Problem('verification-failed', 'This is not a passkey of the signed-in account.');
    }
    const { credential } = found;
    const authenticationInfo = await verifyAssertion(response, challenge.challenge, found, config);

    const verifiedAt = await database.transaction(async (transaction) => {
      await recordCredentialUse(transaction, credential.id, {
        counter: authenticationInfo.newCounter,
        backedUp: authenticationInfo.credentialBackedUp,
      });
      const verifiedAt = await markSessionVerified(transaction, session.tokenHash);
      if (verifiedAt === undefined) throw new Problem('not-signed-in', 'The session ended meanwhile.');
      return verifiedAt;
    });
    return context.json({ verifiedAt: verifiedAt.toISOString() });
  });
}
