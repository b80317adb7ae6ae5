/**
 * What the bench puts side by side: our `<passkey-login>`, the floor (bench/floor/floor-login.ts:
 * the same ceremonies by hand with lit and @simplewebauthn/browser, options prefetched) and Hanko
 * Elements 2.7 against the stand-in of its API (bench/hanko-api.ts, the passkey button only).
 * Scripts that run in the page are plain strings: tsx's name-keeping helpers do not exist there.
 */
export type ContenderName = 'ours' | 'floor' | 'hanko';
export type FlowName = 'button' | 'identifier' | 'signup';

export interface Contender {
  name: ContenderName;
  label: string;
  /** The module a page loads: bundled by Vite as an app's build would. */
  entry: string;
  tag: string;
  /** Where the API is, below the origin. */
  apiPath: string;
  /** The page's body for a flow; `api` is the API's URL. */
  markup(flow: FlowName, api: string): string;
  /** A page expression: true once the passkey button is there and enabled. */
  usable: string;
  /** The event the page fires on `document` (or that bubbles to it) once signed in. */
  signedInEvent: string;
  flows: FlowName[];
  /** Labels of the controls a user uses in each flow. */
  controls: { field: string; button: Record<FlowName, string> };
}

const shadowButton = (tag: string, text: string) =>
  `[...(document.querySelector('${tag}')?.shadowRoot?.querySelectorAll('button') ?? [])].some((button) => button.textContent.includes('${text}') && !button.disabled)`;

export const contenders: Record<ContenderName, Contender> = {
  ours: {
    name: 'ours',
    label: '<passkey-login>',
    entry: `import './src/passkey-login.ts';`,
    tag: 'passkey-login',
    apiPath: '/api/passkeys',
    markup: (flow, api) => `<passkey-login api="${api}"${flow === 'signup' ? ' mode="signup"' : ''}></passkey-login>`,
    usable: shadowButton('passkey-login', 'Sign in with a passkey'),
    signedInEvent: 'passkey-signed-in',
    flows: ['button', 'identifier', 'signup'],
    controls: { field: 'Email', button: { button: 'Sign in with a passkey', identifier: 'Continue', signup: 'Create a passkey' } },
  },
  floor: {
    name: 'floor',
    label: 'floor (lit + @simplewebauthn/browser)',
    entry: `import './bench/floor/floor-login.ts';`,
    tag: 'floor-login',
    apiPath: '/api/passkeys',
    markup: (flow, api) => `<floor-login api="${api}" flow="${flow}"></floor-login>`,
    usable: shadowButton('floor-login', 'Sign in with a passkey'),
    signedInEvent: 'floor-signed-in',
    flows: ['button', 'identifier', 'signup'],
    controls: { field: 'Email', button: { button: 'Sign in with a passkey', identifier: 'Continue', signup: 'Create a passkey' } },
  },
  hanko: {
    name: 'hanko',
    label: 'Hanko Elements 2.7',
    entry: `import { register } from '@teamhanko/hanko-elements';
register(window.benchApi, { enablePasskeys: true });`,
    tag: 'hanko-login',
    apiPath: '/hanko',
    markup: () => `<hanko-login></hanko-login>`,
    usable: shadowButton('hanko-login', 'Sign in with a passkey'),
    signedInEvent: 'hanko-session-created',
    flows: ['button'],
    controls: { field: 'Email', button: { button: 'Sign in with a passkey', identifier: 'Continue', signup: 'Create a passkey' } },
  },
};

/** Makes the browser report "no autofill support", so that no contender signs in by autofill at load. */
export const withoutAutofill = `
  Object.defineProperty(PublicKeyCredential, 'getClientCapabilities', { value: async () => ({ conditionalGet: false }) });
  Object.defineProperty(PublicKeyCredential, 'isConditionalMediationAvailable', { value: async () => false });`;

export const chromiumArgs = ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];
