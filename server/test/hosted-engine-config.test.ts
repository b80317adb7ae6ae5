/** Choosing the WebAuthn engine: local unless a hosted Passkey API tenant is configured, completely. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { configFromEnv, resolveConfig } from '../src/index.ts';

const hosted = { WEBAUTHN_ENGINE: 'hosted-passkey-api', PASSKEY_API_TENANT_ID: 'tenant-1', PASSKEY_API_KEY: 'secret-key' };

describe('the WebAuthn engine setting', () => {
  it('is the local engine when nothing is set, and when WEBAUTHN_ENGINE is "local"', () => {
    assert.equal(configFromEnv({}).hostedPasskeyApi, undefined);
    assert.equal(configFromEnv({ WEBAUTHN_ENGINE: 'local', PASSKEY_API_KEY: 'ignored' }).hostedPasskeyApi, undefined);
  });

  it('reads the tenant, API key, base URL and audience for the hosted engine', () => {
    assert.deepEqual(configFromEnv(hosted).hostedPasskeyApi, { tenantId: 'tenant-1', apiKey: 'secret-key' });
    assert.deepEqual(configFromEnv({ ...hosted, PASSKEY_API_URL: 'https://passkeys.example.com', PASSKEY_API_AUDIENCE: 'example.com' }).hostedPasskeyApi, {
      tenantId: 'tenant-1',
      apiKey: 'secret-key',
      baseUrl: 'https://passkeys.example.com/',
      audience: 'example.com',
    });
  });

  it('refuses an unknown engine, a hosted engine without tenant or key, and a base URL the key would cross in the clear', () => {
    assert.throws(() => configFromEnv({ WEBAUTHN_ENGINE: 'hanko' }), /WEBAUTHN_ENGINE "hanko" must be one of "local", "hosted-passkey-api"/);
    assert.throws(() => configFromEnv({ ...hosted, PASSKEY_API_KEY: '' }), /needs PASSKEY_API_TENANT_ID and PASSKEY_API_KEY/);
    assert.throws(() => configFromEnv({ ...hosted, PASSKEY_API_TENANT_ID: undefined }), /needs PASSKEY_API_TENANT_ID and PASSKEY_API_KEY/);
    assert.throws(() => configFromEnv({ ...hosted, PASSKEY_API_URL: 'http://passkeys.example.com' }), /must be https/);
    assert.throws(() => configFromEnv({ ...hosted, PASSKEY_API_URL: 'not a url' }), /is not a URL/);
    assert.throws(() => resolveConfig({ rpId: 'localhost', origins: ['http://localhost:3000'], hostedPasskeyApi: { tenantId: ' ', apiKey: 'k' } }), /tenantId must not be empty/);
  });
});
