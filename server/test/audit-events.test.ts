/**
 * The security-event log: what is recorded, with what, what the account page gets from it, what
 * survives an account's deletion, the retention purge, and that recording never breaks a request.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { networkOf } from '../src/audit/activity.ts';
import { loadHashKey, keyedHash } from '../src/codes/keys.ts';
import { resolveConfig } from '../src/config.ts';
import { configFromEnv } from '../src/config-env.ts';
import type { Database } from '../src/index.ts';
import { sha256Hex } from '../src/random.ts';
import { addPasskey, ageVerification, getAccount, newestCredentialId, reauthenticate, tokenHashOf, userAgents } from './helpers/account.ts';
import { SoftwareAuthenticator } from './helpers/authenticator.ts';
import { confirmCurrentEmail, mailedCode, otherCode, requestCode, signUpWithCode } from './helpers/codes.ts';
import {
  TestClient, databaseTargets, expectJson, expectProblem, loginOptions, origin, signIn, signUp, startServer, testConfig, uniqueIdentifier,
} from './helpers/harness.ts';
import type { RunningServer } from './helpers/harness.ts';
import { startMailSink, type MailSink } from './helpers/mail-sink.ts';

interface ActivityEvent {
  kind: string;
  at: string;
  outcome: 'success' | 'failure';
  method?: string;
  passkeyName?: string;
  revoked?: number;
  optOut?: boolean;
  browser: string | null;
  os: string | null;
  network: string | null;
  current: boolean;
}

interface StoredEvent {
  kind: string;
  outcome: string;
  user_id: string | null;
  subject_hash: string | null;
  session_id: string | null;
  client_address: string | null;
  user_agent: string | null;
  detail: Record<string, unknown>;
  occurred_at: Date;
}

async function activity(client: TestClient): Promise<ActivityEvent[]> {
  return (await expectJson<{ events: ActivityEvent[] }>(await client.get('/account/activity'))).events;
}

async function storedEvents(database: Database, userId: string): Promise<StoredEvent[]> {
  return database.query<StoredEvent>('SELECT * FROM security_events WHERE user_id = $1 ORDER BY id', [userId]);
}

/** Failures are recorded after the answer: waits until `count` events of the account are stored. */
async function eventually(database: Database, userId: string, count: number): Promise<StoredEvent[]> {
  for (let waited = 0; waited < 5_000; waited += 25) {
    const events = await storedEvents(database, userId);
    if (events.length >= count) return events;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`Fewer than ${count} events for ${userId}: ${(await storedEvents(database, userId)).map((event) => event.kind).join(', ')}`);
}

/** A client with a browser's user agent, coming through one trusted proxy from `address`. */
function browserAt(running: RunningServer, address: string, userAgent: string = userAgents.chromeOnMac): TestClient {
  const client = new TestClient(running.baseUrl);
  client.defaultHeaders = { 'user-agent': userAgent, 'x-forwarded-for': address };
  return client;
}

describe('security events: small rules', () => {
  it('shows the browser a network, never the full address', () => {
    assert.equal(networkOf('203.0.113.77'), '203.0.113.0/24');
    assert.equal(networkOf('2001:db8:85a3:8d3::/64'), '2001:db8:85a3::/48');
    assert.equal(networkOf('0:0:0:0::/64'), '::/48', 'loopback (::1) as IPv6 writes it');
    assert.equal(networkOf('unknown'), null);
    assert.equal(networkOf('not an address'), null);
  });

  it('keeps events 180 days by default, configurable in whole days, also from SECURITY_EVENT_RETENTION_DAYS', () => {
    assert.equal(resolveConfig(testConfig).securityEventRetentionDays, 180);
    assert.equal(resolveConfig({ ...testConfig, securityEventRetentionDays: 30 }).securityEventRetentionDays, 30);
    for (const days of [0, -1, 1.5, Number.NaN]) {
      assert.throws(() => resolveConfig({ ...testConfig, securityEventRetentionDays: days }), /securityEventRetentionDays/);
    }
    assert.equal(configFromEnv({ SECURITY_EVENT_RETENTION_DAYS: '90' }).securityEventRetentionDays, 90);
    assert.throws(() => configFromEnv({ SECURITY_EVENT_RETENTION_DAYS: 'ninety' }), /SECURITY_EVENT_RETENTION_DAYS/);
  });
});

