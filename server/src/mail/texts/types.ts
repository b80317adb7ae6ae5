import type { CodePurpose } from '../../store/email-codes.ts';

/** What one kind of mail says: its subject and its first paragraph. */
export interface MailLines {
  subject(site: string): string;
  lead(site: string): string;
}

/** The words of the server's mails in one language; `site` is the RP name, e.g. "Praxis Nord". */
export interface MailTexts {
  /** Mails with a code, one per purpose. */
  codes: Record<CodePurpose, MailLines>;
  /** How long the code lasts, and that it works once. */
  validity(minutes: number): string;
  /** What to do about a code one did not ask for. */
  notYouCode: string;
  /** To the old address after a change; `address` is the new one. */
  emailChanged: MailLines & { details(address: string): string; notYou: string };
  /** Notices of security events, to the account's confirmed address; each says what to do if it was not the reader. */
  securityNotices: {
    passkeyAdded: MailLines & { details(passkeyName: string): string; notYou: string };
    /** After a passkey was removed; `details` names it. */
    passkeyRemoved: MailLines & { details(passkeyName: string): string; notYou: string };
    /** After new recovery codes replaced the old ones. */
    recoveryCodesCreated: MailLines & { notYou: string };
    /** After a sign-in with a code sent to this address. */
    codeSignIn: MailLines & { notYou: string };
    /** After a passkey sign-in on a browser and system that never signed in to the account before. */
    newDeviceSignIn: { subject(site: string, device: string): string; lead(site: string): string; notYou: string };
    /** When and on what it happened: `when` is a date and time in UTC, `device` from `device()`. */
    when(when: string, device: string): string;
    /** "Chrome on macOS", from the request's user agent; either part may be unknown. */
    device(browser: string | null, os: string | null): string;
  };
  /** To an address that asked for a sign-up code but already has an account. */
  accountExists: MailLines & { notYou: string };
}
