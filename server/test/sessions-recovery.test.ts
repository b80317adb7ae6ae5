/**
 * A session opened to add a passkey (`passkeyRequired`: recovery, or any code sign-in under
 * `codeSignIn: 'recovery'`) can add it for as long as it lives, not only within the
 * re-authentication window: otherwise it would end in `reauthentication-required` with no method.
 */
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, describe, it } from 'node:test';
import type { Database } from '../src/index.ts';
import { addPasskey, getAccount } from './helpers/account.ts';
import { SoftwareAuthenticator } from './helpers/authenticator.ts';
import { confirmCurrentEmail, mailedCode, signInWithCode, signUpWithCode, type SignInAnswer } from './helpers/codes.ts';
import {
  TestClient,
  databaseTargets,
  expectJson,
  expectProblem,
  origin,
  registrationOptions,
  startServer,
  uniqueIdentifier,
} from './helpers/harness.ts';
import type { RunningServer } from './helpers/harness.ts';
import { startMailSink, type MailSink } from './helpers/mail-sink.ts';

/** Longer than the servers' one-second re-authentication window. */
const pastTheWindow = () => sleep(1200);

for (const target of databaseTargets()) {
  describe(`finishing a recovery on ${target.name}`, () => {
    let database: Database;
    let sink: MailSink;
    let twoFactor: RunningServer;
    let recoveryOnly: RunningServer;
    let standard: RunningServer;

    before(async () => {
      database = await target.open();
      sink = await startMailSink();
      const options = { smtpUrl: sink.url, reauthWindowMs: 1000, codeLimits: { resendCooldownMs: 50 } };
      twoFactor = await startServer(database, { ...options, signInPolicy: 'two-factor' });
      recoveryOnly = await startServer(database, { ...options, codeSignIn: 'recovery' });
      standard = await startServer(database, options);
    });
    after(async () => {
      await standard.close();
      await recoveryOnly.close();
      await twoFactor.close();
      await sink.close();
      await database.close();
    });

    it('adds the passkey after a two-factor recovery that outlasted the re-authentication window', async () => {
      const email = uniqueIdentifier('late-recovery');
      const owner = new TestClient(twoFactor.baseUrl);
      const options = await registrationOptions(owner, email);
      const signedUp = await expectJson<SignInAnswer>(await owner.post('/register/verify', new SoftwareAuthenticator().create(options, { origin })));
      await confirmCurrentEmail(sink, owner, email);

      const browser = new TestClient(twoFactor.baseUrl);
      const { code } = await mailedCode(sink, browser, '/login/code', email);
      const recovered = await expectJson<SignInAnswer>(await browser.post('/login/code/verify', { email, code, recoveryCode: signedUp.recoveryCodes?.[0] }));
      assert.equal(recovered.passkeyRequired, true);

      await pastTheWindow();
      await addPasskey(browser, new SoftwareAuthenticator());
      assert.equal((await getAccount(browser)).passkeys.length, 2);
      // A full session now, and an ordinary one: other sensitive acts need a fresh passkey.
      await expectJson(await browser.patch('/account', { displayName: 'Recovered' }));
      const refused = await expectProblem(await browser.delete('/sessions/others'), 403, 'reauthentication-required');
      assert.deepEqual(refused.methods, ['passkey']);
      await expectProblem(await browser.post('/passkeys/options', {}), 403, 'reauthentication-required');
    });

    it('adds the passkey after a code sign-up and a code sign-in under codeSignIn "recovery" past the window', async () => {
      const email = uniqueIdentifier('late-recovery-code');
      const signUpBrowser = new TestClient(recoveryOnly.baseUrl);
      assert.equal((await signUpWithCode(sink, signUpBrowser, email)).passkeyRequired, true);
      await pastTheWindow();
      await addPasskey(signUpBrowser, new SoftwareAuthenticator());

      const signInBrowser = new TestClient(recoveryOnly.baseUrl);
      assert.equal((await signInWithCode(sink, signInBrowser, email)).passkeyRequired, true);
      await pastTheWindow();
      await addPasskey(signInBrowser, new SoftwareAuthenticator());
      assert.equal((await getAccount(signInBrowser)).passkeys.length, 2);
    });

    it('still asks a code sign-in that need not add a passkey for a fresh verification, and says how', async () => {
      const email = uniqueIdentifier('late-code');
      await signUpWithCode(sink, new TestClient(standard.baseUrl), email);
      const browser = new TestClient(standard.baseUrl);
      const answer = await signInWithCode(sink, browser, email);
      assert.equal(answer.passkeyRequired, undefined);
      await pastTheWindow();
      const refused = await expectProblem(await browser.post('/passkeys/options', {}), 403, 'reauthentication-required');
      assert.deepEqual(refused.methods, ['code'], 'never an empty list of ways forward');
    });
  });
}
