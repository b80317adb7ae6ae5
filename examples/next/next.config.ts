import type { NextConfig } from 'next';

const config: NextConfig = {
  // The reference backend and its database (PGlite, which loads its WebAssembly from its own
  // package) run as Node loads them, not bundled.
  serverExternalPackages: ['passkey-elements-server', '@electric-sql/pglite'],
};

export default config;
