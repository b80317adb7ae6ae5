/** Migration 002 gives every session, old or new, its own public id. */
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, describe, it } from 'node:test';
import { isUniqueViolation } from '../src/db/database.ts';
import type { Database } from '../src/index.ts';
import { databaseTargets } from './helpers/harness.ts';

const migration = (name: string) => readFile(new URL(`../migrations/${name}`, import.meta.url), 'utf8');

for (const target of databaseTargets()) {
  describe(`session public ids on ${target.name}`, () => {
    let database: Database;
    before(async () => {
      database = await target.open();
    });
    after(async () => {
      await database.close();
    });

    it('backfills distinct ids for existing sessions, generates them for new ones, and keeps them unique', async () => {
      await database.exec(await migration('001_initial.sql'));
      await database.query(
        "INSERT INTO users (id, identifier, display_name, webauthn_user_id) VALUES ('u1', 'old@example.com', 'Old', 'h1')",
      );
      for (const tokenHash of ['t1', 't2', 't3']) {
        await database.query(
          "INSERT INTO sessions (token_hash, user_id, expires_at) VALUES ($1, 'u1', now() + interval '1 day')",
          [tokenHash],
        );
      }

      await database.exec(await migration('002_session_public_ids.sql'));
      await database.query("INSERT INTO sessions (token_hash, user_id, expires_at) VALUES ('t4', 'u1', now() + interval '1 day')");
      const rows = await database.query<{ token_hash: string; id: string }>('SELECT token_hash, id FROM sessions');
      assert.equal(rows.length, 4);
      assert.equal(new Set(rows.map((row) => row.id)).size, 4, 'every session has its own id');
      for (const row of rows) {
        assert.match(row.id, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
        assert.notEqual(row.id, row.token_hash);
      }

      await assert.rejects(
        database.query("UPDATE sessions SET id = (SELECT id FROM sessions WHERE token_hash = 't1') WHERE token_hash = 't2'"),
        (error: unknown) => isUniqueViolation(error, 'sessions_id_key'),
      );
    });
  });
}
