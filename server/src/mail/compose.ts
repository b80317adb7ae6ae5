import type { CodePurpose } from '../store/email-codes.ts';
import { ar } from './texts/ar.ts';
import { de } from './texts/de.ts';
import { en } from './texts/en.ts';
import { es } from './texts/es.ts';
import { fr } from './texts/fr.ts';
import { it } from './texts/it.ts';
import { nl } from './texts/nl.ts';
import { pl } from './texts/pl.ts';
import { pt } from './texts/pt.ts';
import type { MailTexts } from './texts/types.ts';
import { zhHans } from './texts/zh-Hans.ts';

/** A mail ready to send: plain text, simple HTML, no links, no images, nothing that tracks. */
export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html: string;
  /** The language tag the mail is written in. */
  language: string;
}

/** The shipped languages, as the elements ship them; `pt` is Brazilian Portuguese. */
const mailTexts: Record<string, MailTexts> = { en, ar, de, es, fr, it, nl, pl, pt, 'zh-Hans': zhHans };

/**
 * The shipped language for a BCP 47 tag, most specific first (`de-AT` → `de`, `zh-CN` →
 * `zh-Hans`, `zh-TW` → English); English for unknown languages and tags that are not tags.
 */
export function mailLanguageOf(tag: string | undefined): string {
  if (tag === undefined) return 'en';
  let locale: Intl.Locale;
  try {
    locale = new Intl.Locale(tag.trim().replace(/_/g, '-'));
  } catch {
    return 'en';
  }
  const { language, script } = locale.maximize();
  return [locale.baseName, `${language}-${script}`, language].find((key) => Object.hasOwn(mailTexts, key)) ?? 'en';
}

interface Site {
  /** Shown in the mails as the sender's name. */
  rpName: string;
  /** The domain of the origin-bound code line. */
  rpId: string;
}

/**
 * A mail carrying a code. The text part ends with the line `@<rp-id> #<code>`, the origin-bound
 * one-time code format that browsers read to offer the code on that site only. The subject never
 * holds the code: notification previews would show it on a locked screen.
 */
export function codeMail(site: Site, mail: { to: string; purpose: CodePurpose; code: string; language?: string; validMinutes: number }): MailMessage {
  const language = mailLanguageOf(mail.language);
  const texts = mailTexts[language] ?? en;
  const lines = texts.codes[mail.purpose];
  const paragraphs = [texts.validity(mail.validMinutes), texts.notYouCode];
  return {
    to: mail.to,
    language,
    subject: lines.subject(site.rpName),
    text: [lines.lead(site.rpName), '', `    ${mail.code}`, '', ...paragraphs, '', `@${site.rpId} #${mail.code}`].join('\n'),
    html: htmlDocument(language, lines.subject(site.rpName), [
      paragraph(lines.lead(site.rpName)),
      `<p style="font-size:28px;font-weight:bold;letter-spacing:6px;font-family:monospace">${mail.code}</p>`,
      ...paragraphs.map(paragraph),
    ]),
  };
}

/** Where and when a notice's event happened: the request's time and parsed user agent. */
export interface NoticeCircumstances {
  at: Date;
  browser: string | null;
  os: string | null;
}

/** The mail to the old address once the account moved to `newAddress`. */
export function emailChangedMail(site: Site, mail: { to: string; newAddress: string; language?: string } & NoticeCircumstances): MailMessage {
  const language = mailLanguageOf(mail.language);
  const texts = mailTexts[language] ?? en;
  const { emailChanged } = texts;
  return noticeMail(language, mail.to, emailChanged.subject(site.rpName), [
    emailChanged.lead(site.rpName),
    emailChanged.details(mail.newAddress),
    circumstances(texts, language, mail),
    emailChanged.notYou,
  ]);
}

/** The mail to the account's confirmed address after a passkey was added. */
export function passkeyAddedMail(site: Site, mail: { to: string; passkeyName: string; language?: string } & NoticeCircumstances): MailMessage {
  const language = mailLanguageOf(mail.language);
  const texts = mailTexts[language] ?? en;
  const { passkeyAdded } = texts.securityNotices;
  return noticeMail(language, mail.to, passkeyAdded.subject(site.rpName), [
    passkeyAdded.lead(site.rpName),
    passkeyAdded.details(mail.passkeyName),
    circumstances(texts, language, mail),
    passkeyAdded.notYou,
  ]);
}

