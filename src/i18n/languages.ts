import type { TranslationOverrides } from './en.ts';
import type { Translation } from './en-profile.ts';

/** A translation, or a function that loads one (e.g. `() => import('./sv.js')`, module or object). */
export type TranslationSource<Strings = Translation> =
  | TranslationOverrides<Strings>
  | (() => Promise<TranslationOverrides<Strings> | { default: TranslationOverrides<Strings> }>);

/**
 * The languages shipped, keyed by lowercase tag, each in its own module that is loaded only when a
 * page uses it. English is bundled (an empty layer over the English defaults).
 */
export const builtInTranslations: Record<string, TranslationSource> = {
  en: {},
  ar: () => import('./ar.ts'),
  de: () => import('./de.ts'),
  es: () => import('./es.ts'),
  fr: () => import('./fr.ts'),
  it: () => import('./it.ts'),
  nl: () => import('./nl.ts'),
  pl: () => import('./pl.ts'),
  // Brazilian Portuguese also serves `pt` and `pt-PT`: far closer to them than English.
  pt: () => import('./pt-BR.ts'),
  // Simplified Chinese: `zh`, `zh-CN`, `zh-SG` and `zh-Hans` reach it, `zh-TW` and `zh-Hant` do not.
  'zh-hans': () => import('./zh-Hans.ts'),
};

/**
 * The key in `available` (lowercase keys) that serves the language tag `lang`, most specific first:
 * the tag itself, then language-region, language-script, language (`de-AT` → `de`, `zh-CN` → `zh-hans`).
 * Undefined when none does, or when `lang` is not a valid tag.
 */
export function matchLanguage(lang: string, available: (key: string) => boolean): string | undefined {
  let locale: Intl.Locale;
  try {
    locale = new Intl.Locale(lang).maximize();
  } catch {
    return undefined; // Not a language tag (`lang=""` or garbage): the caller shows English.
  }
  const { language, script, region } = locale;
  return [lang, `${language}-${region}`, `${language}-${script}`, language].map((key) => key.toLowerCase()).find(available);
}
