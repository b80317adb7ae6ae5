// <passkey-login> and <passkey-profile> on the demo, whose backend runs on a hosted Passkey API
// tenant (a local stand-in of it with real WebAuthn behind it): the elements are unchanged, the
// server speaks our protocol, and the tenant does the WebAuthn work.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { startHostedApiStandIn, type HostedApiStandIn } from '../../server/test/helpers/hosted-api-stand-in.ts';
import { launchChromium, openPasskeyPage } from './chromium.ts';
import { runPasskeyJourney } from './journey.ts';
import { startDevServer, type RunningApp } from './servers.ts';

const repositoryRoot = fileURLToPath(new URL('../../', import.meta.url));
const settings = ['WEBAUTHN_ENGINE', 'PASSKEY_API_TENANT_ID', 'PASSKEY_API_KEY', 'PASSKEY_API_URL'] as const;
const savedSettings = settings.map((name) => process.env[name]);

let tenant: HostedApiStandIn;
/** The origins the tenant accepts: the dev server's, once it listens. */
const tenantOrigins: string[] = [];
let app: RunningApp;
let browser: Browser;

before(async () => {
  tenant = await startHostedApiStandIn({ rpId: 'localhost', origins: tenantOrigins });
  // The backend reads its settings from the environment when the first API request comes.
  Object.assign(process.env, { WEBAUTHN_ENGINE: 'hosted-passkey-api', PASSKEY_API_TENANT_ID: tenant.tenantId, PASSKEY_API_KEY: tenant.apiKey, PASSKEY_API_URL: tenant.baseUrl });
  [app, browser] = await Promise.all([startDevServer(repositoryRoot), launchChromium()]);
  tenantOrigins.push(app.url);
});

after(async () => {
  await browser?.close();
  await app?.close();
  await tenant?.close();
  settings.forEach((name, index) => {
    if (savedSettings[index] === undefined) delete process.env[name];
    else process.env[name] = savedSettings[index];
  });
});

test('the demo on the hosted engine: sign up, sign out, sign in with the passkey button, the API key never in the page', async () => {
  const { context, page, authenticator } = await openPasskeyPage(browser, app.url);
  const answers: Promise<string>[] = [];
  page.on('response', (response) => {
    if (new URL(response.url()).pathname.startsWith('/api/')) answers.push(response.text().catch(() => ''));
  });
  try {
    const { credentialId, userId } = await runPasskeyJourney(page, authenticator);
    const atTenant = tenant.credentials.get(credentialId);
    assert.ok(atTenant, 'the tenant holds the passkey the browser created');
    assert.ok(atTenant.counter > 0, 'the tenant verified the sign-in');
    const finalized = tenant.requests.map((request) => request.path.split('/').slice(2).join('/'));
    assert.ok(finalized.includes('registration/finalize') && finalized.includes('login/finalize'), `the tenant got: ${finalized.join(', ')}`);
    assert.ok(userId !== '');
    const bodies = await Promise.all(answers);
    assert.ok(bodies.length >= 5, `${bodies.length} API answers seen`);
    for (const body of bodies) assert.equal(body.includes(tenant.apiKey), false, 'an API answer carried the tenant’s API key');
  } finally {
    await context.close();
  }
});
