/** How codes are mailed: the development outbox, the production refusal, languages, and logs without secrets. */
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it, type TestContext } from 'node:test';
import { SMTPServer } from 'smtp-server';
import { limitKeyOf } from '../src/codes/client-address.ts';
import { isEmailCode, newEmailCode, newRecoveryCode, normaliseRecoveryCode } from '../src/codes/generate.ts';
import { createPasskeyServer } from '../src/index.ts';
import type { Database } from '../src/index.ts';
import { codeMail, mailLanguageOf } from '../src/mail/compose.ts';
import { describeMailError } from '../src/mail/mailer.ts';
import { addPasskey } from './helpers/account.ts';
import { SoftwareAuthenticator } from './helpers/authenticator.ts';
import { mailedCode, otherCode, requestCode, signUpWithCode } from './helpers/codes.ts';
import { TestClient, databaseTargets, expectJson, expectProblem, startServer, testConfig, uniqueIdentifier } from './helpers/harness.ts';
import type { RunningServer } from './helpers/harness.ts';
import { codeOf, startMailSink, type MailSink } from './helpers/mail-sink.ts';

interface OutboxMessage {
  to: string;
  subject: string;
  text: string;
  sentAt: string;
}

/** Everything the server writes through `console` while `run` runs. */
async function consoleOutput(context: TestContext, run: () => Promise<void>): Promise<string> {
  const lines: string[] = [];
  const methods = (['log', 'info', 'warn', 'error', 'debug'] as const).map((name) =>
    context.mock.method(console, name, (...parts: unknown[]) => {
      lines.push(parts.map(String).join(' '));
    }),
  );
  try {
    await run();
  } finally {
    for (const method of methods) method.mock.restore();
  }
  return lines.join('\n');
}

async function waitUntil(condition: () => Promise<boolean> | boolean, what: string): Promise<void> {
  for (let waited = 0; waited < 5_000; waited += 50) {
    if (await condition()) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`Timed out waiting for ${what}`);
}

describe('mail content and small rules', () => {
  it('matches request languages to the shipped ones, English for the rest', () => {
    const cases: Array<[string | undefined, string]> = [
      [undefined, 'en'], ['de', 'de'], ['de-AT', 'de'], ['fr-CA', 'fr'], ['pt-BR', 'pt'], ['pt-PT', 'pt'], ['zh-CN', 'zh-Hans'],
      ['zh-Hans', 'zh-Hans'], ['zh', 'zh-Hans'], ['zh-TW', 'en'], ['ar-EG', 'ar'], ['nl_BE', 'nl'], ['sv', 'en'], ['', 'en'], ['not a tag!', 'en'],
    ];
    for (const [tag, language] of cases) assert.equal(mailLanguageOf(tag), language, String(tag));
  });

  it('escapes the site name in HTML and never puts the code in the subject', () => {
    const mail = codeMail({ rpName: 'Praxis <b>Nord</b> & Co', rpId: 'praxis.example' }, { to: 'a@example.com', purpose: 'sign-in', code: '042917', validMinutes: 10 });
    assert.ok(mail.html.includes('Praxis &#60;b&#62;Nord&#60;/b&#62; &#38; Co'));
    assert.ok(!mail.html.includes('<b>'));
    assert.ok(!mail.subject.includes('042917'));
    assert.equal(mail.text.split('\n').at(-1), '@praxis.example #042917');
  });

  it('draws 6-digit codes with leading zeros and 50-bit recovery codes that survive sloppy typing', () => {
    const codes = Array.from({ length: 2000 }, newEmailCode);
    assert.ok(codes.every(isEmailCode));
    assert.ok(codes.some((code) => code.startsWith('0')), 'leading zeros are kept');
    assert.ok(new Set(codes).size > 1990);
    const recovery = newRecoveryCode();
    assert.match(recovery, /^[0-9a-hjkmnp-tv-z]{4}-[0-9a-hjkmnp-tv-z]{4}-[0-9a-hjkmnp-tv-z]{2}$/);
    assert.equal(normaliseRecoveryCode(` ${recovery.toUpperCase().replaceAll('-', ' ')} `), recovery.replaceAll('-', ''));
    assert.equal(normaliseRecoveryCode('k7m2-9xq4-tO'), 'k7m29xq4t0', 'O reads as zero');
    assert.equal(normaliseRecoveryCode('uuuu-uuuu-uu'), undefined);
    assert.equal(normaliseRecoveryCode('k7m2-9xq4'), undefined);
    assert.equal(normaliseRecoveryCode('k7m2\u00009xq4t8'), undefined);
  });

  it('counts IPv4 clients by address and IPv6 clients by /64', () => {
    assert.equal(limitKeyOf('203.0.113.5'), '203.0.113.5');
    assert.equal(limitKeyOf('::ffff:203.0.113.5'), '203.0.113.5');
    assert.equal(limitKeyOf('2001:db8:1:2:3:4:5:6'), '2001:db8:1:2::/64');
    assert.equal(limitKeyOf('2001:0DB8:0001:0002::9'), '2001:db8:1:2::/64');
    assert.equal(limitKeyOf('2001:db8::1'), '2001:db8:0:0::/64');
    assert.equal(limitKeyOf('::1'), '0:0:0:0::/64');
    assert.equal(limitKeyOf('[fe80::1%eth0]'), 'fe80:0:0:0::/64');
  });

  it('describes transport errors without addresses or codes', () => {
    const error = Object.assign(new Error('Can not send mail to ada@example.com: 550 rejected 123456'), { code: 'EENVELOPE', responseCode: 550 });
    assert.equal(describeMailError(error), 'EENVELOPE 550 Can not send mail to <address>: 550 rejected <number>');
  });
});

