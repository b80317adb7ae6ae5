import type { Browser } from 'playwright-core';
import { coldPage, exportCredential, median, waitForMark } from './browser.ts';
import { contenders, type ContenderName, type FlowName } from './contenders.ts';
import type { VirtualCredential } from './hanko-api.ts';
import { rotate } from './load.ts';
import type { ApiRequest, BenchSite } from './site.ts';

export interface FlowCase {
  contender: ContenderName;
  flow: FlowName;
  crossOrigin: boolean;
  latencyMs: number;
}

export interface FlowResult extends FlowCase {
  runs: number;
  /** Median milliseconds from the click to signed in. */
  clickToSignedInMs: number;
  /** Runs that did not reach signed in, with the reason. */
  failures: string[];
  /** Requests of the last run that reached signed in (all make the same ones), preflights apart. */
  before: string[];
  after: string[];
  preflightsBefore: number;
  preflightsAfter: number;
}

/** Requests after the user's last action, per flow, and preflights: the budgets. */
export const FLOW_BUDGET = { requestsAfter: 1, preflights: 0 };

/**
 * Click -> signed in for each contender's flows, on a cold page (a first visit: no preflight
 * cached), API on the page's origin or on another origin of the same site, with 0 or 100 ms added
 * to every API answer. The user's typing is done and its prefetches answered before the click.
 */
export async function measureFlows(browser: Browser, site: BenchSite, { runs, latencies, deadline = Infinity }: { runs: number; latencies: number[]; deadline?: number }): Promise<FlowResult[]> {
  const credentials = new Map<ContenderName, { credential: VirtualCredential; identifier: string }>();
  credentials.set('hanko', { credential: site.hanko.seedCredential(), identifier: '' });
  for (const contender of ['ours', 'floor'] as const) credentials.set(contender, await signUpAccount(browser, site, contender));

  const cases: FlowCase[] = [];
  for (const contender of Object.values(contenders)) {
    for (const flow of contender.flows) {
      for (const crossOrigin of [false, true]) for (const latencyMs of latencies) cases.push({ contender: contender.name, flow, crossOrigin, latencyMs });
    }
  }
  const samples = new Map(cases.map((flowCase) => [flowCase, { ms: [] as number[], failures: [] as string[], before: [] as ApiRequest[], after: [] as ApiRequest[] }]));
  let runsDone = 0;
  // Past the deadline (a busy machine), no new round starts once 3 are done: the bench ends in time.
  for (let run = 0; run < runs && (run < 3 || Date.now() < deadline); run++, runsDone++) {
    for (const flowCase of rotate(cases, run)) {
      const account = credentials.get(flowCase.contender)!;
      const sample = samples.get(flowCase)!;
      // A case that failed twice is broken, not slow: the bench stays within its time.
      if (sample.failures.length >= 2) continue;
      // One broken flow is reported in its row; the others are still measured.
      const result = await runFlow(browser, site, flowCase, account, `bench-${flowCase.contender}-${run}-${Date.now()}@example.com`)
        .catch((error: unknown) => void sample.failures.push(error instanceof Error ? error.message.split('\n')[0]! : String(error)));
      if (!result) continue;
      sample.ms.push(result.ms);
      sample.before = result.before;
      sample.after = result.after;
    }
  }
  return cases.map((flowCase) => {
    const { ms, failures, before, after } = samples.get(flowCase)!;
    const paths = (requests: ApiRequest[]) => requests.filter((request) => request.method !== 'OPTIONS').map(describe);
    const preflights = (requests: ApiRequest[]) => requests.filter((request) => request.method === 'OPTIONS').length;
    return {
      ...flowCase, runs: runsDone, failures, clickToSignedInMs: ms.length ? median(ms) : Number.NaN,
      before: paths(before), after: paths(after), preflightsBefore: preflights(before), preflightsAfter: preflights(after),
    };
  });
}

