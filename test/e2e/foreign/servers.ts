import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { createHash, X509Certificate } from 'node:crypto';
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { connect, createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const here = fileURLToPath(new URL('.', import.meta.url));
const repo = fileURLToPath(new URL('../../../', import.meta.url));

/** The page every foreign server serves: index.html and the bundled page.ts, in a fresh directory. */
export async function buildForeignPage(): Promise<{ dir: string; remove(): void }> {
  const dir = mkdtempSync(join(tmpdir(), 'passkey-foreign-page-'));
  copyFileSync(join(here, 'index.html'), join(dir, 'index.html'));
  await build({
    entryPoints: [join(here, 'page.ts')],
    bundle: true,
    format: 'esm',
    target: 'es2022',
    outfile: join(dir, 'page.js'),
    tsconfig: join(repo, 'tsconfig.json'),
    logLevel: 'warning',
  });
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/**
 * A self-signed certificate for `localhost`, and the hash of its public key that Chromium is told
 * to trust (`--ignore-certificate-errors-spki-list`): the page is then a secure, error-free origin,
 * which WebAuthn requires.
 */
export function selfSignedCertificate(dir: string): { cert: string; key: string; spkiHash: string } {
  const cert = join(dir, 'cert.pem');
  const key = join(dir, 'key.pem');
  execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', key, '-out', cert,
    '-days', '1', '-subj', '/CN=localhost', '-addext', 'subjectAltName=DNS:localhost'], { stdio: 'ignore' });
  const spki = new X509Certificate(readFileSync(cert)).publicKey.export({ type: 'spki', format: 'der' });
  return { cert, key, spkiHash: createHash('sha256').update(spki).digest('base64') };
}

export interface ForeignServer {
  origin: string;
  /** What the server printed, for the failure message of a test. */
  output(): string;
  stop(): Promise<void>;
}

/**
 * Starts one of the servers in this folder as a child process on a free port of localhost, and
 * waits until it accepts connections. `script` ends in `.ts` (run with tsx) or `.py` (Debian's Python 3).
 */
export async function startForeignServer(script: string, env: Record<string, string>, { https = false } = {}): Promise<ForeignServer> {
  if (script.endsWith('.py')) requirePythonModules(['fido2', 'flask']);
  const port = await freePort();
  const origin = `${https ? 'https' : 'http'}://localhost:${port}`;
  const [command, args] = script.endsWith('.py')
    ? [process.env.PYTHON ?? '/usr/bin/python3', [join(here, script)]]
    : [process.execPath, ['--import', 'tsx', join(here, script)]];
  const child = spawn(command, args, { cwd: repo, env: { ...process.env, ...env, PORT: String(port), ORIGIN: origin }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk));
  try {
    await waitForPort(port, child, () => output);
  } catch (error) {
    child.kill('SIGTERM');
    throw error;
  }
  return { origin, output: () => output, stop: () => stop(child) };
}

/** Fails with what to install, rather than with the server's traceback. */
function requirePythonModules(modules: string[]): void {
  const python = process.env.PYTHON ?? '/usr/bin/python3';
  try {
    execFileSync(python, ['-c', `import ${modules.join(', ')}`], { stdio: 'ignore' });
  } catch (error) {
    throw new Error(`${python} cannot import ${modules.join(' and ')}: install Debian's python3-fido2 and python3-flask (.ci/run does), or set PYTHON`, { cause: error });
  }
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, 'localhost', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function waitForPort(port: number, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`The server exited with ${child.exitCode}:\n${output()}`);
    const open = await new Promise<boolean>((resolve) => {
      const socket = connect(port, 'localhost', () => socket.end(() => resolve(true)));
      socket.on('error', () => resolve(false));
    });
    if (open) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`The server did not listen on port ${port} within 30 s:\n${output()}`);
}

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}
