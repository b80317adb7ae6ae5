// <passkey-login> against WebAuthn servers built with libraries nobody here wrote, each written the
// way that library's docs show, each started as a child process, driven in Chromium with the
// virtual authenticator, configured as docs/backends.md says (test/e2e/foreign/recipes.ts).
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, openPasskeyPage } from './chromium.ts';
import { runForeignJourney, type ForeignServerTraits } from './foreign/journey.ts';
import { buildForeignPage, selfSignedCertificate, startForeignServer, type ForeignServer } from './foreign/servers.ts';

interface Case extends ForeignServerTraits {
  name: string;
  script: string;
  https?: boolean;
}

const cases: Case[] = [
  {
    name: '@simplewebauthn/server, the example server\'s pattern (express-session, one challenge per session)',
    script: 'simplewebauthn-server.ts',
    recipe: 'simplewebauthn',
    loginOptionsPath: '/generate-authentication-options',
    identifierOptions: true,
    replaceChallenge: (page: Page) => requestFromPage(page, 'GET', '/generate-authentication-options'),
  },
  {
    name: 'passport + passport-fido2-webauthn, the "todos" example\'s routes',
    script: 'passport-server.ts',
    recipe: 'passport',
    loginOptionsPath: '/login/public-key/challenge',
    identifierOptions: false,
    signOutPath: '/logout',
    replaceChallenge: (page: Page) => requestFromPage(page, 'POST', '/login/public-key/challenge'),
  },
  {
    name: 'python-fido2 0.9 (Debian) with Flask, the example server\'s CBOR API, over https',
    script: 'python_fido2_server.py',
    https: true,
    recipe: 'python-fido2',
    loginOptionsPath: '/api/authenticate/begin',
    identifierOptions: true,
    replaceChallenge: (page: Page) => requestFromPage(page, 'POST', '/api/authenticate/begin'),
  },
];

/** A request from the page's origin with its cookies, as another tab of the same site would send it. */
async function requestFromPage(page: Page, method: string, path: string): Promise<void> {
  const status = await page.evaluate(`fetch(${JSON.stringify(path)}, { method: ${JSON.stringify(method)}, credentials: 'include' }).then((response) => response.status)`);
  if (status !== 200) throw new Error(`${method} ${path} from the page answered ${String(status)}`);
}

let page: Awaited<ReturnType<typeof buildForeignPage>>;
let certificate: ReturnType<typeof selfSignedCertificate>;
let browser: Browser;

before(async () => {
  page = await buildForeignPage();
  certificate = selfSignedCertificate(page.dir);
  browser = await launchChromium([`--ignore-certificate-errors-spki-list=${certificate.spkiHash}`]);
});

after(async () => {
  await browser?.close();
  page?.remove();
});

for (const serverCase of cases) {
  describe(serverCase.name, () => {
    let server: ForeignServer;

    before(async () => {
      server = await startForeignServer(serverCase.script, { PAGE_DIR: page.dir, TLS_CERT: certificate.cert, TLS_KEY: certificate.key }, { https: serverCase.https ?? false });
    });

    after(async () => {
      await server?.stop();
    });

    test('sign up, sign out, a refused stale challenge, the passkey button, identifier-first, an unknown address', async () => {
      const { context, page: tab, authenticator } = await openPasskeyPage(browser, server.origin);
      try {
        await runForeignJourney(tab, authenticator, serverCase);
      } catch (error) {
        throw new Error(`${(error as Error).message}\n--- server output ---\n${server.output()}`, { cause: error });
      } finally {
        await context.close();
      }
    });
  });
}