for (const target of databaseTargets()) {
  describe(`mailing codes on ${target.name}`, () => {
    let database: Database;
    let sink: MailSink;
    let running: RunningServer;

    before(async () => {
      database = await target.open();
      sink = await startMailSink();
      running = await startServer(database, { smtpUrl: sink.url, codeLimits: { resendCooldownMs: 50 } });
    });
    after(async () => {
      await running.close();
      await sink.close();
      await database.close();
    });

    it('without SMTP outside production prints each mail to the console and keeps it in GET /dev/outbox', async (context) => {
      const outboxServer = await startServer(database);
      const browser = new TestClient(outboxServer.baseUrl);
      const email = uniqueIdentifier('outbox');
      let messages: OutboxMessage[] = [];
      const output = await consoleOutput(context, async () => {
        await requestCode(browser, '/register/code', { email });
        await waitUntil(async () => {
          ({ messages } = await expectJson<{ messages: OutboxMessage[] }>(await browser.get('/dev/outbox')));
          return messages.some((message) => message.to === email);
        }, 'the outbox');
      });
      const message = messages.find((each) => each.to === email);
      assert.ok(message);
      assert.deepEqual(Object.keys(message).sort(), ['sentAt', 'subject', 'text', 'to']);
      assert.equal(message.subject, 'Confirm your email address for Passkey Elements demo');
      const code = /#(\d{6})$/.exec(message.text)?.[1] ?? '';
      assert.ok(output.includes(email) && output.includes(`@localhost #${code}`), 'the console shows the mail, code included');
      await expectJson(await browser.post('/register/code/verify', { email, code }));
      await outboxServer.close();

      await expectProblem(await new TestClient(running.baseUrl).get('/dev/outbox'), 404, 'not-found');
    });

    it('refuses to start in production with codes on and no SMTP, and has no outbox there', async () => {
      const saved = process.env.NODE_ENV;
      process.env.NODE_ENV = 'production';
      try {
        await assert.rejects(createPasskeyServer(testConfig, { database }), /no smtpUrl is set.*Set SMTP_URL \(smtpUrl\) and MAIL_FROM/);
        await assert.rejects(createPasskeyServer({ ...testConfig, codeSignIn: 'off' }, { database }), /SMTP_URL/, 'email verification alone sends codes too');
        const withoutCodes = await createPasskeyServer({ ...testConfig, emailVerification: 'off', codeSignIn: 'off' }, { database });
        const outbox = await withoutCodes.fetch(new Request('http://localhost/api/passkeys/dev/outbox'));
        assert.equal(outbox.status, 404);
        await withoutCodes.close();
        const withSmtp = await createPasskeyServer({ ...testConfig, smtpUrl: sink.url }, { database });
        assert.equal((await withSmtp.fetch(new Request('http://localhost/api/passkeys/dev/outbox'))).status, 404);
        await withSmtp.close();
      } finally {
        if (saved === undefined) delete process.env.NODE_ENV;
        else process.env.NODE_ENV = saved;
      }
    });

    it('writes each mail in the language of its request: right to left in Arabic, simplified Chinese for zh-CN, English otherwise', async () => {
      const cases: Array<[string, string, RegExp]> = [
        ['ar', 'أكّد عنوان بريدك الإلكتروني لدى Passkey Elements demo', /<html lang="ar" dir="rtl">/],
        ['zh-CN', '确认您在 Passkey Elements demo 的电子邮件地址', /<html lang="zh-Hans" dir="ltr">/],
        ['pl', 'Potwierdź swój adres e-mail w Passkey Elements demo', /<html lang="pl" dir="ltr">/],
        ['it-CH', 'Conferma il tuo indirizzo email per Passkey Elements demo', /<html lang="it" dir="ltr">/],
        ['es', 'Confirma tu dirección de correo para Passkey Elements demo', /<html lang="es"/],
        ['pt-PT', 'Confirme seu endereço de e-mail para Passkey Elements demo', /<html lang="pt"/],
        ['zh-TW', 'Confirm your email address for Passkey Elements demo', /<html lang="en"/],
      ];
      for (const [language, subject, html] of cases) {
        const email = uniqueIdentifier(`language-${language}`);
        const { code, mail } = await mailedCode(sink, new TestClient(running.baseUrl), '/register/code', email, { email, language });
        assert.equal(mail.subject, subject, language);
        assert.match(mail.html, html, language);
        assert.equal(mail.headers.get('content-language'), mailLanguageOf(language));
        assert.equal(mail.headers.get('auto-submitted'), 'auto-generated');
        assert.equal(mail.text.split('\n').at(-1), `@localhost #${code}`, language);
      }
    });

    it('logs nothing secret with SMTP set: no code, no hash, no address, also when sending fails', async (context) => {
      // An SMTP server that refuses every recipient and names it in its reply.
      const refusing = new SMTPServer({
        authOptional: true,
        disabledCommands: ['STARTTLS'],
        logger: false,
        onRcptTo(address, _session, callback) {
          callback(Object.assign(new Error(`Mailbox ${address.address} is full`), { responseCode: 552 }));
        },
      });
      await new Promise<void>((resolve) => refusing.listen(0, '127.0.0.1', resolve));
      const refusingUrl = `smtp://127.0.0.1:${(refusing.server.address() as AddressInfo).port}`;
      const failing = await startServer(database, { smtpUrl: refusingUrl });
      const unreachable = await startServer(database, { smtpUrl: 'smtp://127.0.0.1:9' });
      const addresses: string[] = [];
      const output = await consoleOutput(context, async () => {
        const email = uniqueIdentifier('secret-logs');
        addresses.push(email);
        const browser = new TestClient(running.baseUrl);
        await signUpWithCode(sink, browser, email);
        await addPasskey(browser, new SoftwareAuthenticator());
        const { code } = await mailedCode(sink, browser, '/reauthenticate/code', email, {});
        await expectProblem(await browser.post('/reauthenticate/code/verify', { code: otherCode(code) }), 400, 'invalid-code');
        await expectJson(await browser.post('/reauthenticate/code/verify', { code }));
        const moved = uniqueIdentifier('secret-moved');
        addresses.push(moved);
        const change = await mailedCode(sink, browser, '/account/email/code', moved, { email: moved });
        await expectJson(await browser.post('/account/email/verify', { email: moved, code: change.code }));
        await sink.waitFor(email, { since: Date.now() - 5_000 });
        await expectJson(await browser.post('/account/recovery-codes', {}), 201);
        for (const server of [failing, unreachable]) {
          const lost = uniqueIdentifier('lost-mail');
          addresses.push(lost);
          await requestCode(new TestClient(server.baseUrl), '/register/code', { email: lost });
        }
        await failing.close();
        await unreachable.close();
      });
      await new Promise<void>((resolve) => refusing.close(() => resolve()));

      assert.match(output, /a mail could not be sent: EENVELOPE 552 .*<address>/, 'the refused mail is logged');
      assert.match(output, /a mail could not be sent: ESOCKET connect ECONNREFUSED/, 'the unreachable server is logged');
      const codes = sink.received.filter((mail) => /#\d{6}\s*$/m.test(mail.text)).map(codeOf);
      assert.ok(codes.length >= 3);
      const hashes = [
        ...(await database.query<{ code_hash: string }>('SELECT code_hash FROM email_codes')).map((row) => row.code_hash),
        ...(await database.query<{ code_hash: string }>('SELECT code_hash FROM recovery_codes')).map((row) => row.code_hash),
        ...(await database.query<{ key_hash: string }>('SELECT key_hash FROM rate_limits')).map((row) => row.key_hash),
      ];
      assert.ok(hashes.length > 0);
      for (const secret of [...codes, ...hashes, ...addresses]) {
        assert.ok(!output.includes(secret), `the logs contain ${secret}`);
      }
    });
  });
}
