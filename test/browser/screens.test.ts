// Screenshot tests: each screen that matters of both elements, reached by a user's steps on the
// stories' in-memory backend (fixed data, so the pictures hold still), then shot in four variants
// and compared with the references in docs/screens/ (`npm run screens` rewrites them).
// The four variants pair each width with each scheme and each language once (a covering of all pairs):
// English light 1280, English dark 375, Arabic light 375, Arabic dark 1280.
import { expect, waitUntil } from '@open-wc/testing';
import { emulateMedia, executeServerCommand, setViewport } from '@web/test-runner-commands';
import type { PasskeyLogin, PasskeyProfile } from '../../src/index.ts';
import '../../src/index.ts';
import { enLogin } from '../../src/i18n/en.ts';
import { en } from '../../src/i18n/en-profile.ts';
import { themes } from '../../stories/example-themes.ts';
import { installFakeAuthenticator, STORY_PASSKEY_ID, type AuthenticatorBehaviour } from '../../stories/fake-authenticator.ts';
import { MemoryBackend, type MemoryBackendOptions, type SeedPasskey } from '../../stories/memory-backend.ts';
import { ElementHarness, LoginHarness, ProfileHarness } from '../support/login-harness.ts';

interface Variant {
  lang: 'en' | 'ar';
  theme: 'light' | 'dark';
  width: 375 | 1280;
}

const variants: Variant[] = [
  { lang: 'en', theme: 'light', width: 1280 },
  { lang: 'en', theme: 'dark', width: 375 },
  { lang: 'ar', theme: 'light', width: 375 },
  { lang: 'ar', theme: 'dark', width: 1280 },
];

/** The clock stands still, so that "last used now" does not become "1 second ago" between two shots. */
const frozenAt = Date.now();
class FrozenDate extends Date {
  constructor(...args: ConstructorParameters<typeof Date> | []) {
    if (args.length === 0) super(frozenAt);
    else super(...(args as ConstructorParameters<typeof Date>));
  }

  static override now() {
    return frozenAt;
  }
}
globalThis.Date = FrozenDate as DateConstructor;

const HOUR = 1 / 24;
const ago = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString();
const id = (label: string) => btoa(label).replaceAll('=', '').replaceAll('+', '-').replaceAll('/', '_');
const iCloud: SeedPasskey = { id: STORY_PASSKEY_ID, name: 'iCloud Keychain', location: 'synced', createdAt: ago(210), lastUsedAt: ago(2 * HOUR) };
const yubiKey: SeedPasskey = { id: id('yubikey'), name: 'YubiKey 5 Series', location: 'security-key', createdAt: ago(95), lastUsedAt: ago(12) };
const windowsHello: SeedPasskey = { id: id('windows-hello'), name: 'Windows Hello', location: 'device', createdAt: ago(40), lastUsedAt: null };
const ADA = 'ada@example.com';

function adaWith(passkeys: SeedPasskey[], options: Partial<MemoryBackendOptions> = {}): MemoryBackendOptions {
  return {
    latencyMs: 0,
    ...options,
    users: [{
      identifier: ADA, displayName: 'Ada Lovelace', passkeys,
      sessions: [{ browser: 'Safari', os: 'iOS', lastActiveAt: ago(3 * HOUR) }, { browser: 'Firefox', os: 'Windows', lastActiveAt: ago(3) }],
    }],
    signedIn: { identifier: ADA, passkeyId: STORY_PASSKEY_ID },
  };
}

let restoreAuthenticator: (() => void) | undefined;
function authenticator(behaviour: AuthenticatorBehaviour) {
  restoreAuthenticator?.();
  restoreAuthenticator = installFakeAuthenticator(behaviour);
}

/** The page around the element, the viewport's width. */
function stage(): HTMLElement {
  document.body.style.margin = '0';
  const main = document.createElement('main');
  main.className = 'screen-stage';
  main.style.cssText = 'padding: 24px 16px; min-height: 100vh; box-sizing: border-box';
  document.body.replaceChildren(main);
  return main;
}

