import { BUDGET_KIB, HANKO_KIB, kib, measureBundles } from './bundle.ts';
import { measureRequests } from './requests.ts';
import { languageTable, measureLanguages } from './languages.ts';
import { overBudget, packageTable, measurePackage } from './package.ts';
import { measureServer, printServerFigures } from './server.ts';

const bundles = await measureBundles();
console.log('\nBundle size (minified, gzip -9): what a page loads, and the library fallback only browsers without WebAuthn JSON methods load');
console.table(bundles.map(({ name, minified, gzip, lazyGzip }) => ({
  bundle: name, 'minified KiB': kib(minified), 'gzip KiB': kib(gzip), 'older browsers also load, gzip KiB': kib(lazyGzip),
})));
const login = bundles[0]!.gzip / 1024;
const both = bundles[2]!.gzip / 1024;
console.log(`<passkey-login>: ${login.toFixed(2)} KiB gzip; budget ${BUDGET_KIB.login} KiB (${verdict(login <= BUDGET_KIB.login)}); ` +
  `${(HANKO_KIB / login).toFixed(1)}x smaller than Hanko Elements' ${HANKO_KIB} KiB`);
console.log(`both elements: ${both.toFixed(2)} KiB gzip; budget ${BUDGET_KIB.both} KiB (${verdict(both <= BUDGET_KIB.both)})`);

const packageSizes = await measurePackage();
console.log('\nThe npm package: the one-file embed, each entry as an app bundles it, and what the React wrappers add to React');
console.table(packageTable(packageSizes));

console.log('\nLanguages other than English, loaded on demand: the table of languages once, then the language');
console.table(languageTable(await measureLanguages()));

const { flows, timing } = await measureRequests();
console.log('\nHTTP requests per flow on the demo page, counted in Chromium with a virtual authenticator');
console.table(flows.map(({ flow, before, after, budget, milliseconds }) => ({
  flow, 'before the action': before.length, 'after the action': after.length, budget, result: verdict(after.length <= budget),
  'after (paths)': after.join(' '), ms: milliseconds,
})));

console.log(`\nSign in with the button, click to signed in, median of ${timing.runs} runs: element ${timing.elementMs.toFixed(0)} ms, ` +
  `hand-written ceremony ${timing.baselineMs.toFixed(0)} ms (same page and run): ratio ${(timing.elementMs / timing.baselineMs).toFixed(2)}`);

const failures = flows.filter((flow) => flow.after.length > flow.budget).length + Number(login > BUDGET_KIB.login) + Number(both > BUDGET_KIB.both) +
  overBudget(packageSizes).length;
console.log(failures ? `\n${failures} budget(s) exceeded` : '\nAll budgets met');
process.exitCode = failures ? 1 : 0;

function verdict(ok: boolean) {
  return ok ? 'within budget' : 'OVER BUDGET';
}

printServerFigures(await measureServer());
