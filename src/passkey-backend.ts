import { PasskeyBackendProvider } from './core/backend-provider.ts';

export { PasskeyBackendProvider };

// Defining twice (two bundles on one page) must not throw, nor importing in Node, where there is no registry.
if (globalThis.customElements && !customElements.get('passkey-backend')) customElements.define('passkey-backend', PasskeyBackendProvider);

declare global {
  interface HTMLElementTagNameMap {
    'passkey-backend': PasskeyBackendProvider;
  }
}
