import { fileURLToPath } from 'node:url';
import type { StorybookConfig } from '@storybook/web-components-vite';

const config: StorybookConfig = {
  framework: {
    name: '@storybook/web-components-vite',
    // Not the root vite.config.ts: its 'passkey-api' plugin starts the reference backend and its
    // database. Stories talk to stories/memory-backend.ts instead.
    options: { builder: { viteConfigPath: fileURLToPath(new URL('./vite.config.ts', import.meta.url)) } },
  },
  stories: ['../stories/**/*.stories.ts'],
  // Docs pages per element, from the stories and custom-elements.json (see preview.ts).
  addons: ['@storybook/addon-docs'],
  core: { disableTelemetry: true },
};

export default config;
