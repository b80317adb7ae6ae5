/// <reference types="vite/client" />
import { html } from 'lit';
import { styleMap } from 'lit/directives/style-map.js';
import { setCustomElementsManifest, type Decorator, type Preview } from '@storybook/web-components-vite';
import { builtInTranslations } from '../src/i18n/languages.ts';

/**
 * The docs pages read attributes, events, slots, parts and CSS properties from the manifest that
 * `npm run analyze` writes. A glob, so that a Storybook started before the first analysis still runs.
 */
const manifests = import.meta.glob<{ default: object }>('../custom-elements.json', { eager: true });
const manifest = Object.values(manifests)[0];
if (manifest) setCustomElementsManifest(manifest.default);

/** Every language the elements ship, named in English. */
const languageNames = new Intl.DisplayNames(['en'], { type: 'language' });
const languages = Object.keys(builtInTranslations).map((tag) => ({ value: tag, title: languageNames.of(tag) ?? tag }));

/**
 * `lang` and `dir` go on the document, where a page sets them. The elements take their language's
 * direction (right to left for Arabic) unless `dir` is set on them, which the stories do when the
 * toolbar asks for one.
 */
const withLanguageAndDirection: Decorator = (story, { globals }) => {
  const root = document.documentElement;
  root.lang = typeof globals.lang === 'string' && globals.lang in builtInTranslations ? globals.lang : 'en';
  if (globals.dir === 'rtl' || globals.dir === 'ltr') root.dir = globals.dir;
  else root.removeAttribute('dir');
  return story();
};

/** The page behind the element follows the theme too; the stories give it to the element as its `theme` attribute. */
const withThemedCanvas: Decorator = (story, { globals }) => {
  const theme = globals.theme === 'light' || globals.theme === 'dark' ? globals.theme : 'auto';
  const surface = {
    boxSizing: 'border-box',
    minHeight: '100vh',
    padding: '2rem',
    colorScheme: theme === 'auto' ? 'light dark' : theme,
    background: 'light-dark(#ffffff, #010409)',
  };
  return html`<div style=${styleMap(surface)}>${story()}</div>`;
};

const preview: Preview = {
  decorators: [withThemedCanvas, withLanguageAndDirection],
  tags: ['autodocs'],
  parameters: {
    // The theme decorator paints the whole canvas.
    layout: 'fullscreen',
    backgrounds: { disable: true },
    controls: { expanded: true },
  },
  globalTypes: {
    lang: {
      description: 'Document language',
      toolbar: { title: 'Language', icon: 'globe', items: languages, dynamicTitle: true },
    },
    dir: {
      description: 'Text direction of the document',
      toolbar: {
        title: 'Direction',
        icon: 'transfer',
        items: [
          { value: 'auto', title: "The language's own" },
          { value: 'ltr', title: 'Left to right' },
          { value: 'rtl', title: 'Right to left' },
        ],
        dynamicTitle: true,
      },
    },
    theme: {
      description: "The elements' `theme` attribute",
      toolbar: {
        title: 'Theme',
        icon: 'mirror',
        items: [
          { value: 'auto', title: 'System' },
          { value: 'light', title: 'Light' },
          { value: 'dark', title: 'Dark' },
        ],
        dynamicTitle: true,
      },
    },
  },
  initialGlobals: { lang: 'en', dir: 'auto', theme: 'light' },
};

export default preview;
