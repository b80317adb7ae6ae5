import { html, nothing } from 'lit';
import { withActions } from 'storybook/actions/decorator';
import { expect, userEvent, waitFor, within } from 'storybook/test';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { bufferToBase64URLString } from '@simplewebauthn/browser';
import type { SecurityEvent } from '../src/core/backend.ts';
import type { PasskeyErrorCode } from '../src/core/errors.ts';
import { en, type Translation } from '../src/i18n/en-profile.ts';
import type { PasskeyProfile } from '../src/profile/passkey-profile.component.ts';
import { STORY_PASSKEY_ID } from './fake-authenticator.ts';
import { patiently } from './login-screen.ts';
import { daysAgo, STORY_CODE, STORY_RECOVERY_CODES, type MemoryBackendOptions, type SeedPasskey, type SeedSession, type SeedUser } from './memory-backend.ts';
import {
  clickButton, clickCardButton, codeField, confirmation, expectAlert, expectError, expectFocused, expectHeading, expectStatus, loadedProfile, passkeyCard,
  profileScreen, typeCode, type ProfileScreen,
} from './profile-screen.ts';
import { backendFor, directionFor, installStorySetup, setupArgTypes, themeArgType, themeFor, type StorySetupArgs, type Theme } from './story-setup.ts';

interface ProfileArgs extends StorySetupArgs {
  api: string;
  /** Unset: the toolbar's theme. */
  theme: Theme | undefined;
  strings: Partial<Translation> | undefined;
  translations: PasskeyProfile['translations'];
}

type NamedPasskey = SeedPasskey & { name: string };

const credentialId = (label: string) => bufferToBase64URLString(new TextEncoder().encode(label).buffer);

/** The passkey the story's fake device holds: the one the session signed in with. */
const iCloud: NamedPasskey = { id: STORY_PASSKEY_ID, name: 'iCloud Keychain', location: 'synced', createdAt: daysAgo(210), lastUsedAt: daysAgo(0.02) };
const yubiKey: NamedPasskey = { id: credentialId('yubikey'), name: 'YubiKey 5 Series', location: 'security-key', createdAt: daysAgo(95), lastUsedAt: daysAgo(12) };
const windowsHello: NamedPasskey = { id: credentialId('windows-hello'), name: 'Windows Hello', location: 'device', createdAt: daysAgo(40), lastUsedAt: null };
const googlePasswordManager: NamedPasskey = { id: credentialId('google'), name: 'Google Password Manager', location: 'synced', createdAt: daysAgo(7), lastUsedAt: daysAgo(2) };
const onePassword: NamedPasskey = { id: credentialId('1password'), name: '1Password', location: 'synced', createdAt: daysAgo(1.5), lastUsedAt: daysAgo(1) };

const otherSessions: SeedSession[] = [
  { browser: 'Safari', os: 'iOS', lastActiveAt: daysAgo(0.1) },
  { browser: 'Firefox', os: 'Windows', lastActiveAt: daysAgo(3) },
  { browser: null, os: 'Linux', lastActiveAt: daysAgo(24) },
];

const ADA = 'ada@example.com';

/** Ada, signed in with her iCloud Keychain passkey, plus these passkeys and other sessions. */
function signedInAda(passkeys: SeedPasskey[], sessions: SeedSession[] = [], options: Omit<MemoryBackendOptions, 'users' | 'signedIn'> = {}): MemoryBackendOptions {
  const ada: SeedUser = { identifier: ADA, displayName: 'Ada Lovelace', passkeys, sessions };
  return { latencyMs: 300, ...options, users: [ada], signedIn: { identifier: ADA, passkeyId: STORY_PASSKEY_ID } };
}

/** Ada as she is seeded (`user`), signed in with a passkey or (`method`) a code. */
function ada(user: Partial<SeedUser>, { method, ...options }: Omit<MemoryBackendOptions, 'users' | 'signedIn'> & { method?: 'email-code' | 'recovery-code' } = {}): MemoryBackendOptions {
  const seeded: SeedUser = { identifier: ADA, displayName: 'Ada Lovelace', passkeys: [iCloud, yubiKey], ...user };
  return { latencyMs: 300, ...options, users: [seeded], signedIn: { identifier: seeded.identifier, passkeyId: STORY_PASSKEY_ID, ...(method && { method }) } };
}

const meta: Meta<ProfileArgs> = {
  title: 'Elements/passkey-profile',
  component: 'passkey-profile',
  render: (args, { globals }) =>
    html`<passkey-profile api=${args.api || nothing} theme=${themeFor(args.theme, globals)} dir=${directionFor(globals) ?? nothing}
      .backend=${backendFor(args.backend)} .strings=${args.strings}
      .translations=${args.translations}></passkey-profile>`,
  beforeEach: installStorySetup,
  decorators: [withActions],
  parameters: {
    actions: {
      handles: [
        'passkey-created', 'passkey-renamed', 'passkey-removed', 'passkey-session-revoked', 'passkey-account-updated', 'passkey-account-deleted', 'passkey-signed-out',
        'passkey-error',
      ],
    },
  },
  args: {
    api: '',
    theme: undefined,
    strings: undefined,
    translations: undefined,
    authenticator: 'succeed',
    backend: signedInAda([iCloud, yubiKey], otherSessions.slice(0, 1)),
  },
  argTypes: {
    api: { control: false, description: 'Base URL of a REST backend. Unused here: the stories set the `backend` property, which wins.' },
    theme: themeArgType,
    strings: { control: 'object', description: 'Property: replacements for any of the English texts.' },
    translations: { control: 'object', description: "Property: the app's own languages, or changes to shipped ones, by language tag." },
    ...setupArgTypes,
  },
};

