/**
 * New PGlite data directories start from the template (src/db/pglite.ts): migrated, without
 * secrets, reopened as any other; a template that cannot be used leaves a database made from
 * scratch.
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { runMigrations } from '../src/db/migrate.ts';
import { openPgliteDatabase } from '../src/db/pglite.ts';
import { writePgliteTemplate } from '../src/db/pglite-template.ts';

describe('the PGlite template', () => {
  let directory: string;
  let template: URL;
  before(async () => {
    directory = await mkdtemp(join(tmpdir(), 'passkey-template-'));
    template = pathToFileURL(join(directory, 'template.tar.gz'));
    await writePgliteTemplate(template);
  });
  after(async () => {
    await rm(directory, { recursive: true, force: true });
  });

  it('gives a new directory the migrated schema and no secrets, and the directory reopens', async () => {
    const dataDir = join(directory, 'new');
    const database = await openPgliteDatabase(dataDir, template);
    try {
      assert.deepEqual(await runMigrations(database), [], 'every migration came with the template');
      const [secrets] = await database.query<{ count: number }>('SELECT count(*)::int AS count FROM server_secrets');
      assert.equal(secrets?.count, 0, 'each database makes its own secrets');
      await database.query("INSERT INTO users (id, identifier, display_name, webauthn_user_id) VALUES ('u1', 'kept@example.com', 'Kept', 'h1')");
    } finally {
      await database.close();
    }
    const reopened = await openPgliteDatabase(dataDir, template);
    try {
      assert.deepEqual(await reopened.query('SELECT identifier FROM users'), [{ identifier: 'kept@example.com' }]);
    } finally {
      await reopened.close();
    }
  });

  it('creates the database from scratch when the template cannot be used', async () => {
    const broken = pathToFileURL(join(directory, 'broken.tar.gz'));
    await writeFile(broken, 'not a tarball');
    const database = await openPgliteDatabase(join(directory, 'fallback'), broken);
    try {
      const applied = await runMigrations(database);
      assert.ok(applied.length > 0, 'a fresh database, migrated now');
      assert.deepEqual(await database.query('SELECT 1 AS one'), [{ one: 1 }]);
    } finally {
      await database.close();
    }
  });
});
