/** Migration 003 on a database that already has accounts and sessions. */
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, describe, it } from 'node:test';
import { isUniqueViolation } from '../src/db/database.ts';
import type { Database } from '../src/index.ts';
import { databaseTargets } from './helpers/harness.ts';

const migration = (name: string) => readFile(new URL(`../migrations/${name}`, import.meta.url), 'utf8');

for (const target of databaseTargets()) {
  describe(`email codes migration on ${target.name}`, () => {
    let database: Database;
    before(async () => {
      database = await target.open();
    });
    after(async () => {
      await database.close();
    });

    it('gives email identifiers their unverified address, and existing sessions count as passkey sessions', async () => {
      await database.exec(await migration('001_initial.sql'));
      await database.exec(await migration('002_session_public_ids.sql'));
      await database.query(
        `INSERT INTO users (id, identifier, display_name, webauthn_user_id)
         VALUES ('u1', 'ada@example.com', 'Ada', 'h1'), ('u2', 'grace_h', 'Grace', 'h2')`,
      );
      await database.query("INSERT INTO sessions (token_hash, user_id, expires_at) VALUES ('t1', 'u1', now() + interval '1 day')");

      await database.exec(await migration('003_email_codes.sql'));
      const users = await database.query<{ id: string; email: string | null; email_verified_at: Date | null }>(
        'SELECT id, email, email_verified_at FROM users ORDER BY id',
      );
      assert.deepEqual(users, [
        { id: 'u1', email: 'ada@example.com', email_verified_at: null },
        { id: 'u2', email: null, email_verified_at: null },
      ]);
      const [session] = await database.query<{ signed_in_with: string; verified_by: string; passkey_required: boolean }>(
        "SELECT signed_in_with, verified_by, passkey_required FROM sessions WHERE token_hash = 't1'",
      );
      assert.deepEqual(session, { signed_in_with: 'passkey', verified_by: 'passkey', passkey_required: false });

      await assert.rejects(
        database.query("UPDATE users SET email = 'ada@example.com' WHERE id = 'u2'"),
        (error: unknown) => isUniqueViolation(error, 'users_email_key'),
      );
      await assert.rejects(database.query("UPDATE users SET email = 'Grace@example.com' WHERE id = 'u2'"), /users_email_lower_case/);
      await assert.rejects(
        database.query("UPDATE sessions SET signed_in_with = 'password' WHERE token_hash = 't1'"),
        /signed_in_with/,
      );
    });
  });
}