export default meta;
type Story = StoryObj<ProfileArgs>;

async function expectPasskeyCount(canvasElement: HTMLElement, count: number) {
  const items = () => canvasElement.querySelector('passkey-profile')?.shadowRoot?.querySelectorAll('[part="passkey-item"]') ?? [];
  await waitFor(() => expect(items()).toHaveLength(count), patiently);
}

async function confirmRemove(screen: ProfileScreen) {
  await clickButton(await confirmation(screen), en.remove);
}

/** Opens the inline rename form of a passkey. */
async function startRename(canvasElement: HTMLElement, name: string) {
  const screen = await loadedProfile(canvasElement);
  await clickCardButton(await passkeyCard(screen, name), en.rename);
  return screen;
}

/** Types over the whole name in the open rename form (userEvent.clear cannot focus inside a shadow root). */
async function replaceName(screen: ProfileScreen, name: string) {
  const input: HTMLInputElement = await screen.findByRole('textbox', { name: en.passkeyName }, patiently);
  await userEvent.type(input, name, { initialSelectionStart: 0, initialSelectionEnd: input.value.length });
}

async function askRemove(canvasElement: HTMLElement, name: string) {
  const screen = await loadedProfile(canvasElement);
  await clickCardButton(await passkeyCard(screen, name), en.remove);
  return screen;
}

async function addPasskey(canvasElement: HTMLElement) {
  const screen = await loadedProfile(canvasElement);
  await clickButton(screen, en.addPasskey);
  return screen;
}

async function signOutOthers(canvasElement: HTMLElement) {
  const screen = await loadedProfile(canvasElement);
  await clickButton(screen, en.signOutOthers);
  return screen;
}

// Loading and signed out

export const Loading: Story = {
  args: { backend: signedInAda([iCloud], [], { latency: { account: Infinity } }) },
  play: async ({ canvasElement }) => expectStatus(await profileScreen(canvasElement), en.loading),
};

export const NotSignedIn: Story = {
  name: 'Not signed in',
  args: { backend: { users: [], latencyMs: 300 } },
  play: async ({ canvasElement }) => expectHeading(await profileScreen(canvasElement), en.signedOutTitle),
};

export const SessionEndedElsewhere: Story = {
  name: 'Session ended elsewhere (during a rename)',
  args: { backend: signedInAda([iCloud, yubiKey], [], { failures: { renamePasskey: 'not-signed-in' } }) },
  play: async ({ canvasElement }) => {
    const screen = await startRename(canvasElement, yubiKey.name);
    await userEvent.click(screen.getByRole('button', { name: en.save }));
    await expectHeading(screen, en.signedOutTitle);
  },
};

// Passkey lists

export const EmptyProfile: Story = {
  name: 'No passkey yet',
  args: { backend: signedInAda([], []) },
  play: async ({ canvasElement }) => {
    const screen = await loadedProfile(canvasElement);
    await expect(screen.getByRole('heading', { name: en.noPasskeysTitle })).toBeVisible();
    await expect(screen.getByText(en.noPasskeys)).toBeVisible();
    await expect(screen.getByRole('button', { name: en.createPasskey })).toBeEnabled();
  },
};

export const OnePasskey: Story = {
  name: 'One passkey',
  args: { backend: signedInAda([iCloud], []) },
  play: async ({ canvasElement }) => {
    const screen = await loadedProfile(canvasElement);
    const card = await passkeyCard(screen, iCloud.name);
    await expect(card.getByText(en.usedForThisSession)).toBeVisible();
    await expectPasskeyCount(canvasElement, 1);
  },
};

const seen = { browser: 'Chrome', os: 'macOS', network: '203.0.113.0/24' };
const recentActivity: SecurityEvent[] = [
  { kind: 'sign-in', at: daysAgo(0.02), outcome: 'success', method: 'passkey', ...seen, current: true },
  { kind: 'sign-in', at: daysAgo(0.5), outcome: 'failure', method: 'email-code', browser: 'Firefox', os: 'Windows', network: '198.51.100.0/24', current: false },
  { kind: 'passkey-renamed', at: daysAgo(2), outcome: 'success', passkeyName: 'YubiKey 5 Series', ...seen, current: false },
  { kind: 'passkey-added', at: daysAgo(95), outcome: 'success', passkeyName: 'Passkey', ...seen, current: false },
  { kind: 'sign-up', at: daysAgo(210), outcome: 'success', method: 'passkey', browser: 'Safari', os: 'iOS', network: '2001:db8:85a3::/48', current: false },
];

/** The security activity opened: a failed code sign-in from elsewhere stands out. */
export const RecentActivity: Story = {
  name: 'Recent security activity',
  args: { backend: signedInAda([iCloud, yubiKey], [], { activity: recentActivity }) },
  play: async ({ canvasElement }) => {
    const screen = await loadedProfile(canvasElement);
    await clickButton(screen, en.showActivity);
    await waitFor(() => expect(screen.getAllByText(en.activityFailed)).toHaveLength(1), patiently);
    await expect(screen.getByText(en.activityThisSession)).toBeVisible();
  },
};

