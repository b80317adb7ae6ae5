import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Passkey } from '../../src/core/backend.ts';
import { whereSaved } from '../../src/core/where-saved.ts';
import { en, type Translation } from '../../src/i18n/en-profile.ts';
import { relativeTime } from '../../src/i18n/relative-time.ts';
import { identifierError } from '../../src/login/login-views.ts';
import { passkeyFacts, passkeyTitle, providerLine } from '../../src/profile/passkey-card.ts';

const now = Date.parse('2026-03-10T12:00:00Z');
const passkey = (fields: Partial<Passkey> = {}): Passkey => ({
  id: 'a', name: 'Passkey', named: false, aaguid: '00000000-0000-0000-0000-000000000000', provider: null,
  createdAt: '2026-03-03T09:00:00Z', lastUsedAt: '2026-03-09T12:00:00Z', location: 'synced', current: false, ...fields,
});
const relative = (lang: string) => (iso: string) => relativeTime(iso, lang, now);

async function language(module: string): Promise<Translation> {
  return ((await import(`../../src/i18n/${module}.ts`)) as { default: Translation }).default;
}

describe('the passkey card', () => {
  it('names a passkey the user has not named after its provider, else "Passkey" in the language shown', async () => {
    const french = await language('fr');
    assert.equal(passkeyTitle(passkey({ provider: 'iCloud Keychain' }), en), 'iCloud Keychain');
    assert.equal(passkeyTitle(passkey(), en), 'Passkey');
    assert.equal(passkeyTitle(passkey(), french), 'Clé d’accès');
    assert.equal(passkeyTitle(passkey({ name: 'Work laptop', named: true, provider: 'Windows Hello' }), french), 'Work laptop');
    // A backend that does not say whether the name is the user's: its name as it is.
    assert.equal(passkeyTitle(passkey({ name: 'YubiKey', named: undefined }), french), 'YubiKey');
  });

  it('shows the provider under a name the user chose, and not twice when the name is the provider', () => {
    assert.equal(providerLine(passkey({ name: 'Work laptop', named: true, provider: 'Google Password Manager' }), en), 'Saved in Google Password Manager');
    assert.equal(providerLine(passkey({ provider: 'Google Password Manager' }), en), undefined);
    assert.equal(providerLine(passkey({ name: 'Work laptop', named: true }), en), undefined);
  });

  it('joins where it lives, the creation date and the last use as the language joins a list', async () => {
    assert.equal(passkeyFacts(passkey(), en, 'en', relative('en')), 'On your devices, created Mar 3, 2026, last used yesterday');
    const german = await language('de');
    assert.equal(passkeyFacts(passkey({ location: 'security-key' }), german, 'de', relative('de')), 'Auf einem Sicherheitsschlüssel, erstellt am 03.03.2026 und zuletzt verwendet gestern');
    const chinese = await language('zh-Hans');
    assert.equal(passkeyFacts(passkey(), chinese, 'zh-Hans', relative('zh-Hans')), '在您的设备上、创建于 2026年3月3日、上次使用：昨天');
    const arabic = await language('ar');
    const facts = passkeyFacts(passkey({ location: 'device' }), arabic, 'ar', relative('ar'));
    assert.ok(facts.startsWith(arabic.locations.device), facts);
    assert.ok(!/[a-z]/i.test(facts), `no English left: ${facts}`);
    assert.match(facts, / و/, 'joined with the Arabic "and"');
  });

  it('says "not used yet" only when no badge says it was used for this sign-in', () => {
    assert.equal(passkeyFacts(passkey({ lastUsedAt: null }), en, 'en', relative('en')), 'On your devices, created Mar 3, 2026, not used yet');
    // Just signed up with it: the server has no use on record, but this session began with it.
    const signedUp = passkey({ lastUsedAt: null, current: true, createdAt: '2026-03-10T11:58:00Z' });
    assert.equal(passkeyFacts(signedUp, en, 'en', relative('en'), '2026-03-10T11:58:00Z'), 'On your devices, created Mar 10, 2026, last used 2 minutes ago');
  });

  it('describes where a passkey lives without "this device", which depends on where the page is viewed', async () => {
    for (const module of ['ar', 'de', 'es', 'fr', 'it', 'nl', 'pl', 'pt-BR', 'zh-Hans']) {
      const translation = await language(module);
      assert.doesNotMatch(translation.locations.device, /\b(this|diesem|cet|este|questo|dit|tym)\b|此|هذا/i, module);
    }
    assert.doesNotMatch(en.locations.device, /this device/i);
  });
});

describe('emails in right-to-left sentences', () => {
  it('keeps every value of an Arabic sentence in its own direction (first-strong isolates)', async () => {
    const arabic = await language('ar');
    const email = 'ada@example.com';
    for (const text of [arabic.noAccountFor(email), arabic.noPasskeyFor(email), arabic.signedInAs(email), arabic.codeSent(email), arabic.codeResent(email), arabic.recoveryCodesFileAccount(email), arabic.savedIn('iCloud Keychain')]) {
      assert.match(text, /\u2068[^\u2069]+\u2069/, text);
    }
    assert.ok(arabic.codeSent(email).includes(`\u2068${email}\u2069`));
  });
});

describe('the field in its own word', () => {
  it('asks for the email address or the username, and says "Enter" when the field is empty', () => {
    assert.equal(identifierError('invalid-identifier', '  ', 'email'), 'email-missing');
    assert.equal(identifierError('invalid-identifier', 'ada@', 'email'), 'email-invalid');
    assert.equal(identifierError('invalid-identifier', '', 'username'), 'username-missing');
    assert.equal(identifierError('identifier-taken', 'ada', 'username'), 'username-taken');
    assert.equal(identifierError('network', 'ada', 'username'), undefined);
    assert.equal(en.fieldErrors['email-missing'], 'Enter your email address.');
    for (const text of [...Object.values(en.fieldErrors), ...Object.values(en.errors), ...Object.values(en.errorTitles)]) assert.doesNotMatch(text, /identifier/i, text);
  });
});

describe('where a new passkey lives', () => {
  /** Authenticator data: a 32-byte RP ID hash, the flags, a counter. */
  const data = (flags: number) => Buffer.concat([Buffer.alloc(32), Buffer.from([flags]), Buffer.alloc(4)]).toString('base64url');
  const response = (flags: number | undefined, attachment?: 'platform' | 'cross-platform') => ({
    id: 'a', rawId: 'a', type: 'public-key' as const, clientExtensionResults: {},
    ...(attachment && { authenticatorAttachment: attachment }),
    response: { clientDataJSON: '', attestationObject: '', ...(flags !== undefined && { authenticatorData: data(flags) }) },
  });

  it('reads backup eligibility and the attachment from the browser answer', () => {
    assert.equal(whereSaved(response(0x45 | 0x08 | 0x10, 'platform')), 'synced');
    assert.equal(whereSaved(response(0x45 | 0x08, 'cross-platform')), 'synced', 'a phone over hybrid syncs');
    assert.equal(whereSaved(response(0x45, 'cross-platform')), 'security-key');
    assert.equal(whereSaved(response(0x45, 'platform')), 'device');
    assert.equal(whereSaved(response(undefined, 'platform')), undefined);
  });
});
