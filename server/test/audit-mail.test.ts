/**
 * Security notices over real SMTP: a passkey added or removed, new recovery codes, a sign-in with
 * an email code, a passkey sign-in on a new device, an email change (to the old address). Each
 * says what happened, when, on what, and what to do if it was not you.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Database } from '../src/index.ts';
import {
  codeSignInMail,
  emailChangedMail,
  newDeviceSignInMail,
  passkeyAddedMail,
  passkeyRemovedMail,
  recoveryCodesCreatedMail,
} from '../src/mail/compose.ts';
import { addPasskey, newestCredentialId, userAgents } from './helpers/account.ts';
import { SoftwareAuthenticator } from './helpers/authenticator.ts';
import { confirmCurrentEmail, expectNoMail, mailedCode, signUpWithCode } from './helpers/codes.ts';
import { TestClient, databaseTargets, expectJson, signIn, signUp, startServer, uniqueIdentifier } from './helpers/harness.ts';
import type { RunningServer } from './helpers/harness.ts';
import { hasCode, startMailSink, type MailSink, type ReceivedMail } from './helpers/mail-sink.ts';

const languages = ['en', 'ar', 'de', 'es', 'fr', 'it', 'nl', 'pl', 'pt', 'zh-Hans'];
const site = { rpName: 'Praxis Nord', rpId: 'praxis.example' };
const circumstances = { at: new Date('2026-03-01T08:30:00Z'), browser: 'Firefox', os: 'Windows' };

function notice(sink: MailSink, address: string, since: number): Promise<ReceivedMail> {
  return sink.waitFor(address, { since, matching: (mail) => !hasCode(mail) });
}

describe('security notices: content', () => {
  // Each notice in one language, with how many paragraphs it has: what, (its detail), when and on what, what to do.
  const noticesIn = (language?: string) => {
    const mail = { to: 'a@example.com', ...(language === undefined ? {} : { language }), ...circumstances };
    return [
      { mail: passkeyAddedMail(site, { ...mail, passkeyName: 'Work key' }), paragraphs: 4 },
      { mail: codeSignInMail(site, mail), paragraphs: 3 },
      { mail: emailChangedMail(site, { ...mail, newAddress: 'b@example.com' }), paragraphs: 4 },
      { mail: passkeyRemovedMail(site, { ...mail, passkeyName: 'Old phone' }), paragraphs: 4 },
      { mail: recoveryCodesCreatedMail(site, mail), paragraphs: 3 },
      { mail: newDeviceSignInMail(site, mail), paragraphs: 3 },
    ];
  };

  it('are written in all ten languages, each with the date in UTC, the device and what to do', () => {
    const english = noticesIn().map(({ mail }) => mail);
    for (const language of languages) {
      const notices = noticesIn(language);
      for (const [index, { mail, paragraphs }] of notices.entries()) {
        assert.equal(mail.language, language);
        assert.ok(mail.subject.includes('Praxis Nord'), `${language}: ${mail.subject}`);
        assert.ok(mail.text.includes('Firefox') && mail.text.includes('Windows') && mail.text.includes('UTC'), `${language}: ${mail.text}`);
        assert.ok(mail.html.includes(`lang="${language}"`));
        assert.ok(!/undefined|null|NaN/.test(mail.subject + mail.text), `${language}: ${mail.subject} ${mail.text}`);
        assert.equal(mail.text.split('\n\n').length, paragraphs, `${language}: ${mail.text}`);
        if (language !== 'en') {
          const englishParagraphs = english[index]?.text.split('\n\n') ?? [];
          for (const paragraph of mail.text.split('\n\n')) assert.ok(!englishParagraphs.includes(paragraph), `${language}: untranslated "${paragraph}"`);
          assert.notEqual(mail.subject, english[index]?.subject, `${language}: untranslated subject`);
        }
      }
      assert.ok(notices[0]?.mail.text.includes('Work key'));
      assert.ok(notices[2]?.mail.text.includes('b@example.com'));
      assert.ok(notices[3]?.mail.text.includes('Old phone'));
      // The new device is named in the subject already, so it shows in a notification preview.
      const newDevice = notices[5]?.mail.subject ?? '';
      assert.ok(newDevice.includes('Firefox') && newDevice.includes('Windows'), `${language}: ${newDevice}`);
    }
    assert.ok(english[0]?.text.includes('When: March 1, 2026 at 8:30 AM UTC. Device: Firefox on Windows.'), english[0]?.text);
    assert.equal(english[5]?.subject, 'New sign-in on Firefox on Windows to your Praxis Nord account');
  });

  it('leave out the name of a removed passkey that is not known', () => {
    const mail = passkeyRemovedMail(site, { to: 'a@example.com', ...circumstances });
    assert.equal(mail.text.split('\n\n').length, 3, mail.text);
  });

  it('say "unknown browser" rather than guess', () => {
    const mail = codeSignInMail(site, { to: 'a@example.com', at: new Date(), browser: null, os: null, language: 'de' });
    assert.ok(mail.text.includes('Gerät: Unbekannter Browser.'), mail.text);
  });
});

for (const target of databaseTargets()) {
  describe(`security notices on ${target.name}`, () => {
    let database: Database;
    let running: RunningServer;
    let sink: MailSink;
    const browser = (userAgent: string, language = 'en-GB,en;q=0.8') => {
      const client = new TestClient(running.baseUrl);
      client.defaultHeaders = { 'user-agent': userAgent, 'accept-language': language };
      return client;
    };

    before(async () => {
      database = await target.open();
      sink = await startMailSink();
      running = await startServer(database, { smtpUrl: sink.url });
    });
    after(async () => {
      await running.close();
      await sink.close();
      await database.close();
    });

    it('mails the confirmed address when a passkey is added, in the browser’s language', async () => {
      const email = uniqueIdentifier('added');
      const laptop = browser(userAgents.chromeOnMac, 'de-DE,de;q=0.9,en;q=0.5');
      await signUpWithCode(sink, laptop, email);
      const since = Date.now();
      const passkey = await addPasskey(laptop, new SoftwareAuthenticator());
      const mail = await notice(sink, email, since);
      assert.equal(mail.subject, 'Ihrem Konto bei Passkey Elements demo wurde ein Passkey hinzugefügt');
      assert.ok(mail.text.includes(`Sein Name: ${passkey.name}.`), mail.text);
      assert.match(mail.text, /Wann: \d{1,2}\. \p{L}+ \d{4} um \d\d:\d\d UTC\. Gerät: Chrome unter macOS\./u);
      assert.ok(mail.text.includes('entfernen Sie diesen Passkey unter „Ihre Passkeys“'), mail.text);
      assert.equal(mail.headers.get('auto-submitted'), 'auto-generated');
      assert.equal(sink.to(email).filter((received) => received.receivedAt >= since).length, 1, 'one mail');
    });

    it('sends no notice to an address nobody confirmed', async () => {
      const email = uniqueIdentifier('unconfirmed');
      const laptop = browser(userAgents.chromeOnMac);
      await signUp(laptop, new SoftwareAuthenticator(), email);
      const since = Date.now();
      const key = new SoftwareAuthenticator({ transports: ['usb'] });
      await addPasskey(laptop, key);
      await signIn(browser(userAgents.safariOnIphone), key, email);
      assert.equal((await laptop.delete(`/passkeys/${newestCredentialId(key)}`)).status, 204);
      await expectJson(await laptop.post('/account/recovery-codes', {}), 201);
      await expectNoMail(sink, email, since);
    });

    it('mails the address after a sign-in with a code, and not after a passkey sign-in on a device it knows', async () => {
      const email = uniqueIdentifier('code-sign-in');
      const authenticator = new SoftwareAuthenticator();
      const owner = browser(userAgents.chromeOnMac);
      await signUpWithCode(sink, owner, email);
      await addPasskey(owner, authenticator);
      await notice(sink, email, 0);

      const stranger = browser(userAgents.firefoxOnWindows, 'fr-FR');
      const { code } = await mailedCode(sink, stranger, '/login/code', email);
      const since = Date.now();
      await expectJson(await stranger.post('/login/code/verify', { email, code }));
      const mail = await notice(sink, email, since);
      assert.equal(mail.subject, 'Nouvelle connexion à votre compte Passkey Elements demo');
      assert.ok(mail.text.includes('Appareil : Firefox sous Windows.'), mail.text);
      assert.ok(mail.text.includes('quelqu’un peut lire vos e-mails'), mail.text);

      // Both devices have signed in before: the owner's laptop at sign-up, the stranger's with the code.
      const afterCode = mail.receivedAt + 1;
      await signIn(browser(userAgents.chromeOnMac), authenticator, email);
      await signIn(browser(userAgents.firefoxOnWindows), authenticator, email);
      await expectNoMail(sink, email, afterCode);
    });

    it('mails a new-sign-in notice naming the device after a passkey sign-in on a browser and system new to the account, once', async () => {
      const email = uniqueIdentifier('new-device');
      const authenticator = new SoftwareAuthenticator();
      const laptop = browser(userAgents.chromeOnMac);
      await signUp(laptop, authenticator, email);
      await confirmCurrentEmail(sink, laptop, email);

      const since = Date.now();
      await signIn(browser(userAgents.safariOnIphone, 'nl-NL,nl;q=0.9'), authenticator, email);
      const mail = await notice(sink, email, since);
      assert.equal(mail.subject, 'Nieuwe login op Safari op iOS op je Passkey Elements demo-account');
      assert.match(mail.text, /Wanneer: .+ UTC\. Apparaat: Safari op iOS\./u);
      assert.ok(mail.text.includes('verwijder onder ‘Je toegangssleutels’ alle sleutels die je niet kent'), mail.text);
      assert.equal(sink.to(email).filter((received) => received.receivedAt >= since).length, 1, 'one mail');

      // Known now, also in a newer version of the same browser; a sign-in that failed taught nothing.
      const afterFirst = mail.receivedAt + 1;
      await signIn(browser(userAgents.safariOnIphone.replace('Version/18.1', 'Version/18.2')), authenticator, email);
      const stranger = browser(userAgents.firefoxOnWindows);
      const options = await expectJson<{ challenge: string }>(await stranger.post('/login/options', {}));
      const forged = authenticator.get(options, { origin: 'https://evil.example' });
      assert.ok((await stranger.post('/login/verify', forged)).status >= 400);
      await expectNoMail(sink, email, afterFirst);
      await signIn(stranger, authenticator, email);
      const firefox = await notice(sink, email, afterFirst);
      assert.equal(firefox.subject, 'New sign-in on Firefox on Windows to your Passkey Elements demo account');
    });

    it('sends no new-device notice for the first sign-in after sign-up on the same device', async () => {
      const email = uniqueIdentifier('same-device');
      const authenticator = new SoftwareAuthenticator();
      const phone = browser(userAgents.safariOnIphone);
      await signUp(phone, authenticator, email);
      await confirmCurrentEmail(sink, phone, email);
      const since = Date.now();
      await signIn(browser(userAgents.safariOnIphone), authenticator, email);
      await expectNoMail(sink, email, since);
    });

    it('mails the confirmed address when a passkey is removed and when new recovery codes are created', async () => {
      const email = uniqueIdentifier('removed');
      const first = new SoftwareAuthenticator();
      const laptop = browser(userAgents.firefoxOnWindows, 'pl-PL');
      await signUp(laptop, first, email);
      await confirmCurrentEmail(sink, laptop, email);
      const added = await addPasskey(laptop, new SoftwareAuthenticator({ transports: ['usb'] }));
      await notice(sink, email, 0);
      const firstName = (await expectJson<{ passkeys: { id: string; name: string }[] }>(await laptop.get('/account'))).passkeys.find(
        (passkey) => passkey.id !== added.id,
      )?.name;
      assert.ok(firstName !== undefined);

      const beforeRemoval = Date.now();
      assert.equal((await laptop.delete(`/passkeys/${newestCredentialId(first)}`)).status, 204);
      const removed = await notice(sink, email, beforeRemoval);
      assert.equal(removed.subject, 'Z Twojego konta w Passkey Elements demo usunięto klucz dostępu');
      assert.ok(removed.text.includes(`Jego nazwa: ${firstName}.`), removed.text);
      assert.ok(removed.text.includes('Urządzenie: Firefox w systemie Windows.'), removed.text);
      assert.ok(removed.text.includes('Wyloguj ze wszystkich innych urządzeń'), removed.text);

      const beforeCodes = removed.receivedAt + 1;
      await expectJson(await laptop.post('/account/recovery-codes', {}), 201);
      const codes = await notice(sink, email, beforeCodes);
      assert.equal(codes.subject, 'Utworzono nowe kody odzyskiwania dla Twojego konta w Passkey Elements demo');
      assert.ok(codes.text.includes('Stare już nie działają.'), codes.text);
      assert.ok(codes.text.includes('„Utwórz nowe kody odzyskiwania”'), codes.text);
      assert.equal(sink.to(email).filter((received) => received.receivedAt >= beforeRemoval).length, 2, 'one mail each');
    });

    it('tells the old address of a change, when and on what, and what to do', async () => {
      const oldEmail = uniqueIdentifier('old');
      const newEmail = uniqueIdentifier('new');
      const phone = browser(userAgents.safariOnIphone);
      await signUp(phone, new SoftwareAuthenticator(), oldEmail);
      await confirmCurrentEmail(sink, phone, oldEmail);
      const { code } = await mailedCode(sink, phone, '/account/email/code', newEmail, { email: newEmail });
      const since = Date.now();
      await expectJson(await phone.post('/account/email/verify', { email: newEmail, code }));
      const mail = await notice(sink, oldEmail, since);
      assert.equal(mail.subject, 'The email address of your Passkey Elements demo account was changed');
      assert.ok(mail.text.includes(`From now on, codes and notices go to ${newEmail}.`));
      assert.ok(mail.text.includes('Device: Safari on iOS.'), mail.text);
      assert.ok(mail.text.includes('sign in with your passkey, change the address back and sign out of all other devices'), mail.text);
    });

    it('adds passkeys without notices on a server that has no mailer', async () => {
      const passkeysOnly = await startServer(database, { basePath: '/passkeys-only', emailVerification: 'off', codeSignIn: 'off' });
      try {
        const client = new TestClient(passkeysOnly.baseUrl);
        await signUp(client, new SoftwareAuthenticator(), uniqueIdentifier('no-mail'));
        await addPasskey(client, new SoftwareAuthenticator({ transports: ['usb'] }));
      } finally {
        await passkeysOnly.close();
      }
    });
  });
}
