import { chromium, type Browser, type BrowserContext, type CDPSession, type Page } from 'playwright-core';
import { chromiumArgs, withoutAutofill } from './contenders.ts';
import type { VirtualCredential } from './hanko-api.ts';

export interface Marks {
  defined?: number;
  usable?: number;
  click?: number;
  signedIn?: number;
}

export interface ColdPage {
  context: BrowserContext;
  page: Page;
  cdp: CDPSession;
  authenticatorId: string;
  close(): Promise<void>;
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: chromiumArgs });
}

/**
 * A page in a new browser context (empty HTTP and preflight caches, no cookies: a first visit)
 * with a virtual authenticator holding `credential`, if given, and the CPU slowed `cpuRate` times.
 */
export async function coldPage(browser: Browser, { credential, cpuRate = 1 }: { credential?: VirtualCredential; cpuRate?: number } = {}): Promise<ColdPage> {
  const context = await browser.newContext();
  await context.addInitScript({ content: withoutAutofill });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('WebAuthn.enable', { enableUI: false });
  const { authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', {
    options: { protocol: 'ctap2', ctap2Version: 'ctap2_1', transport: 'internal', hasResidentKey: true, hasUserVerification: true, isUserVerified: true, automaticPresenceSimulation: true },
  });
  if (credential) await cdp.send('WebAuthn.addCredential', { authenticatorId, credential });
  if (cpuRate !== 1) await cdp.send('Emulation.setCPUThrottlingRate', { rate: cpuRate });
  await cdp.send('Performance.enable');
  return { context, page, cdp, authenticatorId, close: () => context.close() };
}

export function readMarks(page: Page): Promise<Marks> {
  return page.evaluate<Marks>('window.benchMarks');
}

/** Waits until the page's marks hold `name`. */
export async function waitForMark(page: Page, name: keyof Marks, timeoutMs = 20_000): Promise<Marks> {
  await page.waitForFunction(`window.benchMarks && window.benchMarks.${name} !== undefined`, undefined, { timeout: timeoutMs, polling: 10 });
  return readMarks(page);
}

/** Main-thread script time of the page so far, in milliseconds (CDP `Performance.getMetrics`). */
export async function scriptMilliseconds(cdp: CDPSession): Promise<number> {
  const { metrics } = await cdp.send('Performance.getMetrics');
  return (metrics.find((metric) => metric.name === 'ScriptDuration')?.value ?? 0) * 1000;
}

/** The authenticator's copy of a credential, whose sign count has moved on with each sign-in. */
export async function exportCredential(cdp: CDPSession, authenticatorId: string): Promise<VirtualCredential> {
  const { credentials } = await cdp.send('WebAuthn.getCredentials', { authenticatorId });
  const credential = credentials[0];
  if (!credential) throw new Error('The virtual authenticator holds no credential');
  return { ...credential, rpId: credential.rpId ?? 'localhost', userHandle: credential.userHandle ?? '' };
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}