export const ManyPasskeys: Story = {
  name: 'Many passkeys',
  args: { backend: signedInAda([iCloud, onePassword, googlePasswordManager, windowsHello, yubiKey], otherSessions) },
  play: async ({ canvasElement }) => {
    const screen = await loadedProfile(canvasElement);
    await expectPasskeyCount(canvasElement, 5);
    await expect((await passkeyCard(screen, yubiKey.name)).getByText(en.locations['security-key'], { exact: false })).toBeVisible();
    await expect((await passkeyCard(screen, windowsHello.name)).getByText(en.lastUsed(null), { exact: false })).toBeVisible();
  },
};

const longName = 'Work laptop in the third-floor meeting room (the one with the sticker)';
const unbrokenName = 'ThinkPad-X1-Carbon-Gen11-Windows-Hello-Fingerprint-Reader-Office';

export const LongNames: Story = {
  name: 'Long names',
  args: {
    backend: signedInAda(
      [{ ...iCloud, name: longName.slice(0, 64) }, { ...yubiKey, name: unbrokenName }],
      [{ browser: 'Microsoft Edge WebView2 embedded in a corporate single-sign-on client', os: 'Windows 11 Enterprise LTSC', lastActiveAt: daysAgo(0.5) }],
    ),
  },
  play: async ({ canvasElement }) => {
    const screen = await loadedProfile(canvasElement);
    await passkeyCard(screen, longName.slice(0, 64));
    const card = await passkeyCard(screen, unbrokenName);
    // The unbroken name wraps inside its card instead of pushing the element wider than the page.
    const item = card.getByRole('heading', { level: 3 }).closest('li');
    await expect(item?.scrollWidth).toBeLessThanOrEqual(item?.clientWidth ?? 0);
  },
};

// Rename

export const Renaming: Story = {
  name: 'Renaming (inline edit open)',
  play: async ({ canvasElement }) => {
    const screen = await startRename(canvasElement, yubiKey.name);
    const input = await screen.findByRole('textbox', { name: en.passkeyName }, patiently);
    await expect(input).toHaveValue(yubiKey.name);
    await expect(screen.getByRole('button', { name: en.save })).toBeVisible();
  },
};

/**
 * The element checks the name before asking the server. Today the failure closes the inline edit
 * and shows the message above the list: the flow has no state with both the edit and its error.
 */
export const RenameInvalid: Story = {
  name: 'Rename refused: invalid name',
  play: async ({ canvasElement }) => {
    const screen = await startRename(canvasElement, yubiKey.name);
    await replaceName(screen, '   ');
    await userEvent.click(screen.getByRole('button', { name: en.save }));
    await expectError(screen, 'invalid-passkey-name');
  },
};

export const Renamed: Story = {
  play: async ({ canvasElement }) => {
    const screen = await startRename(canvasElement, yubiKey.name);
    await replaceName(screen, 'Blue key on my keyring');
    await userEvent.click(screen.getByRole('button', { name: en.save }));
    await expectStatus(screen, en.done.renamed);
    await passkeyCard(screen, 'Blue key on my keyring');
  },
};

// Display name

async function editName(canvasElement: HTMLElement, name?: string) {
  const screen = await loadedProfile(canvasElement);
  await clickButton(screen, en.changeDisplayName);
  const input: HTMLInputElement = await screen.findByRole('textbox', { name: en.displayName }, patiently);
  if (name !== undefined) {
    await userEvent.type(input, name, { initialSelectionStart: 0, initialSelectionEnd: input.value.length });
    await userEvent.click(screen.getByRole('button', { name: en.save }));
  }
  return screen;
}

export const EditingName: Story = {
  name: 'Changing the display name (inline edit open)',
  play: async ({ canvasElement }) => {
    const screen = await editName(canvasElement);
    await expect(screen.getByRole('textbox', { name: en.displayName })).toHaveValue('Ada Lovelace');
  },
};

export const NameChanged: Story = {
  name: 'Display name changed',
  play: async ({ canvasElement }) => {
    const screen = await editName(canvasElement, 'Ada King');
    await expectStatus(screen, en.done['account-updated']);
    await expect(screen.getByRole('heading', { name: 'Ada King', level: 3 })).toBeVisible();
  },
};

export const NameInvalid: Story = {
  name: 'Display name refused: invalid name',
  play: async ({ canvasElement }) => expectError(await editName(canvasElement, '   '), 'invalid-display-name'),
};

// Remove

export const ConfirmRemove: Story = {
  name: 'Confirm remove',
  play: async ({ canvasElement }) => {
    const dialog = await (await askRemove(canvasElement, yubiKey.name)).findByRole('dialog', {}, patiently);
    await expect(dialog).toHaveTextContent(en.confirmRemoveTitle(yubiKey.name));
    await expect(dialog).not.toHaveTextContent(en.removingCurrent);
    await expectFocused(within(dialog).getByRole('button', { name: en.keep }));
  },
};

export const CurrentPasskeyWarning: Story = {
  name: 'Confirm remove: the passkey of this sign-in',
  play: async ({ canvasElement }) => {
    const screen = await askRemove(canvasElement, iCloud.name);
    await expect(await screen.findByRole('dialog', {}, patiently)).toHaveTextContent(en.removingCurrent);
  },
};

export const Removed: Story = {
  play: async ({ canvasElement }) => {
    const screen = await askRemove(canvasElement, yubiKey.name);
    await confirmRemove(screen);
    await expectStatus(screen, en.done.removed);
    await expectPasskeyCount(canvasElement, 1);
  },
};

