// Loaded only when a page asks for a language other than English: keeps the shipped-language
// table and the tag matching out of the elements' bundles.
import type { TranslationOverrides } from './en.ts';
import type { Translation } from './en-profile.ts';

/** A translation, or a function that loads one (e.g. `() => import('./sv.js')`: a module whose default export is one, or one). */
export type TranslationSource<Strings = Translation> =
  | TranslationOverrides<Strings>
  | (() => Promise<TranslationOverrides<Strings> | { default: TranslationOverrides<Strings> }>);

/**
 * The languages shipped, keyed by canonical language tag, each in its own module that is loaded
 * only when a page uses it. English is bundled (an empty layer over the English defaults).
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
  'zh-Hans': () => import('./zh-Hans.ts'),
};

/**
 * The first key `available` accepts for the language tag `lang`, in canonical form, most specific
 * first: the tag, language-region, language-script, language (`de-AT` → `de`, `zh-CN` → `zh-Hans`).
 * Undefined when none is, or when `lang` is not a language tag (`lang=""`, garbage): English then.
 */
export function matchLanguage(lang: string, available: (key: string) => boolean): string | undefined {
  let locale: Intl.Locale;
  try {
    locale = new Intl.Locale(lang);
  } catch {
    return undefined;
  }
  const { language, script, region } = locale.maximize();
  return [locale.baseName, `${language}-${region}`, `${language}-${script}`, language].find(available);
}

/** What an element shows: the tag (for `Intl`), its direction, and the layers over English. */
export interface ShownLanguage<Strings> {
  lang: string;
  dir: 'ltr' | 'rtl';
  layers: TranslationOverrides<Strings>[];
}

const rightToLeft = /^(ar|ckb|dv|fa|he|ps|sd|ug|ur|yi)$/;

/** The language shown for `lang`: the shipped translation, the app's `own` one over it; English when none matches. */
export async function loadTranslation<Strings>(lang: string, own: Record<string, TranslationSource<Strings>>): Promise<ShownLanguage<Strings>> {
  const key = matchLanguage(lang, (candidate) => candidate in own || candidate in builtInTranslations);
  if (!key) return { lang: 'en', dir: 'ltr', layers: [] };
  const layers = await Promise.all([builtInTranslations[key] as TranslationSource<Strings> | undefined, own[key]].map(load));
  return { lang, dir: rightToLeft.test(new Intl.Locale(key).language) ? 'rtl' : 'ltr', layers };
}

async function load<Strings>(source: TranslationSource<Strings> | undefined): Promise<TranslationOverrides<Strings>> {
  const loaded = typeof source === 'function' ? await source() : source ?? {};
  return 'default' in loaded ? (loaded.default as TranslationOverrides<Strings>) : loaded;
}
