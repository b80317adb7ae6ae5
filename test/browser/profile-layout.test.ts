// The profile's structure against the reference backend: the sections a page picks and the heading
// level it asks for, the per-session "Sign out" names, the busy state of the button whose request
// runs, and the only passkey's Remove explained at its card.
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { startAuthentication, type PublicKeyCredentialRequestOptionsJSON } from '@simplewebauthn/browser';
import type { PasskeyProfile } from '../../src/index.ts';
import { createRestBackend } from '../../src/core/rest-backend.ts';
import { expectNoViolations } from '../support/a11y.ts';
import { LoginHarness, ProfileHarness, signOutEverywhere, uniqueEmail } from '../support/login-harness.ts';
import { VirtualAuthenticator } from '../support/webauthn.ts';

async function signUp(): Promise<string> {
  const login = await LoginHarness.create({ mode: 'signup' });
  const identifier = await login.signUp(uniqueEmail(), 'Ada Lovelace');
  login.element.remove();
  return identifier;
}

/** A session of another browser: requests without this page's cookies. */
async function signInElsewhere(identifier: string): Promise<void> {
  const post = (path: string, body: unknown) =>
    fetch(`/api/passkeys${path}`, { method: 'POST', credentials: 'omit', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  const optionsJSON = (await (await post('/login/options', { identifier })).json()) as PublicKeyCredentialRequestOptionsJSON;
  expect((await post('/login/verify', await startAuthentication({ optionsJSON }))).status).to.equal(200);
}

const sectionParts = (profile: ProfileHarness) =>
  [...profile.root.querySelectorAll('section')].map((section) => section.getAttribute('part')!.split(' ').find((part) => part !== 'section'));

describe('<passkey-profile>: layout, sections and heading levels', () => {
  let authenticator: VirtualAuthenticator;

  beforeEach(async () => {
    authenticator = await VirtualAuthenticator.add();
    await signOutEverywhere();
  });

  afterEach(async () => authenticator.remove());

  it('shows the account first and the danger zone last; `sections` and `heading-level` pick and place them', async () => {
    await signUp();
    const all = await ProfileHarness.create();
    await waitUntil(() => all.heading() === 'Your passkeys');
    expect(sectionParts(all)).to.deep.equal(['account-section', 'passkeys-section', 'sessions-section', 'activity-section', 'danger-zone']);
    expect([...all.root.querySelectorAll('section > h2')].map((heading) => heading.textContent?.trim())).to.deep.equal(
      ['Your account', 'Your passkeys', 'Where you are signed in', 'Recent security activity', 'Delete account'],
    );
    expect(all.root.querySelector('[part~="passkey-item"] h3')?.textContent?.trim()).to.not.equal('');
    all.element.remove();

    const element = await fixture<PasskeyProfile>(html`<passkey-profile api="/api/passkeys" sections="sessions passkeys" heading-level="3"></passkey-profile>`);
    const picked = new ProfileHarness(element);
    await waitUntil(() => picked.root.querySelector('section') !== null, 'expected the sections');
    // The page's choice, in the profile's own order.
    expect(sectionParts(picked)).to.deep.equal(['passkeys-section', 'sessions-section']);
    expect(picked.root.querySelector('h2')).to.equal(null);
    expect([...picked.root.querySelectorAll('section > h3')].map((heading) => heading.textContent?.trim())).to.deep.equal(['Your passkeys', 'Where you are signed in']);
    expect(picked.root.querySelectorAll('[part~="passkey-item"] h4, [part~="session-item"] h4').length).to.be.above(1);
    element.sections = 'sessions';
    await element.updateComplete;
    // Without the passkeys, the first section's heading is the one the focus goes to.
    expect(picked.heading()).to.equal('Where you are signed in');
    element.sections = 'sessions passkeys';
    await element.updateComplete;
    await expectNoViolations(picked, 'two sections at level 3');

    element.headingLevel = 9;
    element.sections = 'nothing-known';
    await element.updateComplete;
    // Out of range: level 6 at most; unknown names: every section, rather than an empty page.
    expect(picked.root.querySelectorAll('section > h6').length).to.equal(sectionParts(picked).length);
    expect(sectionParts(picked)).to.include('danger-zone');
  });

  it('names each "Sign out" after its session, and marks the button whose request runs as busy', async () => {
    const identifier = await signUp();
    await signInElsewhere(identifier);
    const rest = createRestBackend('/api/passkeys');
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const backend = { ...rest, revokeSession: async (...args: Parameters<typeof rest.revokeSession>) => (await held, rest.revokeSession(...args)) };
    const element = await fixture<PasskeyProfile>(html`<passkey-profile .backend=${backend}></passkey-profile>`);
    const profile = new ProfileHarness(element);
    await waitUntil(() => profile.sessionItems().length === 2, 'expected two sessions');
    const other = profile.sessionItems().find((item) => !item.textContent?.includes('This device'))!;
    const signOut = other.querySelector('button')!;
    const device = other.querySelector('h3')!.textContent!.trim();
    const [browser, os] = device.split(' · ');
    expect(signOut.getAttribute('aria-label')).to.equal(os ? `Sign out of ${browser} on ${os}` : `Sign out of ${browser}`);
    expect(signOut.textContent?.trim()).to.equal('Sign out');

    signOut.click();
    await waitUntil(() => signOut.getAttribute('aria-busy') === 'true', 'expected the pressed button to be busy');
    expect(signOut.disabled).to.equal(true);
    expect(getComputedStyle(signOut, '::before').content).to.equal('""');
    // Only the pressed one: the others are disabled, not busy.
    expect(profile.root.querySelectorAll('button[aria-busy="true"]').length).to.equal(1);
    await expectNoViolations(profile, 'signing a session out');
    release();
    await waitUntil(() => profile.sessionItems().length === 1, 'expected the session gone');
    expect(profile.root.querySelectorAll('button[aria-busy]').length).to.equal(0);
  });

  it('explains at the card why the only passkey cannot be removed, and asks with a question before removing another', async () => {
    await signUp();
    const profile = await ProfileHarness.create();
    const [only] = profile.passkeyNames();
    const card = profile.passkeyCard(only!);
    await profile.clickIn(card, 'Remove');
    const note = await waitUntil(() => card.querySelector('[role="alert"]'), 'expected the note at the card').then(() => card.querySelector('[role="alert"]')!);
    expect(note.textContent).to.contain('only passkey');
    expect(card.querySelector(`[aria-label="Remove ${only}"]`)!.getAttribute('aria-describedby')).to.equal(note.id);
    // Not at the top of the section as well.
    expect(profile.root.querySelectorAll('[role="alert"]').length).to.equal(1);
    await expectNoViolations(profile, 'the only passkey');

    await authenticator.remove();
    authenticator = await VirtualAuthenticator.add({ transport: 'usb' });
    await profile.click('Add a passkey');
    await waitUntil(() => profile.passkeyNames().length === 2, 'expected a second passkey');
    await profile.clickIn(profile.passkeyCard(only!), 'Remove');
    const dialog = profile.root.querySelector('dialog')!;
    expect(dialog.open).to.equal(true);
    const title = dialog.querySelector(`#${dialog.getAttribute('aria-labelledby')}`)!;
    expect(title.localName).to.equal('h2');
    expect(title.textContent?.trim()).to.equal(`Remove “${only}”?`);
    const remove = [...dialog.querySelectorAll('button')].find((button) => button.textContent?.trim() === 'Remove')!;
    expect(remove.getAttribute('part')).to.contain('danger-button');
    expect(remove.classList.contains('primary')).to.equal(true);
    await expectNoViolations(profile, 'confirm removing');
  });
});
