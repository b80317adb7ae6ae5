import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import type { PasskeyBackend, PasskeyProfile } from '../../src/index.ts';
import type { Account } from '../../src/core/backend.ts';
import { en } from '../../src/i18n/en-profile.ts';
import ar from '../../src/i18n/ar.ts';
import fr from '../../src/i18n/fr.ts';
import { LoginHarness, ProfileHarness, signOutEverywhere, uniqueEmail } from '../support/login-harness.ts';
import { VirtualAuthenticator } from '../support/webauthn.ts';

const api = '/api/passkeys';
const today = (lang: string) => new Intl.DateTimeFormat(lang, { dateStyle: 'medium' }).format(new Date());

async function profileIn(lang: string, backend?: PasskeyBackend): Promise<ProfileHarness> {
  const element = await fixture<PasskeyProfile>(html`<passkey-profile api=${api} lang=${lang} .backend=${backend}></passkey-profile>`);
  return new ProfileHarness(element);
}

describe('copy after a real registration', () => {
  let authenticator: VirtualAuthenticator;

  beforeEach(async () => {
    authenticator = await VirtualAuthenticator.add();
    await signOutEverywhere();
  });

  afterEach(async () => {
    await authenticator.remove();
  });

  it('says "Passkey created" and where it lives once the sheet closes', async () => {
    const login = await LoginHarness.create({ mode: 'signup' });
    await login.signUp(uniqueEmail());
    const done = login.root.querySelector('.done')!;
    expect(done.querySelector('strong')!.textContent).to.equal(en.passkeyCreated);
    // The virtual authenticator is not backup eligible: the passkey lives on this device.
    expect(done.textContent!.trim()).to.equal(`${en.passkeyCreated}${en.passkeySavedTo.device}`);
    expect(login.announcement()).to.equal(`${en.passkeyCreated} ${en.passkeySavedTo.device}`);
  });

  it("names the card in the user's language and joins its facts as a French list, with no contradicting badge", async () => {
    const login = await LoginHarness.create({ mode: 'signup' });
    await login.signUp(uniqueEmail());
    login.element.remove();

    const profile = await profileIn('fr');
    await profile.waitForHeading(fr.passkeysTitle);
    // The virtual authenticator's AAGUID is all zeros: no provider, so the French default name.
    const card = profile.passkeyCard(fr.defaultPasskeyName);
    expect(card.querySelector('[part="passkey-provider"]')).to.equal(null);
    expect(card.querySelector('svg[part="passkey-icon"]')!.getAttribute('data-kind')).to.equal('device');
    const meta = card.querySelector('.meta')!.textContent!.replace(/\s+/g, ' ').trim();
    // Signed up a moment ago: used for this sign-in, so "dernière utilisation maintenant", never "pas encore utilisée".
    expect(meta).to.match(new RegExp(`^${fr.locations.device}, ${fr.created(today('fr'))}, dernière utilisation (maintenant|il y a \\d+ secondes?) ${fr.usedForThisSession}$`));
    expect(meta).not.to.contain(fr.lastUsed(null));
  });

  it('keeps the email address left to right in the Arabic profile', async () => {
    const login = await LoginHarness.create({ mode: 'signup' });
    const email = await login.signUp(uniqueEmail());
    login.element.remove();

    const profile = await profileIn('ar');
    await profile.waitForHeading(ar.passkeysTitle);
    expect(profile.element.getAttribute('dir')).to.equal('rtl');
    const shown = [...profile.root.querySelectorAll('bdi')].find((bdi) => bdi.textContent === email);
    expect(shown, 'the address in a <bdi>').to.exist;
    expect(shown!.getAttribute('dir')).to.equal('ltr');
    expect(getComputedStyle(shown!).direction).to.equal('ltr');
  });
});