async function login(attributes: Record<string, string>, backend: MemoryBackendOptions, behaviour: AuthenticatorBehaviour = 'succeed') {
  authenticator(behaviour);
  const element = document.createElement('passkey-login') as PasskeyLogin;
  for (const [name, value] of Object.entries({ 'no-autofill': '', ...attributes })) element.setAttribute(name, value);
  // Signed out: the login would greet a signed-in user instead of asking.
  const { signedIn: _signedIn, ...signedOut } = backend;
  element.backend = new MemoryBackend(signedOut);
  stage().append(element);
  const harness = new LoginHarness(element);
  await waitUntil(() => harness.heading() !== '', 'expected the first screen');
  return harness;
}

async function profile(backend: MemoryBackendOptions, behaviour: AuthenticatorBehaviour = 'succeed') {
  authenticator(behaviour);
  const element = document.createElement('passkey-profile') as PasskeyProfile;
  element.backend = new MemoryBackend(backend);
  stage().append(element);
  const harness = new ProfileHarness(element);
  await waitUntil(() => harness.heading() !== '', 'expected the profile');
  return harness;
}

/**
 * Settles fonts, layout and the element's own updates, so that the picture is the screen at rest. The focus
 * leaves the element first: whether a focus ring shows depends on which page has the window's focus, and
 * pages of other test files run beside this one.
 */
async function settled(element: HTMLElement & { updateComplete: Promise<unknown> }) {
  (element.shadowRoot?.activeElement as HTMLElement | null)?.blur();
  await element.updateComplete;
  await document.fonts.ready;
  await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
}

/** Shoots the screen the harness shows in every variant (`modal`: the viewport only, where the dialog is) and compares each with its reference. */
async function expectScreens(harness: ElementHarness<PasskeyLogin | PasskeyProfile>, name: string, { modal = false, only = variants as readonly Variant[] } = {}) {
  const { element } = harness;
  const failures: string[] = [];
  for (const { lang, theme, width } of only) {
    await setViewport({ width, height: width === 375 ? 720 : 800 });
    element.lang = lang;
    element.theme = theme;
    document.documentElement.style.colorScheme = theme;
    // The page's own colour is the element's: the element sits in it as it would on most sites.
    element.parentElement!.style.background = theme === 'dark' ? '#0d1117' : '#fff';
    if (lang === 'ar') await waitUntil(() => element.getAttribute('dir') === 'rtl', 'expected the Arabic layout');
    await settled(element);
    const { ok, message } = await executeServerCommand<{ ok: boolean; message: string }, { name: string; fullPage: boolean }>('screenshot:compare', {
      // A modal dialog covers the viewport, not the page: its picture is the viewport.
      fullPage: !modal,
      name: `${element.localName.replace('passkey-', '')}-${name}-${lang}-${theme}-${width}`,
    });
    if (!ok) failures.push(message);
  }
  element.lang = 'en';
  await waitUntil(() => element.getAttribute('dir') !== 'rtl');
  expect(failures, `${name}: screens differ from docs/screens/`).to.deep.equal([]);
}