export const LastPasskeyRefused: Story = {
  name: 'Last passkey cannot be removed',
  args: { backend: signedInAda([iCloud], []) },
  play: async ({ canvasElement }) => expectError(await askRemove(canvasElement, iCloud.name), 'last-passkey'),
};

// Add

export const Adding: Story = {
  name: 'Adding (waiting for the authenticator)',
  args: { authenticator: 'never' },
  play: async ({ canvasElement }) => {
    const screen = await addPasskey(canvasElement);
    await expectStatus(screen, en.deviceWillAsk);
    await expect(screen.getByRole('button', { name: en.addPasskey })).toBeDisabled();
    await expect(screen.getByRole('button', { name: en.cancel })).toBeEnabled();
  },
};

export const AddCancelled: Story = {
  name: 'Adding cancelled',
  args: { authenticator: 'never' },
  play: async ({ canvasElement }) => {
    const screen = await addPasskey(canvasElement);
    await clickButton(screen, en.cancel);
    await expect(await screen.findByRole('button', { name: en.addPasskey }, patiently)).toBeEnabled();
    // Cancelling is the user's choice: no error.
    await expect(screen.queryByRole('alert')).toBeNull();
  },
};

export const Added: Story = {
  play: async ({ canvasElement }) => {
    const screen = await addPasskey(canvasElement);
    await expectStatus(screen, `${en.done.added} ${en.savedIn('Google Password Manager')}`);
    await expectPasskeyCount(canvasElement, 3);
  },
};

export const AddDuplicate: Story = {
  name: 'Add refused: passkey already on this device',
  args: { authenticator: 'exists' },
  play: async ({ canvasElement }) => expectAlert(await addPasskey(canvasElement), en.passkeyExistsHere),
};

// Sessions

export const Sessions: Story = {
  name: 'Several sessions',
  args: { backend: signedInAda([iCloud, yubiKey], otherSessions) },
  play: async ({ canvasElement }) => {
    const screen = await loadedProfile(canvasElement);
    // Each other session's Sign out is named after it; the plain "Sign out" is this device's.
    const sessionSignOut = (name: string) => name.startsWith('Sign out of ') && name !== en.signOutOthers;
    await expect(screen.getAllByRole('button', { name: sessionSignOut })).toHaveLength(otherSessions.length);
    await expect(screen.getByRole('button', { name: en.signOutOfSession('Safari', 'iOS') })).toBeVisible();
    await expect(screen.getAllByRole('button', { name: en.signOutSession })).toHaveLength(1);
    await expect(screen.getByText(en.thisDevice)).toBeVisible();
    await expect(screen.getByRole('heading', { name: en.unknownBrowser + ' · Linux' })).toBeVisible();
    await expect(screen.getByRole('button', { name: en.signOutOthers })).toBeEnabled();
  },
};

export const OthersSignedOut: Story = {
  name: 'Signed out of all other devices',
  args: { backend: signedInAda([iCloud, yubiKey], otherSessions) },
  play: async ({ canvasElement }) => {
    const screen = await signOutOthers(canvasElement);
    await expectStatus(screen, en.done['revoked-others']);
    await expect(screen.queryByRole('button', { name: en.signOutOthers })).toBeNull();
  },
};

export const SignedOutHere: Story = {
  name: 'Signed out here',
  play: async ({ canvasElement }) => {
    const screen = await loadedProfile(canvasElement);
    // The only "Sign out" that is not a session's own is the section's last button.
    const buttons = screen.getAllByRole('button', { name: en.signOut });
    await userEvent.click(buttons[buttons.length - 1] ?? canvasElement);
    await expectHeading(screen, en.signedOutTitle);
  },
};

// Re-authentication

export const Reauthenticating: Story = {
  name: 'Re-authentication prompt',
  args: { authenticator: 'never', backend: signedInAda([iCloud, yubiKey], otherSessions, { staleCheck: true }) },
  play: async ({ canvasElement }) => {
    const screen = await signOutOthers(canvasElement);
    await expectStatus(screen, en.reauthenticating);
    await expect(screen.getByRole('button', { name: en.cancel })).toBeEnabled();
  },
};

export const Reauthenticated: Story = {
  name: 'Re-authenticated, then done',
  args: { backend: signedInAda([iCloud, yubiKey], otherSessions, { staleCheck: true }) },
  play: async ({ canvasElement }) => expectStatus(await signOutOthers(canvasElement), en.done['revoked-others']),
};

// Delete account

export const ConfirmDeleteAccount: Story = {
  name: 'Confirm account deletion',
  play: async ({ canvasElement }) => {
    const screen = await loadedProfile(canvasElement);
    await clickButton(screen, en.deleteAccount);
    const dialog = await confirmation(screen);
    await expect(dialog.getByRole('button', { name: en.confirmDelete })).toBeEnabled();
    await expectFocused(dialog.getByRole('button', { name: en.cancel }));
  },
};

export const AccountDeleted: Story = {
  name: 'Account deleted',
  play: async ({ canvasElement }) => {
    const screen = await loadedProfile(canvasElement);
    await clickButton(screen, en.deleteAccount);
    await clickButton(await confirmation(screen), en.confirmDelete);
    await expectHeading(screen, en.accountDeleted);
  },
};

// Errors: loading the account

