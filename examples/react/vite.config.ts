import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { passkeyApi } from 'passkey-elements-server/vite';

export default defineConfig({
  // passkeyApi() mounts the reference backend for development; your own server does it in production.
  plugins: [react(), passkeyApi()],
  server: { host: 'localhost', port: 5174 },
  preview: { host: 'localhost', port: 4174 },
});
