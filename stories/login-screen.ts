import { expect, userEvent, waitFor, within } from 'storybook/test';
import '../src/passkey-login.ts';
import { enLogin as en } from '../src/i18n/en.ts';
import { MemoryBackend } from './memory-backend.ts';

/** Long enough for the fake authenticator's answer plus two backend round trips. */
export const patiently = { timeout: 5_000 };

export type LoginScreen = ReturnType<typeof within>;

/**
 * Testing Library queries for what `<passkey-login>` shows. Queries from the canvas stop at the
 * shadow root, so they start at the element's card inside it.
 */
export async function loginScreen(canvasElement: HTMLElement): Promise<LoginScreen> {
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

export async function expectHeading(screen: LoginScreen, name: string) {
  await expect(await screen.findByRole('heading', { name }, patiently)).toBeVisible();
}

export async function expectAlert(screen: LoginScreen, message: string) {
  await expect(await screen.findByRole('alert', {}, patiently)).toHaveTextContent(message);
}

/** The element's live region, which announces news such as "We sent a code to …", says `message`. */
export async function expectAnnounced(canvasElement: HTMLElement, message: string) {
  const announcer = () => canvasElement.querySelector('passkey-login')?.shadowRoot?.querySelector('[aria-live="polite"]');
  await waitFor(() => expect(announcer()?.textContent?.trim()).toBe(message), patiently);
}

/** The focus is on `element`, inside the element's shadow root. */
export async function expectFocused(element: HTMLElement): Promise<void> {
  await waitFor(() => expect((element.getRootNode() as ShadowRoot).activeElement).toBe(element), patiently);
}

/** Types the address on the sign-in form and asks for a code: the code screen follows. */
export async function requestCode(canvasElement: HTMLElement, email: string): Promise<LoginScreen> {
  const screen = await loginScreen(canvasElement);
  await userEvent.type(await screen.findByLabelText(en.emailLabel, {}, patiently), email);
  await waitUntilSettled(canvasElement);
  await userEvent.click(screen.getByRole('button', { name: en.emailMeACode }));
  await expectHeading(screen, en.checkEmailTitle);
  return screen;
}

/** Types a code over what the field holds, digit by digit as a person would: the form submits itself at the last one. */
export async function enterCode(screen: LoginScreen, code: string, digits = 6): Promise<void> {
  const field = (await screen.findByLabelText(en.codeLabel(digits), {}, patiently)) as HTMLInputElement;
  await waitFor(() => expect(field).not.toHaveAttribute('readonly'), patiently);
  await userEvent.type(field, code, { initialSelectionStart: 0, initialSelectionEnd: field.value.length });
}