describe('copy of the sign-in and sign-up screens', () => {
  beforeEach(() => signOutEverywhere());

  it('answers "What is a passkey?" on the sign-in and the sign-up screen', async () => {
    const login = await LoginHarness.create();
    for (const heading of [en.signInTitle, en.signUpTitle]) {
      await login.waitForHeading(heading);
      const details = login.root.querySelector<HTMLDetailsElement>('details[part="explainer"]')!;
      expect(details.querySelector('summary')!.textContent).to.equal(en.whatIsAPasskey);
      expect(details.open).to.equal(false);
      details.querySelector('summary')!.click();
      await waitUntil(() => details.open, 'the explanation opens');
      expect(details.querySelector('p')!.textContent).to.equal(en.passkeyExplained);
      if (heading === en.signInTitle) await login.click(en.createAccount);
    }
  });

  it('asks for the email address or the username by its own name when the field is empty', async () => {
    const byEmail = await LoginHarness.create();
    await byEmail.click(en.continue);
    await waitUntil(() => byEmail.alert() !== '', 'no error shown');
    expect(byEmail.alert()).to.equal(en.fieldErrors['email-missing']);
    byEmail.element.remove();

    const byUsername = await LoginHarness.create({ identifier: 'username' });
    await byUsername.click(en.continue);
    await waitUntil(() => byUsername.alert() !== '', 'no error shown');
    expect(byUsername.alert()).to.equal(en.fieldErrors['username-missing']);
    await byUsername.fill(en.usernameLabel, 'A!');
    await byUsername.click(en.continue);
    await waitUntil(() => byUsername.alert() === en.fieldErrors['username-invalid'], `alert: ${byUsername.alert()}`);
  });
});

describe('passkey cards from the AAGUID data', () => {
  // The reference server maps AAGUIDs to providers (server tests); here a backend hands the element what it would send.
  const google = 'ea9b8d66-4d01-1d21-3ce4-b6b48cb575d4';
  const account: Account = {
    rpId: 'localhost',
    user: { id: 'u1', identifier: 'ada@example.com', displayName: 'Ada', email: 'ada@example.com', emailVerified: true, createdAt: '2026-01-01T00:00:00Z' },
    passkeys: [
      { id: 'p1', name: 'Google Password Manager', named: false, aaguid: google, provider: 'Google Password Manager', createdAt: '2026-03-03T09:00:00Z', lastUsedAt: null, location: 'synced', current: true },
      { id: 'p2', name: 'Work phone', named: true, aaguid: google, provider: 'Google Password Manager', createdAt: '2026-02-01T09:00:00Z', lastUsedAt: null, location: 'synced', current: false },
      { id: 'p3', name: 'YubiKey', aaguid: '00000000-0000-0000-0000-000000000000', createdAt: '2026-01-05T09:00:00Z', lastUsedAt: null, location: 'security-key', current: false },
    ],
    sessions: [{ id: 's1', browser: 'Chrome', os: 'macOS', createdAt: '2026-03-03T09:00:00Z', lastActiveAt: '2026-03-03T09:00:00Z', current: true }],
  };
  const backend = { account: async () => structuredClone(account) } as unknown as PasskeyBackend;

  it('shows the provider as the name, under a name the user chose, and an icon per kind', async () => {
    const profile = await profileIn('en', backend);
    await profile.waitForHeading(en.passkeysTitle);
    expect(profile.passkeyNames()).to.deep.equal(['Google Password Manager', 'Work phone', 'YubiKey']);
    expect(profile.passkeyCard('Google Password Manager').querySelector('[part="passkey-provider"]')).to.equal(null);
    expect(profile.passkeyCard('Work phone').querySelector('[part="passkey-provider"]')!.textContent).to.equal(en.savedIn('Google Password Manager'));
    expect(profile.passkeyCard('YubiKey').querySelector('svg[part="passkey-icon"]')!.getAttribute('data-kind')).to.equal('security-key');
    expect(profile.passkeyCard('Work phone').textContent).to.contain(en.lastUsed(null));
    expect(profile.passkeyCard('Google Password Manager').textContent, 'the current one was used for this sign-in').not.to.contain(en.lastUsed(null));
  });
});
