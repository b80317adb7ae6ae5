/**
 * Security notices over real SMTP: a passkey added, a sign-in with an email code, an email change
 * (to the old address). Each says what happened, when, on what, and what to do if it was not you.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Database } from '../src/index.ts';
import { codeSignInMail, emailChangedMail, passkeyAddedMail } from '../src/mail/compose.ts';
import { addPasskey, userAgents } from './helpers/account.ts';
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
  it('are written in all ten languages, each with the date in UTC, the device and what to do', () => {
    const english = [
      passkeyAddedMail(site, { to: 'a@example.com', passkeyName: 'Work key', ...circumstances }),
      codeSignInMail(site, { to: 'a@example.com', ...circumstances }),
      emailChangedMail(site, { to: 'a@example.com', newAddress: 'b@example.com', ...circumstances }),
    ];
    for (const language of languages) {
      const mails = [
        passkeyAddedMail(site, { to: 'a@example.com', passkeyName: 'Work key', language, ...circumstances }),
        codeSignInMail(site, { to: 'a@example.com', language, ...circumstances }),
        emailChangedMail(site, { to: 'a@example.com', newAddress: 'b@example.com', language, ...circumstances }),
      ];
      for (const [index, mail] of mails.entries()) {
        assert.equal(mail.language, language);
        assert.ok(mail.subject.includes('Praxis Nord'), `${language}: ${mail.subject}`);
        assert.ok(mail.text.includes('Firefox') && mail.text.includes('Windows') && mail.text.includes('UTC'), `${language}: ${mail.text}`);
        assert.ok(mail.html.includes(`lang="${language}"`));
        assert.ok(!/undefined|null|NaN/.test(mail.text), `${language}: ${mail.text}`);
        // Four paragraphs (three for the sign-in): what, (its detail), when and on what, what to do.
        assert.equal(mail.text.split('\n\n').length, index === 1 ? 3 : 4, `${language}: ${mail.text}`);
        if (language !== 'en') {
          const paragraphs = english[index]?.text.split('\n\n') ?? [];
          for (const paragraph of mail.text.split('\n\n')) assert.ok(!paragraphs.includes(paragraph), `${language}: untranslated "${paragraph}"`);
        }
      }
      assert.ok(mails[0]?.text.includes('Work key'));
      assert.ok(mails[2]?.text.includes('b@example.com'));
    }
    assert.ok(english[0]?.text.includes('When: March 1, 2026 at 8:30 AM UTC. Device: Firefox on Windows.'), english[0]?.text);
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
      await addPasskey(laptop, new SoftwareAuthenticator({ transports: ['usb'] }));
      await expectNoMail(sink, email, since);
    });

    it('mails the address after a sign-in with a code, and not after a passkey sign-in', async () => {
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

      const afterCode = mail.receivedAt + 1;
      await signIn(browser(userAgents.safariOnIphone), authenticator, email);
      await expectNoMail(sink, email, afterCode);
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
      assert.ok(mail.text.includes('sign in with your passkey, change the address back and sign out everywhere else'), mail.text);
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
