import { html, nothing, type TemplateResult } from 'lit';
import { withActions } from 'storybook/actions/decorator';
import { expect, userEvent } from 'storybook/test';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import type { PasskeyLogin } from '../src/login/passkey-login.component.ts';
import { enLogin as en, type LoginTranslation as Translation } from '../src/i18n/en.ts';
import { STORY_PASSKEY_ID } from './fake-authenticator.ts';
import { loginScreen, patiently, waitUntilSettled } from './login-screen.ts';
import type { SeedUser } from './memory-backend.ts';
import { backendFor, directionFor, installStorySetup, setupArgTypes, themeArgType, themeFor, type StorySetupArgs, type Theme } from './story-setup.ts';

interface LoginArgs extends StorySetupArgs {
  api: string;
  mode: 'signin' | 'signup';
  identifier: 'email' | 'username';
  noAutofill: boolean;
  redirect: string;
  /** Unset: the toolbar's theme. */
  theme: Theme | undefined;
  strings: Partial<Translation> | undefined;
  translations: PasskeyLogin['translations'];
}

const ada: SeedUser = { identifier: 'ada@example.com', displayName: 'Ada Lovelace', passkeys: [{ id: STORY_PASSKEY_ID }] };

function renderLogin(args: LoginArgs, globals: Record<string, unknown>, slotted: TemplateResult | typeof nothing = nothing) {
  return html`<passkey-login
    api=${args.api || nothing}
    theme=${themeFor(args.theme, globals)}
    dir=${directionFor(globals) ?? nothing}
    mode=${args.mode}
    identifier=${args.identifier}
    ?no-autofill=${args.noAutofill}
    redirect=${args.redirect || nothing}
    .backend=${backendFor(args.backend)}
    .strings=${args.strings}
    .translations=${args.translations}
  >${slotted}</passkey-login>`;
}

const meta: Meta<LoginArgs> = {
  title: 'Elements/passkey-login',
  component: 'passkey-login',
  render: (args, { globals }) => renderLogin(args, globals),
  beforeEach: installStorySetup,
  decorators: [withActions],
  parameters: { actions: { handles: ['passkey-signed-up', 'passkey-signed-in', 'passkey-signed-out', 'passkey-error'] } },
  args: {
    api: '',
    mode: 'signin',
    identifier: 'email',
    noAutofill: false,
    redirect: '',
    theme: undefined,
    strings: undefined,
    translations: undefined,
    authenticator: 'succeed',
    backend: { users: [ada], latencyMs: 300 },
  },
  argTypes: {
    api: { control: false, description: 'Base URL of a REST backend. Unused here: the stories set the `backend` property, which wins.' },
    mode: { control: 'inline-radio', options: ['signin', 'signup'], description: 'The form shown first.' },
    identifier: { control: 'inline-radio', options: ['email', 'username'], description: 'What people sign in with.' },
    noAutofill: { name: 'no-autofill', control: 'boolean', description: "Do not offer passkeys in the identifier field's autofill." },
    redirect: { control: 'text', description: 'A URL to go to after signing in.' },
    theme: themeArgType,
    strings: { control: 'object', description: 'Property: replacements for any of the English texts.' },
    translations: { control: 'object', description: "Property: the app's own languages, or changes to shipped ones, by language tag." },
    ...setupArgTypes,
  },
};

export default meta;
type Story = StoryObj<LoginArgs>;

/** Clicks "Sign in with a passkey" on the sign-in form. */
async function signInWithPasskey(canvasElement: HTMLElement) {
  const screen = await loginScreen(canvasElement);
  const button = await screen.findByRole('button', { name: en.signInWithPasskey }, patiently);
  await waitUntilSettled(canvasElement);
  await userEvent.click(button);
  return screen;
}

/** Fills the sign-up form and submits it. */
async function signUp(canvasElement: HTMLElement, identifier: string, displayName = '') {
  const screen = await loginScreen(canvasElement);
  await userEvent.type(await screen.findByLabelText(en.emailLabel, {}, patiently), identifier);
  if (displayName) await userEvent.type(screen.getByLabelText(en.displayNameLabel), displayName);
  await userEvent.click(screen.getByRole('button', { name: en.createPasskey }));
  return screen;
}

async function expectHeading(screen: Awaited<ReturnType<typeof loginScreen>>, name: string) {
  await expect(await screen.findByRole('heading', { name }, patiently)).toBeVisible();
}

async function expectAlert(screen: Awaited<ReturnType<typeof loginScreen>>, message: string) {
  await expect(await screen.findByRole('alert', {}, patiently)).toHaveTextContent(message);
}