function loadFailed(code: PasskeyErrorCode): Story {
  return {
    args: { backend: signedInAda([iCloud], [], { failures: { account: code } }) },
    play: async ({ canvasElement }) => {
      const screen = await profileScreen(canvasElement);
      await expectHeading(screen, en.errorTitles[code]);
      await expectError(screen, code);
      await expect(screen.getByRole('button', { name: en.tryAgain })).toBeEnabled();
    },
  };
}

export const LoadFailedNetwork: Story = { name: 'Error: network (loading)', ...loadFailed('network') };
export const LoadFailedServer: Story = { name: 'Error: server (loading)', ...loadFailed('server') };
export const LoadFailedBadResponse: Story = { name: 'Error: bad-response (loading)', ...loadFailed('bad-response') };
export const LoadFailedUnknown: Story = { name: 'Error: unknown (loading)', ...loadFailed('unknown') };

// Errors: a task fails and the message shows above the passkeys

export const RenameNetwork: Story = {
  name: 'Error: network (rename)',
  args: { backend: signedInAda([iCloud, yubiKey], [], { failures: { renamePasskey: 'network' } }) },
  play: async ({ canvasElement }) => {
    const screen = await startRename(canvasElement, yubiKey.name);
    await userEvent.click(await screen.findByRole('button', { name: en.save }, patiently));
    await expectError(screen, 'network');
  },
};

export const RemovedElsewhere: Story = {
  name: 'Error: not-found (removed elsewhere)',
  args: { backend: signedInAda([iCloud, yubiKey], [], { failures: { removePasskey: 'not-found' } }) },
  play: async ({ canvasElement }) => {
    const screen = await askRemove(canvasElement, yubiKey.name);
    await confirmRemove(screen);
    await expectError(screen, 'not-found');
  },
};

export const DeleteFailedServer: Story = {
  name: 'Error: server (delete account)',
  args: { backend: signedInAda([iCloud], [], { failures: { deleteAccount: 'server' } }) },
  play: async ({ canvasElement }) => {
    const screen = await loadedProfile(canvasElement);
    await clickButton(screen, en.deleteAccount);
    await clickButton(await confirmation(screen), en.confirmDelete);
    await expectError(screen, 'server');
  },
};

export const AddBadResponse: Story = {
  name: 'Error: bad-response (add)',
  args: { backend: signedInAda([iCloud], [], { failures: { addPasskey: 'bad-response' } }) },
  play: async ({ canvasElement }) => expectError(await addPasskey(canvasElement), 'bad-response'),
};

export const AddRefusedByBrowser: Story = {
  name: 'Error: unsupported (browser refuses WebAuthn here)',
  args: { authenticator: 'refuse' },
  play: async ({ canvasElement }) => expectError(await addPasskey(canvasElement), 'unsupported'),
};

// Errors: the passkey check before a sensitive act

function reauthenticationFailed(code: PasskeyErrorCode): Story {
  return {
    args: { backend: signedInAda([iCloud, yubiKey], otherSessions, { staleCheck: true, failures: { reauthenticate: code } }) },
    play: async ({ canvasElement }) => expectError(await signOutOthers(canvasElement), code),
  };
}

export const ReauthenticationChallengeExpired: Story = { name: 'Error: challenge-expired (passkey check)', ...reauthenticationFailed('challenge-expired') };
export const ReauthenticationVerificationFailed: Story = { name: 'Error: verification-failed (passkey check)', ...reauthenticationFailed('verification-failed') };
export const ReauthenticationUnknownCredential: Story = { name: 'Error: unknown-credential (passkey check)', ...reauthenticationFailed('unknown-credential') };

export const ReauthenticationStillRequired: Story = {
  name: 'Error: reauthentication-required (asked again after the check)',
  args: { backend: signedInAda([iCloud, yubiKey], otherSessions, { failures: { revokeOtherSessions: 'reauthentication-required' } }) },
  play: async ({ canvasElement }) => expectError(await signOutOthers(canvasElement), 'reauthentication-required'),
};

// Unsupported browser

/** The account loads (it needs no WebAuthn); in place of "Add a passkey", why passkeys cannot be added here. */
export const Unsupported: Story = {
  name: 'Unsupported browser',
  args: { authenticator: 'unsupported' },
  play: async ({ canvasElement }) => {
    const screen = await loadedProfile(canvasElement);
    await expect(screen.getByText(en.unsupportedTitle)).toBeVisible();
    await expect(screen.queryByRole('button', { name: en.addPasskey })).toBeNull();
  },
};

// Email address

const unverified = ada({ emailVerified: false });

async function verifyEmail(canvasElement: HTMLElement) {
  const screen = await loadedProfile(canvasElement);
  await clickButton(screen, en.verifyEmail);
  return screen;
}

async function changeEmail(canvasElement: HTMLElement, address?: string) {
  const screen = await loadedProfile(canvasElement);
  await clickButton(screen, en.changeEmail);
  if (address !== undefined) {
    await userEvent.type(await screen.findByRole('textbox', { name: en.newEmail }, patiently), address);
    await userEvent.click(screen.getByRole('button', { name: en.sendCode }));
  }
  return screen;
}

export const EmailVerifiedBadge: Story = {
  name: 'Email: verified',
  play: async ({ canvasElement }) => {
    const screen = await loadedProfile(canvasElement);
    await expect(screen.getByText(en.emailVerified)).toBeVisible();
    await expect(screen.queryByRole('button', { name: en.verifyEmail })).toBeNull();
    await expect(screen.getByRole('button', { name: en.changeEmail })).toBeEnabled();
  },
};

