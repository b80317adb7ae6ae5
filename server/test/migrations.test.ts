/** Migrations apply once, survive reopening, and tolerate servers starting together. */
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createPasskeyServer, runMigrations } from '../src/index.ts';
import type { Database } from '../src/index.ts';
import { openPgliteDatabase } from '../src/db/pglite.ts';
import { databaseTargets, openPostgresSchema, testConfig } from './helpers/harness.ts';

const tables = ['challenges', 'credentials', 'email_codes', 'rate_limits', 'recovery_codes', 'schema_migrations', 'security_events', 'server_secrets', 'sessions', 'users'];
const migrationNames = ['001_initial.sql', '002_session_public_ids.sql', '003_email_codes.sql', '004_challenge_limits.sql', '005_session_idle_timeout.sql', '006_security_events.sql', '007_save_challenge.sql'];

async function tableNames(database: Database): Promise<string[]> {
  const rows = await database.query<{ table_name: string }>(
    `SELECT table_name FROM information_schema.tables
     WHERE table_schema = current_schema() ORDER BY table_name`,
  );
  return rows.map((row) => row.table_name);
}

for (const target of databaseTargets()) {
  describe(`migrations on ${target.name}`, () => {
    let database: Database;
    before(async () => {
      database = await target.open();
    });
    after(async () => {
      await database.close();
    });

    it('applies every migration once and records it', async () => {
      assert.deepEqual(await runMigrations(database), migrationNames);
      assert.deepEqual(await tableNames(database), tables);
      assert.deepEqual(await runMigrations(database), []);
      const recorded = await database.query<{ name: string }>('SELECT name FROM schema_migrations ORDER BY name');
      assert.deepEqual(recorded.map((row) => row.name), migrationNames);
    });

    it('cascades account deletion to passkeys, challenges, sessions, email codes and recovery codes', async () => {
      await database.query(
        "INSERT INTO users (id, identifier, display_name, webauthn_user_id) VALUES ('u1', 'gone@example.com', 'Gone', 'h1')",
      );
      await database.query(
        `INSERT INTO credentials (id, user_id, public_key, aaguid, device_type, backed_up)
         VALUES ('c1', 'u1', '\\x00', 'aaguid', 'singleDevice', false)`,
      );
      await database.query(
        "INSERT INTO sessions (token_hash, user_id, credential_id, expires_at) VALUES ('t1', 'u1', 'c1', now() + interval '1 day')",
      );
      await database.query("INSERT INTO challenges (challenge, purpose, user_id, expires_at) VALUES ('x1', 'login', 'u1', now())");
      await database.query(
        "INSERT INTO email_codes (id, purpose, address, user_id, code_hash, expires_at) VALUES ('e1', 'sign-in', 'gone@example.com', 'u1', 'h', now())",
      );
      await database.query("INSERT INTO recovery_codes (id, user_id, code_hash) VALUES ('r1', 'u1', 'h')");
      await database.query("DELETE FROM credentials WHERE id = 'c1'");
      const [session] = await database.query<{ credential_id: string | null }>("SELECT credential_id FROM sessions WHERE token_hash = 't1'");
      assert.equal(session?.credential_id, null, 'a deleted passkey leaves its sessions without a credential');
      await database.query("DELETE FROM users WHERE id = 'u1'");
      for (const table of ['sessions', 'challenges', 'email_codes', 'recovery_codes']) {
        const rows = await database.query(`SELECT 1 FROM ${table} WHERE user_id = 'u1'`);
        assert.equal(rows.length, 0, table);
      }
    });
  });
}

describe('migrations on a PGlite data directory', () => {
  it('survives closing and reopening the same directory', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'passkey-pglite-'));
    try {
      const first = await createPasskeyServer({ ...testConfig, dataDir });
      await first.database.query(
        "INSERT INTO users (id, identifier, display_name, webauthn_user_id) VALUES ('u1', 'kept@example.com', 'Kept', 'h1')",
      );
      await first.close();

      const reopened = await openPgliteDatabase(dataDir);
      try {
        assert.deepEqual(await runMigrations(reopened), [], 'nothing left to apply');
        const rows = await reopened.query<{ identifier: string }>('SELECT identifier FROM users');
        assert.deepEqual(rows, [{ identifier: 'kept@example.com' }]);
      } finally {
        await reopened.close();
      }
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});

const postgresUrl = process.env.TEST_DATABASE_URL;
describe('migrations on PostgreSQL with several servers starting together', { skip: postgresUrl === undefined || postgresUrl === '' }, () => {
  it('applies each migration exactly once', async () => {
    const schema = `passkey_race_${process.pid}`;
    // The first creates the schema; the others connect to it as further server processes would.
    const firstConnection = await openPostgresSchema(postgresUrl ?? '', schema);
    const connections = [
      firstConnection,
      ...(await Promise.all([1, 2].map(() => openPostgresSchema(postgresUrl ?? '', schema)))),
    ];
    try {
      const applied = await Promise.all(connections.map((connection) => runMigrations(connection)));
      assert.deepEqual(applied.flat(), migrationNames);
      const first = connections[0];
      assert.ok(first);
      assert.deepEqual(await tableNames(first), tables);
    } finally {
      // Each wrapper drops the shared schema; the later drops find nothing left, which is fine.
      for (const connection of connections) await connection.close();
    }
  });
});
