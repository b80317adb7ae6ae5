import { expect, waitUntil } from '@open-wc/testing';
import { startRegistration } from '@simplewebauthn/browser';
import { createElement, type ReactElement } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { createApp, defineComponent, h, type App } from 'vue';
import { createRestBackend, type PasskeyLogin, type PasskeyProfile } from '../../src/index.ts';
import type { PasskeySession } from '../../src/core/session-store.ts';
import { usePasskeySession, usePasskeyUser } from '../../src/react/index.ts';
import { usePasskeySession as useVueSession } from '../../src/vue/index.ts';
import { LoginHarness, ProfileHarness, signOutEverywhere, uniqueEmail } from '../support/login-harness.ts';
import { VirtualAuthenticator } from '../support/webauthn.ts';

const api = '/api/passkeys';

/** A sign-up that no element sees (as in another tab): the session is open, no event said so here. */
async function signUpElsewhere(displayName = 'Grace Hopper'): Promise<string> {
  const backend = createRestBackend(api);
  const identifier = uniqueEmail();
  const optionsJSON = await backend.registrationOptions({ identifier, displayName });
  await backend.verifyRegistration(await startRegistration({ optionsJSON }));
  return identifier;
}

/** The `<passkey-login>` or `<passkey-profile>` an app shows in `container`, once it shows a screen. */
async function shownLogin(container: HTMLElement): Promise<LoginHarness> {
  await waitUntil(() => container.querySelector('passkey-login'), 'expected <passkey-login>', { timeout: 10_000 });
  const login = new LoginHarness(container.querySelector<PasskeyLogin>('passkey-login')!);
  await waitUntil(() => login.heading() === 'Sign in', 'expected the sign-in form', { timeout: 10_000 });
  return login;
}

async function shownProfile(container: HTMLElement): Promise<ProfileHarness> {
  await waitUntil(() => container.querySelector('passkey-profile'), 'expected <passkey-profile>', { timeout: 10_000 });
  const profile = new ProfileHarness(container.querySelector<PasskeyProfile>('passkey-profile')!);
  await profile.waitForHeading('Your passkeys');
  return profile;
}

