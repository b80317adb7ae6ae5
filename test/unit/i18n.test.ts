import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { en, type Translation } from '../../src/i18n/en-profile.ts';
import { withOverrides } from '../../src/i18n/en.ts';
import { builtInTranslations, loadTranslation, matchLanguage } from '../../src/i18n/languages.ts';

/** Sample arguments for every function key of the English translation: a new function key fails until it has some. */
const samples: Record<string, unknown[][]> = {
  noAccountFor: [['ada@example.com']],
  noPasskeyFor: [['ada@example.com']],
  welcome: [['Ada Lovelace']],
  signedInAs: [['ada@example.com']],
  created: [['Mar 3, 2026'], ['03.03.2026']],
  lastUsed: [['2 hours ago'], [null]],
  confirmRemoveTitle: [['iCloud Keychain']],
  savedIn: [['Google Password Manager']],
  signOutOfSession: [['Safari', 'iOS'], ['Firefox', null]],
  lastActive: [['5 minutes ago']],
  codeSent: [['ada@example.com']],
  codeResent: [['ada@example.com']],
  codeValidFor: [[10]],
  codeLabel: [[6]],
  wrongCode: [[4]],
  retryIn: [[30]],
  resendCodeIn: [[25]],
  recoveryCodesFileTitle: [['example.com']],
  recoveryCodesFileAccount: [['ada@example.com']],
  recoveryCodesLeft: [[3]],
};
const counts = [0, 1, 2, 5, 22];

type Shape = string | { [key: string]: Shape };

/** Every key path with the kind of its value: `errors.network: string`, `welcome: function(1)`. */
function shape(value: unknown): Shape {
  if (typeof value === 'string') return 'string';
  if (typeof value === 'function') return `function(${value.length})`;
  assert.ok(value && typeof value === 'object', `unexpected value ${String(value)}`);
  return Object.fromEntries(Object.entries(value).sort(([a], [b]) => a.localeCompare(b)).map(([key, entry]) => [key, shape(entry)]));
}

function functionKeys(translation: object): [string, (...args: unknown[]) => unknown][] {
  return Object.entries(translation).filter((entry): entry is [string, (...args: unknown[]) => unknown] => typeof entry[1] === 'function');
}

function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (value && typeof value === 'object' && typeof value !== 'function') return Object.values(value).flatMap(strings);
  return [];
}

async function loadBuiltIn(key: string): Promise<Translation> {
  const source = builtInTranslations[key];
  assert.equal(typeof source, 'function', `${key} is loaded on demand`);
  return ((await (source as () => Promise<{ default: Translation }>)()).default);
}

const languages = Object.keys(builtInTranslations).filter((key) => key !== 'en');

