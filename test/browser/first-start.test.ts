import { expect, fixture, html } from '@open-wc/testing';
import type { PasskeyAccount, PasskeyLogin } from '../../src/index.ts';
import '../../src/passkey-account.ts';
import { LoginHarness } from '../support/login-harness.ts';

/** As `/slow/*` in test-backends.ts holds each request; the browser cannot import that Node module. */
const slowMilliseconds = 1_500;

/** Whether the page's request for the session has been answered. */
function sessionAnswered(): boolean {
  return performance.getEntriesByType('resource').some((entry) => entry.name.endsWith('/slow/api/passkeys/session'));
}

describe('first start, while the backend is slow to answer (a fresh database being prepared)', () => {
  it('<passkey-account> shows the sign-in form from its first frame, never a blank card, while the session check is pending', async () => {
    performance.clearResourceTimings();
    const started = performance.now();
    const account = await fixture<PasskeyAccount>(html`<passkey-account api="/slow/api/passkeys"></passkey-account>`);
    const inner = account.shadowRoot!.querySelector<PasskeyLogin>('passkey-login')!;
    await inner.updateComplete;
    const login = new LoginHarness(inner);

    // Sampled every frame until the backend answers: the form the whole time.
    const seen = new Set<string>();
    let frames = 0;
    while (!sessionAnswered()) {
      seen.add(login.heading() || login.status() || '(blank)');
      expect(inner.getBoundingClientRect().height, 'the card takes its place on the page').to.be.greaterThan(0);
      frames++;
      await new Promise(requestAnimationFrame);
      if (performance.now() - started > 10_000) break;
    }
    expect([...seen]).to.deep.equal(['Sign in']);
    expect(frames, 'the form stayed on screen while the request was pending').to.be.greaterThan(10);
    expect(performance.now() - started, 'the backend held the session check').to.be.greaterThan(slowMilliseconds - 100);
    expect(login.heading()).to.equal('Sign in');
    await expect(inner).to.be.accessible();
  });
});
