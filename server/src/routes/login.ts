import { generateAuthenticationOptions } from '@simplewebauthn/server';
import type { Hono } from 'hono';
import { readJsonBody } from '../http.ts';
import { Problem } from '../problem.ts';
import { setSessionCookie } from '../session-cookie.ts';
import { consumeChallenge, saveChallenge } from '../store/challenges.ts';
import { findCredentialWithUser, listCredentialIds, recordCredentialUse } from '../store/credentials.ts';
import { createSession } from '../store/sessions.ts';
import { findUserByIdentifier, publicUser } from '../store/users.ts';
import {
  normaliseIdentifier,
  optionalString,
  parseAuthenticationResponse,
  readClientData,
  requireObject,
} from '../validate.ts';
import { ceremonyTimeoutMs, userAgentOf, verifyAssertion } from './context.ts';
import type { RouteContext } from './context.ts';

/** Sign-in: POST /login/options and POST /login/verify. */
export function loginRoutes(api: Hono, { config, database }: RouteContext): void {
  api.post('/login/options', async (context) => {
    const body = requireObject(await readJsonBody(context.req), 'The body');
    const rawIdentifier = optionalString(body, 'identifier');

    let userId: string | undefined;
    let allowCredentials: Array<{ id: string }> | undefined;
    if (rawIdentifier !== undefined) {
      const user = await findUserByIdentifier(database, normaliseIdentifier(rawIdentifier));
      if (user === undefined) throw new Problem('unknown-user', 'No account has this identifier.');
      userId = user.id;
      // No transports: some passkey managers misroute requests that carry them.
      allowCredentials = (await listCredentialIds(database, user.id)).map((id) => ({ id }));
    }

    const options = await generateAuthenticationOptions({
      rpID: config.rpId,
      allowCredentials,
      timeout: ceremonyTimeoutMs,
      userVerification: 'required',
    });
    await saveChallenge(database, { challenge: options.challenge, purpose: 'login', userId, ttlMs: config.challengeTtlMs });
    return context.json(options);
  });

  api.post('/login/verify', async (context) => {
    const response = parseAuthenticationResponse(await readJsonBody(context.req));
    const clientData = readClientData(response.response.clientDataJSON, 'webauthn.get', config.origins);
    const challenge = await consumeChallenge(database, clientData.challenge, 'login');

    const found = await findCredentialWithUser(database, response.id);
    if (found === undefined) {
      // The id lets the client tell the authenticator to forget the passkey (signalUnknownCredential).
      throw new Problem('unknown-credential', 'This passkey is not registered here.', {
        extensions: { credentialId: response.id },
      });
    }
    const { credential, user } = found;
    if (challenge.userId !== null && challenge.userId !== user.id) {
      throw new Problem('challenge-invalid', 'The challenge was issued for another account.');
    }
    const authenticationInfo = await verifyAssertion(response, challenge.challenge, found, config);

    const token = await database.transaction(async (transaction) => {
      await recordCredentialUse(transaction, credential.id, {
        counter: authenticationInfo.newCounter,
        backedUp: authenticationInfo.credentialBackedUp,
      });
      return createSession(transaction, {
        userId: user.id,
        credentialId: credential.id,
        userAgent: userAgentOf(context.req.header('user-agent')),
        ttlMs: config.sessionTtlMs,
      });
    });
    setSessionCookie(context, config, token);
    return context.json({ user: publicUser(user) });
  });
}
