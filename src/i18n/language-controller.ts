import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { withOverrides, type TranslationOverrides } from './en.ts';
import { builtInTranslations, matchLanguage, type TranslationSource } from './languages.ts';

/** What an element offers the controller: its overrides and the app's own languages. */
export interface LocalizedElement<Strings> extends ReactiveControllerHost, HTMLElement {
  strings: TranslationOverrides<Strings> | undefined;
  translations: Record<string, TranslationSource<Strings>> | undefined;
}

const rightToLeft = /^(ar|arc|ckb|dv|fa|he|ks|ps|sd|ug|ur|yi)\b/i;

/**
 * Follows the language of an element: its `lang`, else the nearest ancestor's (across shadow roots),
 * else English. Loads that language's strings on demand, re-resolves when the element's, that
 * ancestor's or the document's `lang` changes, and sets `dir` on the element unless the page did.
 */
export class LanguageController<Strings extends object> implements ReactiveController {
  /** The language shown, for `Intl`: the page's tag when a translation serves it, else `en`. */
  lang = 'en';
  #layers: TranslationOverrides<Strings>[] = [];
  #request?: object;
  #translations?: LocalizedElement<Strings>['translations'];
  #appliedDir?: string;
  #observer?: MutationObserver;

  constructor(
    private readonly host: LocalizedElement<Strings>,
    private readonly english: Strings,
  ) {
    host.addController(this);
  }

  /** English, under the resolved language, under the element's `strings`. */
  get strings(): Strings {
    return [...this.#layers, this.host.strings].reduce<Strings>(withOverrides, this.english);
  }

  hostConnected(): void {
    this.#observer ??= new MutationObserver(() => this.#resolve());
    this.#resolve();
  }

  hostDisconnected(): void {
    this.#observer?.disconnect();
  }

  hostUpdate(): void {
    if (this.host.translations !== this.#translations) this.#resolve();
  }

  #resolve(): void {
    const { host } = this;
    const source = closestAcrossShadows(host, '[lang]');
    const lang = source?.getAttribute('lang') || 'en';
    const translations = (this.#translations = host.translations);
    const own = Object.fromEntries(Object.entries(translations ?? {}).map(([key, value]) => [key.toLowerCase(), value]));
    const key = matchLanguage(lang, (candidate) => candidate in own || candidate in builtInTranslations);
    this.#observer?.disconnect();
    for (const node of [host, source, document.documentElement]) node && this.#observer?.observe(node, { attributeFilter: ['lang', 'dir'] });

    const request = (this.#request = {});
    // The app's translation of a language goes over the shipped one, and both over English.
    const sources = key ? [builtInTranslations[key] as TranslationSource<Strings> | undefined, own[key]] : [];
    Promise.all(sources.map(load)).then(
      (layers) => request === this.#request && this.#apply(key ? lang : 'en', layers),
      (error: unknown) => {
        if (request === this.#request) this.#apply('en', []);
        throw new Error(`passkey-elements: could not load the "${lang}" translation; showing English`, { cause: error });
      },
    );
  }

  #apply(lang: string, layers: TranslationOverrides<Strings>[]): void {
    const { host } = this;
    this.lang = lang;
    this.#layers = layers;
    // A `dir` the page set wins; otherwise the direction follows the language shown.
    const current = host.getAttribute('dir');
    if (current === null || current === this.#appliedDir) {
      this.#appliedDir = rightToLeft.test(lang) ? 'rtl' : 'ltr';
      if (current !== this.#appliedDir) host.setAttribute('dir', this.#appliedDir);
    }
    host.requestUpdate();
  }
}

async function load<Strings>(source: TranslationSource<Strings> | undefined): Promise<TranslationOverrides<Strings>> {
  const loaded = typeof source === 'function' ? await source() : source ?? {};
  return 'default' in loaded ? (loaded.default as TranslationOverrides<Strings>) : loaded;
}

/** `element.closest(selector)`, continuing from the host of each shadow root on the way up. */
function closestAcrossShadows(element: Element, selector: string): Element | null {
  for (let node: Element | undefined = element; node; node = (node.getRootNode() as ShadowRoot).host) {
    const found = node.closest(selector);
    if (found) return found;
  }
  return null;
}
