import { defineConfig, type Plugin } from 'vite';

/**
 * The one-file embed: `dist/embed/passkey-elements.js`, a self-contained ES module (the elements,
 * lit and @simplewebauthn/browser) that a page loads with a single script tag. Languages other than
 * English are files in `dist/embed/languages/`, fetched only by pages in those languages; a page
 * without them shows English.
 */
export default defineConfig({
  publicDir: false,
  plugins: [bundleOnDemandModules()],
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
 * The npm entries load some modules on demand: @simplewebauthn/browser for browsers without
 * WebAuthn's JSON methods, and the login's email code screens. The embed is one file, so they go
 * inside: each such `import('./x.ts')` becomes a static import. Only the languages stay apart.
 */
function bundleOnDemandModules(): Plugin {
  // `typeof import(...)` is a type, not a load; languages (src/i18n) are meant to load lazily.
  const dynamicImport = /(?<!typeof )import\('(\.{1,2}\/[\w./-]+\.ts)'\)/g;
  return {
    name: 'bundle-on-demand-modules',
    enforce: 'pre',
    transform(code, id) {
      if (!id.includes('/src/') || id.includes('/src/i18n/')) return undefined;
      const specifiers = [...new Set([...code.matchAll(dynamicImport)].map((match) => match[1]!))];
      if (specifiers.length === 0) return undefined;
      const imports = specifiers.map((specifier, index) => `import * as onDemand${index} from '${specifier}';`).join('\n');
      const body = code.replace(dynamicImport, (_match, specifier: string) => `Promise.resolve(onDemand${specifiers.indexOf(specifier)})`);
      return `${imports}\n${body}`;
    },
  };
}
