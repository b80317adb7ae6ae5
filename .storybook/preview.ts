import { html } from 'lit';
import { styleMap } from 'lit/directives/style-map.js';
import type { Decorator, Preview } from '@storybook/web-components-vite';

/** Dark values for the element's public tokens; light is the element's own defaults. */
const darkTokens = {
  '--passkey-color-accent': '#8ab4ff',
  '--passkey-color-on-accent': '#0b1220',
  '--passkey-color-text': '#e6edf3',
  '--passkey-color-muted': '#9da7b3',
  '--passkey-color-surface': '#161b22',
  '--passkey-color-border': '#6e7681',
  '--passkey-color-error': '#ff8f85',
};

/**
 * `lang` and `dir` go on the document, where a page sets them. Only English is bundled, so any
 * other language must show the English fallback.
 */
const withLanguageAndDirection: Decorator = (story, { globals }) => {
  document.documentElement.lang = globals.lang === 'de' ? 'de' : 'en';
  document.documentElement.dir = globals.dir === 'rtl' ? 'rtl' : 'ltr';
  return story();
};

const withTheme: Decorator = (story, { globals }) => {
  const dark = globals.theme === 'dark';
  const surface = {
    boxSizing: 'border-box',
    minHeight: '100vh',
    padding: '2rem',
    colorScheme: dark ? 'dark' : 'light',
    background: dark ? '#0d1117' : '#ffffff',
    ...(dark ? darkTokens : {}),
  };
  return html`<div style=${styleMap(surface)}>${story()}</div>`;
};

const preview: Preview = {
  decorators: [withTheme, withLanguageAndDirection],
  parameters: {
    // The theme decorator paints the whole canvas.
    layout: 'fullscreen',
    backgrounds: { disable: true },
    controls: { expanded: true },
  },
  globalTypes: {
    lang: {
      description: 'Document language (only English is bundled; others fall back to it)',
      toolbar: {
        title: 'Language',
        icon: 'globe',
        items: [
          { value: 'en', title: 'English' },
          { value: 'de', title: 'Deutsch (English fallback)' },
        ],
        dynamicTitle: true,
      },
    },
    dir: {
      description: 'Text direction',
      toolbar: {
        title: 'Direction',
        icon: 'transfer',
        items: [
          { value: 'ltr', title: 'Left to right' },
          { value: 'rtl', title: 'Right to left' },
        ],
        dynamicTitle: true,
      },
    },
    theme: {
      description: 'Light or dark tokens',
      toolbar: {
        title: 'Theme',
        icon: 'mirror',
        items: [
          { value: 'light', title: 'Light' },
          { value: 'dark', title: 'Dark' },
        ],
        dynamicTitle: true,
      },
    },
  },
  initialGlobals: { lang: 'en', dir: 'ltr', theme: 'light' },
};

export default preview;
