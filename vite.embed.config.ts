import { defineConfig } from 'vite';

/**
 * The one-file embed: `dist/embed/passkey-elements.js`, a self-contained ES module (the elements,
 * lit and @simplewebauthn/browser) that a page loads with a single script tag. The ceremony
 * fallback that the npm entries load on demand is inlined here, so the file never fetches a sibling.
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
      output: { entryFileNames: 'passkey-elements.js', codeSplitting: false },
    },
  },
});
