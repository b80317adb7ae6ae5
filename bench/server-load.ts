/**
 * The pieces of the server bench: a server process to load, a closed-loop load of complete
 * passkey sign-ins against it, and what the process (and its PostgreSQL backends) spent meanwhile.
 */
import { readFileSync } from 'node:fs';
import type { PublicKeyCredentialCreationOptionsJSON, PublicKeyCredentialRequestOptionsJSON } from '@simplewebauthn/server';
import { SoftwareAuthenticator } from '../server/test/helpers/authenticator.ts';
import { origin } from '../server/test/helpers/harness.ts';
import { startServerProcess, type ServerProcess } from '../server/test/helpers/server-process.ts';

/** Kernel clock ticks per second of /proc/<pid>/stat (100 on Linux everywhere this runs). */
const ticksPerSecond = 100;

export interface LoadFigures {
  concurrency: number;
  logins: number;
  loginsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  /** CPU of the server process per complete login. */
  serverCpuMs: number;
  /** CPU of the server's PostgreSQL backends per complete login (PostgreSQL only). */
  databaseCpuMs?: number;
  errors: number;
}

/** CPU milliseconds (user + system) a process has used so far; 0 once it is gone. */
export function cpuMsOf(pid: number): number {
  try {
    // The command name may hold spaces: the fields after its closing parenthesis are fixed.
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / ticksPerSecond;
  } catch {
    // The backend exited between listing and reading: it used nothing more since.
    return 0;
  }
}

/** Resident memory of a process in MiB. */
export function rssMiBOf(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find((entry) => entry.startsWith('VmRSS:'));
  return Math.round(Number(line?.replace(/\D+/g, '') ?? Number.NaN) / 1024);
}

/**
 * A started server process, the time from spawn to its first answer of `/ready`, and the CPU it
 * used until then (on a busy machine the fairer figure: it does not count waiting for a core).
 */
export async function startTimed(env: Record<string, string>): Promise<{ server: ServerProcess; startMs: number; startCpuMs: number }> {
  const started = performance.now();
  const server = await startServerProcess({ LOG_REQUESTS: 'off', ...env });
  const ready = await fetch(`${server.baseUrl}/ready`);
  if (ready.status !== 200) throw new Error(`The server is not ready: ${ready.status} ${await ready.text()}`);
  return { server, startMs: performance.now() - started, startCpuMs: cpuMsOf(server.child.pid ?? 0) };
}

/** Posts JSON as the elements do; throws with the answer unless it is 200. */
async function postJson<T>(url: string, body: unknown): Promise<T> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', origin }, body: JSON.stringify(body) });
  const text = await response.text();
  if (response.status !== 200) throw new Error(`${url}: ${response.status} ${text}`);
  return JSON.parse(text) as T;
}

/** Signs up `count` accounts, each with its own software passkey. */
export async function signUpAccounts(baseUrl: string, count: number): Promise<SoftwareAuthenticator[]> {
  return Promise.all(
    Array.from({ length: count }, async (_, index) => {
      const authenticator = new SoftwareAuthenticator();
      const identifier = `bench-${index}-${Math.random().toString(36).slice(2)}@example.com`;
      const options = await postJson<PublicKeyCredentialCreationOptionsJSON>(`${baseUrl}/register/options`, { identifier });
      await postJson(`${baseUrl}/register/verify`, authenticator.create(options, { origin }));
      return authenticator;
    }),
  );
}

/** One complete usernameless sign-in: options, then the signed assertion. */
export async function signInOnce(baseUrl: string, authenticator: SoftwareAuthenticator): Promise<void> {
  const options = await postJson<PublicKeyCredentialRequestOptionsJSON>(`${baseUrl}/login/options`, {});
  await postJson(`${baseUrl}/login/verify`, authenticator.get(options, { origin }));
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

/**
 * Runs `concurrency` workers signing in back to back for `durationMs`, each with its own account,
 * and measures the CPU the server (and `databasePids()`, its PostgreSQL backends) used meanwhile.
 */
export async function runLoad(
  server: ServerProcess,
  authenticators: SoftwareAuthenticator[],
  concurrency: number,
  durationMs: number,
  databasePids?: () => Promise<number[]>,
): Promise<LoadFigures> {
  const pid = server.child.pid ?? 0;
  const pidsBefore = (await databasePids?.()) ?? [];
  const databaseCpuBefore = pidsBefore.reduce((sum, backend) => sum + cpuMsOf(backend), 0);
  const serverCpuBefore = cpuMsOf(pid);
  const latencies: number[] = [];
  let errors = 0;
  const started = performance.now();
  const deadline = started + durationMs;
  await Promise.all(
    Array.from({ length: concurrency }, async (_, worker) => {
      const authenticator = authenticators[worker % authenticators.length]!;
      while (performance.now() < deadline) {
        const begun = performance.now();
        try {
          await signInOnce(server.baseUrl, authenticator);
          latencies.push(performance.now() - begun);
        } catch (error) {
          errors += 1;
          if (errors === 1) console.error(`server bench: a sign-in failed: ${error instanceof Error ? error.message : String(error)}`);
        }
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const serverCpu = cpuMsOf(pid) - serverCpuBefore;
  // Backends opened during the run count from zero; those that existed before from their start value.
  const pidsAfter = (await databasePids?.()) ?? [];
  const databaseCpu = pidsAfter.reduce((sum, backend) => sum + cpuMsOf(backend), 0) - databaseCpuBefore;
  const sorted = [...latencies].sort((a, b) => a - b);
  const logins = latencies.length;
  return {
    concurrency,
    logins,
    loginsPerSecond: logins / seconds,
    p50Ms: percentile(sorted, 50),
    p99Ms: percentile(sorted, 99),
    serverCpuMs: serverCpu / Math.max(1, logins),
    ...(databasePids === undefined ? {} : { databaseCpuMs: databaseCpu / Math.max(1, logins) }),
    errors,
  };
}
