import { fixture, html, waitUntil } from '@open-wc/testing';
import type { PasskeyLogin, PasskeyProfile } from '../../src/index.ts';
import type { PasskeyBackend } from '../../src/core/backend.ts';
import '../../src/index.ts';

const eventTypes = [
  'passkey-signed-up', 'passkey-signed-in', 'passkey-signed-out', 'passkey-error', 'passkey-created', 'passkey-renamed',
  'passkey-removed', 'passkey-session-revoked', 'passkey-account-updated', 'passkey-account-deleted',
];

/** Reads and drives an element the way a person does: by headings, labels and button names. */
export class ElementHarness<Element extends PasskeyLogin | PasskeyProfile> {
  readonly events: { type: string; detail: unknown }[] = [];

  constructor(readonly element: Element) {
    for (const type of eventTypes) {
      element.addEventListener(type, (event) => this.events.push({ type, detail: (event as CustomEvent).detail }));
    }
  }

  get root(): ShadowRoot {
    return this.element.shadowRoot!;
  }

  /** The screen's heading: the one a new screen puts the focus on, else the first. */
  heading(): string {
    return (this.root.querySelector('[data-focus~="heading"]') ?? this.root.querySelector('h2'))?.textContent?.trim() ?? '';
  }

  status(): string {
    return this.root.querySelector('[role="status"]')?.textContent?.trim() ?? '';
  }

  alert(): string {
    return this.root.querySelector('[role="alert"]')?.textContent?.trim() ?? '';
  }

  button(name: string): HTMLButtonElement {
    const button = [...this.root.querySelectorAll('button')].find((candidate) => candidate.textContent?.trim() === name);
    if (!button) throw new Error(`No button "${name}" on screen "${this.heading()}"; buttons: ${this.buttonNames().join(', ')}`);
    return button;
  }

  buttonNames(): string[] {
    return [...this.root.querySelectorAll('button')].map((button) => button.textContent?.trim() ?? '');
  }

  field(label: string): HTMLInputElement {
    const labelElement = [...this.root.querySelectorAll('label')].find((candidate) => candidate.textContent?.trim() === label);
    const input = labelElement && this.root.getElementById(labelElement.htmlFor);
    if (!(input instanceof HTMLInputElement)) throw new Error(`No field labelled "${label}" on screen "${this.heading()}"`);
    return input;
  }

  async click(name: string): Promise<void> {
    this.button(name).click();
    await this.element.updateComplete;
  }

  async fill(label: string, value: string): Promise<void> {
    const input = this.field(label);
    input.value = value;
    input.dispatchEvent(new Event('input', { bubbles: true }));
    await this.element.updateComplete;
  }

  async waitForHeading(text: string, timeout = 10_000): Promise<void> {
    await waitUntil(() => this.heading() === text, `expected heading "${text}"`, { timeout });
  }

  async waitForEvent(type: string, timeout = 10_000): Promise<{ type: string; detail: unknown }> {
    await waitUntil(() => this.events.some((event) => event.type === type), `expected event ${type}; got ${this.eventTypes().join(', ')}`, { timeout });
    return this.events.find((event) => event.type === type)!;
  }

  eventTypes(): string[] {
    return this.events.map((event) => event.type);
  }

}

export class LoginHarness extends ElementHarness<PasskeyLogin> {
  /** performance.now() before the element was made: its requests are those since then. */
  createdAt = 0;

  static async create(attributes: { api?: string; mode?: string; identifier?: string; autofill?: boolean; backend?: PasskeyBackend } = {}) {
    const { api = '/api/passkeys', mode = 'signin', identifier = 'email', autofill = false, backend } = attributes;
    const createdAt = performance.now();
    const element = await fixture<PasskeyLogin>(
      html`<passkey-login api=${api} mode=${mode} identifier=${identifier} ?no-autofill=${!autofill} .backend=${backend}></passkey-login>`,
    );
    const harness = new LoginHarness(element);
    harness.createdAt = createdAt;
    await waitUntil(() => harness.heading() !== '' || harness.status() !== 'Loading…', 'element did not leave loading');
    return harness;
  }

  /** What the element's live region says ("We sent a code to …", "Passkey created …"). */
  announcement(): string {
    return this.root.querySelector('[aria-live="polite"]')?.textContent?.trim() ?? '';
  }

  /** The one-time code field of the code screen. */
  codeField(digits = 6): HTMLInputElement {
    return this.field(`${digits}-digit code`);
  }

  /** Puts a whole code in the (focused) code field as the browser's autofill does: the form submits itself. */
  async enterCode(code: string): Promise<void> {
    await waitUntil(() => !this.codeField().readOnly, 'the code field stays read-only');
    this.codeField().focus();
    await this.fill('6-digit code', code);
  }

  /** Signs up through the UI with a fresh identifier and returns it. */
  async signUp(identifier = uniqueEmail(), displayName = 'Ada Lovelace'): Promise<string> {
    if (this.heading() !== 'Create your account') await this.click('Create an account');
    await this.fill('Email', identifier);
    await this.fill('Your name (optional)', displayName);
    await this.click('Create a passkey');
    await this.waitForHeading(`Welcome, ${displayName}`);
    return identifier;
  }
}

export class ProfileHarness extends ElementHarness<PasskeyProfile> {
  static async create(api = '/api/passkeys') {
    const element = await fixture<PasskeyProfile>(html`<passkey-profile api=${api}></passkey-profile>`);
    const harness = new ProfileHarness(element);
    await waitUntil(() => harness.status() !== 'Loading…', 'profile did not leave loading');
    return harness;
  }

  /** Names of the passkey cards, in order. */
  passkeyNames(): string[] {
    return [...this.root.querySelectorAll('[part="passkey-item"] h3')].map((heading) => heading.textContent?.trim() ?? '');
  }

  passkeyCard(name: string): HTMLElement {
    const card = [...this.root.querySelectorAll<HTMLElement>('[part="passkey-item"]')].find((item) => item.querySelector('h3')?.textContent?.trim() === name);
    if (!card) throw new Error(`No passkey "${name}"; passkeys: ${this.passkeyNames().join(', ')}`);
    return card;
  }

  async clickIn(container: HTMLElement, name: string): Promise<void> {
    const button = [...container.querySelectorAll('button')].find((candidate) => candidate.textContent?.trim() === name);
    if (!button) throw new Error(`No button "${name}" there`);
    button.click();
    await this.element.updateComplete;
  }

  sessionItems(): HTMLElement[] {
    return [...this.root.querySelectorAll<HTMLElement>('[part="session-item"]')];
  }
}

export function uniqueEmail(): string {
  return `user-${crypto.randomUUID().slice(0, 8)}@example.com`;
}

/** Requests the page made to a passkey API since `since` (performance.now() time), as paths. */
export function apiRequests(since = 0): string[] {
  return performance
    .getEntriesByType('resource')
    .filter((entry) => entry.startTime >= since && /^\/api(-[a-z]+)?\//.test(new URL(entry.name).pathname))
    .map((entry) => new URL(entry.name).pathname);
}

export async function signOutEverywhere(): Promise<void> {
  await fetch('/api/passkeys/session', { method: 'DELETE', credentials: 'include' });
}
