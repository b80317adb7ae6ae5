/**
 * The second line behind the store's lock order: a transaction that PostgreSQL aborts as a
 * deadlock victim is run again, so both deadlocked transactions end up committed.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { openPostgresSchema } from './helpers/harness.ts';

const url = process.env.TEST_DATABASE_URL;

describe('deadlock retry on PostgreSQL', { skip: url ? false : 'skipped: needs TEST_DATABASE_URL (PGlite runs one transaction at a time)' }, () => {
  it('runs the deadlock victim again, and both transactions commit', async () => {
    const database = await openPostgresSchema(url ?? '');
    try {
      await database.exec('CREATE TABLE pair (id int PRIMARY KEY, value int NOT NULL); INSERT INTO pair VALUES (1, 0), (2, 0);');
      let bothHoldOne: () => void = () => {};
      const firstLocksTaken = new Promise<void>((resolve) => {
        let holding = 0;
        bothHoldOne = () => {
          holding += 1;
          if (holding === 2) resolve();
        };
      });
      let attempts = 0;
      // Each locks its own row, waits until the other holds its row too, then wants the other's.
      const crossing = (mine: number, theirs: number) =>
        database.transaction(async (transaction) => {
          attempts += 1;
          await transaction.query('UPDATE pair SET value = value + 1 WHERE id = $1', [mine]);
          bothHoldOne();
          await firstLocksTaken;
          await transaction.query('UPDATE pair SET value = value + 1 WHERE id = $1', [theirs]);
        });
      await Promise.all([crossing(1, 2), crossing(2, 1)]);
      assert.equal(attempts, 3, 'one of the two ran twice');
      const rows = await database.query<{ id: number; value: number }>('SELECT id, value FROM pair ORDER BY id');
      assert.deepEqual(rows, [{ id: 1, value: 2 }, { id: 2, value: 2 }]);
    } finally {
      await database.close();
    }
  });
});
