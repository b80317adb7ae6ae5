import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import type { PasskeyAccount, PasskeyLogin } from '../../src/index.ts';
import '../../src/passkey-account.ts';
import { LoginHarness } from '../support/login-harness.ts';

/** As `/slow/*` in test-backends.ts holds each request; the browser cannot import that Node module. */
const slowMilliseconds = 1_500;

describe('first start, while the backend is slow to answer (a fresh database being prepared)', () => {
  it('<passkey-account> shows the login\'s loading state from its first frame until the session check answers, then the form', async () => {
    const started = performance.now();
    const account = await fixture<PasskeyAccount>(html`<passkey-account api="/slow/api/passkeys"></passkey-account>`);
    const inner = account.shadowRoot!.querySelector<PasskeyLogin>('passkey-login')!;
    await inner.updateComplete;
    const login = new LoginHarness(inner);

    // Sampled every frame until the form shows: never a blank card, only the loading line.
    const seen = new Set<string>();
    let frames = 0;
    while (login.heading() === '') {
      seen.add(login.status() || '(blank)');
      expect(inner.getBoundingClientRect().height, 'the card takes its place on the page').to.be.greaterThan(0);
      frames++;
      await new Promise(requestAnimationFrame);
      if (performance.now() - started > 10_000) break;
    }
    expect([...seen]).to.deep.equal(['Loading…']);
    expect(frames, 'the loading line stayed on screen while the request was pending').to.be.greaterThan(10);
    expect(performance.now() - started, 'the backend held the session check').to.be.greaterThan(slowMilliseconds - 100);
    await waitUntil(() => login.heading() === 'Sign in', `expected the sign-in form, saw "${login.heading()}"`);
    await expect(inner).to.be.accessible();
  });
});