/** The mail to the account's confirmed address after a passkey was removed; `passkeyName` if it was known. */
export function passkeyRemovedMail(site: Site, mail: { to: string; passkeyName?: string; language?: string } & NoticeCircumstances): MailMessage {
  const language = mailLanguageOf(mail.language);
  const texts = mailTexts[language] ?? en;
  const { passkeyRemoved } = texts.securityNotices;
  return noticeMail(language, mail.to, passkeyRemoved.subject(site.rpName), [
    passkeyRemoved.lead(site.rpName),
    ...(mail.passkeyName === undefined ? [] : [passkeyRemoved.details(mail.passkeyName)]),
    circumstances(texts, language, mail),
    passkeyRemoved.notYou,
  ]);
}

/** The mail to the account's confirmed address after new recovery codes replaced the old ones. */
export function recoveryCodesCreatedMail(site: Site, mail: { to: string; language?: string } & NoticeCircumstances): MailMessage {
  const language = mailLanguageOf(mail.language);
  const texts = mailTexts[language] ?? en;
  const { recoveryCodesCreated } = texts.securityNotices;
  return noticeMail(language, mail.to, recoveryCodesCreated.subject(site.rpName), [
    recoveryCodesCreated.lead(site.rpName),
    circumstances(texts, language, mail),
    recoveryCodesCreated.notYou,
  ]);
}

/** The mail to the account's confirmed address after a passkey sign-in on a device it had not seen. */
export function newDeviceSignInMail(site: Site, mail: { to: string; language?: string } & NoticeCircumstances): MailMessage {
  const language = mailLanguageOf(mail.language);
  const texts = mailTexts[language] ?? en;
  const { newDeviceSignIn, device } = texts.securityNotices;
  return noticeMail(language, mail.to, newDeviceSignIn.subject(site.rpName, device(mail.browser, mail.os)), [
    newDeviceSignIn.lead(site.rpName),
    circumstances(texts, language, mail),
    newDeviceSignIn.notYou,
  ]);
}

/** The mail to the address a sign-in code went to, once it signed in. */
export function codeSignInMail(site: Site, mail: { to: string; language?: string } & NoticeCircumstances): MailMessage {
  const language = mailLanguageOf(mail.language);
  const texts = mailTexts[language] ?? en;
  const { codeSignIn } = texts.securityNotices;
  return noticeMail(language, mail.to, codeSignIn.subject(site.rpName), [codeSignIn.lead(site.rpName), circumstances(texts, language, mail), codeSignIn.notYou]);
}

// The server does not know the reader's time zone: UTC, and the mail says so.
function circumstances(texts: MailTexts, language: string, { at, browser, os }: NoticeCircumstances): string {
  const when = new Intl.DateTimeFormat(language, { dateStyle: 'long', timeStyle: 'short', timeZone: 'UTC' }).format(at);
  return texts.securityNotices.when(`${when} UTC`, texts.securityNotices.device(browser, os));
}

/** The mail to an address that asked for a sign-up code while it already has an account. */
export function accountExistsMail(site: Site, mail: { to: string; language?: string }): MailMessage {
  const language = mailLanguageOf(mail.language);
  const { accountExists } = mailTexts[language] ?? en;
  return noticeMail(language, mail.to, accountExists.subject(site.rpName), [accountExists.lead(site.rpName), accountExists.notYou]);
}

function noticeMail(language: string, to: string, subject: string, paragraphs: string[]): MailMessage {
  return { to, language, subject, text: paragraphs.join('\n\n'), html: htmlDocument(language, subject, paragraphs.map(paragraph)) };
}

const rightToLeft = new Set(['ar']);

function htmlDocument(language: string, title: string, body: string[]): string {
  const direction = rightToLeft.has(language) ? 'rtl' : 'ltr';
  return [
    `<!doctype html><html lang="${language}" dir="${direction}"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head>`,
    '<body style="font-family:system-ui,sans-serif;font-size:16px;line-height:1.5;color:#1a1a1a">',
    ...body,
    '</body></html>',
  ].join('\n');
}

function paragraph(text: string): string {
  return `<p>${escapeHtml(text)}</p>`;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
}
