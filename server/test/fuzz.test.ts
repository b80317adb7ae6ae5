/**
 * Fuzz test: thousands of generated and mutated requests to every endpoint of the protocol, signed
 * in and not, with valid and broken bodies, content types, methods and paths (helpers/fuzzer.ts).
 * Every answer must be below 500, every error a problem+json that agrees with the protocol, and no
 * refused request may change stored data. PostgreSQL runs a smaller share of the same generator.
 * Reproducible: FUZZ_SEED replays a run, FUZZ_REQUESTS sets its length (10,000 by default).
 */
import assert from 'node:assert/strict';
import { randomInt } from 'node:crypto';
import { describe, it } from 'node:test';
import { databaseTargets } from './helpers/harness.ts';
import { runFuzz } from './helpers/fuzzer.ts';

const seed = Number(process.env.FUZZ_SEED ?? randomInt(2 ** 31));
const pgliteRequests = Number(process.env.FUZZ_REQUESTS ?? 10_000);
const postgresRequests = Math.ceil(pgliteRequests / 5);

for (const target of databaseTargets()) {
  const total = target.name === 'PGlite' ? pgliteRequests : postgresRequests;
  describe(`fuzz on ${target.name}`, () => {
    it(`answers ${total} fuzzed requests without a 5xx, with problem+json errors, and changes nothing when it refuses`, { timeout: 10 * 60_000 }, async () => {
      console.log(`fuzz on ${target.name}: seed ${seed} (replay with FUZZ_SEED=${seed}), ${total} requests`);
      const database = await target.open();
      try {
        const counts = await runFuzz(database, { seed, total });
        const statuses = Object.entries(counts.byStatus).map(([status, count]) => `${status}: ${count}`).join(', ');
        console.log(`fuzz on ${target.name}, seed ${seed}: ${counts.requests} requests (${counts.rejected} refused) in ${counts.seconds.toFixed(1)} s; ${statuses}`);
        assert.equal(counts.requests, total);
        assert.ok(counts.rejected > total / 4, 'most fuzzed requests are refused');
        assert.ok(counts.rejected < total, 'some fuzzed requests succeed');
      } finally {
        await database.close();
      }
    });
  });
}
