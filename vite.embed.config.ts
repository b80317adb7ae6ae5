import { defineConfig, type Plugin } from 'vite';

/**
 * The one-file embed: `dist/embed/passkey-elements.js`, a self-contained ES module (the elements,
 * lit and @simplewebauthn/browser) that a page loads with a single script tag. Languages other than
 * English are files in `dist/embed/languages/`, fetched only by pages in those languages; a page
 * without them shows English.
 */
export default defineConfig({
  publicDir: false,
  plugins: [bundleCeremonyFallback()],
  build: {
    outDir: 'dist/embed',
    emptyOutDir: true,
    target: 'es2022',
    minify: true,
    // Library mode: chunks import each other directly, without the app build's preload helper.
    lib: { entry: 'src/index.ts', formats: ['es'], fileName: 'passkey-elements' },
    rolldownOptions: { output: { chunkFileNames: 'languages/[name].js', minify: true } },
  },
});

/**
 * The npm entries fetch @simplewebauthn/browser on demand, for browsers without WebAuthn's JSON
 * methods. The embed has no sibling file to fetch it from, so the library goes inside.
 */
function bundleCeremonyFallback(): Plugin {
  const dynamicImport = "import('./library-ceremony.ts')";
  return {
    name: 'bundle-ceremony-fallback',
    enforce: 'pre',
    transform(code, id) {
      if (!id.endsWith('/src/core/ceremony.ts')) return undefined;
      if (!code.includes(dynamicImport)) throw new Error(`${id} no longer contains ${dynamicImport}`);
      return `import * as ceremonyFallback from './library-ceremony.ts';\n${code.replace(dynamicImport, 'Promise.resolve(ceremonyFallback)')}`;
    },
  };
}
