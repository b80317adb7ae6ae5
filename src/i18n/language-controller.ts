import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { withOverrides, type TranslationOverrides } from './en.ts';
import type { ShownLanguage, TranslationSource } from './languages.ts';

/** What an element offers the controller: its overrides and the app's own languages. */
export interface LocalizedElement<Strings> extends ReactiveControllerHost, HTMLElement {
  strings: TranslationOverrides<Strings> | undefined;
  translations: Record<string, TranslationSource<Strings>> | undefined;
}

/**
 * Follows the language of an element: its `lang`, else the nearest ancestor's (across shadow roots),
 * else English. Loads that language on demand, resolves again when the element's, that ancestor's
 * or the document's `lang` changes, and sets `dir` on the element unless the page set it.
 */
export class LanguageController<Strings extends object> implements ReactiveController {
  /** The language shown, for `Intl`: the page's tag when a translation serves it, else `en`. */
  lang = 'en';
  #layers: TranslationOverrides<Strings>[] = [];
  #request?: object;
  #translations?: LocalizedElement<Strings>['translations'];
  #appliedDir?: string;
  #observer = new MutationObserver(() => this.#resolve());

  constructor(
    private readonly host: LocalizedElement<Strings>,
    private readonly english: Strings,
  ) {
    host.addController(this);
  }

  /** English, under the language shown, under the element's `strings`. */
  get strings(): Strings {
    return [...this.#layers, this.host.strings].reduce<Strings>(withOverrides, this.english);
  }

  hostConnected(): void {
    const source = this.#resolve();
    for (const node of [this.host, source, document.documentElement]) if (node) this.#observer.observe(node, { attributeFilter: ['lang', 'dir'] });
  }

  hostDisconnected(): void {
    this.#observer.disconnect();
  }

  hostUpdate(): void {
    if (this.host.translations !== this.#translations) this.#resolve();
  }

  /** Shows the language of the element now; returns the element its `lang` comes from. */
  #resolve(): Element | null {
    const { host } = this;
    const source = closestAcrossShadows(host, '[lang]');
    const lang = source?.getAttribute('lang') || 'en';
    const own = (this.#translations = host.translations);

    const request = (this.#request = {});
    // English needs nothing loaded; any other language loads the table of languages, then its own.
    if (/^en\b/i.test(lang) && !own) this.#apply({ lang, dir: 'ltr', layers: [] });
    else import('./languages.ts').then((languages) => languages.loadTranslation(lang, own ?? {})).then(
      (shown) => request === this.#request && this.#apply(shown),
      (error: unknown) => {
        if (request === this.#request) this.#apply({ lang: 'en', dir: 'ltr', layers: [] });
        throw new Error(`Translation "${lang}" failed to load; showing English`, { cause: error });
      },
    );
    return source;
  }

  #apply({ lang, dir, layers }: ShownLanguage<Strings>): void {
    const { host } = this;
    this.lang = lang;
    this.#layers = layers;
    // A `dir` the page set wins; otherwise the direction follows the language shown.
    const current = host.getAttribute('dir');
    if (current === null || current === this.#appliedDir) {
      this.#appliedDir = dir;
      if (current !== dir) host.setAttribute('dir', dir);
    }
    host.requestUpdate();
  }
}
/** `element.closest(selector)`, continuing from the host of each shadow root on the way up. */
function closestAcrossShadows(element: Element, selector: string): Element | null {
  for (let node: Element | undefined = element; node; node = (node.getRootNode() as ShadowRoot).host) {
    const found = node.closest(selector);
    if (found) return found;
  }
  return null;
}
