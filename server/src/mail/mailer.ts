import nodemailer from 'nodemailer';
import { mailFromOf, type PasskeyServerConfig } from '../config.ts';
import type { MailMessage } from './compose.ts';

/**
 * Where the server's mails go. `send` only queues: the mail is composed and sent after the answer
 * has gone out, so that an answer takes as long whether or not a mail follows it.
 */
export interface Mailer {
  send(compose: () => MailMessage): void;
  /** Waits for the queued mails, then closes the transport. */
  close(): Promise<void>;
}

/** A mail the development outbox kept. */
export interface OutboxMessage {
  to: string;
  subject: string;
  text: string;
  sentAt: string;
}

/** The mailer without SMTP, outside production: the console and an in-memory outbox. */
export interface DevOutbox extends Mailer {
  /** The latest mails, newest first. */
  messages(): OutboxMessage[];
}

/** Queues `job` behind the answer being written, and keeps track of it until it settles. */
function mailQueue() {
  const pending = new Set<Promise<void>>();
  return {
    enqueue(job: () => Promise<void>) {
      const run = new Promise<void>((resolve) => setImmediate(resolve)).then(job);
      pending.add(run);
      void run.finally(() => pending.delete(run));
    },
    async drain() {
      while (pending.size > 0) await Promise.allSettled([...pending]);
    },
  };
}

/** Sends over SMTP with nodemailer. Logs failures without the recipient, the code or the text. */
export function smtpMailer(config: PasskeyServerConfig & { smtpUrl: string }): Mailer {
  const transport = nodemailer.createTransport(config.smtpUrl, { from: mailFromOf(config) });
  const queue = mailQueue();
  return {
    send(compose) {
      queue.enqueue(async () => {
        const message = compose();
        try {
          await transport.sendMail({
            to: message.to,
            subject: message.subject,
            text: message.text,
            html: message.html,
            headers: { 'Auto-Submitted': 'auto-generated', 'Content-Language': message.language },
          });
        } catch (error) {
          console.error(`passkey server: a mail could not be sent: ${describeMailError(error)}`);
        }
      });
    },
    async close() {
      await queue.drain();
      transport.close();
    },
  };
}

/**
 * A transport error, said without secrets: SMTP replies and nodemailer messages may quote the
 * recipient, so addresses (and any run of six digits) are blanked out.
 */
export function describeMailError(error: unknown): string {
  const { code, responseCode, message } = (typeof error === 'object' && error !== null ? error : {}) as {
    code?: unknown;
    responseCode?: unknown;
    message?: unknown;
  };
  const text = typeof message === 'string' ? message : String(error);
  const redacted = text.replace(/[^\s<>"'@:;,]+@[^\s<>"'@:;,]+/g, '<address>').replace(/\d{6,}/g, '<number>');
  return [typeof code === 'string' ? code : undefined, typeof responseCode === 'number' ? String(responseCode) : undefined, redacted]
    .filter((part) => part !== undefined)
    .join(' ');
}

const outboxSize = 20;

/**
 * For development without an SMTP server: each mail goes to the console, code included (that is
 * the point), and the last 20 stay in memory for `GET {basePath}/dev/outbox`.
 */
export function devOutbox(): DevOutbox {
  const kept: OutboxMessage[] = [];
  const queue = mailQueue();
  return {
    send(compose) {
      queue.enqueue(async () => {
        const message = compose();
        kept.unshift({ to: message.to, subject: message.subject, text: message.text, sentAt: new Date().toISOString() });
        kept.length = Math.min(kept.length, outboxSize);
        console.log(`passkey server (development, no SMTP_URL): mail to ${message.to}: ${message.subject}\n${message.text}\n`);
      });
    },
    messages: () => kept.map((message) => ({ ...message })),
    close: () => queue.drain(),
  };
}

export function isDevOutbox(mailer: Mailer | undefined): mailer is DevOutbox {
  return mailer !== undefined && 'messages' in mailer;
}
