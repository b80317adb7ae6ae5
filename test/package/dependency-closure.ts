// What `npm install <names>` would put in a fresh app's node_modules, read from an install that
// holds more: the named packages and everything they need, found as Node finds them.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { run } from './fresh-app.ts';

interface Manifest {
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  peerDependenciesMeta?: Record<string, { optional?: boolean }>;
}

/** The folder `name` resolves to from `from`, looking in node_modules up to `app`; undefined when not installed. */
function packageFolder(app: string, from: string, name: string): string | undefined {
  for (let directory = from; ; directory = dirname(directory)) {
    const candidate = join(directory, 'node_modules', name);
    if (existsSync(join(candidate, 'package.json'))) return candidate;
    if (directory === app || relative(app, directory).startsWith('..')) return undefined;
  }
}

/** The packages `names` need in `app` (dependencies, non-optional peers, and optional ones installed), and their size on disk. */
export async function dependencyClosure(app: string, names: string[]): Promise<{ packages: number; kib: number }> {
  const found = new Set<string>();
  const visit = (from: string, name: string, required: boolean) => {
    const folder = packageFolder(app, from, name);
    if (!folder) {
      if (required) throw new Error(`${name} is not installed in ${app} (needed from ${from})`);
      return;
    }
    if (found.has(folder)) return;
    found.add(folder);
    const manifest = JSON.parse(readFileSync(join(folder, 'package.json'), 'utf8')) as Manifest;
    for (const dependency of Object.keys(manifest.dependencies ?? {})) visit(folder, dependency, !(dependency in (manifest.optionalDependencies ?? {})));
    // Optional dependencies are often for other platforms: counted where npm installed them.
    for (const dependency of Object.keys(manifest.optionalDependencies ?? {})) visit(folder, dependency, false);
    // npm installs peers too, unless they are marked optional.
    for (const peer of Object.keys(manifest.peerDependencies ?? {})) {
      if (!manifest.peerDependenciesMeta?.[peer]?.optional) visit(folder, peer, false);
    }
  };
  for (const name of names) visit(app, name, true);
  // Each folder without its nested node_modules: the packages in there are counted on their own.
  const { stdout } = await run('du', ['-sk', '--exclude=node_modules', ...found], { maxBuffer: 16 * 1024 * 1024 });
  const kib = stdout.trim().split('\n').reduce((sum, line) => sum + Number.parseInt(line, 10), 0);
  return { packages: found.size, kib };
}
