import { executeServerCommand } from '@web/test-runner-commands';

/** What the reference server mailed: the code and the message it came in. */
export interface MailedCode {
  code: string;
  subject: string;
  text: string;
}

/** Waits for the mail sent to `to` at or after `since` (ms since epoch) and reads its code. */
export function mailedCode(to: string, since = 0): Promise<MailedCode> {
  return executeServerCommand<MailedCode, { to: string; since: number }>('mail:code', { to, since });
}

/** How many mails `to` received at or after `since`. */
export function mailCount(to: string, since = 0): Promise<number> {
  return executeServerCommand<number, { to: string; since: number }>('mail:count', { to, since });
}