describe('session hooks and composables, driven by the real elements', () => {
  let authenticator: VirtualAuthenticator;
  const cleanups: (() => void)[] = [];

  /** A container on the page, taken off after the test. */
  function container(): HTMLElement {
    const element = document.body.appendChild(document.createElement('div'));
    cleanups.push(() => element.remove());
    return element;
  }

  beforeEach(async () => {
    authenticator = await VirtualAuthenticator.add();
    await signOutEverywhere();
  });

  afterEach(async () => {
    for (const cleanup of cleanups.splice(0)) cleanup();
    await authenticator.remove();
  });

  describe('React', () => {
    /** What each render of the app saw, and the app: the login unless someone is signed in, then "Signed in as" and the profile. */
    function renderApp(into: HTMLElement): { seen: PasskeySession[]; root: Root } {
      const seen: PasskeySession[] = [];
      function AccountApp(): ReactElement {
        const session = usePasskeySession();
        seen.push(session);
        if (session.status !== 'signed-in') return createElement('passkey-login', { api, 'no-autofill': '' });
        return createElement('div', null, createElement('p', { className: 'signed-in' }, `Signed in as ${session.user.identifier}`), createElement('passkey-profile', { api }));
      }
      const root = createRoot(into);
      root.render(createElement(AccountApp));
      cleanups.unshift(() => root.unmount());
      return { seen, root };
    }

    // First in this file: no element of this page has said anything yet.
    it('unknown at first; signed-in after a sign-up here, signed-out with its reason after signing out', async () => {
      const place = container();
      const { seen } = renderApp(place);
      const login = await shownLogin(place);
      expect(seen[0]).to.deep.equal({ status: 'unknown', user: null });

      const identifier = await login.signUp(uniqueEmail(), 'Ada Lovelace');
      const profile = await shownProfile(place);
      const signedIn = seen.at(-1)!;
      expect(signedIn).to.include({ status: 'signed-in', restored: false });
      expect(signedIn.user).to.include({ identifier, displayName: 'Ada Lovelace' });
      expect(place.querySelector('.signed-in')!.textContent).to.equal(`Signed in as ${identifier}`);

      await profile.click('Sign out');
      await shownLogin(place);
      expect(seen.at(-1)).to.deep.equal({ status: 'signed-out', user: null, reason: 'signed-out' });
      expect((await (await fetch(`${api}/session`)).json()).user).to.equal(null);
    });

    it('a session opened before the page is restored: the login finds it, the hook says restored, the profile shows; deleting the account ends it', async () => {
      const identifier = await signUpElsewhere();
      const place = container();
      const { seen } = renderApp(place);
      const profile = await shownProfile(place);
      expect(seen.at(-1)).to.deep.include({ status: 'signed-in', restored: true });
      expect(seen.at(-1)!.user!.identifier).to.equal(identifier);

      await profile.click('Delete account');
      await profile.click('Delete my account');
      await shownLogin(place);
      expect(seen.at(-1)).to.deep.equal({ status: 'signed-out', user: null, reason: 'account-deleted' });
    });

    it('a component mounted later knows who signed in before it; usePasskeyUser follows a name change', async () => {
      const place = container();
      renderApp(place);
      const login = await shownLogin(place);
      const identifier = await login.signUp(uniqueEmail(), 'Ada Lovelace');
      const profile = await shownProfile(place);

      const names: (string | null)[] = [];
      function Header(): ReactElement {
        const user = usePasskeyUser();
        names.push(user?.displayName ?? null);
        return createElement('p', null, user ? user.identifier : 'nobody');
      }
      const later = container();
      const headerRoot = createRoot(later);
      headerRoot.render(createElement(Header));
      cleanups.unshift(() => headerRoot.unmount());
      await waitUntil(() => later.textContent === identifier, 'the later component does not know the user');

      await profile.click('Change name');
      await profile.fill('Your name', 'Ada King');
      profile.field('Your name').form!.requestSubmit();
      await waitUntil(() => names.at(-1) === 'Ada King', `the hook did not follow passkey-account-updated: ${names.join(', ')}`);
      expect(names[0]).to.equal('Ada Lovelace');
    });
  });

  describe('Vue', () => {
    function mountApp(into: HTMLElement): { seen: PasskeySession[]; app: App } {
      const seen: PasskeySession[] = [];
      const AccountApp = defineComponent({
        setup() {
          const session = useVueSession();
          return () => {
            seen.push(session.value);
            if (session.value.status !== 'signed-in') return h('passkey-login', { api, 'no-autofill': '' });
            return h('div', [h('p', { class: 'signed-in' }, `Signed in as ${session.value.user.identifier}`), h('passkey-profile', { api })]);
          };
        },
      });
      const app = createApp(AccountApp);
      app.mount(into);
      cleanups.unshift(() => app.unmount());
      return { seen, app };
    }

    it('the composable follows sign-up, a restored session after a reload and sign-out', async () => {
      const place = container();
      const first = mountApp(place);
      const login = await shownLogin(place);
      const identifier = await login.signUp(uniqueEmail(), 'Ada Lovelace');
      await shownProfile(place);
      expect(first.seen.at(-1)).to.deep.include({ status: 'signed-in', restored: false });
      expect(place.querySelector('.signed-in')!.textContent).to.equal(`Signed in as ${identifier}`);
      first.app.unmount();

      // Mounted again, the app shows the profile at once (the page knows); signing out there brings the login back.
      const place2 = container();
      const signedOutFirst = mountApp(place2);
      await (await shownProfile(place2)).click('Sign out');
      await shownLogin(place2);
      expect(signedOutFirst.seen.at(-1)).to.deep.equal({ status: 'signed-out', user: null, reason: 'signed-out' });
      signedOutFirst.app.unmount();

      // As after a reload: a session opened where no element of this page saw it, found by the login.
      const other = await signUpElsewhere();
      const place3 = container();
      const reloaded = mountApp(place3);
      await shownProfile(place3);
      expect(reloaded.seen.at(-1)).to.deep.include({ status: 'signed-in', restored: true });
      expect(reloaded.seen.at(-1)!.user!.identifier).to.equal(other);
    });

    it('stops following the events once its component is unmounted', async () => {
      const place = container();
      const { seen, app } = mountApp(place);
      const login = await shownLogin(place);
      const renders = seen.length;
      app.unmount();
      // Still on the page after the app let go of it: its events no longer reach the composable.
      place.append(login.element);
      await login.signUp(uniqueEmail(), 'Ada Lovelace');
      expect(seen.length).to.equal(renders);
    });
  });
});