describe('shipped languages', () => {
  it('ships the nine languages asked for', () => {
    assert.deepEqual(languages.sort(), ['ar', 'de', 'es', 'fr', 'it', 'nl', 'pl', 'pt', 'zh-Hans']);
  });

  it('has sample arguments for every function key of English', () => {
    assert.deepEqual(functionKeys(en).map(([key]) => key).sort(), Object.keys(samples).sort());
  });

  for (const key of languages) {
    describe(key, () => {
      it('has exactly the keys of English, nested ones included, with the same kinds of values', async () => {
        assert.deepEqual(shape(await loadBuiltIn(key)), shape(en));
      });

      it('has no empty string and no text left in English', async () => {
        const translation = await loadBuiltIn(key);
        for (const text of strings(translation)) assert.notEqual(text.trim(), '', `${key}: empty string`);
        // Words that may rightly stay the same (Email, Browser, Passkey, ...) are short; sentences are not.
        const english = new Set(strings(en).filter((text) => text.split(' ').length > 3));
        const untranslated = strings(translation).filter((text) => english.has(text));
        assert.deepEqual(untranslated, [], `${key}: untranslated`);
      });

      it('returns a non-empty string from every function key, keeping the value passed in', async () => {
        const translation = await loadBuiltIn(key);
        for (const [name, format] of functionKeys(translation)) {
          for (const args of [...samples[name]!, ...counts.map((count) => [count])]) {
            // Counts go to every function: a translation must never throw or print "undefined" for any.
            const text = format(...args);
            assert.equal(typeof text, 'string', `${key}.${name}(${args.join()})`);
            assert.ok((text as string).trim().length > 0, `${key}.${name}(${args.join()}) is empty`);
            assert.doesNotMatch(text as string, /undefined|NaN|\[object/, `${key}.${name}(${args.join()})`);
            if (typeof args[0] === 'string' && samples[name]!.some((sample) => sample[0] === args[0])) {
              assert.ok((text as string).includes(args[0]), `${key}.${name} drops its value: ${String(text)}`);
            }
          }
        }
      });
    });
  }
});

describe('matching a page language to a translation', () => {
  const shipped = (candidate: string) => candidate in builtInTranslations;
  const cases: [lang: string, key: string | undefined][] = [
    ['de', 'de'], ['de-AT', 'de'], ['DE-ch', 'de'], ['fr-CA', 'fr'], ['es-419', 'es'], ['ar-EG', 'ar'],
    ['pt-BR', 'pt'], ['pt', 'pt'], ['pt-PT', 'pt'],
    ['zh', 'zh-Hans'], ['zh-CN', 'zh-Hans'], ['zh-Hans', 'zh-Hans'], ['zh-Hans-CN', 'zh-Hans'], ['zh-SG', 'zh-Hans'],
    ['zh-TW', undefined], ['zh-Hant', undefined], ['zh-HK', undefined],
    ['en-GB', 'en'], ['sv', undefined], ['', undefined], ['not a tag!', undefined],
  ];
  for (const [lang, key] of cases) {
    it(`${JSON.stringify(lang)} → ${key ?? 'none (English)'}`, () => assert.equal(matchLanguage(lang, shipped), key));
  }

  it('prefers the most specific key: an app translation for de-CH over the shipped de', () => {
    assert.equal(matchLanguage('de-CH', (candidate) => candidate === 'de-CH' || shipped(candidate)), 'de-CH');
  });
});

describe('loading a language', () => {
  it('gives Arabic right to left and German left to right, keeping the page tag for Intl', async () => {
    const arabic = await loadTranslation<Translation>('ar-EG', {});
    assert.equal(arabic.dir, 'rtl');
    assert.equal(arabic.lang, 'ar-EG');
    const german = await loadTranslation<Translation>('de-AT', {});
    assert.equal(german.dir, 'ltr');
    assert.equal(withOverrides(en, german.layers[0]).signInTitle, 'Anmelden');
  });

  it('falls back to English for an unknown language', async () => {
    assert.deepEqual(await loadTranslation('sv', {}), { lang: 'en', dir: 'ltr', layers: [] });
  });

  it("puts an app's translation over the shipped one, and an app language over English", async () => {
    const german = await loadTranslation<Translation>('de', { de: { signInTitle: 'Einloggen' } });
    const shown = german.layers.reduce<Translation>(withOverrides, en);
    assert.equal(shown.signInTitle, 'Einloggen');
    assert.equal(shown.signOut, 'Abmelden');

    const hebrew = await loadTranslation<Translation>('he', { he: async () => ({ default: { signInTitle: 'כניסה' } }) });
    assert.equal(hebrew.dir, 'rtl');
    const hebrewShown = hebrew.layers.reduce<Translation>(withOverrides, en);
    assert.equal(hebrewShown.signInTitle, 'כניסה');
    assert.equal(hebrewShown.signOut, 'Sign out', 'missing keys fall back to English');
  });
});

describe('withOverrides', () => {
  it('merges nested groups entry by entry and ignores undefined', () => {
    const merged = withOverrides(en, { errors: { network: 'Offline.' }, locations: { device: 'Here only' }, signOut: undefined });
    assert.equal(merged.errors.network, 'Offline.');
    assert.equal(merged.errors.server, en.errors.server);
    assert.equal(merged.locations.device, 'Here only');
    assert.equal(merged.locations.synced, en.locations.synced);
    assert.equal(merged.signOut, en.signOut);
  });
});
