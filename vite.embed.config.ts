import { defineConfig } from 'vite';

/**
 * The one-file embed: `dist/embed/passkey-elements.js`, a self-contained ES module (the elements,
 * lit and @simplewebauthn/browser) that a page loads with a single script tag.
 */
export default defineConfig({
  publicDir: false,
  build: {
    outDir: 'dist/embed',
    emptyOutDir: true,
    target: 'es2022',
    modulePreload: false,
    rolldownOptions: {
      input: 'src/index.ts',
      preserveEntrySignatures: 'exports-only',
      output: { entryFileNames: 'passkey-elements.js' },
    },
  },
});
