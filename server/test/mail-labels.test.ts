import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Translation } from '../../src/i18n/en-profile.ts';
import { en as elementEnglish } from '../../src/i18n/en-profile.ts';
import type { MailTexts } from '../src/mail/texts/types.ts';

/** Each mail language beside the element translation its readers see on the account page. */
const languages: [mail: string, element: string][] = [
  ['ar', 'ar'], ['de', 'de'], ['es', 'es'], ['fr', 'fr'], ['it', 'it'], ['nl', 'nl'], ['pl', 'pl'], ['pt', 'pt-BR'], ['zh-Hans', 'zh-Hans'],
];

async function mailTexts(language: string): Promise<MailTexts> {
  const module = (await import(`../src/mail/texts/${language}.ts`)) as Record<string, MailTexts>;
  const [texts] = Object.values(module);
  assert.ok(texts, `${language}: no mail texts`);
  return texts;
}

describe('security mails name the account page as it reads', () => {
  it('quotes "Your passkeys" and "Sign out of all other devices" as the element labels them, in every language', async () => {
    const english = JSON.stringify(await mailTexts('en'));
    assert.ok(english.includes(`“${elementEnglish.signOutOthers}”`), 'English quotes the button');
    assert.ok(english.includes(`“${elementEnglish.passkeysTitle}”`), 'English quotes the section');
    for (const [mail, element] of languages) {
      const texts = JSON.stringify(await mailTexts(mail));
      const translation = ((await import(`../../src/i18n/${element}.ts`)) as { default: Translation }).default;
      assert.ok(texts.includes(translation.signOutOthers), `${mail}: the mails should name "${translation.signOutOthers}"`);
    }
  });
});
