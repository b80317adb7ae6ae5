import type { TestRunnerPlugin } from '@web/test-runner';
import { codeOf, hasCode, type MailSink } from '../../server/test/helpers/mail-sink.ts';

/**
 * Test-runner commands over the tests' SMTP sink: a browser test asks for the mail the reference
 * server sent, and types its code into the element as a person would after reading it.
 * `mail:code` waits for the first mail with a code to `to` received at or after `since` (ms since
 * epoch): notices (a passkey added, a sign-in) are skipped.
 */
export function mailPlugin(sink: MailSink): TestRunnerPlugin {
  return {
    name: 'mail',
    async executeCommand({ command, payload }) {
      if (!command.startsWith('mail:')) return undefined;
      const { to, since } = (payload ?? {}) as { to?: string; since?: number };
      if (typeof to !== 'string') throw new Error(`${command} needs { to }`);
      switch (command) {
        case 'mail:code': {
          const mail = await sink.waitFor(to, { since: since ?? 0, matching: hasCode });
          return { code: codeOf(mail), subject: mail.subject, text: mail.text };
        }
        case 'mail:count':
          return sink.to(to).filter((mail) => mail.receivedAt >= (since ?? 0)).length;
        default:
          throw new Error(`Unknown command ${command}`);
      }
    },
  };
}