export const EmailUnverified: Story = {
  name: 'Email: not verified',
  args: { backend: unverified },
  play: async ({ canvasElement }) => {
    const screen = await loadedProfile(canvasElement);
    await expect(screen.getByText(en.emailUnverified)).toBeVisible();
    await expect(screen.getByText(en.unverifiedHint)).toBeVisible();
    await expect(screen.getByRole('button', { name: en.verifyEmail })).toBeEnabled();
  },
};

export const NoEmail: Story = {
  name: 'Email: none yet',
  args: { backend: ada({ identifier: 'ada', email: null }, {}) },
  play: async ({ canvasElement }) => {
    const screen = await profileScreen(canvasElement);
    await expect(await screen.findByText(en.noEmail, {}, patiently)).toBeVisible();
    await expect(screen.getByRole('button', { name: en.addEmail })).toBeEnabled();
  },
};

export const EmailWithoutCodes: Story = {
  name: 'Email: a backend without codes shows no code actions',
  args: { backend: ada({ emailVerified: false }, { withoutCodes: true }) },
  play: async ({ canvasElement }) => {
    const screen = await loadedProfile(canvasElement);
    await expect(screen.getByText(en.emailUnverified)).toBeVisible();
    await expect(screen.queryByRole('button', { name: en.verifyEmail })).toBeNull();
    await expect(screen.queryByRole('button', { name: en.changeEmail })).toBeNull();
  },
};

export const VerifyingEmail: Story = {
  name: 'Email: code sent to verify it',
  args: { backend: unverified },
  play: async ({ canvasElement }) => {
    const screen = await verifyEmail(canvasElement);
    await expectHeading(screen, en.verifyEmailTitle);
    await expectStatus(screen, `${en.codeSent(ADA)} ${en.codeValidFor(10)}`);
    const field = await codeField(screen);
    await expect(field).toHaveAttribute('autocomplete', 'one-time-code');
    await expect(field).toHaveAttribute('inputmode', 'numeric');
    await expectFocused(field);
    // The next code only after the cooldown, counted down on the button.
    await expect(screen.getByRole('button', { name: /^Resend code in \d+ s$/ })).toBeDisabled();
  },
};

export const EmailVerified: Story = {
  name: 'Email: verified with the code',
  args: { backend: unverified },
  play: async ({ canvasElement }) => {
    const screen = await verifyEmail(canvasElement);
    // With a space, as mails often show it: the field keeps the digits and submits itself once complete.
    await typeCode(screen, `${STORY_CODE.slice(0, 3)} ${STORY_CODE.slice(3)}`);
    await expectStatus(screen, en.done['email-verified']);
    await expect(screen.getByText(en.emailVerified)).toBeVisible();
  },
};

export const EmailCodeWrong: Story = {
  name: 'Email: wrong code',
  args: { backend: unverified },
  play: async ({ canvasElement }) => {
    const screen = await verifyEmail(canvasElement);
    await typeCode(screen, '000000');
    await expectAlert(screen, en.wrongCode(4));
    const field = await codeField(screen);
    await expect(field).toHaveAttribute('aria-invalid', 'true');
    await expectFocused(field);
  },
};

function emailCodeRefused(code: PasskeyErrorCode): Story {
  return {
    args: { backend: ada({ emailVerified: false }, { failures: { confirmEmail: code } }) },
    play: async ({ canvasElement }) => {
      const screen = await verifyEmail(canvasElement);
      await typeCode(screen, STORY_CODE);
      await expectError(screen, code);
      // The way on: a new code, once the countdown ends, or Cancel.
      await expect(screen.getByRole('button', { name: /^Resend code/ })).toBeVisible();
      await expect(screen.getByRole('button', { name: en.cancel })).toBeEnabled();
    },
  };
}

export const EmailCodeExpired: Story = { name: 'Email: code expired', ...emailCodeRefused('code-expired') };
export const EmailCodeUsed: Story = { name: 'Email: code already used', ...emailCodeRefused('code-used') };
export const EmailCodeExhausted: Story = { name: 'Email: too many tries', ...emailCodeRefused('code-attempts-exhausted') };

export const EmailRateLimited: Story = {
  name: 'Email: too many requests',
  args: { backend: ada({ emailVerified: false }, { failures: { requestEmailCode: 'rate-limited' } }) },
  play: async ({ canvasElement }) => {
    const screen = await verifyEmail(canvasElement);
    await expectAlert(screen, en.errors['rate-limited']);
    // The wait counts down beside the alert, which screen readers then hear once.
    const wait = new RegExp(en.retryIn(30).replace('30', '(30|29)'));
    await expect(await screen.findByText(wait, undefined, patiently)).toBeVisible();
  },
};

export const ChangingEmail: Story = {
  name: 'Email: new address form',
  play: async ({ canvasElement }) => {
    const screen = await changeEmail(canvasElement);
    const field = await screen.findByRole('textbox', { name: en.newEmail }, patiently);
    await expect(field).toHaveAttribute('type', 'email');
    await expect(field).toHaveAttribute('autocomplete', 'email');
    await expectFocused(field);
  },
};

export const ChangeEmailInvalid: Story = {
  name: 'Email: new address refused',
  play: async ({ canvasElement }) => {
    const screen = await changeEmail(canvasElement, 'ada at home');
    await expectError(screen, 'invalid-email');
    await expect(screen.getByRole('textbox', { name: en.newEmail })).toHaveValue('ada at home');
  },
};

