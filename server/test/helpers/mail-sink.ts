/**
 * A real SMTP server on a free local port that keeps what it receives: the tests' mailbox. The
 * reference server sends to it through nodemailer (`smtpUrl`), exactly as it would to a provider.
 */
import type { AddressInfo } from 'node:net';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  from: string;
  /** Envelope recipients, lower-cased. */
  to: string[];
  subject: string;
  text: string;
  html: string;
  headers: Map<string, unknown>;
  receivedAt: number;
}

export interface MailSink {
  /** `smtp://127.0.0.1:<port>`, for the server's `smtpUrl`. */
  url: string;
  received: ReceivedMail[];
  /**
   * The first mail to `address` received after `since` (ms since epoch) that is `matching` (any
   * mail by default; `hasCode` skips notices), waiting up to `timeoutMs`.
   */
  waitFor(address: string, options?: { since?: number; timeoutMs?: number; matching?: (mail: ReceivedMail) => boolean }): Promise<ReceivedMail>;
  /** The mails to `address` so far. */
  to(address: string): ReceivedMail[];
  close(): Promise<void>;
}

/** The one-time code of a mail: the digits of its origin-bound last line `@<rp-id> #<code>`. */
export function codeOf(mail: ReceivedMail): string {
  const match = /^@\S+ #(\d+)\s*$/m.exec(mail.text);
  if (!match?.[1]) throw new Error(`No "@<rp-id> #<code>" line in the mail "${mail.subject}"`);
  return match[1];
}

/** Whether the mail carries a code (a notice does not). */
export function hasCode(mail: ReceivedMail): boolean {
  return /^@\S+ #(\d+)\s*$/m.test(mail.text);
}

export async function startMailSink(): Promise<MailSink> {
  const received: ReceivedMail[] = [];
  const waiters = new Set<() => void>();

  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      simpleParser(stream).then(
        (parsed) => {
          received.push({
            from: parsed.from?.text ?? '',
            to: session.envelope.rcptTo.map((recipient) => recipient.address.toLowerCase()),
            subject: parsed.subject ?? '',
            text: parsed.text ?? '',
            html: typeof parsed.html === 'string' ? parsed.html : '',
            headers: parsed.headers,
            receivedAt: Date.now(),
          });
          for (const wake of waiters) wake();
          callback();
        },
        (error: Error) => callback(error),
      );
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  const { port } = smtp.server.address() as AddressInfo;

  const to = (address: string) => received.filter((mail) => mail.to.includes(address.toLowerCase()));

  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    to,
    waitFor(address, { since = 0, timeoutMs = 5_000, matching = () => true } = {}) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const mail = to(address).find((candidate) => candidate.receivedAt >= since && matching(candidate));
          if (!mail) return false;
          cleanUp();
          resolve(mail);
          return true;
        };
        const timer = setTimeout(() => {
          cleanUp();
          reject(new Error(`No mail to ${address} within ${timeoutMs} ms`));
        }, timeoutMs);
        const wake = () => void check();
        const cleanUp = () => {
          clearTimeout(timer);
          waiters.delete(wake);
        };
        waiters.add(wake);
        check();
      });
    },
    close: () => new Promise<void>((resolve) => smtp.close(() => resolve())),
  };
}
