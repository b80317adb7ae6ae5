#!/usr/bin/env node
/**
 * `passkey-elements-server conformance <base-url> --origin <origin>`: runs the protocol checks
 * against a server and prints the table; exits 1 when a check fails, 2 on a usage error.
 */
import { exec } from 'node:child_process';
import { promisify } from 'node:util';
import { runConformance, type ConformanceOptions } from './checks.ts';
import { anyFailed, formatResults } from './report.ts';

const usage = `Usage: passkey-elements-server conformance <base-url> --origin <origin>

  <base-url>         the API's base URL, e.g. http://localhost:3000/api/passkeys
  --origin <origin>  a page origin the server accepts, e.g. http://localhost:5173
  --code-command <command>
                     a shell command that prints the newest unread code mailed to the address
                     in $CONFORMANCE_EMAIL; without it the checks that need mail are skipped
  --mail-domain <domain>
                     the mail domain of the addresses signed up with (default example.com)`;

export async function main(args: readonly string[]): Promise<number> {
  const [command, ...rest] = args;
  if (command !== 'conformance') return fail(`Unknown command: ${command ?? '(none)'}`);
  let baseUrl: string | undefined;
  let origin: string | undefined;
  let codeCommand: string | undefined;
  let mailDomain = 'example.com';
  for (let index = 0; index < rest.length; index += 1) {
    const argument = rest[index];
    if (argument === '--origin') {
      origin = rest[index + 1];
      index += 1;
    } else if (argument === '--code-command' || argument === '--mail-domain') {
      const value = rest[index + 1];
      if (value === undefined) return fail(`${argument} needs a value.`);
      if (argument === '--code-command') codeCommand = value;
      else mailDomain = value;
      index += 1;
    } else if (argument?.startsWith('--origin=')) origin = argument.slice('--origin='.length);
    else if (argument === '--help' || argument === '-h') return fail('');
    else if (baseUrl === undefined && argument !== undefined && !argument.startsWith('-')) baseUrl = argument;
    else return fail(`Unexpected argument: ${argument ?? ''}`);
  }
  if (baseUrl === undefined || !isHttpUrl(baseUrl)) return fail('A base URL (http or https) is needed.');
  if (origin === undefined || !isHttpUrl(origin)) return fail('--origin <origin> (http or https) is needed.');
  const options: ConformanceOptions = { baseUrl, origin: new URL(origin).origin };
  if (codeCommand !== undefined) options.mailbox = { domain: mailDomain, readCode: commandReader(codeCommand) };
  const results = await runConformance(options);
  process.stdout.write(`${formatResults(results)}\n`);
  return anyFailed(results) ? 1 : 0;
}

/** Reads a code by running `command` with the address in `CONFORMANCE_EMAIL`; its output is the code. */
function commandReader(command: string): (address: string) => Promise<string> {
  return async (address) => {
    const { stdout } = await promisify(exec)(command, { env: { ...process.env, CONFORMANCE_EMAIL: address }, timeout: 60_000 });
    return stdout;
  };
}

function fail(message: string): number {
  process.stderr.write(`${message === '' ? '' : `${message}\n\n`}${usage}\n`);
  return 2;
}

function isHttpUrl(value: string): boolean {
  return URL.canParse(value) && /^https?:$/.test(new URL(value).protocol);
}

process.exitCode = await main(process.argv.slice(2));
