// Browser tests: real Chromium (Debian's, or CHROMIUM_PATH), the CDP virtual authenticator, and the
// reference backend mounted on the test server's origin with an in-memory PGlite database.
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { playwrightLauncher } from '@web/test-runner-playwright';
import { createPasskeyServer, nodeMiddleware } from './server/src/index.ts';
import { webauthnPlugin } from './test/support/webauthn-plugin.ts';
import { networkPlugin } from './test/support/network-plugin.ts';
import { testBackendMiddleware } from './test/support/test-backends.ts';
import { strictCspPageMiddleware } from './test/support/csp-page.ts';
import { createForeignBackend } from './test/support/foreign-backend.ts';
import { getRequestListener } from '@hono/node-server';
import { startMailSink } from './server/test/helpers/mail-sink.ts';
import { mailPlugin } from './test/support/mail-plugin.ts';
import { screenshotPlugin } from './test/support/screenshot-plugin.ts';
import { startCrossOriginApi } from './test/support/cross-origin-api.ts';
import { cookiePlugin } from './test/support/cookie-plugin.ts';
import { frameworksPlugin } from './test/support/frameworks-plugin.ts';
import { latestChallengeMiddleware } from './test/support/latest-challenge-backend.ts';

// TEST_PORT lets two checkouts run their browser tests side by side.
const port = Number(process.env.TEST_PORT ?? 8765);
const origin = `http://localhost:${port}`;
// Mail goes over real SMTP to this sink; tests read the codes from what it received (mail.ts).
const mailSink = await startMailSink();
const server = await createPasskeyServer({
  rpId: 'localhost',
  rpName: 'passkey-elements tests',
  origins: [origin],
  basePath: '/api/passkeys',
  challengeTtlMs: 5 * 60_000,
  sessionTtlMs: 24 * 60 * 60_000,
  smtpUrl: mailSink.url,
  mailFrom: 'passkey-elements tests <no-reply@localhost>',
  // Every test page is the same client (127.0.0.1): the per-client limits would count the whole suite.
  codeLimits: { perClient: { max: 10_000, windowMs: 600_000 }, triesPerClient: { max: 10_000, windowMs: 600_000 } },
  rateLimits: {
    perClient: { max: 100_000, windowMs: 600_000 },
    perAccount: { max: 10_000, windowMs: 600_000 },
    pendingChallengesPerClient: 100_000,
  },
});
// The same accounts behind a two-second re-authentication window: a test that waits that long
// sees every sensitive act ask for a fresh passkey check, as it would after five idle minutes.
const strictServer = await createPasskeyServer(
  { ...server.config, basePath: '/api-strict/passkeys', reauthWindowMs: 2_000 },
  { database: server.database },
);
// The same accounts under the other policies: sign-up starts with an email code; two factors.
const verifiedSignUpServer = await createPasskeyServer(
  { ...server.config, basePath: '/api-verified/passkeys', emailVerification: 'required' },
  { database: server.database },
);
const twoFactorServer = await createPasskeyServer(
  { ...server.config, basePath: '/api-twofactor/passkeys', signInPolicy: 'two-factor' },
  { database: server.database },
);
// One code request per client in four seconds, on a database of its own (its limits count nobody
// else's requests): the rate-limited screens, the wait shown and the action back once it is over.
const limitedServer = await createPasskeyServer({
  ...server.config,
  basePath: '/api-limited/passkeys',
  codeLimits: { ...server.config.codeLimits, perClient: { max: 1, windowMs: 4_000 } },
});
// Passkey ceremonies over a tight limit per client, on a database of their own for the same reason.
const throttledServer = await createPasskeyServer({
  ...server.config,
  basePath: '/api-throttled/passkeys',
  rateLimits: { ...server.config.rateLimits, perClient: { max: 3, windowMs: 4_000 } },
});
// A server set up for another page (a wrong port in ORIGINS), in development: what a newcomer meets.
const elsewhereServer = await createPasskeyServer(
  { ...server.config, basePath: '/api-elsewhere/passkeys', origins: [`http://localhost:${port + 1}`] },
  { database: server.database, development: true },
);
const apis = [server, strictServer, verifiedSignUpServer, twoFactorServer, limitedServer, throttledServer, elsewhereServer].map(nodeMiddleware);
// The same APIs on another origin of the same site, for the cross-origin tests (cross-origin.test.ts).
const crossOriginApi = await startCrossOriginApi(apis);

export default {
  files: 'test/browser/**/*.test.ts',
  nodeResolve: true,
  port,
  concurrency: 2,
  testFramework: { config: { timeout: 20_000 } },
  testsFinishTimeout: 10 * 60_000,
  plugins: [esbuildPlugin({ ts: true, target: 'es2022', tsconfig: './tsconfig.json' }), webauthnPlugin(), networkPlugin(), mailPlugin(mailSink), screenshotPlugin(), crossOriginApi.plugin, cookiePlugin(), frameworksPlugin()],
  middleware: [strictCspPageMiddleware(), testBackendMiddleware(apis, getRequestListener(createForeignBackend(origin).fetch)), latestChallengeMiddleware(origin)],
  browsers: [
    playwrightLauncher({
      product: 'chromium',
      launchOptions: {
        executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
        args: [
          '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-quic', '--no-first-run',
          '--disable-background-networking', '--disable-component-update', '--disable-sync',
          // A name other than localhost for the test server: a page there over plain http is not a secure context.
          '--host-resolver-rules=MAP lan.test localhost',
        ],
      },
    }),
  ],
};
