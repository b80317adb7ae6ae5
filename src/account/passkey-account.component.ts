import { LitElement, css, html } from 'lit';
import type { PasskeyBackend } from '../core/backend.ts';
import '../passkey-login.ts';
import '../passkey-profile.ts';

/** The parts of both elements, so that `passkey-account::part(button)` styles them as it would each. */
const innerParts = [
  'title', 'form', 'label', 'input', 'button', 'primary-button', 'link', 'divider', 'message', 'error', 'passkey-list', 'empty-card',
  'passkey-item', 'session-list', 'session-item', 'activity-list', 'activity-item', 'badge', 'danger-button', 'dialog', 'confirm', 'ceremony',
].join(', ');

/**
 * `<passkey-login>` while nobody is signed in, `<passkey-profile>` once someone is, switched by
 * their own events: a session found open at start (a reload), a sign-in or sign-up, signing out,
 * a session revoked elsewhere and a deleted account. The events of both bubble out of it, so the
 * page can follow them too. Their parts are exported under the same names, and the
 * `--passkey-*` custom properties reach them as they are inherited.
 *
 * @tag passkey-account
 * @summary Sign-in when signed out, account settings when signed in, in one tag.
 *
 * @event {CustomEvent<PasskeySignInDetail>} passkey-signed-in - From the login: someone is signed in (`detail.restored` for a session found open); the profile shows next.
 * @event {CustomEvent<PasskeySignOutDetail>} passkey-signed-out - From the profile: nobody is signed in any more (`detail.reason`); the login shows next.
 *
 * @slot header - Above either element's content, e.g. a logo.
 * @slot footer - Below it, e.g. help links.
 *
 * @csspart login - The `<passkey-login>` shown while signed out.
 * @csspart profile - The `<passkey-profile>` shown while signed in.
 */
export class PasskeyAccount extends LitElement {
  static override styles = css`
    :host {
      display: block;
    }
  `;

  static override properties = {
    api: { reflect: true },
    backend: { attribute: false },
    theme: { reflect: true },
    identifier: { reflect: true },
    noAutofill: { type: Boolean, attribute: 'no-autofill' },
    signedIn: { state: true },
  };

  /** Base URL of the backend, as on both elements; without it (and without `backend`), the one an ancestor provides. */
  declare api: string;
  /** A backend object for both elements (the whole `PasskeyBackend`); takes precedence over `api`. */
  declare backend: PasskeyBackend | undefined;
  /** Colour scheme of both elements: `auto`, `light` or `dark`. */
  declare theme: 'light' | 'dark' | 'auto';
  /** What people sign in with, on the login: `email` or `username`. */
  declare identifier: 'email' | 'username';
  /** Do not offer passkeys in the login's autofill. */
  declare noAutofill: boolean;

  private declare signedIn: boolean;

  constructor() {
    super();
    this.api = '';
    this.theme = 'auto';
    this.identifier = 'email';
    this.noAutofill = false;
    this.signedIn = false;
    // The inner elements' events cross their shadow roots and reach this host on their way out.
    this.addEventListener('passkey-signed-in', () => (this.signedIn = true));
    this.addEventListener('passkey-signed-out', () => (this.signedIn = false));
  }

  override render() {
    const slots = html`<slot name="header" slot="header"></slot><slot name="footer" slot="footer"></slot>`;
    // The login makes the start-up session check; the profile is shown only once it said who is signed in.
    return this.signedIn
      ? html`<passkey-profile part="profile" exportparts=${innerParts} api=${this.api} .backend=${this.backend} theme=${this.theme}>${slots}</passkey-profile>`
      : html`<passkey-login part="login" exportparts=${innerParts} api=${this.api} .backend=${this.backend} theme=${this.theme}
          identifier=${this.identifier} ?no-autofill=${this.noAutofill}>${slots}</passkey-login>`;
  }
}
