#!/usr/bin/env node
/**
 * `passkey-elements-server conformance <base-url> --origin <origin>`: runs the protocol checks
 * against a server and prints the table; exits 1 when a check fails, 2 on a usage error.
 */
import { runConformance } from './checks.ts';
import { anyFailed, formatResults } from './report.ts';

const usage = `Usage: passkey-elements-server conformance <base-url> --origin <origin>

  <base-url>         the API's base URL, e.g. http://localhost:3000/api/passkeys
  --origin <origin>  a page origin the server accepts, e.g. http://localhost:5173

Checks that need mail (email codes) are skipped: only the kit's API can read codes (docs/conformance.md).`;

export async function main(args: readonly string[]): Promise<number> {
  const [command, ...rest] = args;
  if (command !== 'conformance') return fail(`Unknown command: ${command ?? '(none)'}`);
  let baseUrl: string | undefined;
  let origin: string | undefined;
  for (let index = 0; index < rest.length; index += 1) {
    const argument = rest[index];
    if (argument === '--origin') {
      origin = rest[index + 1];
      index += 1;
    } else if (argument?.startsWith('--origin=')) origin = argument.slice('--origin='.length);
    else if (argument === '--help' || argument === '-h') return fail('');
    else if (baseUrl === undefined && argument !== undefined && !argument.startsWith('-')) baseUrl = argument;
    else return fail(`Unexpected argument: ${argument ?? ''}`);
  }
  if (baseUrl === undefined || !isHttpUrl(baseUrl)) return fail('A base URL (http or https) is needed.');
  if (origin === undefined || !isHttpUrl(origin)) return fail('--origin <origin> (http or https) is needed.');
  const results = await runConformance({ baseUrl, origin: new URL(origin).origin });
  process.stdout.write(`${formatResults(results)}\n`);
  return anyFailed(results) ? 1 : 0;
}

function fail(message: string): number {
  process.stderr.write(`${message === '' ? '' : `${message}\n\n`}${usage}\n`);
  return 2;
}

function isHttpUrl(value: string): boolean {
  return URL.canParse(value) && /^https?:$/.test(new URL(value).protocol);
}

process.exitCode = await main(process.argv.slice(2));
