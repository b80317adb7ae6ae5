import type { Browser } from 'playwright-core';
import { coldPage, median, readMarks, scriptMilliseconds, waitForMark } from './browser.ts';
import type { ContenderName } from './contenders.ts';
import type { BenchSite } from './site.ts';

export interface LoadResult {
  contender: ContenderName;
  cpuRate: number;
  runs: number;
  /** Medians, milliseconds from navigation start. */
  definedMs: number;
  usableMs: number;
  /** Main-thread script time until the button was usable. */
  scriptMs: number;
  /** Runs whose button never became usable, with the reason. */
  failures: string[];
}

const order: ContenderName[] = ['ours', 'floor', 'hanko'];

/**
 * A cold page per run (new browser context: empty caches, no session), the passkey-button page of
 * each contender, same origin, no added latency. Runs are interleaved (run 1 of every contender,
 * then run 2, the order rotating) so that a slow moment of the machine falls on all of them.
 */
export async function measureLoad(browser: Browser, site: BenchSite, { runs, cpuRates }: { runs: number; cpuRates: number[] }): Promise<LoadResult[]> {
  site.latency.ms = 0;
  const results: LoadResult[] = [];
  for (const cpuRate of cpuRates) {
    const samples = new Map(order.map((name) => [name, { defined: [] as number[], usable: [] as number[], script: [] as number[], failures: [] as string[] }]));
    for (let run = 0; run < runs; run++) {
      for (const contender of rotate(order, run)) {
        const sample = samples.get(contender)!;
        // Twice without a usable button is a broken page, not a slow one.
        if (sample.failures.length >= 2) continue;
        const cold = await coldPage(browser, { cpuRate });
        try {
          await cold.page.goto(site.pageUrl(contender, 'button', false));
          const marks = await waitForMark(cold.page, 'usable', 10_000);
          const script = await scriptMilliseconds(cold.cdp);
          const defined = (await readMarks(cold.page)).defined ?? marks.defined!;
          sample.defined.push(defined);
          sample.usable.push(marks.usable!);
          sample.script.push(script);
        } catch (error) {
          sample.failures.push(error instanceof Error ? error.message.split('\n')[0]! : String(error));
        } finally {
          await cold.close();
        }
      }
    }
    for (const [contender, sample] of samples) {
      const middle = (values: number[]) => (values.length ? median(values) : Number.NaN);
      results.push({ contender, cpuRate, runs, definedMs: middle(sample.defined), usableMs: middle(sample.usable), scriptMs: middle(sample.script), failures: sample.failures });
    }
  }
  return results;
}

export function rotate<T>(items: T[], by: number): T[] {
  const shift = by % items.length;
  return [...items.slice(shift), ...items.slice(0, shift)];
}

export function loadTable(results: LoadResult[]) {
  return results.map((result) => {
    const floor = results.find((other) => other.contender === 'floor' && other.cpuRate === result.cpuRate)!;
    const hanko = results.find((other) => other.contender === 'hanko' && other.cpuRate === result.cpuRate)!;
    return {
      contender: result.contender,
      CPU: `${result.cpuRate}x`,
      'defined ms': result.definedMs.toFixed(0),
      'button usable ms': result.usableMs.toFixed(0),
      'script ms': result.scriptMs.toFixed(1),
      'usable x floor': (result.usableMs / floor.usableMs).toFixed(2),
      'usable x Hanko': (result.usableMs / hanko.usableMs).toFixed(2),
      failed: result.failures.length ? `${result.failures.length}: ${result.failures[0]}` : '',
    };
  });
}
