import { PasskeyLogin } from './login/passkey-login.component.ts';

export { PasskeyLogin };

// Defining twice (two bundles on one page) must not throw.
if (!customElements.get('passkey-login')) customElements.define('passkey-login', PasskeyLogin);

declare global {
  interface HTMLElementTagNameMap {
    'passkey-login': PasskeyLogin;
  }
}
