/** Liveness and readiness probes: `/health` never needs the database, `/ready` answers 503 without it. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { databaseTargets, expectJson, expectProblem, startServer, TestClient } from './helpers/harness.ts';

for (const target of databaseTargets()) {
  describe(`health probes on ${target.name}`, () => {
    it('answer 200 while the database answers; then /ready says 503 unavailable and /health stays 200', async () => {
      const database = await target.open();
      const running = await startServer(database);
      // A probe is a plain GET from a load balancer: no Origin, no cookie.
      const probe = new TestClient(running.baseUrl, undefined);
      try {
        assert.deepEqual(await expectJson(await probe.get('/health')), { status: 'ok' });
        assert.deepEqual(await expectJson(await probe.get('/ready')), { status: 'ready' });
        await expectProblem(await probe.request('POST', '/ready'), 404, 'not-found');

        await database.close();
        await expectProblem(await probe.get('/ready'), 503, 'unavailable');
        assert.deepEqual(await expectJson(await probe.get('/health')), { status: 'ok' });
      } finally {
        await running.close();
      }
    });
  });
}
