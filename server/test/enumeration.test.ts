/**
 * Enumeration-safe mode: identifier-first sign-in and sign-up answer an identifier with an account
 * exactly like one without, in status, headers, body shape and time; decoy passkeys are
 * deterministic; an assertion against a decoy answers like any passkey the server cannot verify.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { after, before, describe, it } from 'node:test';
import type { AuthenticationResponseJSON, PublicKeyCredentialRequestOptionsJSON } from '@simplewebauthn/server';
import { decoyCredentialIds } from '../src/ceremonies/decoy-passkeys.ts';
import type { Database } from '../src/index.ts';
import { accountExistsMail } from '../src/mail/compose.ts';
import { SoftwareAuthenticator } from './helpers/authenticator.ts';
import { signUpWithCode } from './helpers/codes.ts';
import { TestClient, countRows, databaseTargets, expectJson, expectProblem, origin, signUp, startServer, uniqueIdentifier } from './helpers/harness.ts';
import type { RunningServer } from './helpers/harness.ts';
import { codeOf, startMailSink, type MailSink } from './helpers/mail-sink.ts';

let clientCounter = 0;
function clientAt(server: RunningServer): TestClient {
  const client = new TestClient(server.baseUrl);
  client.defaultHeaders = { 'x-forwarded-for': `100.64.${Math.floor(++clientCounter / 250)}.${clientCounter % 250}` };
  return client;
}

/** The shape of a JSON value: its types and keys, not its values. */
function shapeOf(value: unknown): unknown {
  if (Array.isArray(value)) return [...new Set(value.map((item) => JSON.stringify(shapeOf(item))))].sort();
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).sort(([a], [b]) => a.localeCompare(b)).map(([key, item]) => [key, shapeOf(item)]));
  }
  return value === null ? 'null' : typeof value;
}

