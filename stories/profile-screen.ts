import { expect, userEvent, waitFor, within } from 'storybook/test';
import '../src/passkey-profile.ts';
import { en } from '../src/i18n/en-profile.ts';
import type { PasskeyErrorCode } from '../src/core/errors.ts';
import { MemoryBackend } from './memory-backend.ts';
import { patiently } from './login-screen.ts';

export type ProfileScreen = ReturnType<typeof within>;

/**
 * Testing Library queries for what `<passkey-profile>` shows. The element renders its sections
 * straight into its shadow root, so queries start there (a root node works as a container).
 */
export async function profileScreen(canvasElement: HTMLElement): Promise<ProfileScreen> {
  const element = canvasElement.querySelector('passkey-profile');
  if (!element?.shadowRoot) throw new Error('The story rendered no <passkey-profile>');
  await element.updateComplete;
  return within(element.shadowRoot as unknown as HTMLElement);
}

/** Waits for the account to load and every request to be answered, as a person would. */
export async function loadedProfile(canvasElement: HTMLElement): Promise<ProfileScreen> {
  const screen = await profileScreen(canvasElement);
  await screen.findByRole('heading', { name: en.passkeysTitle }, patiently);
  const backend = canvasElement.querySelector('passkey-profile')?.backend;
  if (backend instanceof MemoryBackend) await waitFor(() => expect(backend.idle).toBe(true), patiently);
  return screen;
}

/** The card of the passkey with this name, to query its own buttons. */
export async function passkeyCard(screen: ProfileScreen, name: string): Promise<ProfileScreen> {
  const heading = await screen.findByRole('heading', { name, level: 3 }, patiently);
  const card = heading.closest('li');
  if (!card) throw new Error(`The passkey heading "${name}" is not inside a list item`);
  return within(card);
}

export async function clickButton(screen: ProfileScreen, name: string): Promise<void> {
  await userEvent.click(await screen.findByRole('button', { name }, patiently));
}

/** Clicks the card's button whose accessible name starts with `text` (it may name the passkey too). */
export async function clickCardButton(card: ProfileScreen, text: string): Promise<void> {
  await userEvent.click(await card.findByRole('button', { name: (name: string) => name.startsWith(text) }, patiently));
}

/** The open confirmation dialog. */
export async function confirmation(screen: ProfileScreen): Promise<ProfileScreen> {
  return within(await screen.findByRole('dialog', {}, patiently));
}

export async function expectHeading(screen: ProfileScreen, name: string): Promise<void> {
  await expect(await screen.findByRole('heading', { name }, patiently)).toBeVisible();
}

export async function expectStatus(screen: ProfileScreen, text: string): Promise<void> {
  await waitFor(() => expect(screen.getAllByRole('status').map((status: HTMLElement) => status.textContent?.trim())).toContain(text), patiently);
}

/** Focus is on `element` inside the shadow root (`toHaveFocus` looks only at the document's active element, the host). */
export async function expectFocused(element: HTMLElement): Promise<void> {
  await waitFor(() => expect((element.getRootNode() as ShadowRoot).activeElement).toBe(element), patiently);
}

/** The alert shows the translated message and names its code. */
export async function expectError(screen: ProfileScreen, code: PasskeyErrorCode): Promise<void> {
  const alert = await screen.findByRole('alert', {}, patiently);
  await expect(alert).toHaveTextContent(en.errors[code]);
  await expect(alert).toHaveAttribute('data-code', code);
}

/** The code field of the open code form (its label names the number of digits). */
export async function codeField(screen: ProfileScreen, length = 6): Promise<HTMLInputElement> {
  return screen.findByRole('textbox', { name: en.codeLabel(length) }, patiently);
}

/** Types a code as a person does; the form submits itself once it is complete. */
export async function typeCode(screen: ProfileScreen, code: string): Promise<void> {
  await userEvent.type(await codeField(screen), code);
}

/** The alert shows exactly this text. */
export async function expectAlert(screen: ProfileScreen, text: string): Promise<void> {
  await expect(await screen.findByRole('alert', {}, patiently)).toHaveTextContent(text);
}
