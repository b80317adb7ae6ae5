// The REST client against real HTTP servers that accept a request and never answer it.
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { PasskeyError } from '../../src/core/errors.ts';
import { createRestBackend } from '../../src/core/rest-backend.ts';

describe('REST client: a server that never answers', () => {
  let silent: Server;
  let baseUrl: string;

  before(async () => {
    // Takes every request, sends nothing.
    silent = createServer(() => {});
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(silent.address() as AddressInfo).port}/api`;
  });
  after(async () => {
    silent.closeAllConnections();
    await new Promise((resolve) => silent.close(resolve));
  });

  it('fails as network after its timeout, so the screen can offer a retry', { timeout: 5_000 }, async () => {
    const backend = createRestBackend({ baseUrl, timeoutMs: 200 });
    const started = Date.now();
    await assert.rejects(backend.loginOptions({}, {}), (error: unknown) => {
      assert.ok(error instanceof PasskeyError);
      assert.equal(error.code, 'network');
      assert.match(error.message, /within 200 ms/);
      return true;
    });
    const waited = Date.now() - started;
    assert.ok(waited >= 190 && waited < 2_000, `gave up after ${waited} ms`);
  });

  it("still lets the caller's signal cancel first, as an abort rather than a network failure", { timeout: 5_000 }, async () => {
    const backend = createRestBackend({ baseUrl, timeoutMs: 5_000 });
    const cancel = new AbortController();
    setTimeout(() => cancel.abort(), 50);
    await assert.rejects(backend.loginOptions({}, { signal: cancel.signal }), (error: unknown) => {
      assert.ok(!(error instanceof PasskeyError), 'an abort is not a failure to report');
      assert.equal((error as Error).name, 'AbortError');
      return true;
    });
  });
});