async function runFlow(browser: Browser, site: BenchSite, flowCase: FlowCase, account: { credential: VirtualCredential; identifier: string }, newIdentifier: string) {
  const contender = contenders[flowCase.contender];
  const signUp = flowCase.flow === 'signup';
  const cold = await coldPage(browser, { credential: signUp ? undefined : account.credential });
  try {
    site.latency.ms = flowCase.latencyMs;
    site.requests.length = 0;
    await cold.page.goto(site.pageUrl(contender.name, flowCase.flow, flowCase.crossOrigin));
    const host = cold.page.locator(contender.tag);
    const button = host.getByRole('button', { name: contender.controls.button[flowCase.flow], exact: true });
    await button.waitFor({ timeout: 10_000 });
    const typed = flowCase.flow !== 'button';
    if (typed) await host.getByLabel(contender.controls.field, { exact: true }).fill(signUp ? newIdentifier : account.identifier, { timeout: 10_000 });
    // After typing, long enough for a debounced prefetch to start.
    await settle(site, typed ? 700 : 300);
    const before = site.requests.splice(0);
    await button.click({ timeout: 10_000 });
    const marks = await waitForMark(cold.page, 'signedIn', 10_000);
    const after = site.requests.splice(0);
    if (!signUp) account.credential = await exportCredential(cold.cdp, cold.authenticatorId);
    return { ms: marks.signedIn! - marks.click!, before, after };
  } finally {
    await cold.close();
  }
}

/** A new account on the reference backend with a passkey, signed up through the floor's page. */
async function signUpAccount(browser: Browser, site: BenchSite, owner: ContenderName) {
  const identifier = `bench-${owner}-${Date.now()}@example.com`;
  const cold = await coldPage(browser);
  try {
    site.latency.ms = 0;
    await cold.page.goto(site.pageUrl('floor', 'signup', false));
    await cold.page.locator('floor-login').getByLabel('Email').fill(identifier);
    await settle(site);
    await cold.page.locator('floor-login').getByRole('button', { name: 'Create a passkey' }).click();
    await waitForMark(cold.page, 'signedIn');
    return { credential: await exportCredential(cold.cdp, cold.authenticatorId), identifier };
  } finally {
    await cold.close();
  }
}

/** Waits until no API request is open and none started for `quietMs`: the user's pause before the click. */
async function settle(site: BenchSite, quietMs = 300, giveUpMs = 10_000): Promise<void> {
  let seen = -1;
  let quietSince = Date.now();
  for (const started = Date.now(); Date.now() - started < giveUpMs;) {
    if (site.requests.length !== seen || site.inFlight() > 0) {
      seen = site.requests.length;
      quietSince = Date.now();
    } else if (Date.now() - quietSince >= quietMs) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

function describe(request: ApiRequest): string {
  const path = request.path.replace(/^\/api\/passkeys/, '').replace(/%40[0-9a-f-]+$/, '');
  return `${request.method} ${path}`;
}

export function flowTable(results: FlowResult[]) {
  return results.map((result) => {
    const floor = results.find((other) => other.contender === 'floor' && other.flow === result.flow && other.crossOrigin === result.crossOrigin && other.latencyMs === result.latencyMs);
    const hanko = results.find((other) => other.contender === 'hanko' && other.flow === result.flow && other.crossOrigin === result.crossOrigin && other.latencyMs === result.latencyMs);
    return {
      contender: result.contender,
      flow: result.flow,
      API: result.crossOrigin ? 'cross-origin' : 'same origin',
      'added latency ms': result.latencyMs,
      'click -> signed in ms': result.clickToSignedInMs.toFixed(0),
      'x floor': floor ? (result.clickToSignedInMs / floor.clickToSignedInMs).toFixed(2) : '',
      'x Hanko': hanko ? (result.clickToSignedInMs / hanko.clickToSignedInMs).toFixed(2) : '',
      'requests before': result.before.length,
      'requests after': result.after.length,
      'preflights before/after': `${result.preflightsBefore}/${result.preflightsAfter}`,
      'after the click': result.failures.length ? `${result.failures.length} run(s) failed: ${result.failures[0]}` : result.after.join(', '),
    };
  });
}

/** Our flows over the request or preflight budget. */
export function flowsOverBudget(results: FlowResult[]): FlowResult[] {
  return results.filter((result) => result.contender === 'ours' && (result.failures.length > 0 ||
    result.after.length > FLOW_BUDGET.requestsAfter || result.preflightsBefore + result.preflightsAfter > FLOW_BUDGET.preflights));
}
