import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { PasskeyError } from '../../src/core/errors.ts';
import { PrefetchedOptions, optionsKey, plausibleIdentifier, plausibleSignUp, usernameless, type OptionsPurpose } from '../../src/login/prefetched-options.ts';

const host = { addController() {}, removeController() {}, requestUpdate() {}, updateComplete: Promise.resolve(true) };
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const ada: OptionsPurpose = { ceremony: 'sign-in', identifier: 'ada@example.com' };

/** A fetcher that counts its calls and answers options with a new challenge each time. */
function counting(timeout = 300_000) {
  const fetcher = async () => ({ challenge: `challenge-${++fetcher.calls}`, timeout });
  fetcher.calls = 0;
  return fetcher;
}

describe('prefetched options', () => {
  it('shares one request for the same purpose until a ceremony takes it; the next take fetches again', async () => {
    const options = new PrefetchedOptions(host, () => {});
    const fetch = counting();
    const prefetched = options.get(usernameless, fetch);
    assert.equal(options.get(usernameless, fetch), prefetched);
    assert.equal((await options.take(usernameless, fetch)).challenge, 'challenge-1');
    assert.equal(options.holds(usernameless), false);
    assert.equal((await options.take(usernameless, fetch)).challenge, 'challenge-2');
    assert.equal(fetch.calls, 2);
  });

  it('holds one set: options for another identifier replace those held and are never handed out for it', async () => {
    const options = new PrefetchedOptions(host, () => {});
    const fetch = counting();
    await options.get(ada, fetch);
    await options.get({ ceremony: 'sign-in', identifier: 'grace@example.com' }, fetch);
    assert.equal(options.holds(ada), false);
    assert.equal((await options.take(ada, fetch)).challenge, 'challenge-3');
  });

  it('drops options as their timeout nears and says so, so that fresh ones can be fetched', async () => {
    const expired: string[] = [];
    const options = new PrefetchedOptions(host, (key) => expired.push(key));
    const fetch = counting(100);
    await options.get(usernameless, fetch);
    assert.equal(options.holds(usernameless), true);
    await sleep(120);
    assert.equal(options.holds(usernameless), false);
    assert.deepEqual(expired, [optionsKey(usernameless)]);
    assert.equal((await options.get(usernameless, fetch)).challenge, 'challenge-2');
    options.drop();
    await sleep(120);
    assert.equal(expired.length, 1, 'dropped options do not expire later');
  });

  it('keeps an answer about the identifier for the click, but asks again after any other failure', async () => {
    const options = new PrefetchedOptions(host, () => {});
    const unknown = options.get(ada, () => Promise.reject(new PasskeyError('unknown-user', 'No account')));
    await assert.rejects(unknown, { code: 'unknown-user' });
    assert.equal(options.holds(ada), true);
    await assert.rejects(options.take(ada, counting()), { code: 'unknown-user' });

    const offline = options.get(ada, () => Promise.reject(new PasskeyError('network', 'Offline')));
    await assert.rejects(offline, { code: 'network' });
    assert.equal(options.holds(ada), false);
    const thrown = options.get(ada, () => {
      throw new PasskeyError('network', 'No backend');
    });
    await assert.rejects(thrown, { code: 'network' });
  });

  it('forgets everything when its element leaves the page', async () => {
    const options = new PrefetchedOptions(host, () => {});
    await options.get(usernameless, counting());
    options.hostDisconnected();
    assert.equal(options.holds(usernameless), false);
  });
});

describe('what typing may ask options for', () => {
  it('an address with a full domain, or a valid username where usernames are asked for; nothing partial', () => {
    for (const partial of ['', 'a', 'ada', 'ada@', 'ada@example', 'ada@example.', 'ada@example.c', 'ada lovelace@example.com']) {
      assert.equal(plausibleIdentifier(partial, 'email'), undefined, partial);
    }
    assert.equal(plausibleIdentifier(' ada@example.com ', 'email'), 'ada@example.com');
    assert.equal(plausibleIdentifier('ada_l', 'email'), undefined);
    assert.equal(plausibleIdentifier('ada_l', 'username'), 'ada_l');
    assert.equal(plausibleIdentifier('ad', 'username'), undefined);
  });

  it('a sign-up with a plausible identifier and an empty or valid name', () => {
    assert.deepEqual(plausibleSignUp({ identifier: 'ada@example.com', displayName: ' Ada ' }, 'email'), { ceremony: 'sign-up', identifier: 'ada@example.com', displayName: 'Ada' });
    assert.deepEqual(plausibleSignUp({ identifier: 'ada@example.com', displayName: '' }, 'email'), { ceremony: 'sign-up', identifier: 'ada@example.com', displayName: '' });
    assert.equal(plausibleSignUp({ identifier: 'ada@example.com', displayName: 'x'.repeat(65) }, 'email'), undefined);
    assert.equal(plausibleSignUp({ identifier: 'ada@exa', displayName: 'Ada' }, 'email'), undefined);
  });
});
