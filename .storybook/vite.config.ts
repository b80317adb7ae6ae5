import { defineConfig } from 'vite';

/** Storybook's Vite config: the root one without the 'passkey-api' dev backend (see main.ts). */
export default defineConfig({
  build: { target: 'es2022' },
});
