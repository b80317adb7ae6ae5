// The wrong set-ups a newcomer makes, in real Chromium: the element says what is wrong, in the
// page's language, and the console says (once) what to change.
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import type { LoginBackend, PasskeyBackend } from '../../src/core/backend.ts';
import type { PasskeyLogin } from '../../src/index.ts';
import de from '../../src/i18n/de.ts';
import { enLogin } from '../../src/i18n/en.ts';
import { LoginHarness, signOutEverywhere } from '../support/login-harness.ts';
import { VirtualAuthenticator } from '../support/webauthn.ts';

/** Mounted for `http://localhost:<port + 1>` only (web-test-runner.config.mjs): this page's origin is refused. */
const elsewhereApi = '/api-elsewhere/passkeys';

/** Collects console warnings while `run` runs; the console is put back afterwards. */
async function warningsDuring(run: () => Promise<void>): Promise<string[]> {
  const warnings: string[] = [];
  const original = console.warn;
  console.warn = (...parts: unknown[]) => warnings.push(parts.map(String).join(' '));
  try {
    await run();
  } finally {
    console.warn = original;
  }
  return warnings.filter((warning) => warning.startsWith('passkey-elements'));
}

describe('a page whose origin the server refuses', () => {
  let authenticator: VirtualAuthenticator;

  beforeEach(async () => {
    authenticator = await VirtualAuthenticator.add();
    await signOutEverywhere();
  });

  afterEach(async () => {
    await authenticator.remove();
  });

  it('shows what is wrong instead of "something unexpected", and warns once with the server\'s fix', async () => {
    const warnings = await warningsDuring(async () => {
      const login = await LoginHarness.create({ api: elsewhereApi });
      for (let attempt = 0; attempt < 2; attempt++) {
        await login.click(enLogin.signInWithPasskey);
        await login.waitForEvent('passkey-error');
        await waitUntil(() => login.alert().includes(enLogin.errors['origin-not-allowed']), `alert: ${login.alert()}`);
        expect(login.alert()).not.to.contain(enLogin.errors.unknown);
        const detail = login.events.find((event) => event.type === 'passkey-error')?.detail as { code: string };
        expect(detail.code).to.equal('origin-not-allowed');
        await expect(login.element).to.be.accessible();
        await login.click(enLogin.back);
        login.events.length = 0;
      }
    });
    const refused = warnings.filter((warning) => warning.includes('[origin-not-allowed]'));
    expect(refused).to.have.length(1, warnings.join('\n'));
    // The server's development answer, passed on: the origin it saw, the allowed one, the setting.
    expect(refused[0]).to.contain(location.origin).and.to.contain(`http://localhost:${Number(location.port) + 1}`).and.to.contain('ORIGINS');
    expect(refused[0]).to.contain('docs/passkey-login.md#when-the-set-up-is-wrong');
  });

  it('says it in the page\'s language', async () => {
    const element = await fixture<PasskeyLogin>(html`<passkey-login lang="de" api=${elsewhereApi} no-autofill></passkey-login>`);
    const login = new LoginHarness(element);
    await login.waitForHeading(de.signInTitle);
    await login.click(de.signInWithPasskey);
    await waitUntil(() => login.alert().includes(de.errors['origin-not-allowed']), `alert: ${login.alert()}`);
    expect(de.errors['origin-not-allowed']).not.to.equal(enLogin.errors['origin-not-allowed']);
  });
});

describe('set-up warnings in development', () => {
  it('warns once, with the docs, when an element has no api, no backend and no provider', async () => {
    const warnings = await warningsDuring(async () => {
      for (let count = 0; count < 2; count++) {
        const login = new LoginHarness(await fixture<PasskeyLogin>(html`<passkey-login no-autofill></passkey-login>`));
        await waitUntil(() => login.heading() !== '', 'the element shows a screen');
        await login.click(enLogin.signInWithPasskey).catch(() => undefined);
        await login.element.updateComplete;
      }
    });
    const missing = warnings.filter((warning) => warning.includes('[no-backend]'));
    expect(missing).to.have.length(1, warnings.join('\n'));
    expect(missing[0]).to.contain('api="/api/passkeys"').and.to.contain('docs/passkey-login.md');
  });

  it('warns once when the options name an RP ID this page cannot use', async () => {
    // A custom backend (the public `backend` property) for another site: options for its RP ID.
    const notUsed = async (): Promise<never> => {
      throw new Error('not used by this test');
    };
    const otherSite: LoginBackend = {
      loginOptions: async () => ({ challenge: 'AAAAAAAAAAAAAAAAAAAAAA', rpId: 'passkeys.example', allowCredentials: [], userVerification: 'required', timeout: 60_000 }),
      registrationOptions: notUsed,
      verifyRegistration: notUsed,
      verifyLogin: notUsed,
      currentUser: async () => null,
      signOut: async () => undefined,
    };
    const warnings = await warningsDuring(async () => {
      const login = await LoginHarness.create({ backend: otherSite as PasskeyBackend });
      for (let attempt = 0; attempt < 2; attempt++) {
        await login.click(enLogin.signInWithPasskey);
        await waitUntil(() => Object.values(enLogin.errorTitles).includes(login.heading()), `heading: ${login.heading()}`);
        await login.click(enLogin.back);
      }
    });
    const mismatch = warnings.filter((warning) => warning.includes('[rp-id-mismatch]'));
    expect(mismatch).to.have.length(1, warnings.join('\n'));
    expect(mismatch[0]).to.contain('"passkeys.example"').and.to.contain(`"${location.hostname}"`).and.to.contain('RP_ID');
  });
});

describe('the unsupported screen on plain http under a LAN name', () => {
  it('says the page needs https, not that the browser is too old, and offers the email code', async () => {
    const frame = document.createElement('iframe');
    const answer = new Promise<{ secureContext: boolean; heading: string; text: string; buttons: string[] }>((resolve) => {
      addEventListener('message', (event) => {
        if (event.source === frame.contentWindow) resolve(event.data);
      });
    });
    frame.src = `http://lan.test:${location.port}/test/support/insecure-page.html`;
    document.body.append(frame);
    try {
      const shown = await answer;
      expect(shown.secureContext).to.equal(false);
      expect(shown.heading).to.equal(enLogin.insecureContextTitle);
      expect(shown.text).to.contain(enLogin.insecureContextHint);
      expect(shown.text).not.to.contain(enLogin.unsupportedHint);
      expect(shown.buttons).to.include(enLogin.emailMeACode);
    } finally {
      frame.remove();
    }
  });

  it('keeps "update your browser" for a secure page whose browser has no WebAuthn', async () => {
    // This browser has WebAuthn: the view is drawn as for one without it, on this secure page.
    const { renderLoginState } = await import('../../src/login/login-views.ts');
    const { render } = await import('lit');
    const container = document.createElement('div');
    const context = { t: enLogin, actions: {} as never, identifierKind: 'email' as const, codes: false, insecureContext: !isSecureContext, now: Date.now() };
    render(renderLoginState({ name: 'unsupported', draft: { identifier: '', displayName: '' } }, context), container);
    expect(isSecureContext).to.equal(true);
    expect(container.textContent).to.contain(enLogin.unsupportedTitle).and.to.contain(enLogin.unsupportedHint);
  });
});
