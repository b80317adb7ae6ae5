import vue from '@vitejs/plugin-vue';
import { defineConfig } from 'vite';
import { passkeyApi } from 'passkey-elements-server/vite';

export default defineConfig({
  plugins: [
    // The passkey-* tags are custom elements: Vue leaves them to the browser.
    vue({ template: { compilerOptions: { isCustomElement: (tag) => tag.startsWith('passkey-') } } }),
    // Mounts the reference backend for development; your own server does it in production.
    passkeyApi(),
  ],
  server: { host: 'localhost', port: 5175 },
  preview: { host: 'localhost', port: 4175 },
});
