import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import type { PasskeyLogin, PasskeyProfile } from '../../src/index.ts';
import { en } from '../../src/i18n/en-profile.ts';
import ar from '../../src/i18n/ar.ts';
import de from '../../src/i18n/de.ts';
import es from '../../src/i18n/es.ts';
import fr from '../../src/i18n/fr.ts';
import nl from '../../src/i18n/nl.ts';
import { ElementHarness, LoginHarness, ProfileHarness, signOutEverywhere, uniqueEmail } from '../support/login-harness.ts';
import { VirtualAuthenticator } from '../support/webauthn.ts';

const api = '/api/passkeys';

async function login(element: Promise<Element>): Promise<ElementHarness<PasskeyLogin>> {
  const found = await element;
  const login = found.localName === 'passkey-login' ? (found as PasskeyLogin) : found.querySelector('passkey-login')!;
  return new ElementHarness(login);
}

describe('languages', () => {
  let authenticator: VirtualAuthenticator;

  beforeEach(async () => {
    authenticator = await VirtualAuthenticator.add();
    await signOutEverywhere();
  });

  afterEach(async () => {
    document.documentElement.removeAttribute('lang');
    await authenticator.remove();
  });

  it('renders German for lang="de" on the element, and follows a change of that attribute', async () => {
    const element = await login(fixture(html`<passkey-login api=${api} lang="de" no-autofill></passkey-login>`));
    await element.waitForHeading(de.signInTitle);
    expect(element.buttonNames()).to.include(de.signInWithPasskey);
    expect(element.field(de.emailLabel)).to.exist;
    expect(element.element.getAttribute('dir')).to.equal('ltr');

    element.element.setAttribute('lang', 'es-MX');
    await element.waitForHeading(es.signInTitle);
    expect(element.buttonNames()).to.include(es.signInWithPasskey);
  });

  it('renders Arabic right to left for an ancestor lang="ar"', async () => {
    const element = await login(fixture(html`<div lang="ar"><passkey-login api=${api} no-autofill></passkey-login></div>`));
    await element.waitForHeading(ar.signInTitle);
    expect(element.element.getAttribute('dir')).to.equal('rtl');
    expect(getComputedStyle(element.element).direction).to.equal('rtl');
    expect(getComputedStyle(element.root.querySelector('h2')!).direction).to.equal('rtl');
    expect(element.buttonNames()).to.include(ar.signInWithPasskey);
    // Mirrored: the heading's text starts at the right edge of the element.
    const heading = element.root.querySelector('h2')!;
    const range = document.createRange();
    range.selectNodeContents(heading);
    const text = range.getBoundingClientRect();
    const box = heading.getBoundingClientRect();
    expect(box.right - text.right).to.be.lessThan(text.left - box.left);
  });

  it('follows the document language and a lang on an element outside its shadow root', async () => {
    document.documentElement.lang = 'nl';
    const element = await login(fixture(html`<passkey-login api=${api} no-autofill></passkey-login>`));
    await element.waitForHeading(nl.signInTitle);
    document.documentElement.lang = 'de';
    await element.waitForHeading(de.signInTitle);

    const outer = await fixture<HTMLDivElement>(html`<div lang="fr"><span></span></div>`);
    const shadow = outer.querySelector('span')!.attachShadow({ mode: 'open' });
    shadow.innerHTML = `<passkey-login api="${api}" no-autofill></passkey-login>`;
    const nested = new ElementHarness(shadow.querySelector('passkey-login')!);
    await nested.waitForHeading(fr.signInTitle);
  });

  it('renders English, left to right, for a language it does not ship, and a page dir stays as set', async () => {
    const element = await login(fixture(html`<passkey-login api=${api} lang="sv" dir="rtl" no-autofill></passkey-login>`));
    // Give a (wrong) load time to happen before checking that English stays.
    await new Promise((resolve) => setTimeout(resolve, 200));
    await element.waitForHeading(en.signInTitle);
    expect(element.buttonNames()).to.include(en.signInWithPasskey);
    expect(element.element.getAttribute('dir')).to.equal('rtl');

    const unset = await login(fixture(html`<div lang="he" dir="rtl"><passkey-login api=${api} lang="zh-TW" no-autofill></passkey-login></div>`));
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(unset.heading()).to.equal(en.signInTitle);
    expect(getComputedStyle(unset.element).direction).to.equal('ltr');
  });

  it('puts the strings property over the language, and shows an app language with English for what it lacks', async () => {
    const overridden = await login(fixture(html`<passkey-login api=${api} lang="fr" no-autofill .strings=${{ signInTitle: 'Bienvenue chez Acme', errors: { network: 'Hors ligne.' } }}></passkey-login>`));
    await waitUntil(() => overridden.buttonNames().includes(fr.signInWithPasskey), 'French did not load');
    expect(overridden.heading()).to.equal('Bienvenue chez Acme');

    const swedish = { sv: async () => ({ default: { signInTitle: 'Logga in', signInWithPasskey: 'Logga in med nyckel' } }) };
    const custom = await login(fixture(html`<passkey-login api=${api} lang="sv-SE" no-autofill .translations=${swedish}></passkey-login>`));
    await custom.waitForHeading('Logga in');
    expect(custom.buttonNames()).to.include('Logga in med nyckel');
    expect(custom.buttonNames()).to.include(en.continue);

    // An app's translation of a shipped language changes only what it names.
    custom.element.translations = { de: { signInTitle: 'Einloggen' } };
    custom.element.setAttribute('lang', 'de');
    await custom.waitForHeading('Einloggen');
    expect(custom.buttonNames()).to.include(de.signInWithPasskey);
  });

  it('shows the translated message for a server error, never the server text', async () => {
    const setup = await LoginHarness.create({ mode: 'signup' });
    const identifier = await setup.signUp(uniqueEmail());
    await setup.element.signOut();
    setup.element.remove();
    const response = await fetch(`${api}/register/options`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ identifier }) });
    const problem = (await response.json()) as { code: string; title: string; detail: string };
    expect(problem.code).to.equal('identifier-taken');

    const element = await login(fixture(html`<passkey-login api=${api} lang="de" mode="signup" no-autofill></passkey-login>`));
    await element.waitForHeading(de.signUpTitle);
    await element.fill(de.emailLabel, identifier);
    await element.click(de.createPasskey);
    await waitUntil(() => element.alert() !== '', 'no error shown');
    expect(element.alert()).to.equal(de.fieldErrors['email-taken'], "in the field's own word");
    expect(element.root.textContent).not.to.contain(problem.detail);
    expect(element.root.textContent).not.to.contain(problem.title);
    const reported = (await element.waitForEvent('passkey-error')).detail as { code: string; message: string };
    expect(reported).to.include({ code: 'identifier-taken', message: de.errors['identifier-taken'] });
  });

  it('localizes relative dates in the profile', async () => {
    const setup = await LoginHarness.create({ mode: 'signup' });
    await setup.signUp(uniqueEmail());
    setup.element.remove();

    const profile = new ProfileHarness(await fixture<PasskeyProfile>(html`<passkey-profile api=${api} lang="de"></passkey-profile>`));
    await profile.waitForHeading(de.passkeysTitle);
    const meta = profile.root.querySelector('[part="passkey-item"] .meta')!.textContent!.replace(/\s+/g, ' ');
    // One list in German: where it lives, the date it was created ("erstellt am 02.12.2026"), the last use ("jetzt", "vor 3 Sekunden").
    const created = de.created(new Intl.DateTimeFormat('de', { dateStyle: 'medium' }).format(new Date()));
    expect(meta).to.contain(`${de.locations.device}, ${created} und zuletzt verwendet `);
    expect(meta).to.match(/zuletzt verwendet (jetzt|vor \d+ Sekunden?)/);
    expect(meta).to.contain(de.usedForThisSession);
    expect(meta).not.to.contain(de.lastUsed(null));
    expect(profile.sessionItems()[0]!.textContent).to.contain(de.thisDevice);

    profile.element.setAttribute('lang', 'ar');
    await profile.waitForHeading(ar.passkeysTitle);
    const arabic = profile.root.querySelector('[part="passkey-item"] .meta')!.textContent!;
    expect(arabic).to.contain('أُنشئ');
    expect(arabic).to.match(/الآن|قبل/);
    expect(getComputedStyle(profile.element).direction).to.equal('rtl');
  });
});
