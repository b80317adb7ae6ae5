/** Configuration and input normalisation: pure functions, no database. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { defaultConfig, mailFromOf, resolveConfig } from '../src/config.ts';
import { configFromEnv, standaloneFromEnv } from '../src/config-env.ts';
import { Problem } from '../src/problem.ts';
import { normaliseDisplayName, normaliseIdentifier } from '../src/validate.ts';

describe('configFromEnv', () => {
  it('has development defaults', () => {
    assert.deepEqual(configFromEnv({}), {
      rpId: 'localhost',
      rpName: 'Passkey Elements demo',
      origins: ['http://localhost:3000'],
      topOrigins: [],
      basePath: '/api/passkeys',
      dataDir: '.data',
      challengeTtlMs: 5 * 60 * 1000,
      sessionTtlMs: 12 * 60 * 60 * 1000,
      sessionIdleMs: 30 * 60 * 1000,
      maxSessionsPerAccount: 20,
      emailVerification: 'optional',
      codeSignIn: 'on',
      signInPolicy: 'standard',
      trustProxy: 0,
      securityEventRetentionDays: 180,
      codeLimits: {
        lifetimeMs: 10 * 60 * 1000,
        maxAttempts: 5,
        resendCooldownMs: 30 * 1000,
        perAddress: { max: 5, windowMs: 60 * 60 * 1000 },
        perClient: { max: 100, windowMs: 10 * 60 * 1000 },
        triesPerClient: { max: 200, windowMs: 10 * 60 * 1000 },
      },
      rateLimits: {
        perClient: { max: 600, windowMs: 10 * 60 * 1000 },
        perAccount: { max: 30, windowMs: 15 * 60 * 1000 },
        pendingChallengesPerClient: 300,
      },
      enumerationSafe: false,
    });
    assert.deepEqual(configFromEnv({ PORT: '8080' }).origins, ['http://localhost:8080']);
    assert.equal(mailFromOf(configFromEnv({ RP_NAME: 'Praxis "Nord"' })), '"Praxis Nord" <no-reply@localhost>');
  });

  it('reads every variable', () => {
    const config = configFromEnv({
      RP_ID: 'example.com',
      RP_NAME: 'Example',
      ORIGINS: 'https://example.com/, https://app.example.com ,',
      DATABASE_URL: 'postgres://user@db/passkeys',
      DATA_DIR: '/var/lib/passkeys',
      SMTP_URL: 'smtps://mailer:secret@smtp.example.com',
      MAIL_FROM: 'Example <no-reply@example.com>',
      EMAIL_VERIFICATION: 'required',
      CODE_SIGN_IN: 'recovery',
      SIGN_IN_POLICY: 'two-factor',
      CODE_SECRET: 'a'.repeat(64),
      TRUST_PROXY: '1',
      SESSION_IDLE_MINUTES: '15',
      SESSION_LIFETIME_HOURS: '8',
      MAX_SESSIONS_PER_ACCOUNT: '5',
    });
    assert.equal(config.rpId, 'example.com');
    assert.equal(config.rpName, 'Example');
    assert.deepEqual(config.origins, ['https://example.com', 'https://app.example.com']);
    assert.equal(config.databaseUrl, 'postgres://user@db/passkeys');
    assert.equal(config.dataDir, '/var/lib/passkeys');
    assert.equal(config.smtpUrl, 'smtps://mailer:secret@smtp.example.com');
    assert.equal(mailFromOf(config), 'Example <no-reply@example.com>');
    assert.equal(config.emailVerification, 'required');
    assert.equal(config.codeSignIn, 'recovery');
    assert.equal(config.signInPolicy, 'two-factor');
    assert.equal(config.codeSecret, 'a'.repeat(64));
    assert.equal(config.trustProxy, 1);
    assert.equal(config.sessionIdleMs, 15 * 60 * 1000);
    assert.equal(config.sessionTtlMs, 8 * 60 * 60 * 1000);
    assert.equal(config.maxSessionsPerAccount, 5);
  });

  it('reads the ceremony limits and enumeration-safe mode, which production turns on', () => {
    const config = configFromEnv({ RATE_LIMIT_PER_CLIENT: '50', RATE_LIMIT_PER_ACCOUNT: '5', PENDING_CHALLENGES_PER_CLIENT: '9', ENUMERATION_SAFE: 'true' });
    assert.deepEqual(config.rateLimits, {
      perClient: { ...defaultConfig.rateLimits.perClient, max: 50 },
      perAccount: { ...defaultConfig.rateLimits.perAccount, max: 5 },
      pendingChallengesPerClient: 9,
    });
    assert.equal(config.enumerationSafe, true);
    assert.equal(configFromEnv({ NODE_ENV: 'production', SMTP_URL: 'smtp://localhost:25' }).enumerationSafe, true);
    assert.equal(configFromEnv({ NODE_ENV: 'production', ENUMERATION_SAFE: 'false' }).enumerationSafe, false);
    const partial = resolveConfig({ rpId: 'localhost', origins: ['http://localhost'], rateLimits: { pendingChallengesPerClient: 2 } });
    assert.deepEqual(partial.rateLimits, { ...defaultConfig.rateLimits, pendingChallengesPerClient: 2 });
  });

  it('fills in code limits one by one', () => {
    const config = resolveConfig({ rpId: 'localhost', origins: ['http://localhost'], codeLimits: { maxAttempts: 3, perClient: { max: 7, windowMs: 1000 } } });
    assert.deepEqual(config.codeLimits, { ...defaultConfig.codeLimits, maxAttempts: 3, perClient: { max: 7, windowMs: 1000 } });
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
    assert.throws(() => configFromEnv({ EMAIL_VERIFICATION: 'sometimes' }), /emailVerification "sometimes" must be one of "required", "optional", "off"/);
    assert.throws(() => configFromEnv({ CODE_SIGN_IN: 'yes' }), /codeSignIn "yes"/);
    assert.throws(() => configFromEnv({ SIGN_IN_POLICY: '2fa' }), /signInPolicy "2fa"/);
    assert.throws(() => configFromEnv({ EMAIL_VERIFICATION: 'off' }), /codeSignIn "on" needs email verification/);
    assert.doesNotThrow(() => configFromEnv({ EMAIL_VERIFICATION: 'off', CODE_SIGN_IN: 'off' }));
    assert.throws(() => configFromEnv({ SMTP_URL: 'mail.example.com' }), /smtpUrl is not a URL/);
    assert.throws(() => configFromEnv({ SMTP_URL: 'http://mail.example.com' }), /smtp:\/\/ or smtps:\/\//);
    assert.throws(() => configFromEnv({ MAIL_FROM: 'a@example.com\r\nBcc: b@example.com' }), /mailFrom/);
    assert.throws(() => configFromEnv({ CODE_SECRET: 'short' }), /codeSecret must be at least 32 characters/);
    assert.throws(() => configFromEnv({ TRUST_PROXY: 'yes' }), /TRUST_PROXY "yes"/);
    assert.throws(() => configFromEnv({ SESSION_IDLE_MINUTES: '0' }), /sessionIdleMs must be a positive number/);
    assert.throws(() => configFromEnv({ SESSION_LIFETIME_HOURS: '1.5' }), /SESSION_LIFETIME_HOURS "1.5"/);
    assert.throws(() => configFromEnv({ MAX_SESSIONS_PER_ACCOUNT: '0' }), /maxSessionsPerAccount must be a whole number/);
    assert.throws(() => configFromEnv({ ENUMERATION_SAFE: 'yes' }), /ENUMERATION_SAFE "yes" must be "true" or "false"/);
    assert.throws(() => configFromEnv({ RATE_LIMIT_PER_CLIENT: 'many' }), /RATE_LIMIT_PER_CLIENT "many"/);
    assert.throws(() => configFromEnv({ PENDING_CHALLENGES_PER_CLIENT: '0' }), /rateLimits.pendingChallengesPerClient/);
    assert.throws(
      () => resolveConfig({ rpId: 'localhost', origins: ['http://localhost'], rateLimits: { perAccount: { max: 0, windowMs: 1000 } } }),
      /rateLimits.perAccount.max/,
    );
    assert.throws(() => resolveConfig({ rpId: 'localhost', origins: ['http://localhost'], codeLimits: { maxAttempts: 0 } }), /codeLimits.maxAttempts/);
    assert.throws(
      () => resolveConfig({ rpId: 'localhost', origins: ['http://localhost'], codeLimits: { perAddress: { max: 5, windowMs: -1 } } }),
      /codeLimits.perAddress.windowMs/,
    );
  });

  it('never repeats an SMTP URL, which may hold a password', () => {
    assert.throws(() => configFromEnv({ SMTP_URL: 'smtp://user:hunter2@mail host' }), (error: Error) => !error.message.includes('hunter2'));
    assert.throws(() => configFromEnv({ SMTP_URL: 'ftp://user:hunter2@host' }), (error: Error) => !error.message.includes('hunter2'));
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

describe('standaloneFromEnv', () => {
  it('listens on every address of port 3000, logs requests, waits 10 s on SIGTERM and serves dist/demo by default', () => {
    assert.deepEqual(standaloneFromEnv({}), { port: 3000, shutdownGraceMs: 10_000, logRequests: true, staticDir: 'dist/demo' });
  });

  it('reads HOST, SHUTDOWN_GRACE_MS, LOG_REQUESTS and STATIC_DIR, and names a wrong one', () => {
    assert.deepEqual(standaloneFromEnv({ PORT: '8080', HOST: ' 127.0.0.1 ', SHUTDOWN_GRACE_MS: '2500', LOG_REQUESTS: 'off', STATIC_DIR: 'public' }), {
      port: 8080,
      host: '127.0.0.1',
      shutdownGraceMs: 2500,
      logRequests: false,
      staticDir: 'public',
    });
    assert.throws(() => standaloneFromEnv({ LOG_REQUESTS: 'yes' }), /LOG_REQUESTS "yes"/);
    assert.throws(() => standaloneFromEnv({ SHUTDOWN_GRACE_MS: '10s' }), /SHUTDOWN_GRACE_MS "10s"/);
  });
});
