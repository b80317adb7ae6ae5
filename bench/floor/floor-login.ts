import { LitElement, html } from 'lit';
import { startAuthentication, startRegistration } from '@simplewebauthn/browser';

/**
 * The floor the bench compares against: the least a page can do for the same ceremonies against
 * the reference backend, written by hand with lit and @simplewebauthn/browser. Options are fetched
 * before the click (at connect for the button, once the identifier is typed otherwise), requests
 * are CORS-simple, and there are no error screens, languages or states: `floor-signed-in` or a
 * thrown error. Not for use: a yardstick.
 */
class FloorLogin extends LitElement {
  private options?: Promise<unknown>;

  private get api() {
    return this.getAttribute('api') ?? '';
  }

  /** `button` (usernameless), `identifier` (identifier-first) or `signup`. */
  private get flow() {
    return this.getAttribute('flow') ?? 'button';
  }

  override connectedCallback() {
    super.connectedCallback();
    if (this.flow === 'button') this.options = this.post('/login/options', {});
  }

  private async post(path: string, body: unknown): Promise<unknown> {
    const response = await fetch(this.api + path, { method: 'POST', credentials: 'include', headers: { 'content-type': 'text/plain;charset=UTF-8' }, body: JSON.stringify(body) });
    if (!response.ok) throw new Error(`${path} answered ${response.status}`);
    return response.json();
  }

  private prefetch(event: Event) {
    const identifier = (event.target as HTMLInputElement).value;
    if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(identifier)) return;
    this.options = this.flow === 'signup' ? this.post('/register/options', { identifier }) : this.post('/login/options', { identifier });
  }

  private async submit(event: Event) {
    event.preventDefault();
    const optionsJSON = (await this.options) as never;
    const user = this.flow === 'signup'
      ? await this.post('/register/verify', await startRegistration({ optionsJSON }))
      : await this.post('/login/verify', await startAuthentication({ optionsJSON }));
    this.dispatchEvent(new CustomEvent('floor-signed-in', { detail: user, bubbles: true, composed: true }));
  }

  override render() {
    const label = this.flow === 'signup' ? 'Create a passkey' : this.flow === 'identifier' ? 'Continue' : 'Sign in with a passkey';
    return html`<form @submit=${this.submit}>
      ${this.flow === 'button' ? '' : html`<label>Email <input type="email" autocomplete="username webauthn" @input=${this.prefetch} /></label>`}
      <button type="submit">${label}</button>
    </form>`;
  }
}

customElements.define('floor-login', FloorLogin);
