/**
 * The reference API on another origin than the page (another port of localhost: the same site,
 * as `auth.example.com` is to `app.example.com`). The elements' requests are CORS-simple, so the
 * browser sends no OPTIONS preflight: the API's own log of what it received shows it.
 */
import { expect, waitUntil } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import { createRestBackend } from '../../src/index.ts';
import { LoginHarness, signOutEverywhere, uniqueEmail } from '../support/login-harness.ts';
import type { ReceivedRequest } from '../support/cross-origin-api.ts';
import { VirtualAuthenticator } from '../support/webauthn.ts';

const apiOrigin = await executeServerCommand<string, undefined>('cross-origin:origin');
const api = `${apiOrigin}/api/passkeys`;
// The same accounts under other paths: URLs no earlier test called, so no cached preflight could hide one.
const freshApi = `${apiOrigin}/api-strict/passkeys`;

/** What the cross-origin API received since the last call, as `METHOD path` relative to the API. */
async function received(): Promise<string[]> {
  const requests = await executeServerCommand<ReceivedRequest[], undefined>('cross-origin:requests');
  return requests.map(({ method, path }) => `${method} ${path.replace(/^\/api(-[a-z]+)?\/passkeys/, '')}`);
}

/** Waits until the API has received `request`; returns everything received meanwhile. */
async function waitForReceived(request: string): Promise<string[]> {
  const seen: string[] = [];
  await waitUntil(async () => {
    seen.push(...(await received()));
    return seen.includes(request);
  }, `the API never received ${request}`);
  return seen;
}

describe('<passkey-login> with the API on another origin', () => {
  let authenticator: VirtualAuthenticator;

  beforeEach(async () => {
    authenticator = await VirtualAuthenticator.add();
    await signOutEverywhere();
    await received();
  });

  afterEach(async () => {
    await authenticator.remove();
  });

  /** Signs up through the cross-origin API and signs out (on the page's own origin: the cookie is the site's). */
  async function signUpAcross(displayName: string): Promise<string> {
    const setup = await LoginHarness.create({ api, mode: 'signup' });
    const identifier = await setup.signUp(uniqueEmail(), displayName);
    setup.element.remove();
    await signOutEverywhere();
    return identifier;
  }

  it('signs up with no preflight: options and verify, nothing else', async () => {
    const login = await LoginHarness.create({ api, mode: 'signup' });
    // The form is drawn before the session check answers: that check comes before the user acts.
    await waitForReceived('GET /session');
    await login.signUp(uniqueEmail(), 'Ada Lovelace');
    expect(await received()).to.deep.equal(['POST /register/options', 'POST /register/verify']);
    // The session cookie was set across origins and is the site's.
    const session = await (await fetch(`${api}/session`, { credentials: 'include' })).json();
    expect(session.user.displayName).to.equal('Ada Lovelace');
  });

  it('signs in usernameless on a first visit: no OPTIONS ever, one request after the click', async () => {
    await signUpAcross('Grace Hopper');
    const login = await LoginHarness.create({ api });
    const beforeClick = await waitForReceived('POST /login/options');
    await login.click('Sign in with a passkey');
    await login.waitForHeading('Welcome, Grace Hopper');
    const afterClick = await received();

    expect(afterClick).to.deep.equal(['POST /login/verify']);
    expect([...beforeClick, ...afterClick].filter((request) => request.startsWith('OPTIONS'))).to.deep.equal([]);
    expect(login.eventTypes()).to.deep.equal(['passkey-signed-in']);
  });

  it('signs in identifier-first with no OPTIONS', async () => {
    const identifier = await signUpAcross('Katherine Johnson');
    const login = await LoginHarness.create({ api: freshApi });
    await login.fill('Email', identifier);
    const beforeClick = await received();
    await login.click('Continue');
    await login.waitForHeading('Welcome, Katherine Johnson');
    const afterClick = await received();

    // The options for the identifier may come while it is typed or after the click; the verification only after it.
    expect(afterClick.at(-1)).to.equal('POST /login/verify');
    expect([...beforeClick, ...afterClick].filter((request) => request.startsWith('POST /login/options')).length).to.be.at.least(1);
    expect([...beforeClick, ...afterClick].filter((request) => request.startsWith('OPTIONS'))).to.deep.equal([]);
  });

  it('still works with configured headers, through a preflight that names them', async () => {
    await signUpAcross('Mary Jackson');
    const backend = createRestBackend({ baseUrl: api, headers: { 'x-csrf-token': 'from-the-host-app' } });
    const login = await LoginHarness.create({ backend });
    const requests = await executeServerCommand<ReceivedRequest[], undefined>('cross-origin:requests');
    await login.click('Sign in with a passkey');
    await login.waitForHeading('Welcome, Mary Jackson');
    requests.push(...(await executeServerCommand<ReceivedRequest[], undefined>('cross-origin:requests')));

    const preflights = requests.filter((request) => request.method === 'OPTIONS');
    expect(preflights.length).to.be.at.least(1);
    for (const preflight of preflights) expect(preflight.requestedHeaders).to.contain('x-csrf-token');
    expect(requests.filter((request) => request.method === 'POST').map((request) => request.path)).to.include('/api/passkeys/login/verify');
  });
});
