// Packing a package as `npm pack` does for a user, and installing tarballs in a new app folder.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

export const run = promisify(execFile);
export const repositoryRoot = fileURLToPath(new URL('../../', import.meta.url));

export interface PackedPackage {
  tarball: string;
  files: string[];
  /** Bytes of the package unpacked, as npm reports it. */
  unpackedSize: number;
}

/** Packs the package in `directory` into `destination`; its build's log (prepack) comes first on stdout. */
export async function pack(directory: string, destination: string): Promise<PackedPackage> {
  const { stdout } = await run('npm', ['pack', '--json', '--pack-destination', destination], { cwd: directory, maxBuffer: 64 * 1024 * 1024 });
  // npm's JSON report starts at a line holding only '['.
  const [packed] = JSON.parse(stdout.slice(stdout.search(/^\[$/m))) as { filename: string; unpackedSize: number; files: { path: string }[] }[];
  assert.ok(packed, `npm pack reported no tarball for ${directory}`);
  return { tarball: join(destination, packed.filename), files: packed.files.map((file) => file.path), unpackedSize: packed.unpackedSize };
}

/** A new app folder `parent/name` with `specs` installed, as `npm install <specs>` in an empty project. */
export async function freshApp(parent: string, name: string, specs: string[]): Promise<string> {
  const directory = join(parent, name);
  mkdirSync(directory);
  writeFileSync(join(directory, 'package.json'), JSON.stringify({ name: `pack-test-${name}`, private: true, type: 'module' }));
  await run('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', ...specs], { cwd: directory, env: { ...process.env, PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: '1' } });
  return directory;
}

/** What a folder takes on disk, as `du -sk` reports it. */
export async function diskUsageKib(directory: string): Promise<number> {
  const { stdout } = await run('du', ['-sk', directory]);
  return Number.parseInt(stdout, 10);
}

/** The version of `name` installed in this repository, so that a fresh app gets what the npm cache has. */
export function installedVersion(name: string): string {
  return (JSON.parse(readFileSync(join(repositoryRoot, 'node_modules', name, 'package.json'), 'utf8')) as { version: string }).version;
}