for (const target of databaseTargets()) {
  describe(`security events on ${target.name}`, () => {
    let database: Database;
    let running: RunningServer;
    let sink: MailSink;

    before(async () => {
      database = await target.open();
      sink = await startMailSink();
      // One trusted proxy, so each test can speak from its own address.
      running = await startServer(database, { trustProxy: 1, smtpUrl: sink.url });
    });
    after(async () => {
      await running.close();
      await sink.close();
      await database.close();
    });

    it('records sign-up, sign-in, passkey changes, re-authentication and session ends, and lists them newest first', async () => {
      const laptop = browserAt(running, '203.0.113.10', userAgents.chromeOnMac);
      const phone = browserAt(running, '198.51.100.20', userAgents.safariOnIphone);
      const authenticator = new SoftwareAuthenticator();
      const key = new SoftwareAuthenticator({ transports: ['usb'] });
      const identifier = uniqueIdentifier('journey');
      const user = await signUp(laptop, authenticator, identifier);
      const added = await addPasskey(laptop, key);
      await expectJson(await laptop.patch(`/passkeys/${added.id}`, { name: 'Work key' }));
      await signIn(phone, authenticator, identifier);
      await ageVerification(database, phone, 10);
      await reauthenticate(phone, authenticator);
      assert.equal((await phone.request('DELETE', `/passkeys/${added.id}`)).status, 204);
      const { sessions } = await getAccount(phone);
      const laptopSession = sessions.find((session) => !session.current);
      assert.ok(laptopSession);
      assert.equal((await phone.delete(`/sessions/${laptopSession.id}`)).status, 204);

      const events = await activity(phone);
      assert.deepEqual(events.map((event) => [event.kind, event.outcome, event.method ?? event.passkeyName ?? null]), [
        ['session-revoked', 'success', null],
        ['passkey-removed', 'success', 'Work key'],
        ['reauthentication', 'success', 'passkey'],
        ['sign-in', 'success', 'passkey'],
        ['passkey-renamed', 'success', 'Work key'],
        ['passkey-added', 'success', 'Passkey'],
        ['sign-up', 'success', 'passkey'],
      ]);
      const [revoked, , , phoneSignIn, renamed, , signUpEvent] = events;
      assert.ok(revoked && phoneSignIn && renamed && signUpEvent);
      // The phone's own acts and its sign-in belong to this session; the laptop's do not.
      assert.deepEqual(events.map((event) => event.current), [true, true, true, true, false, false, false]);
      assert.deepEqual([phoneSignIn.browser, phoneSignIn.os, phoneSignIn.network], ['Safari', 'iOS', '198.51.100.0/24']);
      assert.deepEqual([signUpEvent.browser, signUpEvent.os, signUpEvent.network], ['Chrome', 'macOS', '203.0.113.0/24']);
      assert.ok(events.every((event) => !Number.isNaN(Date.parse(event.at))));
      assert.ok(events.every((event, index) => index === 0 || event.at <= (events[index - 1]?.at ?? '')), 'newest first');

      // The database keeps the client address as the rate limits count it, and the user agent.
      const stored = await storedEvents(database, user.id);
      assert.equal(stored[0]?.client_address, '203.0.113.10');
      assert.equal(stored[0]?.user_agent, userAgents.chromeOnMac);

      await phone.request('DELETE', '/session');
      const [signedOut] = (await storedEvents(database, user.id)).slice(-1);
      assert.equal(signedOut?.kind, 'signed-out');
    });

    it('records revoking every other session with the count, and the recovery-code and two-factor acts', async () => {
      const authenticator = new SoftwareAuthenticator();
      const identifier = uniqueIdentifier('others');
      const first = browserAt(running, '203.0.113.11');
      const user = await signUp(first, authenticator, identifier);
      await signIn(browserAt(running, '203.0.113.12'), authenticator, identifier);
      await signIn(browserAt(running, '203.0.113.13'), authenticator, identifier);
      assert.deepEqual(await expectJson(await first.delete('/sessions/others')), { revoked: 2 });
      const [latest] = await activity(first);
      assert.deepEqual([latest?.kind, latest?.revoked, latest?.current], ['other-sessions-revoked', 2, true]);

      const twoFactor = await startServer(database, { trustProxy: 1, signInPolicy: 'two-factor', basePath: '/two-factor' });
      try {
        const client = new TestClient(twoFactor.baseUrl);
        client.defaultHeaders = { 'x-forwarded-for': '203.0.113.14' };
        await signIn(client, authenticator, identifier);
        await expectJson(await client.post('/account/recovery-codes', {}), 201);
        await expectJson(await client.post('/account/two-factor', { optOut: true }));
        const events = await activity(client);
        assert.deepEqual(events.slice(0, 2).map((event) => [event.kind, event.optOut ?? null]), [['two-factor-changed', true], ['recovery-codes-created', null]]);
      } finally {
        await twoFactor.close();
      }
      assert.ok((await storedEvents(database, user.id)).length >= 6);
    });

    it('records a failed sign-in of a known passkey after the answer, and nothing for a passkey it does not know', async () => {
      const authenticator = new SoftwareAuthenticator();
      const identifier = uniqueIdentifier('failing');
      const user = await signUp(browserAt(running, '203.0.113.20'), authenticator, identifier);
      const attacker = browserAt(running, '192.0.2.66', userAgents.firefoxOnWindows);
      const options = await loginOptions(attacker);
      const unverified = authenticator.get(options, { origin, userVerified: false });
      await expectProblem(await attacker.post('/login/verify', unverified), 400, 'verification-failed');
      const events = await eventually(database, user.id, 2);
      const failure = events.at(-1);
      assert.deepEqual(
        [failure?.kind, failure?.outcome, failure?.detail, failure?.client_address, failure?.session_id],
        ['sign-in', 'failure', { problem: 'verification-failed', method: 'passkey' }, '192.0.2.66', null],
      );

      const before = (await database.query<{ count: number }>('SELECT count(*)::int AS count FROM security_events'))[0]?.count;
      const stranger = new SoftwareAuthenticator();
      stranger.create(await expectJson(await browserAt(running, '192.0.2.67').post('/register/options', { identifier: uniqueIdentifier('never') })), { origin });
      const unknown = stranger.get(await loginOptions(attacker), { origin });
      await expectProblem(await attacker.post('/login/verify', unknown), 404, 'unknown-credential');
      await new Promise((resolve) => setTimeout(resolve, 200));
      const afterwards = (await database.query<{ count: number }>('SELECT count(*)::int AS count FROM security_events'))[0]?.count;
      assert.equal(afterwards, before, 'a passkey of no account leaves no event');
    });

    it('records a wrong email code for a known account, and nothing for an address without one', async () => {
      const email = uniqueIdentifier('coded');
      const browser = browserAt(running, '203.0.113.30');
      const { user } = await signUpWithCode(sink, browser, email);
      const attacker = browserAt(running, '192.0.2.70');
      const { code } = await mailedCode(sink, attacker, '/login/code', email);
      await expectProblem(await attacker.post('/login/code/verify', { email, code: otherCode(code) }), 400, 'invalid-code');
      const failure = (await eventually(database, user.id, 2)).at(-1);
      assert.deepEqual([failure?.kind, failure?.outcome, failure?.detail], ['sign-in', 'failure', { problem: 'invalid-code', method: 'email-code' }]);

      // The right code then signs in: recorded with its method, and the session it opened.
      await expectJson(await attacker.post('/login/code/verify', { email, code }));
      const [latest] = await activity(attacker);
      assert.deepEqual([latest?.kind, latest?.method, latest?.current], ['sign-in', 'email-code', true]);

      const before = (await database.query<{ count: number }>('SELECT count(*)::int AS count FROM security_events'))[0]?.count;
      const nobody = uniqueIdentifier('nobody');
      await requestCode(attacker, '/login/code', { email: nobody });
      await expectProblem(await attacker.post('/login/code/verify', { email: nobody, code: '123456' }), 400, 'invalid-code');
      await new Promise((resolve) => setTimeout(resolve, 200));
      const afterwards = (await database.query<{ count: number }>('SELECT count(*)::int AS count FROM security_events'))[0]?.count;
      assert.equal(afterwards, before);
    });

    it('records a rate-limit hit of a signed-in account, and email verification', async () => {
      const email = uniqueIdentifier('limited');
      const authenticator = new SoftwareAuthenticator();
      const browser = browserAt(running, '203.0.113.40');
      const user = await signUp(browser, authenticator, email);
      await confirmCurrentEmail(sink, browser, email);
      // The resend cooldown refuses another code right after the one that confirmed the address.
      await expectProblem(await browser.post('/account/email/code', {}), 429, 'rate-limited');
      const events = await eventually(database, user.id, 3);
      assert.deepEqual(events.map((event) => [event.kind, event.outcome]), [['sign-up', 'success'], ['email-verified', 'success'], ['rate-limited', 'failure']]);
      assert.deepEqual(events[2]?.detail, { problem: 'rate-limited' });
    });

    it('stores no secret: no token, token hash, code, credential id, public key or address', async () => {
      const email = uniqueIdentifier('secrets');
      const browser = browserAt(running, '203.0.113.50');
      const authenticator = new SoftwareAuthenticator();
      const { user } = await signUpWithCode(sink, browser, email);
      const signUpToken = [...browser.cookies.values()][0] ?? '';
      await addPasskey(browser, authenticator);
      const { code } = await mailedCode(sink, browser, '/login/code', email);
      await expectJson(await browser.post('/login/code/verify', { email, code }));
      const stored = JSON.stringify(await storedEvents(database, user.id));
      const [credential] = await database.query<{ id: string; public_key: Buffer }>('SELECT id, public_key FROM credentials WHERE user_id = $1', [user.id]);
      assert.ok(credential);
      const secrets = {
        token: signUpToken, tokenHash: sha256Hex(signUpToken), currentTokenHash: tokenHashOf(browser), code,
        credentialId: newestCredentialId(authenticator), publicKey: Buffer.from(credential.public_key).toString('hex'), publicKeyBase64: Buffer.from(credential.public_key).toString('base64'),
        email, userHandle: (await getAccount(browser)).user.userHandle,
      };
      for (const [name, secret] of Object.entries(secrets)) assert.ok(secret !== '' && !stored.includes(secret), `${name} is in the log`);
    });

    it('answers not-signed-in without a session, and lists the own account only', async () => {
      await expectProblem(await new TestClient(running.baseUrl).get('/account/activity'), 401, 'not-signed-in');
      const alice = browserAt(running, '203.0.113.60');
      const bob = browserAt(running, '203.0.113.61');
      await signUp(alice, new SoftwareAuthenticator(), uniqueIdentifier('alice'));
      await signUp(bob, new SoftwareAuthenticator(), uniqueIdentifier('bob'));
      assert.deepEqual((await activity(bob)).map((event) => event.kind), ['sign-up']);
      const response = await bob.request('POST', '/account/activity', { json: {} });
      await expectProblem(response, 405, 'method-not-allowed');
      assert.equal(response.headers.get('allow'), 'GET');
    });

    it('keeps only the account-deleted event, with a keyed hash of the user id, once the account is deleted', async () => {
      const browser = browserAt(running, '203.0.113.70', userAgents.firefoxOnWindows);
      const authenticator = new SoftwareAuthenticator();
      const user = await signUp(browser, authenticator, uniqueIdentifier('leaving'));
      await addPasskey(browser, new SoftwareAuthenticator({ transports: ['usb'] }));
      assert.equal((await storedEvents(database, user.id)).length, 2);
      assert.equal((await browser.delete('/account')).status, 204);

      assert.deepEqual(await storedEvents(database, user.id), [], 'the account’s events went with it');
      const hash = keyedHash(await loadHashKey(database, running.server.config), 'deleted-account', user.id);
      const kept = await database.query<StoredEvent>('SELECT * FROM security_events WHERE subject_hash = $1', [hash]);
      assert.equal(kept.length, 1);
      const [deleted] = kept;
      assert.deepEqual(
        [deleted?.kind, deleted?.outcome, deleted?.user_id, deleted?.session_id, deleted?.detail, deleted?.client_address, deleted?.user_agent],
        ['account-deleted', 'success', null, null, {}, '203.0.113.70', userAgents.firefoxOnWindows],
      );
      assert.ok(!JSON.stringify(deleted).includes(user.id), 'no user id');
    });

    it('purges events older than the retention, the deletion events included', async () => {
      const authenticator = new SoftwareAuthenticator();
      const identifier = uniqueIdentifier('old');
      const user = await signUp(browserAt(running, '203.0.113.80'), authenticator, identifier);
      await database.query(`UPDATE security_events SET occurred_at = now() - interval '31 days' WHERE user_id = $1`, [user.id]);
      await database.query(`INSERT INTO security_events (kind, outcome, subject_hash, occurred_at) VALUES ('account-deleted', 'success', 'old-deletion', now() - interval '40 days')`);

      // A new process (as after a restart) purges with its first event; closing it waits for that.
      const restarted = await startServer(database, { trustProxy: 1, securityEventRetentionDays: 30, basePath: '/restarted' });
      try {
        await signIn(new TestClient(restarted.baseUrl), authenticator, identifier);
      } finally {
        await restarted.close();
      }
      assert.deepEqual((await storedEvents(database, user.id)).map((event) => event.kind), ['sign-in']);
      assert.deepEqual(await database.query("SELECT kind FROM security_events WHERE subject_hash = 'old-deletion'"), []);
    });

    it('never turns a success into an error when the event cannot be stored', async (context) => {
      const broken = await target.open();
      const server = await startServer(broken);
      const errors: string[] = [];
      context.mock.method(console, 'error', (...parts: unknown[]) => void errors.push(parts.map(String).join(' ')));
      try {
        await broken.query('ALTER TABLE security_events RENAME TO security_events_away');
        const browser = new TestClient(server.baseUrl);
        const authenticator = new SoftwareAuthenticator();
        const identifier = uniqueIdentifier('unlogged');
        await signUp(browser, authenticator, identifier);
        await signIn(browser, authenticator, identifier);
        assert.equal((await getAccount(browser)).passkeys.length, 1);
        assert.ok(errors.some((line) => line.includes('sign-in security event could not be recorded')), errors.join('\n'));
        assert.ok(errors.every((line) => !line.includes(identifier)), 'the log line names no account');
      } finally {
        await broken.query('ALTER TABLE security_events_away RENAME TO security_events');
        await server.close();
        await broken.close();
      }
    });
  });
}
