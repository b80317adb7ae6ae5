import { PasskeyAccount } from './account/passkey-account.component.ts';

export { PasskeyAccount };

// Defining twice (two bundles on one page) must not throw, nor importing in Node, where there is no registry.
if (globalThis.customElements && !customElements.get('passkey-account')) customElements.define('passkey-account', PasskeyAccount);

declare global {
  interface HTMLElementTagNameMap {
    'passkey-account': PasskeyAccount;
  }
}
