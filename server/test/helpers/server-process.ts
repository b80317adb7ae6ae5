/**
 * The standalone server (`src/main.ts`) as a child process, started the way an operator starts
 * it: configured by environment variables, stopped by signals.
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { origin } from './harness.ts';

const serverDirectory = fileURLToPath(new URL('../../', import.meta.url));

export interface ServerProcess {
  child: ChildProcess;
  /** `http://127.0.0.1:PORT`, without the API's base path. */
  url: string;
  /** The API's base URL, for TestClient. */
  baseUrl: string;
  /** Every line the process wrote to stdout so far. */
  stdout: string[];
  stderr: string[];
  /** Resolves when the process has ended. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Sends SIGTERM unless it already ended, and waits for the end. */
  stop(): Promise<void>;
}

/**
 * Starts `src/main.ts` on a free port of 127.0.0.1 with `env` on top of a minimal environment:
 * RP ID localhost, the tests' page origin, PGlite in memory unless DATABASE_URL is given.
 */
export async function startServerProcess(env: Record<string, string> = {}): Promise<ServerProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: serverDirectory,
    env: {
      PATH: process.env.PATH ?? '',
      PORT: '0',
      HOST: '127.0.0.1',
      RP_ID: 'localhost',
      ORIGINS: origin,
      // Empty: PGlite in memory.
      DATA_DIR: '',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const stdout: string[] = [];
  const stderr: string[] = [];
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.on('exit', (code, signal) => resolve({ code, signal }));
  });
  collectLines(child.stderr, stderr);
  const port = await new Promise<number>((resolve, reject) => {
    collectLines(child.stdout, stdout, (line) => {
      const listening = /listening on http:\/\/[^\s]+:(\d+) /.exec(line);
      if (listening?.[1] !== undefined) resolve(Number(listening[1]));
    });
    void exited.then(({ code }) => reject(new Error(`The server exited (${code}) before listening: ${stderr.join('\n')}`)));
  });
  const url = `http://127.0.0.1:${port}`;
  return {
    child,
    url,
    baseUrl: `${url}/api/passkeys`,
    stdout,
    stderr,
    exited,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}

function collectLines(stream: NodeJS.ReadableStream | null, into: string[], onLine?: (line: string) => void): void {
  let pending = '';
  stream?.setEncoding('utf8');
  stream?.on('data', (chunk: string) => {
    pending += chunk;
    const lines = pending.split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) {
      into.push(line);
      onLine?.(line);
    }
  });
}
