import { defineConfig } from 'vite';
import { passkeyApi } from './server/src/vite.ts';

/**
 * The demo: `passkeyApi()` serves the reference backend under /api/passkeys on the dev and
 * preview servers, so the demo and the API share one origin. Data lives in `.data/` (PGlite)
 * unless DATABASE_URL is set.
 */
export default defineConfig({
  plugins: [passkeyApi()],
  server: { host: 'localhost' },
  preview: { host: 'localhost' },
  // dist/ also holds the packages' builds (dist/lib, dist/embed): the demo gets a folder of its own.
  build: { target: 'es2022', outDir: 'dist/demo' },
});
