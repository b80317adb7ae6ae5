import { expect, waitFor, within } from 'storybook/test';
import '../src/passkey-login.ts';
import { MemoryBackend } from './memory-backend.ts';

/** Long enough for the fake authenticator's answer plus two backend round trips. */
export const patiently = { timeout: 5_000 };

/**
 * Testing Library queries for what `<passkey-login>` shows. Queries from the canvas stop at the
 * shadow root, so they start at the element's card inside it.
 */
export async function loginScreen(canvasElement: HTMLElement) {
  const element = canvasElement.querySelector('passkey-login');
  if (!element) throw new Error('The story rendered no <passkey-login>');
  await element.updateComplete;
  const card = element.shadowRoot?.querySelector<HTMLElement>('.card');
  if (!card) throw new Error('<passkey-login> rendered no card');
  return within(card);
}

/**
 * Waits until the backend has answered the element's first requests (the sign-in options, which
 * start autofill), as a person is slower than that. A click sooner lets the late autofill
 * request abort the button's ceremony.
 */
export async function waitUntilSettled(canvasElement: HTMLElement): Promise<void> {
  const backend = canvasElement.querySelector('passkey-login')?.backend;
  if (backend instanceof MemoryBackend) await waitFor(() => expect(backend.idle).toBe(true), patiently);
}