export const Loading: Story = {
  name: 'Loading (detecting passkey support)',
  args: { authenticator: 'detecting' },
  play: async ({ canvasElement }) => {
    const screen = await loginScreen(canvasElement);
    await expect(await screen.findByRole('status', {}, patiently)).toHaveTextContent(en.loading);
  },
};

export const SignIn: Story = {
  play: async ({ canvasElement }) => expectHeading(await loginScreen(canvasElement), en.signInTitle),
};

export const SignUp: Story = {
  args: { mode: 'signup' },
  play: async ({ canvasElement }) => expectHeading(await loginScreen(canvasElement), en.signUpTitle),
};

export const UsernameIdentifier: Story = {
  name: 'Username identifier',
  args: { identifier: 'username' },
  play: async ({ canvasElement }) => {
    const screen = await loginScreen(canvasElement);
    await expect(await screen.findByLabelText(en.usernameLabel, {}, patiently)).toHaveAttribute('type', 'text');
  },
};

export const WaitingSignIn: Story = {
  name: 'Waiting for the authenticator (sign-in)',
  args: { authenticator: 'never' },
  play: async ({ canvasElement }) => expectHeading(await signInWithPasskey(canvasElement), en.waitingSignIn),
};

export const WaitingSignUp: Story = {
  name: 'Waiting for the authenticator (sign-up)',
  args: { mode: 'signup', authenticator: 'never' },
  play: async ({ canvasElement }) => expectHeading(await signUp(canvasElement, 'grace@example.com'), en.waitingSignUp),
};

export const Verifying: Story = {
  name: 'Verifying (slow backend)',
  args: { backend: { users: [ada], latencyMs: 300, latency: { verifyLogin: Infinity } } },
  play: async ({ canvasElement }) => {
    const screen = await signInWithPasskey(canvasElement);
    await expect(await screen.findByText(en.verifying, {}, patiently)).toBeVisible();
  },
};

export const SignedIn: Story = {
  name: 'Signed in',
  play: async ({ canvasElement }) => expectHeading(await signInWithPasskey(canvasElement), en.welcome('Ada Lovelace')),
};

export const SignedUp: Story = {
  name: 'Signed up (new account)',
  args: { mode: 'signup' },
  play: async ({ canvasElement }) => expectHeading(await signUp(canvasElement, 'grace@example.com', 'Grace Hopper'), en.welcome('Grace Hopper')),
};

export const Cancelled: Story = {
  args: { authenticator: 'cancel' },
  play: async ({ canvasElement }) => expectHeading(await signInWithPasskey(canvasElement), en.cancelledTitle),
};

export const CancelWhileWaiting: Story = {
  name: 'Cancel while waiting',
  args: { authenticator: 'never' },
  play: async ({ canvasElement }) => {
    const screen = await signInWithPasskey(canvasElement);
    await userEvent.click(await screen.findByRole('button', { name: en.cancel }, patiently));
    // Cancelling is the user's choice: back to the form, no message.
    await expectHeading(screen, en.signInTitle);
    await expect(screen.queryByRole('alert')).toBeNull();
  },
};

export const PasskeyExists: Story = {
  name: 'Passkey already on this device',
  args: { mode: 'signup', authenticator: 'exists' },
  play: async ({ canvasElement }) => expectAlert(await signUp(canvasElement, 'grace@example.com'), en.errors['passkey-exists']),
};

export const UnknownIdentifier: Story = {
  name: 'Unknown identifier offers sign-up',
  play: async ({ canvasElement }) => {
    const screen = await loginScreen(canvasElement);
    await userEvent.type(await screen.findByLabelText(en.emailLabel, {}, patiently), 'grace@example.com');
    await userEvent.click(screen.getByRole('button', { name: en.continue }));
    await expectHeading(screen, en.signUpTitle);
    await expect(screen.getByRole('status')).toHaveTextContent(en.noAccountFor('grace@example.com'));
  },
};

export const IdentifierTaken: Story = {
  name: 'Identifier taken',
  args: { mode: 'signup' },
  play: async ({ canvasElement }) => expectAlert(await signUp(canvasElement, ada.identifier), en.errors['identifier-taken']),
};

export const InvalidIdentifier: Story = {
  name: 'Invalid identifier (empty field)',
  play: async ({ canvasElement }) => {
    const screen = await loginScreen(canvasElement);
    await waitUntilSettled(canvasElement);
    await userEvent.click(await screen.findByRole('button', { name: en.continue }, patiently));
    await expectAlert(screen, en.errors['invalid-identifier']);
    await expect(screen.getByLabelText(en.emailLabel)).toHaveAttribute('aria-invalid', 'true');
  },
};

