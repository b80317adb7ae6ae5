// `npm run bench`: weight, load, flows and the server, ours beside the floor and Hanko Elements, in
// one run. `npm run bench:quick` (`--quick`): sizes and request counts only, for CI. Budgets are
// printed, never gated on. Results go to bench/results/ as JSON.
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { measureFlows, flowTable, flowsOverBudget, FLOW_BUDGET } from './flows.ts';
import { languageTable, measureLanguages } from './languages.ts';
import { loadTable, measureLoad } from './load.ts';
import { launchChromium } from './browser.ts';
import { measurePackage, overBudget, packageTable } from './package.ts';
import { measureRequests } from './requests.ts';
import { measureServer, printServerFigures } from './server.ts';
import { startSite } from './site.ts';
import { summaryTable } from './summary.ts';
import { measureWeight, weightTable, withinBudget } from './weight.ts';

const quick = process.argv.includes('--quick');
// Vite's builds below set NODE_ENV to production in this process; the server is measured as started.
const startingNodeEnv = process.env.NODE_ENV;
const started = Date.now();
// Load runs are cheap; flow runs (28 cases each) are what bounds the bench's time.
const runs = Number(process.env.BENCH_RUNS ?? 10);
const flowRuns = Number(process.env.BENCH_FLOW_RUNS ?? 7);
// No new round of flow runs starts after this, so that the whole bench, server included, ends within 10 minutes.
const flowDeadline = started + 6 * 60_000;
const results: Record<string, unknown> = {
  kind: quick ? 'quick' : 'full',
  date: new Date().toISOString(),
  machine: { cpus: cpus().length, cpu: cpus()[0]?.model, node: process.version },
};

const weight = await measureWeight();
results.weight = weight;
console.log('\nWeight: what a page loads at once (minified, gzip -9, brotli 11) and on demand, languages aside; ratios of gzip sizes');
console.table(weightTable(weight));

const packageSizes = await measurePackage();
results.package = packageSizes;
console.log('\nThe npm package: the one-file embed, each entry as an app bundles it, and what the React wrappers add to React');
console.table(packageTable(packageSizes));

const languages = await measureLanguages();
results.languages = languages;
console.log('\nLanguages other than English, loaded on demand: the table of languages once, then the language');
console.table(languageTable(languages));

// The demo page runs under Vite's dev server, whose first load transforms every module: on a busy
// machine that can outlast a navigation timeout, which is reported here without stopping the bench.
const demoFlows = await measureRequests().catch((error: unknown) => {
  console.log(`\nHTTP requests on the demo page: not measured (${error instanceof Error ? error.message.split('\n')[0] : String(error)})`);
  return [];
});
results.demoFlows = demoFlows;
if (demoFlows.length) {
  console.log('\nHTTP requests per flow on the demo page (Vite dev server), counted in Chromium with a virtual authenticator');
  console.table(demoFlows.map(({ flow, before, after, budget }) => ({
    flow, 'before the action': before.length, 'after the action': after.length, budget, result: after.length <= budget ? 'within budget' : 'OVER BUDGET',
    'after (paths)': after.join(' '),
  })));
}

const site = await startSite();
const browser = await launchChromium();
let flows;
let load;
try {
  if (!quick) {
    load = await measureLoad(browser, site, { runs, cpuRates: [1, 4] });
    results.load = load;
    console.log(`\nLoad: cold page to element defined and passkey button usable, medians of ${runs} interleaved runs, CPU 1x and 4x (CDP throttling)`);
    console.table(loadTable(load));
  }
  flows = await measureFlows(browser, site, quick ? { runs: 1, latencies: [0] } : { runs: flowRuns, latencies: [0, 100], deadline: flowDeadline });
  results.flows = flows;
  console.log(quick
    ? '\nFlows on production bundles, cold page, API same origin and cross-origin: requests before and after the click (one run, timings not meaningful)'
    : `\nFlows on production bundles, cold page: click -> signed in, medians of ${flows[0]?.runs} interleaved runs, with 0 and 100 ms added to every API answer`);
  console.table(flowTable(flows));
} finally {
  await browser.close();
  await site.close();
}

if (!quick) {
  console.log('\nSide by side, 100 ms added to every API answer (requests after the click; preflights before and after)');
  console.table(summaryTable(load, flows, 100));
}

// The reference server's throughput, CPU and memory, after the browser benches.
if (!quick) {
  if (startingNodeEnv === undefined) delete process.env.NODE_ENV;
  else process.env.NODE_ENV = startingNodeEnv;
  const server = await measureServer();
  results.server = server;
  printServerFigures(server);
}

const weightOver = weight.filter((row) => !withinBudget(row));
const flowsOver = flowsOverBudget(flows);
const demoOver = demoFlows.filter((flow) => flow.after.length > flow.budget);
console.log('\nBudgets (printed, not gated on):');
for (const row of weight.filter((candidate) => candidate.budget !== undefined)) {
  console.log(`  ${row.name}: ${(row.gzip / 1024).toFixed(2)} KiB gzip initial, budget ${row.budget} KiB: ${withinBudget(row) ? 'within' : 'OVER'}`);
}
console.log(`  ours, ${FLOW_BUDGET.requestsAfter} request after the click and ${FLOW_BUDGET.preflights} preflights per flow: ` +
  (flowsOver.length ? `OVER in ${flowsOver.map((flow) => `${flow.flow} ${flow.crossOrigin ? 'cross-origin' : 'same origin'} +${flow.latencyMs} ms (${flow.after.length} after, ${flow.preflightsBefore + flow.preflightsAfter} preflights)`).join('; ')}` : 'within'));
if (demoOver.length) console.log(`  demo page: OVER in ${demoOver.map((flow) => flow.flow).join('; ')}`);
const exceeded = weightOver.length + flowsOver.length + demoOver.length + overBudget(packageSizes).length;
results.budgetsExceeded = exceeded;
results.seconds = Math.round((Date.now() - started) / 1000);

mkdirSync(new URL('results/', import.meta.url), { recursive: true });
const file = new URL(`results/${quick ? 'quick' : 'latest'}.json`, import.meta.url);
writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
console.log(`\n${exceeded ? `${exceeded} budget(s) exceeded` : 'All budgets met'}; ${results.seconds} s; results in bench/results/${quick ? 'quick' : 'latest'}.json`);
