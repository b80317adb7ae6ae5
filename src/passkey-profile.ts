import { PasskeyProfile } from './profile/passkey-profile.component.ts';

export { PasskeyProfile };

// Defining twice (two bundles on one page) must not throw.
if (!customElements.get('passkey-profile')) customElements.define('passkey-profile', PasskeyProfile);

declare global {
  interface HTMLElementTagNameMap {
    'passkey-profile': PasskeyProfile;
  }
}
