import { BUDGET_KIB, HANKO_KIB, kib, measureBundles } from './bundle.ts';
import { measureRequests } from './requests.ts';

const bundles = await measureBundles();
console.log('\nBundle size (minified, gzip -9)');
console.table(bundles.map(({ name, minified, gzip }) => ({ bundle: name, 'minified KiB': kib(minified), 'gzip KiB': kib(gzip) })));
const total = bundles[0]!.gzip / 1024;
console.log(`<passkey-login>: ${total.toFixed(2)} KiB gzip; budget ${BUDGET_KIB} KiB (${verdict(total <= BUDGET_KIB)}); ` +
  `${(HANKO_KIB / total).toFixed(1)}x smaller than Hanko Elements' ${HANKO_KIB} KiB`);

const { flows, timing } = await measureRequests();
console.log('\nHTTP requests per flow, counted in Chromium with a virtual authenticator');
console.table(flows.map(({ flow, before, after, budget, milliseconds }) => ({
  flow, 'before the action': before.length, 'after the action': after.length, budget, result: verdict(after.length <= budget),
  'after (paths)': after.join(' '), 'ms to signed in': milliseconds,
})));

console.log(`\nSign in with the button, click to signed in, median of ${timing.runs} runs: element ${timing.elementMs.toFixed(0)} ms, ` +
  `hand-written ceremony ${timing.baselineMs.toFixed(0)} ms (same page and run): ratio ${(timing.elementMs / timing.baselineMs).toFixed(2)}`);

const failures = flows.filter((flow) => flow.after.length > flow.budget).length + (total > BUDGET_KIB ? 1 : 0);
console.log(failures ? `\n${failures} budget(s) exceeded` : '\nAll budgets met');
process.exitCode = failures ? 1 : 0;

function verdict(ok: boolean) {
  return ok ? 'within budget' : 'OVER BUDGET';
}
