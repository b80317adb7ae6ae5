/**
 * Rate limits of code requests and checks, kept in the database so that they hold across server
 * processes, and answers that do not tell whether an address has an account.
 */
import assert from 'node:assert/strict';
import { performance } from 'node:perf_hooks';
import { after, before, describe, it } from 'node:test';
import type { Database } from '../src/index.ts';
import { SoftwareAuthenticator } from './helpers/authenticator.ts';
import { requestCode, signUpWithCode } from './helpers/codes.ts';
import { TestClient, databaseTargets, expectProblem, signUp, startServer, uniqueIdentifier } from './helpers/harness.ts';
import type { RunningServer } from './helpers/harness.ts';
import { startMailSink, type MailSink } from './helpers/mail-sink.ts';

/** Each test speaks from its own client address (behind one trusted proxy), so their counts stay apart. */
let clientCounter = 0;
function clientAt(server: RunningServer, address = `198.51.100.${++clientCounter}`): TestClient {
  const client = new TestClient(server.baseUrl);
  client.defaultHeaders = { 'x-forwarded-for': address };
  return client;
}

async function expectRateLimited(response: Response, atMostSeconds: number): Promise<number> {
  const body = await expectProblem(response, 429, 'rate-limited');
  const retryAfter = body.retryAfter;
  assert.equal(typeof retryAfter, 'number');
  assert.ok(Number.isInteger(retryAfter) && (retryAfter as number) >= 1 && (retryAfter as number) <= atMostSeconds, `retryAfter ${retryAfter}`);
  assert.equal(response.headers.get('retry-after'), String(retryAfter));
  return retryAfter as number;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

for (const target of databaseTargets()) {
  describe(`code limits on ${target.name}`, () => {
    let database: Database;
    let sink: MailSink;
    /** The default limits. */
    let defaults: RunningServer;
    /** Two processes, as far as the limits can tell: two servers on one database. */
    let first: RunningServer;
    let second: RunningServer;
    /** Limits out of the way, to compare answers and timings. */
    let unlimited: RunningServer;

    before(async () => {
      database = await target.open();
      sink = await startMailSink();
      const base = { smtpUrl: sink.url, trustProxy: 1 };
      defaults = await startServer(database, base);
      const tight = {
        ...base,
        codeLimits: {
          resendCooldownMs: 1,
          perAddress: { max: 3, windowMs: 60_000 },
          perClient: { max: 4, windowMs: 60_000 },
          triesPerClient: { max: 3, windowMs: 60_000 },
        },
      };
      first = await startServer(database, tight);
      second = await startServer(database, tight);
      const wide = { max: 100_000, windowMs: 60_000 };
      unlimited = await startServer(database, { ...base, codeLimits: { resendCooldownMs: 1, perAddress: wide, perClient: wide, triesPerClient: wide } });
    });
    after(async () => {
      for (const server of [defaults, first, second, unlimited]) await server.close();
      await sink.close();
      await database.close();
    });

    it('keeps a resend cooldown per purpose and address, for unknown addresses alike', async () => {
      const known = uniqueIdentifier('cooldown');
      await signUpWithCode(sink, clientAt(defaults), known);
      const unknown = uniqueIdentifier('cooldown-unknown');
      for (const email of [known, unknown]) {
        const browser = clientAt(defaults);
        assert.equal((await requestCode(browser, '/login/code', { email })).resendIn, 30);
        await expectRateLimited(await browser.post('/login/code', { email }), 30);
        // From another client too: the cooldown belongs to the address.
        await expectRateLimited(await clientAt(defaults).post('/login/code', { email }), 30);
      }
      // Another purpose has its own cooldown.
      await requestCode(clientAt(defaults), '/register/code', { email: unknown });
    });

    it('limits the mails to one address across two servers on one database', async () => {
      const email = uniqueIdentifier('per-address');
      await requestCode(clientAt(first), '/login/code', { email });
      await requestCode(clientAt(second), '/register/code', { email });
      await new Promise((resolve) => setTimeout(resolve, 5));
      await requestCode(clientAt(first), '/login/code', { email });
      await new Promise((resolve) => setTimeout(resolve, 5));
      await expectRateLimited(await clientAt(second).post('/login/code', { email }), 60);
      await expectRateLimited(await clientAt(first).post('/register/code', { email }), 60);
      await requestCode(clientAt(second), '/login/code', { email: uniqueIdentifier('other-address') });
    });

    it('limits the code requests of one client across two servers, by the address the trusted proxy saw', async () => {
      const address = '203.0.113.7';
      for (const server of [first, second, first, second]) {
        await requestCode(clientAt(server, address), '/login/code', { email: uniqueIdentifier('per-client') });
      }
      await expectRateLimited(await clientAt(first, address).post('/login/code', { email: uniqueIdentifier('per-client') }), 60);
      // What the client itself put in front of the proxy's entry does not count.
      await expectRateLimited(await clientAt(second, `192.0.2.1, ${address}`).post('/login/code', { email: uniqueIdentifier('spoof') }), 60);
      await requestCode(clientAt(first, '203.0.113.8'), '/login/code', { email: uniqueIdentifier('neighbour') });
    });

    it('counts IPv6 clients by their /64', async () => {
      for (const address of ['2001:db8:7:1::1', '2001:db8:7:1::2', '2001:0db8:0007:0001:ffff::9', '2001:db8:7:1:a:b:c:d']) {
        await requestCode(clientAt(first, address), '/login/code', { email: uniqueIdentifier('ipv6') });
      }
      await expectRateLimited(await clientAt(second, '2001:db8:7:1::42').post('/login/code', { email: uniqueIdentifier('ipv6') }), 60);
      await requestCode(clientAt(second, '2001:db8:7:2::1'), '/login/code', { email: uniqueIdentifier('ipv6-other') });
    });

    it('limits the code checks of one client across addresses and servers', async () => {
      const address = '203.0.113.9';
      for (const server of [first, second, first]) {
        await expectProblem(await clientAt(server, address).post('/login/code/verify', { email: uniqueIdentifier('tries'), code: '123456' }), 400, 'invalid-code');
      }
      await expectRateLimited(await clientAt(second, address).post('/login/code/verify', { email: uniqueIdentifier('tries'), code: '123456' }), 60);
    });

    it('answers a known, an unconfirmed and an unknown address alike, in status, body and time', async () => {
      const known = uniqueIdentifier('known');
      await signUpWithCode(sink, clientAt(unlimited), known);
      const unconfirmed = uniqueIdentifier('unconfirmed');
      await signUp(clientAt(unlimited), new SoftwareAuthenticator(), unconfirmed);
      const unknown = uniqueIdentifier('unknown');
      const addresses = { known, unconfirmed, unknown };
      const browser = clientAt(unlimited);
      const timings: Record<keyof typeof addresses, number[]> = { known: [], unconfirmed: [], unknown: [] };
      const answers = new Set<string>();
      const kinds = Object.keys(addresses) as Array<keyof typeof addresses>;
      // Warm up the paths first, then interleave in a rotating order so no kind always comes first.
      for (const kind of kinds) await (await browser.post('/login/code', { email: addresses[kind] })).body?.cancel();
      const rounds = 200;
      for (let round = 0; round < rounds; round++) {
        for (let index = 0; index < kinds.length; index++) {
          const kind = kinds[(round + index) % kinds.length] ?? 'known';
          const started = performance.now();
          const response = await browser.post('/login/code', { email: addresses[kind] });
          const text = await response.text();
          timings[kind].push(performance.now() - started);
          answers.add(`${response.status} ${response.headers.get('content-type')} ${text}`);
        }
      }
      assert.deepEqual([...answers], ['202 application/json {"expiresIn":600,"resendIn":1,"length":6}']);
      const medians = Object.fromEntries(kinds.map((kind) => [kind, Number(median(timings[kind]).toFixed(3))]));
      console.log(`code request medians over ${rounds} tries each on ${target.name} (ms): ${JSON.stringify(medians)}`);
      const baseline = medians.unknown ?? 0;
      for (const kind of ['known', 'unconfirmed'] as const) {
        const difference = Math.abs((medians[kind] ?? 0) - baseline);
        assert.ok(difference < Math.max(1.5, baseline * 0.25), `${kind} differs from unknown by ${difference.toFixed(3)} ms`);
      }
      // The mails go out after the answers: wait for the known address's to arrive.
      for (let waited = 0; sink.to(known).length <= rounds && waited < 20_000; waited += 100) {
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      assert.ok(sink.to(known).length > rounds, 'the known address got its codes');
      assert.equal(sink.to(unknown).length + sink.to(unconfirmed).length, 0, 'no mail for addresses without a confirmed account');
    });

    it('answers sign-up code requests alike whether or not the address has an account', async () => {
      const existing = uniqueIdentifier('existing');
      await signUp(clientAt(unlimited), new SoftwareAuthenticator(), existing);
      const fresh = uniqueIdentifier('fresh');
      const browser = clientAt(unlimited);
      const answers = new Set<string>();
      const timings = { existing: [] as number[], fresh: [] as number[] };
      for (let round = 0; round < 100; round++) {
        for (const [kind, email] of round % 2 === 0 ? ([['existing', existing], ['fresh', fresh]] as const) : ([['fresh', fresh], ['existing', existing]] as const)) {
          const started = performance.now();
          const response = await browser.post('/register/code', { email });
          answers.add(`${response.status} ${await response.text()}`);
          timings[kind].push(performance.now() - started);
        }
      }
      assert.deepEqual([...answers], ['202 {"expiresIn":600,"resendIn":1,"length":6}']);
      for (let waited = 0; sink.to(fresh).length < 100 && waited < 20_000; waited += 100) {
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      const medians = { existing: Number(median(timings.existing).toFixed(3)), fresh: Number(median(timings.fresh).toFixed(3)) };
      console.log(`sign-up code request medians over 100 tries each on ${target.name} (ms): ${JSON.stringify(medians)}`);
      assert.ok(Math.abs(medians.existing - medians.fresh) < Math.max(1.5, medians.fresh * 0.25));
      assert.equal(sink.to(fresh).length, 100, 'the fresh address got a code every time');
      assert.ok(sink.to(existing).length > 0, 'the existing account got notices');
    });
  });
}
