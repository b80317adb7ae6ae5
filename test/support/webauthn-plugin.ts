import type { TestRunnerPlugin } from '@web/test-runner';
import type { CDPSession, Page } from 'playwright-core';

/**
 * Test-runner commands over the Chrome DevTools `WebAuthn` domain: a software authenticator per
 * test page, so that navigator.credentials.create() and get() really run.
 */
export function webauthnPlugin(): TestRunnerPlugin {
  const sessions = new Map<string, Promise<CDPSession>>();

  function cdpFor(page: Page, sessionId: string) {
    let cdp = sessions.get(sessionId);
    if (!cdp) {
      cdp = page.context().newCDPSession(page).then(async (session) => {
        await session.send('WebAuthn.enable', { enableUI: false });
        return session;
      });
      sessions.set(sessionId, cdp);
    }
    return cdp;
  }

  return {
    name: 'webauthn',
    async executeCommand({ command, payload, session }) {
      if (!command.startsWith('webauthn:')) return undefined;
      const browser = session.browser as unknown as { getPage(id: string): Page };
      const cdp = await cdpFor(browser.getPage(session.id), session.id);
      const args = (payload ?? {}) as Record<string, unknown>;
      switch (command) {
        case 'webauthn:add-authenticator': {
          const options = {
            protocol: 'ctap2', ctap2Version: 'ctap2_1', transport: 'internal', hasResidentKey: true,
            hasUserVerification: true, isUserVerified: true, automaticPresenceSimulation: true, ...args,
          };
          const { authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', { options: options as never });
          return authenticatorId;
        }
        case 'webauthn:remove-authenticator':
          await cdp.send('WebAuthn.removeVirtualAuthenticator', { authenticatorId: String(args.authenticatorId) });
          return true;
        case 'webauthn:set-user-verified':
          await cdp.send('WebAuthn.setUserVerified', { authenticatorId: String(args.authenticatorId), isUserVerified: Boolean(args.isUserVerified) });
          return true;
        case 'webauthn:set-presence':
          await cdp.send('WebAuthn.setAutomaticPresenceSimulation', { authenticatorId: String(args.authenticatorId), enabled: Boolean(args.enabled) });
          return true;
        case 'webauthn:credentials': {
          const { credentials } = await cdp.send('WebAuthn.getCredentials', { authenticatorId: String(args.authenticatorId) });
          return credentials.map(({ credentialId, rpId, userHandle, signCount, isResidentCredential, userName, userDisplayName }) => ({
            credentialId, rpId, userHandle, signCount, isResidentCredential, userName, userDisplayName,
          }));
        }
        default:
          throw new Error(`Unknown command ${command}`);
      }
    },
  };
}
