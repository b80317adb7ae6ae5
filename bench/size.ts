// Bundle sizes only: quick to run while working on the code (`npm run bench:size`).
import { measureWeight, weightTable } from './weight.ts';

console.table(weightTable(await measureWeight()));