export const ChangeEmailCode: Story = {
  name: 'Email: code sent to the new address',
  play: async ({ canvasElement }) => {
    const screen = await changeEmail(canvasElement, 'ada@new.example');
    await expectHeading(screen, en.changeEmailTitle);
    await expectStatus(screen, `${en.codeSent('ada@new.example')} ${en.codeValidFor(10)}`);
    await clickButton(screen, en.differentEmail);
    await expect(await screen.findByRole('textbox', { name: en.newEmail }, patiently)).toHaveValue('ada@new.example');
  },
};

export const EmailChanged: Story = {
  name: 'Email: changed',
  play: async ({ canvasElement }) => {
    const screen = await changeEmail(canvasElement, 'ada@new.example');
    await typeCode(screen, STORY_CODE);
    await expectStatus(screen, en.done['email-changed']);
    await expect(screen.getByText('ada@new.example')).toBeVisible();
  },
};

// After a sign-in with an email code

export const CodeSessionCard: Story = {
  name: 'Signed in with a code: "Create a passkey" first',
  args: { backend: ada({}, { method: 'email-code' }) },
  play: async ({ canvasElement }) => {
    const screen = await loadedProfile(canvasElement);
    const card = within(canvasElement.querySelector('passkey-profile')!.shadowRoot!.querySelector<HTMLElement>('[part="empty-card"]')!);
    await expect(card.getByRole('heading', { name: en.passkeyPromptTitle })).toBeVisible();
    await expect(card.getByText(en.passkeyPromptUpgrade)).toBeVisible();
    await expect(card.getByRole('button', { name: en.createPasskey })).toHaveAttribute('part', 'button primary-button');
    await expect(screen.queryByRole('button', { name: en.addPasskey })).toBeNull();
    await expect(screen.getByText(en.signedInWith['email-code'], { exact: false })).toBeVisible();
  },
};

export const PasskeyRequired: Story = {
  name: 'Recovered: a passkey before anything else',
  args: { backend: ada({ sessions: otherSessions.slice(0, 1) }, { method: 'recovery-code', twoFactor: true }) },
  play: async ({ canvasElement }) => {
    const screen = await loadedProfile(canvasElement);
    await clickButton(screen, en.signOutOthers);
    await expectError(screen, 'passkey-required');
    await expectFocused(await screen.findByRole('button', { name: en.createPasskey }, patiently));
  },
};

// Verifying again before a sensitive act

async function removeYubiKey(canvasElement: HTMLElement) {
  const screen = await askRemove(canvasElement, yubiKey.name);
  await confirmRemove(screen);
  return screen;
}

export const ReauthenticatePasskeyOrCode: Story = {
  name: 'Verify again: passkey, or a code instead',
  args: { authenticator: 'never', backend: ada({}, { method: 'email-code' }) },
  play: async ({ canvasElement }) => {
    const screen = await removeYubiKey(canvasElement);
    const dialog = await confirmation(screen);
    await expectStatus(dialog, en.reauthenticating);
    await expect(dialog.getByRole('button', { name: en.emailCodeInstead })).toBeEnabled();
  },
};

export const ReauthenticateChoice: Story = {
  name: 'Verify again: the passkey sheet was closed',
  args: { authenticator: 'cancel', backend: ada({}, { method: 'email-code' }) },
  play: async ({ canvasElement }) => {
    const dialog = await confirmation(await removeYubiKey(canvasElement));
    await expectStatus(dialog, en.reauthenticateChoice);
    await expectFocused(await dialog.findByRole('button', { name: en.usePasskey }, patiently));
    await expect(dialog.getByRole('button', { name: en.emailCodeInstead })).toBeEnabled();
  },
};

export const ReauthenticateWithCode: Story = {
  name: 'Verify again: with a code',
  args: { authenticator: 'cancel', backend: ada({}, { method: 'email-code' }) },
  play: async ({ canvasElement }) => {
    const screen = await removeYubiKey(canvasElement);
    await clickButton(await confirmation(screen), en.emailCodeInstead);
    const dialog = await confirmation(screen);
    await expectHeading(dialog, en.confirmItIsYou);
    await expectStatus(dialog, `${en.codeSent(ADA)} ${en.codeValidFor(10)}`);
    await expectFocused(await codeField(dialog));
    await typeCode(dialog, STORY_CODE);
    await expectStatus(screen, en.done.removed);
    await expectPasskeyCount(canvasElement, 1);
  },
};

export const ReauthenticateCodeOnly: Story = {
  name: 'Verify again: a code only (no passkey yet)',
  args: { backend: ada({ passkeys: [] }, { method: 'email-code' }) },
  play: async ({ canvasElement }) => {
    const screen = await loadedProfile(canvasElement);
    await clickButton(screen, en.deleteAccount);
    await clickButton(await confirmation(screen), en.confirmDelete);
    const dialog = await confirmation(screen);
    await expectStatus(dialog, `${en.codeSent(ADA)} ${en.codeValidFor(10)}`);
    await expect(dialog.queryByRole('button', { name: en.usePasskey })).toBeNull();
    await typeCode(dialog, STORY_CODE);
    await expectHeading(screen, en.accountDeleted);
  },
};

