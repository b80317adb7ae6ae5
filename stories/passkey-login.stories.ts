import { html, nothing, type TemplateResult } from 'lit';
import { withActions } from 'storybook/actions/decorator';
import { expect, userEvent, within } from 'storybook/test';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import type { PasskeyLogin } from '../src/login/passkey-login.component.ts';
import { enLogin as en, type LoginTranslation as Translation } from '../src/i18n/en.ts';
import { STORY_PASSKEY_ID } from './fake-authenticator.ts';
import { enterCode, expectAlert, expectAnnounced, expectFocused, expectHeading, loginScreen, patiently, requestCode, waitUntilSettled } from './login-screen.ts';
import { STORY_CODE, STORY_RECOVERY_CODES, type SeedUser } from './memory-backend.ts';
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

export const Loading: Story = {
  name: 'While detecting passkey support: the form at once',
  args: { authenticator: 'detecting' },
  play: async ({ canvasElement }) => {
    const screen = await loginScreen(canvasElement);
    // Detection goes on behind the form: nothing waits for it before the first paint.
    await expectHeading(screen, en.signInTitle);
    await expect(screen.getByRole('button', { name: en.signInWithPasskey })).toBeEnabled();
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
  play: async ({ canvasElement }) => expectAlert(await signUp(canvasElement, ada.identifier), en.fieldErrors['email-taken']),
};

export const InvalidIdentifier: Story = {
  name: 'Invalid identifier (empty field)',
  play: async ({ canvasElement }) => {
    const screen = await loginScreen(canvasElement);
    await waitUntilSettled(canvasElement);
    await userEvent.click(await screen.findByRole('button', { name: en.continue }, patiently));
    await expectAlert(screen, en.fieldErrors['email-missing']);
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

// Email codes. Every story code is STORY_CODE (123456); the memory backend refuses others as the server does.

const grace = 'grace@example.com';

/** Reports a browser that can create a passkey without asking, right after another sign-in. */
function offerConditionalCreate(): () => void {
  const credential = globalThis.PublicKeyCredential;
  const original = credential.getClientCapabilities;
  credential.getClientCapabilities = async () => ({ ...(await original.call(credential)), conditionalCreate: true });
  return () => {
    credential.getClientCapabilities = original;
  };
}

export const EmailMeACode: Story = {
  name: 'Code sign-in: the email screen',
  play: async ({ canvasElement }) => {
    const screen = await loginScreen(canvasElement);
    await waitUntilSettled(canvasElement);
    await userEvent.click(await screen.findByRole('button', { name: en.emailMeACode }, patiently));
    await expectHeading(screen, en.codeSignInTitle);
    await expect(screen.getByLabelText(en.emailLabel)).toHaveAttribute('autocomplete', 'email');
  },
};

export const CodeSent: Story = {
  name: 'Code sign-in: check your email',
  play: async ({ canvasElement }) => {
    const screen = await requestCode(canvasElement, ada.identifier);
    await expectAnnounced(canvasElement, `${en.codeSent(ada.identifier)} ${en.codeValidFor(10)}`);
    const field = screen.getByLabelText(en.codeLabel(6));
    await expect(field).toHaveAttribute('autocomplete', 'one-time-code');
    await expect(field).toHaveAttribute('inputmode', 'numeric');
    await expectFocused(field);
    // The resend cooldown counts down on the button.
    await expect(screen.getByRole('button', { name: /^Resend code in \d+ s$/ })).toBeDisabled();
  },
};

export const CodeChecking: Story = {
  name: 'Code sign-in: checking the code',
  args: { backend: { users: [ada], latencyMs: 300, latency: { signInWithCode: Infinity } } },
  play: async ({ canvasElement }) => {
    const screen = await requestCode(canvasElement, ada.identifier);
    await enterCode(screen, STORY_CODE);
    await expect(await screen.findByText(en.checkingCode, {}, patiently)).toBeVisible();
  },
};

export const WrongCode: Story = {
  name: 'Code sign-in: wrong code, tries left',
  play: async ({ canvasElement }) => {
    const screen = await requestCode(canvasElement, ada.identifier);
    await enterCode(screen, '000000');
    await expectAlert(screen, en.wrongCode(4));
    await expect(screen.getByLabelText(en.codeLabel(6))).toHaveAttribute('aria-invalid', 'true');
  },
};

export const CodeExpired: Story = {
  name: 'Code sign-in: code expired',
  args: { backend: { users: [ada], latencyMs: 300, resendSeconds: 0, failures: { signInWithCode: 'code-expired' } } },
  play: async ({ canvasElement }) => {
    const screen = await requestCode(canvasElement, ada.identifier);
    await enterCode(screen, STORY_CODE);
    await expectAlert(screen, en.errors['code-expired']);
    await expect(screen.getByRole('button', { name: en.newCode })).toBeEnabled();
  },
};

export const CodeUsed: Story = {
  name: 'Code sign-in: code already used',
  args: { backend: { users: [ada], latencyMs: 300, resendSeconds: 0, failures: { signInWithCode: 'code-used' } } },
  play: async ({ canvasElement }) => {
    const screen = await requestCode(canvasElement, ada.identifier);
    await enterCode(screen, STORY_CODE);
    await expectAlert(screen, en.errors['code-used']);
  },
};

export const CodeAttemptsExhausted: Story = {
  name: 'Code sign-in: too many wrong tries',
  args: { backend: { users: [ada], latencyMs: 100, resendSeconds: 0 } },
  play: async ({ canvasElement }) => {
    const screen = await requestCode(canvasElement, ada.identifier);
    for (const attemptsLeft of [4, 3, 2, 1]) {
      await enterCode(screen, '000000');
      await expectAlert(screen, en.wrongCode(attemptsLeft));
    }
    await enterCode(screen, '000000');
    await expectAlert(screen, en.errors['code-attempts-exhausted']);
    await userEvent.click(screen.getByRole('button', { name: en.newCode }));
    await expectAnnounced(canvasElement, en.codeResent(ada.identifier));
  },
};

export const CodeRateLimited: Story = {
  name: 'Code sign-in: too many requests',
  args: { backend: { users: [ada], latencyMs: 300, failures: { requestSignInCode: 'rate-limited' } } },
  play: async ({ canvasElement }) => {
    const screen = await loginScreen(canvasElement);
    await userEvent.type(await screen.findByLabelText(en.emailLabel, {}, patiently), ada.identifier);
    await waitUntilSettled(canvasElement);
    await userEvent.click(screen.getByRole('button', { name: en.emailMeACode }));
    await expectAlert(screen, en.errors['rate-limited']);
    await expect(await screen.findByText(/^You can try again in \d+ seconds\.$/, {}, patiently)).toBeVisible();
    await expect(screen.getByRole('button', { name: en.sendCode })).toBeDisabled();
  },
};

export const CodesDisabled: Story = {
  name: 'Code sign-in: the server sends no codes',
  args: { backend: { users: [ada], latencyMs: 300, failures: { requestSignInCode: 'codes-disabled' } } },
  play: async ({ canvasElement }) => {
    const screen = await loginScreen(canvasElement);
    await userEvent.type(await screen.findByLabelText(en.emailLabel, {}, patiently), ada.identifier);
    await waitUntilSettled(canvasElement);
    await userEvent.click(screen.getByRole('button', { name: en.emailMeACode }));
    await expectAlert(screen, en.errors['codes-disabled']);
    // Back on the sign-in form, codes are no longer offered.
    await userEvent.click(screen.getByRole('button', { name: en.back }));
    await expectHeading(screen, en.signInTitle);
    await expect(screen.queryByRole('button', { name: en.emailMeACode })).toBeNull();
  },
};

export const PasskeyPrompt: Story = {
  name: 'Code sign-in: create a passkey for this device',
  play: async ({ canvasElement }) => {
    const screen = await requestCode(canvasElement, ada.identifier);
    await enterCode(screen, STORY_CODE);
    await expectHeading(screen, en.passkeyPromptTitle);
    await expect(screen.getByText(en.passkeyPromptUpgrade)).toBeVisible();
    await expect(screen.getByRole('button', { name: en.skipForNow })).toBeVisible();
  },
};

export const PasskeyPromptWaiting: Story = {
  name: 'Code sign-in: the passkey prompt, waiting for the device',
  args: { authenticator: 'never' },
  play: async ({ canvasElement }) => {
    const screen = await requestCode(canvasElement, ada.identifier);
    await enterCode(screen, STORY_CODE);
    await userEvent.click(await screen.findByRole('button', { name: en.createPasskey }, patiently));
    await expectHeading(screen, en.waitingSignUp);
    await userEvent.click(screen.getByRole('button', { name: en.cancel }));
    await expectHeading(screen, en.passkeyPromptTitle);
  },
};

export const PasskeyPromptCancelled: Story = {
  name: 'Code sign-in: the passkey sheet closed',
  args: { authenticator: 'cancel' },
  play: async ({ canvasElement }) => {
    const screen = await requestCode(canvasElement, ada.identifier);
    await enterCode(screen, STORY_CODE);
    await userEvent.click(await screen.findByRole('button', { name: en.createPasskey }, patiently));
    await expect(await screen.findByText(en.cancelledHint, {}, patiently)).toBeVisible();
    await expect(screen.getByRole('button', { name: en.skipForNow })).toBeVisible();
  },
};

export const PasskeyCreatedAfterCode: Story = {
  name: 'Code sign-in: passkey created',
  play: async ({ canvasElement }) => {
    const screen = await requestCode(canvasElement, ada.identifier);
    await enterCode(screen, STORY_CODE);
    await userEvent.click(await screen.findByRole('button', { name: en.createPasskey }, patiently));
    await expectHeading(screen, en.welcome('Ada Lovelace'));
    await expectAnnounced(canvasElement, `${en.passkeyCreated} ${en.passkeySavedTo.synced}`);
  },
};

export const PasskeySavedWithoutAsking: Story = {
  name: 'Code sign-in: a passkey saved without asking',
  beforeEach: offerConditionalCreate,
  play: async ({ canvasElement }) => {
    const screen = await requestCode(canvasElement, ada.identifier);
    await enterCode(screen, STORY_CODE);
    await expectHeading(screen, en.welcome('Ada Lovelace'));
    await expectAnnounced(canvasElement, `${en.passkeyCreated} ${en.passkeySaved}`);
  },
};

export const LostPasskey: Story = {
  name: 'Recovery: lost your passkey?',
  play: async ({ canvasElement }) => {
    const screen = await loginScreen(canvasElement);
    await waitUntilSettled(canvasElement);
    await userEvent.click(await screen.findByRole('button', { name: en.lostPasskey }, patiently));
    await expectHeading(screen, en.recoveryTitle);
    await expect(screen.getByText(en.recoveryHint)).toBeVisible();
  },
};

export const RecoveryPasskeyPrompt: Story = {
  name: 'Recovery: create a new passkey',
  play: async ({ canvasElement }) => {
    const screen = await loginScreen(canvasElement);
    await waitUntilSettled(canvasElement);
    await userEvent.click(await screen.findByRole('button', { name: en.lostPasskey }, patiently));
    await userEvent.type(await screen.findByLabelText(en.emailLabel, {}, patiently), ada.identifier);
    await userEvent.click(screen.getByRole('button', { name: en.sendCode }));
    await enterCode(screen, STORY_CODE);
    await expectHeading(screen, en.passkeyPromptTitle);
    await expect(screen.getByText(en.passkeyPromptRecovery)).toBeVisible();
  },
};

export const RecoveryCodeNeeded: Story = {
  name: 'Two factors: enter a recovery code',
  args: { backend: { users: [ada], latencyMs: 300, twoFactor: true } },
  play: async ({ canvasElement }) => {
    const screen = await requestCode(canvasElement, ada.identifier);
    await enterCode(screen, STORY_CODE);
    await expectHeading(screen, en.recoveryCodeTitle);
    await expectFocused(screen.getByLabelText(en.recoveryCodeLabel));
  },
};

export const InvalidRecoveryCode: Story = {
  name: 'Two factors: wrong recovery code',
  args: { backend: { users: [ada], latencyMs: 300, twoFactor: true } },
  play: async ({ canvasElement }) => {
    const screen = await requestCode(canvasElement, ada.identifier);
    await enterCode(screen, STORY_CODE);
    await userEvent.type(await screen.findByLabelText(en.recoveryCodeLabel, {}, patiently), 'WRONG-CODE{Enter}');
    await expectAlert(screen, en.errors['invalid-recovery-code']);
  },
};

export const PasskeyRequired: Story = {
  name: 'Two factors: a passkey is required',
  args: { backend: { users: [ada], latencyMs: 300, twoFactor: true } },
  play: async ({ canvasElement }) => {
    const screen = await requestCode(canvasElement, ada.identifier);
    await enterCode(screen, STORY_CODE);
    await userEvent.type(await screen.findByLabelText(en.recoveryCodeLabel, {}, patiently), `${STORY_RECOVERY_CODES[0]}{Enter}`);
    await expectHeading(screen, en.passkeyPromptTitle);
    await expect(screen.getByText(en.passkeyPromptRequired)).toBeVisible();
    // No way around it but signing out.
    await expect(screen.queryByRole('button', { name: en.skipForNow })).toBeNull();
    await expect(screen.getByRole('button', { name: en.signOut })).toBeVisible();
  },
};

export const VerifiedSignUp: Story = {
  name: 'Verified sign-up: the code first',
  args: { mode: 'signup', backend: { users: [ada], latencyMs: 300, emailVerification: 'required' } },
  play: async ({ canvasElement }) => {
    const screen = await signUp(canvasElement, grace, 'Grace Hopper');
    await expectHeading(screen, en.checkEmailTitle);
    await expectAnnounced(canvasElement, `${en.codeSent(grace)} ${en.codeValidFor(10)}`);
  },
};

export const VerifiedSignUpPasskey: Story = {
  name: 'Verified sign-up: then the passkey',
  args: { mode: 'signup', backend: { users: [ada], latencyMs: 300, emailVerification: 'required' } },
  play: async ({ canvasElement }) => {
    const screen = await signUp(canvasElement, grace, 'Grace Hopper');
    await enterCode(screen, STORY_CODE);
    await expectHeading(screen, en.passkeyPromptTitle);
    await expect(screen.getByText(en.passkeyPromptSignUp)).toBeVisible();
    await userEvent.click(screen.getByRole('button', { name: en.createPasskey }));
    await expectHeading(screen, en.welcome('Grace Hopper'));
  },
};

export const RecoveryCodes: Story = {
  name: 'Two factors: save your recovery codes',
  args: { mode: 'signup', backend: { users: [ada], latencyMs: 300, twoFactor: true } },
  play: async ({ canvasElement }) => {
    const screen = await signUp(canvasElement, grace, 'Grace Hopper');
    await expectHeading(screen, en.recoveryCodesTitle);
    const list = screen.getByRole('list', { name: en.recoveryCodesTitle });
    await expect(within(list).getAllByRole('listitem')).toHaveLength(STORY_RECOVERY_CODES.length);
    for (const name of [en.copy, en.download, en.print]) await expect(screen.getByRole('button', { name })).toBeVisible();
    await userEvent.click(screen.getByRole('button', { name: en.savedRecoveryCodes }));
    await expectHeading(screen, en.welcome('Grace Hopper'));
  },
};

export const CancelledOffersCode: Story = {
  name: 'Passkey not used: email me a code',
  args: { authenticator: 'cancel' },
  play: async ({ canvasElement }) => {
    const screen = await signInWithPasskey(canvasElement);
    await expectHeading(screen, en.cancelledTitle);
    await userEvent.click(screen.getByRole('button', { name: en.emailMeACode }));
    await expectHeading(screen, en.codeSignInTitle);
  },
};

export const UnsupportedCodeSignIn: Story = {
  name: 'Unsupported browser: sign in with a code',
  args: { authenticator: 'unsupported' },
  play: async ({ canvasElement }) => {
    const screen = await loginScreen(canvasElement);
    await userEvent.click(await screen.findByRole('button', { name: en.emailMeACode }, patiently));
    await userEvent.type(await screen.findByLabelText(en.emailLabel, {}, patiently), ada.identifier);
    await userEvent.click(screen.getByRole('button', { name: en.sendCode }));
    await enterCode(screen, STORY_CODE);
    // No passkey can be made in this browser: signed in at once.
    await expectHeading(screen, en.welcome('Ada Lovelace'));
  },
};

export const WithoutCodes: Story = {
  name: 'A backend without codes: no code UI',
  args: { backend: { users: [ada], latencyMs: 300, withoutCodes: true } },
  play: async ({ canvasElement }) => {
    const screen = await loginScreen(canvasElement);
    await expectHeading(screen, en.signInTitle);
    await expect(screen.queryByRole('button', { name: en.emailMeACode })).toBeNull();
    await expect(screen.queryByRole('button', { name: en.lostPasskey })).toBeNull();
  },
};