export const InvalidDisplayName: Story = {
  name: 'Invalid display name (refused by the server)',
  args: { mode: 'signup', backend: { users: [ada], latencyMs: 300, failures: { registrationOptions: 'invalid-display-name' } } },
  play: async ({ canvasElement }) => {
    const screen = await signUp(canvasElement, 'grace@example.com', 'Grace Hopper');
    await expectAlert(screen, en.errors['invalid-display-name']);
    await expect(screen.getByLabelText(en.displayNameLabel)).toHaveAttribute('aria-invalid', 'true');
  },
};

export const NetworkDown: Story = {
  name: 'Network down',
  args: {
    backend: {
      users: [ada],
      failures: { registrationOptions: 'network', verifyRegistration: 'network', loginOptions: 'network', verifyLogin: 'network', currentUser: 'network', signOut: 'network' },
    },
  },
  play: async ({ canvasElement }) => expectAlert(await signInWithPasskey(canvasElement), en.errors.network),
};

export const ServerError: Story = {
  name: 'Server error',
  args: { backend: { users: [ada], latencyMs: 300, failures: { verifyLogin: 'server' } } },
  play: async ({ canvasElement }) => expectAlert(await signInWithPasskey(canvasElement), en.errors.server),
};

export const BadServerResponse: Story = {
  name: 'Bad server response',
  args: { backend: { users: [ada], latencyMs: 300, failures: { loginOptions: 'bad-response' } } },
  play: async ({ canvasElement }) => expectAlert(await signInWithPasskey(canvasElement), en.errors['bad-response']),
};

export const ChallengeExpired: Story = {
  name: 'Challenge expired',
  args: { backend: { users: [ada], latencyMs: 300, failures: { verifyLogin: 'challenge-expired' } } },
  play: async ({ canvasElement }) => expectAlert(await signInWithPasskey(canvasElement), en.errors['challenge-expired']),
};

export const VerificationFailed: Story = {
  name: 'Verification failed',
  args: { backend: { users: [ada], latencyMs: 300, failures: { verifyLogin: 'verification-failed' } } },
  play: async ({ canvasElement }) => expectAlert(await signInWithPasskey(canvasElement), en.errors['verification-failed']),
};

export const RefusedByBrowser: Story = {
  name: 'Browser refuses WebAuthn on this page',
  args: { authenticator: 'refuse' },
  play: async ({ canvasElement }) => expectAlert(await signInWithPasskey(canvasElement), en.errors.unsupported),
};

export const UnknownError: Story = {
  name: 'Unknown error',
  args: { backend: { users: [ada], latencyMs: 300, failures: { loginOptions: 'unknown' } } },
  play: async ({ canvasElement }) => expectAlert(await signInWithPasskey(canvasElement), en.errors.unknown),
};

export const UnknownPasskey: Story = {
  name: 'Unknown passkey',
  // Nobody has registered the device's passkey here.
  args: { backend: { users: [], latencyMs: 300 } },
  play: async ({ canvasElement }) => expectAlert(await signInWithPasskey(canvasElement), en.errors['unknown-credential']),
};

export const SignOutFailed: Story = {
  name: 'Sign-out failed',
  args: { backend: { users: [ada], latencyMs: 300, failures: { signOut: 'network' } } },
  play: async ({ canvasElement }) => {
    const screen = await signInWithPasskey(canvasElement);
    await userEvent.click(await screen.findByRole('button', { name: en.signOut }, patiently));
    await expectAlert(screen, en.errors.network);
  },
};

export const Unsupported: Story = {
  name: 'Unsupported browser',
  args: { authenticator: 'unsupported' },
  play: async ({ canvasElement }) => expectHeading(await loginScreen(canvasElement), en.unsupportedTitle),
};

export const WithHeaderAndFooter: Story = {
  name: 'With header and footer slots',
  render: (args, { globals }) =>
    renderLogin(
      args,
      globals,
      html`<div slot="header" style="display: flex; align-items: center; gap: 0.5rem; font-weight: 700;">
          <svg aria-hidden="true" viewBox="0 0 24 24" width="28" height="28"><path d="M12 2 22 12 12 22 2 12Z" fill="currentColor" /></svg>
          Northwind Health
        </div>
        <p slot="footer" style="margin: 0; font-size: 0.875rem;">
          By continuing you accept the <a href="#terms" style="color: inherit;">terms of service</a>.
        </p>`,
    ),
};

export const CustomStrings: Story = {
  name: 'Custom strings',
  args: {
    strings: {
      signInTitle: 'Welcome back to Northwind',
      signInWithPasskey: 'Use my passkey',
      emailLabel: 'Work email',
      continue: 'Next',
      createAccount: 'Join Northwind',
    },
  },
  play: async ({ canvasElement }) => expectHeading(await loginScreen(canvasElement), 'Welcome back to Northwind'),
};