export const ReauthenticateCodeWrong: Story = {
  name: 'Verify again: wrong code',
  args: { backend: ada({ passkeys: [] }, { method: 'email-code' }) },
  play: async ({ canvasElement }) => {
    const screen = await loadedProfile(canvasElement);
    await clickButton(screen, en.deleteAccount);
    await clickButton(await confirmation(screen), en.confirmDelete);
    const dialog = await confirmation(screen);
    await expectStatus(dialog, `${en.codeSent(ADA)} ${en.codeValidFor(10)}`);
    await typeCode(dialog, '999999');
    await expectAlert(dialog, en.wrongCode(4));
  },
};

export const ReauthenticateNoWay: Story = {
  name: 'Verify again: the server offers no way (sign in again)',
  args: { backend: ada({ identifier: 'ada', email: null, passkeys: [] }, { method: 'email-code' }) },
  play: async ({ canvasElement }) => {
    const screen = await profileScreen(canvasElement);
    await clickButton(screen, en.deleteAccount);
    await clickButton(await confirmation(screen), en.confirmDelete);
    await expectError(screen, 'reauthentication-required');
  },
};

// Sessions

export const SessionsSignedInWith: Story = {
  name: 'Sessions: how this one signed in',
  args: { backend: ada({}, { method: 'email-code' }) },
  play: async ({ canvasElement }) => {
    const screen = await loadedProfile(canvasElement);
    const item = screen.getByText(en.thisDevice).closest('li');
    await expect(item).toHaveTextContent(en.signedInWith['email-code']);
  },
};

// Two-factor sign-in

const twoFactor = ada({}, { twoFactor: true });

async function newRecoveryCodes(canvasElement: HTMLElement) {
  const screen = await loadedProfile(canvasElement);
  await clickButton(screen, en.createRecoveryCodes);
  return screen;
}

export const TwoFactorOn: Story = {
  name: 'Two-factor: on',
  args: { backend: twoFactor },
  play: async ({ canvasElement }) => {
    const screen = await loadedProfile(canvasElement);
    await expect(screen.getByRole('heading', { name: en.twoFactorTitle })).toBeVisible();
    await expect(screen.getByText(en.twoFactorOn)).toBeVisible();
    await expect(screen.getByText(en.recoveryCodesLeft(STORY_RECOVERY_CODES.length))).toBeVisible();
    await expect(screen.getByRole('button', { name: en.turnOffTwoFactor })).toBeEnabled();
  },
};

export const NoRecoveryCodesLeft: Story = {
  name: 'Two-factor: no recovery codes left',
  args: { backend: ada({ recoveryCodes: [] }, { twoFactor: true }) },
  play: async ({ canvasElement }) => expect((await loadedProfile(canvasElement)).getByText(en.recoveryCodesLeft(0))).toBeVisible(),
};

export const ConfirmNewRecoveryCodes: Story = {
  name: 'Two-factor: confirm new recovery codes',
  args: { backend: twoFactor },
  play: async ({ canvasElement }) => {
    const dialog = await confirmation(await newRecoveryCodes(canvasElement));
    await expect(dialog.getByText(en.confirmRecoveryCodesTitle)).toBeVisible();
    await expectFocused(dialog.getByRole('button', { name: en.cancel }));
  },
};

export const NewRecoveryCodes: Story = {
  name: 'Two-factor: new recovery codes, shown once',
  args: { backend: twoFactor },
  play: async ({ canvasElement }) => {
    const screen = await newRecoveryCodes(canvasElement);
    await clickButton(await confirmation(screen), en.createCodes);
    await expectHeading(screen, en.recoveryCodesTitle);
    await expect(screen.getAllByRole('listitem').filter((item: HTMLElement) => item.querySelector('code'))).toHaveLength(STORY_RECOVERY_CODES.length);
    const download = screen.getByRole('link', { name: en.download });
    await expect(download).toHaveAttribute('download', `recovery-codes-${location.hostname}.txt`);
    await expect(screen.getByRole('button', { name: en.print })).toBeEnabled();
    await expect(screen.getByRole('button', { name: en.changeDisplayName })).toBeDisabled();
    await clickButton(screen, en.savedRecoveryCodes);
    await expect(screen.queryByRole('heading', { name: en.recoveryCodesTitle })).toBeNull();
  },
};

export const ConfirmOptOut: Story = {
  name: 'Two-factor: what turning it off means',
  args: { backend: twoFactor },
  play: async ({ canvasElement }) => {
    const screen = await loadedProfile(canvasElement);
    await clickButton(screen, en.turnOffTwoFactor);
    const dialog = await confirmation(screen);
    await expect(dialog.getByText(en.confirmOptOutTitle)).toBeVisible();
    await expectFocused(dialog.getByRole('button', { name: en.keepTwoFactor }));
  },
};

export const OptedOut: Story = {
  name: 'Two-factor: turned off',
  args: { backend: twoFactor },
  play: async ({ canvasElement }) => {
    const screen = await loadedProfile(canvasElement);
    await clickButton(screen, en.turnOffTwoFactor);
    await clickButton(await confirmation(screen), en.optOut);
    await expectStatus(screen, en.done['two-factor-off']);
    await expect(screen.getByText(en.twoFactorOff)).toBeVisible();
  },
};

export const OptedBackIn: Story = {
  name: 'Two-factor: turned back on',
  args: { backend: ada({ twoFactorOptOut: true }, { twoFactor: true }) },
  play: async ({ canvasElement }) => {
    const screen = await loadedProfile(canvasElement);
    await clickButton(screen, en.turnOnTwoFactor);
    await expectStatus(screen, en.done['two-factor-on']);
    await expect(screen.getByText(en.twoFactorOn)).toBeVisible();
  },
};

