import { chromium, type Browser, type BrowserContext, type CDPSession, type Page } from 'playwright-core';

/** Quiet and working as root; without the background-networking flags the log fills with refused connections. */
const chromiumArgs = ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** Debian's Chromium unless CHROMIUM_PATH names another Chromium or Chrome; `extraArgs` after ours. */
export function launchChromium(extraArgs: string[] = []): Promise<Browser> {
  return chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: [...chromiumArgs, ...extraArgs] });
}

// Page scripts are strings: functions compiled by tsx carry helpers that do not exist in the page.

/**
 * Makes feature detection say "no passkey autofill", before any page script runs. With autofill on,
 * the virtual authenticator answers the conditional request at once, so the login would sign in
 * by itself whenever a passkey exists, and the button path could not be tested.
 */
const withoutAutofill = `
  if (window.PublicKeyCredential) {
    Object.defineProperty(PublicKeyCredential, 'getClientCapabilities', { value: async () => ({ conditionalGet: false }) });
    Object.defineProperty(PublicKeyCredential, 'isConditionalMediationAvailable', { value: async () => false });
  }`;

export interface PasskeyPage {
  context: BrowserContext;
  page: Page;
  authenticator: VirtualAuthenticator;
}

/**
 * A fresh browser context (no cookies) with one page that has a platform authenticator: a
 * virtual CTAP 2.1 authenticator with resident keys and user verification that always consents.
 */
export async function openPasskeyPage(browser: Browser, baseURL: string, { autofill = false } = {}): Promise<PasskeyPage> {
  const context = await browser.newContext({ baseURL });
  if (!autofill) await context.addInitScript({ content: withoutAutofill });
  const page = await context.newPage();
  // Every step takes well under a second on an idle machine: a missing screen should fail in
  // seconds, not minutes, with room for a busy CI runner.
  page.setDefaultTimeout(15_000);
  const cdp = await context.newCDPSession(page);
  await cdp.send('WebAuthn.enable', { enableUI: false });
  const { authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', {
    options: {
      protocol: 'ctap2', ctap2Version: 'ctap2_1', transport: 'internal',
      hasResidentKey: true, hasUserVerification: true, isUserVerified: true, automaticPresenceSimulation: true,
    },
  });
  return { context, page, authenticator: new VirtualAuthenticator(cdp, authenticatorId) };
}

export interface StoredCredential {
  /** base64url, as WebAuthn's `credential.id` and the backend spell it (CDP answers in base64). */
  credentialId: string;
  rpId?: string;
  userHandle?: string;
  isResidentCredential: boolean;
  signCount: number;
}

/** The page's virtual authenticator, to look at what it stores. */
export class VirtualAuthenticator {
  readonly #cdp: CDPSession;
  readonly id: string;

  constructor(cdp: CDPSession, id: string) {
    this.#cdp = cdp;
    this.id = id;
  }

  async credentials(): Promise<StoredCredential[]> {
    const { credentials } = await this.#cdp.send('WebAuthn.getCredentials', { authenticatorId: this.id });
    return credentials.map((credential) => ({ ...credential, credentialId: base64url(credential.credentialId) }));
  }
}

function base64url(base64: string): string {
  return Buffer.from(base64, 'base64').toString('base64url');
}
