import { defineConfig, type Plugin } from 'vite';

/**
 * package.json's `sideEffects` lists only the built files, so a bundler may drop a bare
 * `import '../src/passkey-login.ts'` and the element would never be defined. The stories import
 * the source define modules for exactly that side effect: keep it.
 */
function keepElementDefinitions(): Plugin {
  const defineModule = /[\\/]src[\\/]passkey-(login|profile)\.ts$/;
  return {
    name: 'keep-element-definitions',
    enforce: 'pre',
    async resolveId(source, importer, options) {
      if (!/passkey-(login|profile)\.ts$/.test(source)) return null;
      const resolved = await this.resolve(source, importer, { ...options, skipSelf: true });
      return resolved && defineModule.test(resolved.id) ? { ...resolved, moduleSideEffects: true } : resolved;
    },
  };
}

/** Storybook's Vite config: the root one without the 'passkey-api' dev backend (see main.ts). */
export default defineConfig({
  plugins: [keepElementDefinitions()],
  build: { target: 'es2022' },
});