function headerNames(response: Response): string[] {
  return [...response.headers.keys()].sort();
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

/** A forged assertion: the attacker's own passkey signs, but the response names `credentialId`. */
function forged(authenticator: SoftwareAuthenticator, options: PublicKeyCredentialRequestOptionsJSON, credentialId: string): AuthenticationResponseJSON {
  const own = authenticator.credentials[0]?.id.toString('base64url') ?? '';
  return { ...authenticator.get(options, { origin, credentialId: own }), id: credentialId, rawId: credentialId };
}

describe('decoy passkeys', () => {
  const key = randomBytes(32);

  it('are the same for the same identifier and key, and differ otherwise', () => {
    assert.deepEqual(decoyCredentialIds(key, 'ada@example.com'), decoyCredentialIds(key, 'ada@example.com'));
    assert.notDeepEqual(decoyCredentialIds(key, 'ada@example.com'), decoyCredentialIds(key, 'bob@example.com'));
    assert.notDeepEqual(decoyCredentialIds(key, 'ada@example.com'), decoyCredentialIds(randomBytes(32), 'ada@example.com'));
  });

  it('show one to four passkeys, mostly one, with the id lengths of common authenticators', () => {
    const counts = [0, 0, 0, 0, 0];
    const lengths = new Set<number>();
    const samples = 2_000;
    for (let index = 0; index < samples; index += 1) {
      const ids = decoyCredentialIds(key, `person-${index}@example.com`);
      counts[ids.length] = (counts[ids.length] ?? 0) + 1;
      for (const id of ids) {
        assert.match(id, /^[A-Za-z0-9_-]+$/);
        lengths.add(Buffer.from(id, 'base64url').length);
      }
    }
    console.log(`decoy passkey counts over ${samples} identifiers (0..4): ${counts.join(', ')}`);
    assert.equal(counts[0], 0);
    assert.ok((counts[1] ?? 0) / samples > 0.5 && (counts[1] ?? 0) / samples < 0.7, `one passkey: ${counts[1]}`);
    assert.ok((counts[4] ?? 0) > 0, 'four passkeys happen');
    assert.deepEqual([...lengths].sort((a, b) => a - b), [16, 20, 32, 64]);
  });
});

describe('the "already have an account" mail', () => {
  it('exists in every shipped language and tells the owner how to sign in', () => {
    const english = accountExistsMail({ rpName: 'Praxis Nord', rpId: 'example.com' }, { to: 'ada@example.com' });
    assert.match(english.text, /sign in instead, with your passkey or a code by email/);
    for (const language of ['ar', 'de', 'es', 'fr', 'it', 'nl', 'pl', 'pt', 'zh-Hans']) {
      const mail = accountExistsMail({ rpName: 'Praxis Nord', rpId: 'example.com' }, { to: 'ada@example.com', language });
      assert.equal(mail.language, language);
      assert.notEqual(mail.subject, english.subject, language);
      assert.notEqual(mail.text, english.text, language);
    }
  });
});

for (const target of databaseTargets()) {
  describe(`enumeration-safe mode on ${target.name}`, () => {
    let database: Database;
    let sink: MailSink;
    let safe: RunningServer;
    let safeToo: RunningServer;
    /** The same accounts outside enumeration-safe mode, to set them up and to compare. */
    let plain: RunningServer;
    const attacker = new SoftwareAuthenticator();
    const victim = new SoftwareAuthenticator();
    let withPasskey: string;
    let withoutPasskey: string;

    before(async () => {
      database = await target.open();
      sink = await startMailSink();
      const wide = { max: 100_000, windowMs: 60_000 };
      const base = { smtpUrl: sink.url, trustProxy: 1, codeLimits: { resendCooldownMs: 1, perAddress: wide, perClient: wide, triesPerClient: wide } };
      plain = await startServer(database, { ...base, enumerationSafe: false });
      safe = await startServer(database, { ...base, enumerationSafe: true });
      safeToo = await startServer(database, { ...base, enumerationSafe: true });
      withPasskey = uniqueIdentifier('victim');
      await signUp(clientAt(plain), victim, withPasskey);
      await signUp(clientAt(plain), attacker, uniqueIdentifier('attacker'));
      withoutPasskey = uniqueIdentifier('codes-only');
      await signUpWithCode(sink, clientAt(safe), withoutPasskey);
    });
    after(async () => {
      for (const server of [plain, safe, safeToo]) await server.close();
      await sink.close();
      await database.close();
    });

    it('answers identifier-first sign-in alike for an account with passkeys, one without, and no account', async () => {
      const answers = [];
      for (const identifier of [withPasskey, withoutPasskey, uniqueIdentifier('nobody')]) {
        const response = await clientAt(safe).post('/login/options', { identifier });
        const body = await expectJson<PublicKeyCredentialRequestOptionsJSON>(response);
        const ids = body.allowCredentials ?? [];
        assert.ok(ids.length >= 1 && ids.length <= 4, `${ids.length} credentials for ${identifier}`);
        answers.push({ status: response.status, headers: headerNames(response), shape: shapeOf(body), rpId: body.rpId, timeout: body.timeout });
      }
      assert.deepEqual(answers[1], answers[0]);
      assert.deepEqual(answers[2], answers[0]);
      // Outside the mode the difference is plain: the control that shows the test can fail.
      await expectProblem(await clientAt(plain).post('/login/options', { identifier: uniqueIdentifier('nobody') }), 404, 'unknown-user');
    });

    it('offers the same decoys to every request and every process, and other ones for another identifier', async () => {
      const nobody = uniqueIdentifier('nobody');
      const idsFrom = async (server: RunningServer, identifier: string) =>
        (await expectJson<PublicKeyCredentialRequestOptionsJSON>(await clientAt(server).post('/login/options', { identifier }))).allowCredentials?.map(
          (credential) => credential.id,
        );
      const decoys = await idsFrom(safe, nobody);
      assert.deepEqual(await idsFrom(safe, nobody), decoys);
      assert.deepEqual(await idsFrom(safeToo, nobody), decoys);
      assert.notDeepEqual(await idsFrom(safe, uniqueIdentifier('nobody')), decoys);
      // A real account's ids are stable too: the account's passkey, every time.
      assert.deepEqual(await idsFrom(safeToo, withPasskey), [victim.credentials[0]?.id.toString('base64url')]);
    });

    it('lets no passkey answer a decoy, and answers forged assertions alike for real and decoy ids', async () => {
      const before = await countRows(database);
      const browser = clientAt(safe);
      const optionsFor = async (identifier?: string) =>
        expectJson<PublicKeyCredentialRequestOptionsJSON>(await browser.post('/login/options', identifier === undefined ? {} : { identifier }));
      const realId = victim.credentials[0]?.id.toString('base64url') ?? '';
      const nobody = uniqueIdentifier('nobody');
      const decoyId = (await optionsFor(nobody)).allowCredentials?.[0]?.id ?? '';

      // Another account's valid passkey: refused for the victim's challenge and for the decoy's.
      const ownPasskey = async (identifier: string) => browser.post('/login/verify', attacker.get(await optionsFor(identifier), { origin, credentialId: attacker.credentials[0]?.id.toString('base64url') ?? '' }));
      const refusals = [await ownPasskey(withPasskey), await ownPasskey(nobody)];
      for (const response of refusals) await expectProblem(response, 400, 'challenge-invalid');

      // A forged assertion naming a listed id: identifier-first and usernameless, real and decoy.
      const forgeries = [
        await browser.post('/login/verify', forged(attacker, await optionsFor(withPasskey), realId)),
        await browser.post('/login/verify', forged(attacker, await optionsFor(nobody), decoyId)),
        await browser.post('/login/verify', forged(attacker, await optionsFor(), realId)),
        await browser.post('/login/verify', forged(attacker, await optionsFor(), decoyId)),
      ];
      const bodies = [];
      for (const response of forgeries) bodies.push(shapeOf(await expectProblem(response, 400, 'verification-failed')));
      for (const body of bodies) assert.deepEqual(body, bodies[0]);
      const after = await countRows(database);
      assert.equal(after.sessions, before.sessions, 'nobody signed in');
      // Outside the mode an unknown passkey is named as such, so the element can tell the authenticator.
      const plainBrowser = clientAt(plain);
      const plainOptions = await expectJson<PublicKeyCredentialRequestOptionsJSON>(await plainBrowser.post('/login/options', {}));
      await expectProblem(await plainBrowser.post('/login/verify', forged(attacker, plainOptions, decoyId)), 404, 'unknown-credential');
    });

    it('takes the same time for an identifier with an account and one without', async () => {
      const rounds = 60;
      const kinds = { known: withPasskey, codesOnly: withoutPasskey, unknown: uniqueIdentifier('nobody') };
      const timings: Record<keyof typeof kinds, number[]> = { known: [], codesOnly: [], unknown: [] };
      const browser = clientAt(safe);
      for (let round = 0; round < rounds; round += 1) {
        for (const kind of Object.keys(kinds) as (keyof typeof kinds)[]) {
          const started = performance.now();
          const response = await browser.post('/login/options', { identifier: kinds[kind] });
          await response.arrayBuffer();
          timings[kind].push(performance.now() - started);
          assert.equal(response.status, 200);
        }
      }
      const medians = { known: median(timings.known), codesOnly: median(timings.codesOnly), unknown: median(timings.unknown) };
      console.log(`identifier-first options medians over ${rounds} tries each on ${target.name} (ms): ${JSON.stringify(Object.fromEntries(Object.entries(medians).map(([kind, ms]) => [kind, Number(ms.toFixed(3))])))}`);
      for (const kind of ['known', 'codesOnly'] as const) {
        const difference = Math.abs(medians[kind] - medians.unknown);
        assert.ok(difference < Math.max(1.5, medians.unknown * 0.25), `${kind} differs from unknown by ${difference.toFixed(3)} ms`);
      }
    });

    it('sends every email sign-up through a code and answers a taken address like a free one', async () => {
      const free = uniqueIdentifier('free');
      const options = [];
      for (const identifier of [withPasskey, free]) {
        const response = await clientAt(safe).post('/register/options', { identifier });
        options.push({ headers: headerNames(response), body: await expectProblem(response, 403, 'email-verification-required') });
      }
      assert.deepEqual(options[0], options[1]);

      const since = Date.now();
      const codes = [];
      for (const email of [withPasskey, free]) {
        const response = await clientAt(safe).post('/register/code', { email, language: 'de' });
        codes.push({ status: response.status, headers: headerNames(response), body: await response.text() });
      }
      assert.equal(codes[0]?.status, 202);
      assert.deepEqual(codes[0], codes[1]);
      // Only the mails differ: the owner learns they have an account and how to sign in.
      const notice = await sink.waitFor(withPasskey, { since });
      assert.match(notice.subject, /^Sie haben bereits ein Konto bei /);
      assert.match(notice.text, /melden Sie sich stattdessen an, mit Ihrem Passkey oder einem Code per E-Mail/);
      assert.throws(() => codeOf(notice), /No "@<rp-id> #<code>" line/);
      assert.match(codeOf(await sink.waitFor(free, { since })), /^\d{6}$/);
    });

    it('still tells a taken username, which no mail can confirm (a documented limit)', async () => {
      const username = `user${randomBytes(4).toString('hex')}`;
      await signUp(clientAt(safe), new SoftwareAuthenticator(), username);
      await expectProblem(await clientAt(safe).post('/register/options', { identifier: username }), 409, 'identifier-taken');
    });
  });
}
