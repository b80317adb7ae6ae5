/** Configuration and input normalisation: pure functions, no database. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { configFromEnv, resolveConfig } from '../src/config.ts';
import { Problem } from '../src/problem.ts';
import { normaliseDisplayName, normaliseIdentifier } from '../src/validate.ts';

describe('configFromEnv', () => {
  it('has development defaults', () => {
    assert.deepEqual(configFromEnv({}), {
      rpId: 'localhost',
      rpName: 'Passkey Elements demo',
      origins: ['http://localhost:3000'],
      basePath: '/api/passkeys',
      dataDir: '.data',
      challengeTtlMs: 5 * 60 * 1000,
      sessionTtlMs: 30 * 24 * 60 * 60 * 1000,
    });
    assert.deepEqual(configFromEnv({ PORT: '8080' }).origins, ['http://localhost:8080']);
  });

  it('reads every variable', () => {
    const config = configFromEnv({
      RP_ID: 'example.com',
      RP_NAME: 'Example',
      ORIGINS: 'https://example.com/, https://app.example.com ,',
      DATABASE_URL: 'postgres://user@db/passkeys',
      DATA_DIR: '/var/lib/passkeys',
    });
    assert.equal(config.rpId, 'example.com');
    assert.equal(config.rpName, 'Example');
    assert.deepEqual(config.origins, ['https://example.com', 'https://app.example.com']);
    assert.equal(config.databaseUrl, 'postgres://user@db/passkeys');
    assert.equal(config.dataDir, '/var/lib/passkeys');
  });

  it('explains bad configuration', () => {
    assert.throws(() => configFromEnv({ ORIGINS: 'localhost:3000' }), /origin "localhost:3000"/);
    assert.throws(() => configFromEnv({ ORIGINS: 'not a url' }), /is not a URL/);
    assert.throws(() => configFromEnv({ ORIGINS: 'ftp://localhost' }), /http or https/);
    assert.throws(() => configFromEnv({ ORIGINS: 'http://localhost:3000/app' }), /path/);
    assert.throws(() => configFromEnv({ ORIGINS: ' , ' }), /at least one origin/);
    assert.throws(() => configFromEnv({ RP_ID: ' ' }), /rpId must not be empty/);
    assert.throws(() => configFromEnv({ RP_ID: 'example.com' }), /not on the RP ID/);
    assert.throws(() => configFromEnv({ PORT: 'eighty' }), /PORT/);
    assert.throws(() => resolveConfig({ rpId: 'localhost', origins: ['http://localhost'], challengeTtlMs: 0 }), /challengeTtlMs/);
    assert.throws(() => resolveConfig({ rpId: 'localhost', origins: ['http://localhost'], basePath: 'api' }), /basePath/);
  });

  it('accepts an already resolved configuration unchanged', () => {
    const config = resolveConfig({ rpId: 'Example.COM', origins: ['https://login.example.com'], basePath: '/auth/' });
    assert.equal(config.rpId, 'example.com');
    assert.equal(config.basePath, '/auth');
    assert.deepEqual(resolveConfig(config), config);
  });
});

describe('identifier and display name rules', () => {
  const problemCode = (run: () => unknown) => {
    try {
      run();
    } catch (error) {
      return error instanceof Problem ? error.code : 'not a problem';
    }
    return 'no error';
  };

  it('normalises email addresses and usernames', () => {
    assert.equal(normaliseIdentifier(' Ada@Example.com\t'), 'ada@example.com');
    assert.equal(normaliseIdentifier('ADA_1815'), 'ada_1815');
    assert.equal(problemCode(() => normaliseIdentifier('ad')), 'invalid-identifier');
    assert.equal(problemCode(() => normaliseIdentifier('ada lovelace')), 'invalid-identifier');
    assert.equal(problemCode(() => normaliseIdentifier('ada@example')), 'invalid-identifier');
  });

  it('trims display names and defaults them to the identifier', () => {
    assert.equal(normaliseDisplayName(undefined, 'ada'), 'ada');
    assert.equal(normaliseDisplayName('  Ada Lovelace ', 'ada'), 'Ada Lovelace');
    assert.equal(problemCode(() => normaliseDisplayName(' ', 'ada')), 'invalid-display-name');
    assert.equal(problemCode(() => normaliseDisplayName('tab\there', 'ada')), 'invalid-display-name');
  });
});
