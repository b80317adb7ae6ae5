/**
 * A real PostgreSQL for the tests that need one: TEST_DATABASE_URL when set (CI sets it), else a
 * throwaway cluster made with the initdb and pg_ctl of /usr/lib/postgresql/<version>/bin (Debian's
 * postgresql package), or none (the caller skips, saying why).
 */
import { execFile } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { chown, mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface PostgresServer {
  url: string;
  stop(): Promise<void>;
}

/** TEST_DATABASE_URL, a throwaway cluster, or a reason why there is none. */
export async function postgresForTests(): Promise<PostgresServer | { unavailable: string }> {
  const url = process.env.TEST_DATABASE_URL;
  if (url !== undefined && url !== '') return { url, stop: async () => {} };
  const bin = postgresBinaries();
  if (bin === undefined) return { unavailable: 'no TEST_DATABASE_URL and no /usr/lib/postgresql/*/bin (install Debian\'s postgresql)' };
  return startThrowawayCluster(bin);
}

function postgresBinaries(): string | undefined {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return undefined;
  const versions = readdirSync(root).filter((name) => existsSync(join(root, name, 'bin', 'pg_ctl')));
  const newest = versions.sort((a, b) => Number(b) - Number(a))[0];
  return newest === undefined ? undefined : join(root, newest, 'bin');
}

async function startThrowawayCluster(bin: string): Promise<PostgresServer> {
  const dataDir = await mkdtemp(join(tmpdir(), 'passkey-postgres-'));
  const port = await freePort();
  // PostgreSQL refuses to run as root: then it runs as the postgres user, as .ci/run does.
  const asRoot = process.getuid?.() === 0;
  const command = async (program: string, args: string[]) => {
    if (!asRoot) return run(join(bin, program), args);
    const quoted = [join(bin, program), ...args].map((part) => `'${part.replaceAll("'", "'\\''")}'`).join(' ');
    return run('su', ['postgres', '-s', '/bin/sh', '-c', quoted]);
  };
  if (asRoot) {
    const { stdout } = await run('id', ['-u', 'postgres']);
    const { stdout: group } = await run('id', ['-g', 'postgres']);
    await chown(dataDir, Number(stdout.trim()), Number(group.trim()));
  }
  await command('initdb', ['-D', dataDir, '-A', 'trust', '-U', 'postgres']);
  const options = `-p ${port} -k ${dataDir} -c listen_addresses=127.0.0.1 -c fsync=off`;
  await command('pg_ctl', ['-D', dataDir, '-l', join(dataDir, 'log'), '-o', options, '-w', 'start']);
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    stop: async () => {
      await command('pg_ctl', ['-D', dataDir, '-m', 'fast', '-w', 'stop']);
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => (typeof address === 'object' && address !== null ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}