describe('screens: each state of both elements matches its reference picture', function () {
  // Four pictures per screen, compared in Node: more than a test's usual 20 seconds when the machine is busy.
  this.timeout(90_000);
  afterEach(() => {
    restoreAuthenticator?.();
    restoreAuthenticator = undefined;
    document.body.replaceChildren();
  });

  it('<passkey-login>: sign-in, a field error, sign-up', async () => {
    const signIn = await login({}, adaWith([iCloud]));
    await expectScreens(signIn, 'sign-in');
    signIn.field('Email').form!.requestSubmit();
    await waitUntil(() => signIn.alert() !== '', 'expected the empty-field error');
    await expectScreens(signIn, 'sign-in-empty-field');

    const signUp = await login({ mode: 'signup' }, adaWith([iCloud]));
    await expectScreens(signUp, 'sign-up');
  });

  it('<passkey-login>: waiting for the device, signed in, cancelled, failed', async () => {
    const waiting = await login({}, adaWith([iCloud]), 'never');
    await waiting.click('Sign in with a passkey');
    await waitUntil(() => waiting.status() === enLogin.deviceWillAsk, 'expected the waiting screen');
    await expectScreens(waiting, 'waiting');

    const signedIn = await login({}, adaWith([iCloud]));
    await signedIn.click('Sign in with a passkey');
    await signedIn.waitForEvent('passkey-signed-in');
    await expectScreens(signedIn, 'signed-in');

    const cancelled = await login({}, adaWith([iCloud]), 'cancel');
    await cancelled.click('Sign in with a passkey');
    await cancelled.waitForHeading(enLogin.cancelledTitle);
    await expectScreens(cancelled, 'cancelled');

    const failed = await login({}, { ...adaWith([iCloud]), failures: { loginOptions: 'network' } });
    await failed.click('Sign in with a passkey');
    await waitUntil(() => failed.alert() === enLogin.errors.network, 'expected the failure');
    await expectScreens(failed, 'failed');
  });

  it('<passkey-profile>: the account, renaming, adding, no passkey yet, the only passkey', async () => {
    const ready = await profile(adaWith([iCloud, yubiKey, windowsHello]));
    await expectScreens(ready, 'ready');

    await ready.clickIn(ready.passkeyCard('YubiKey 5 Series'), 'Rename');
    await expectScreens(ready, 'renaming');
    ready.element.remove();

    const adding = await profile(adaWith([iCloud]), 'never');
    await adding.click('Add a passkey');
    await waitUntil(() => adding.status() === en.deviceWillAsk, 'expected the ceremony note');
    await expectScreens(adding, 'adding');
    adding.element.remove();

    const withCode = await profile({ ...adaWith([]), signedIn: { identifier: ADA, method: 'email-code' } });
    await expectScreens(withCode, 'no-passkey');
    withCode.element.remove();

    const only = await profile(adaWith([iCloud]));
    await only.clickIn(only.passkeyCard('iCloud Keychain'), 'Remove');
    await waitUntil(() => only.alert() !== '', 'expected "only passkey"');
    await expectScreens(only, 'only-passkey');
  });

  it('<passkey-profile>: the confirmation dialogs', async () => {
    const remove = await profile(adaWith([iCloud, yubiKey]));
    await remove.clickIn(remove.passkeyCard('YubiKey 5 Series'), 'Remove');
    await waitUntil(() => remove.root.querySelector('dialog[open]') !== null, 'expected the dialog');
    await expectScreens(remove, 'confirm-remove', { modal: true });
    await remove.click('Keep it');

    await remove.click('Delete account');
    await waitUntil(() => remove.root.querySelector('dialog[open]') !== null, 'expected the dialog');
    await expectScreens(remove, 'confirm-delete', { modal: true });
  });

  it('forced colours (Windows high contrast): the sign-in form and a confirmation', async () => {
    const only = [{ lang: 'en', theme: 'light', width: 375 }] as const;
    await emulateMedia({ forcedColors: 'active' });
    try {
      const signIn = await login({}, adaWith([iCloud]));
      await expectScreens(signIn, 'forced-colors-sign-in', { only });
      const remove = await profile(adaWith([iCloud, yubiKey]));
      await remove.clickIn(remove.passkeyCard('YubiKey 5 Series'), 'Remove');
      await waitUntil(() => remove.root.querySelector('dialog[open]') !== null, 'expected the dialog');
      await expectScreens(remove, 'forced-colors-confirm-remove', { only, modal: true });
    } finally {
      await emulateMedia({ forcedColors: 'none' });
    }
  });

  describe('the example themes of docs/theming.md', () => {
    afterEach(() => document.head.querySelector('style.example-theme')?.remove());

    for (const [name, css] of Object.entries(themes)) {
      it(`${name}: sign-in and the profile`, async () => {
        const style = Object.assign(document.createElement('style'), { className: 'example-theme', textContent: css });
        document.head.append(style);
        const only = [{ lang: 'en', theme: 'light', width: 375 }] as const;
        const signIn = await login({}, adaWith([iCloud]));
        await expectScreens(signIn, `theme-${name}-sign-in`, { only });
        const ready = await profile(adaWith([iCloud, yubiKey]));
        await expectScreens(ready, `theme-${name}-ready`, { only });
      });
    }
  });
});
