// Bundle sizes only: quick to run while working on the code (`npm run bench:size`).
import { kib, measureBundles } from './bundle.ts';

const bundles = await measureBundles();
console.table(bundles.map(({ name, minified, gzip, lazyGzip }) => ({
  bundle: name, 'minified KiB': kib(minified), 'gzip KiB': kib(gzip), 'older browsers also load, gzip KiB': kib(lazyGzip),
})));
