import type { MailTexts } from './types.ts';

export const en: MailTexts = {
  codes: {
    'sign-in': { subject: (site) => `Your sign-in code for ${site}`, lead: (site) => `Enter this code to sign in to ${site}:` },
    'sign-up': { subject: (site) => `Confirm your email address for ${site}`, lead: (site) => `Enter this code to create your account at ${site}:` },
    reauthenticate: { subject: (site) => `Your confirmation code for ${site}`, lead: (site) => `Enter this code to confirm a change to your account at ${site}:` },
    'verify-email': { subject: (site) => `Confirm your email address for ${site}`, lead: (site) => `Enter this code to confirm this address for your account at ${site}:` },
    'change-email': { subject: (site) => `Confirm your new email address for ${site}`, lead: (site) => `Enter this code to make this the address of your account at ${site}:` },
  },
  validity: (minutes) => `The code is valid for ${minutes} minutes and works once.`,
  notYouCode: 'If you did not ask for it, ignore this mail: nothing happens without the code.',
  emailChanged: {
    subject: (site) => `The email address of your ${site} account was changed`,
    lead: (site) => `The email address of your account at ${site} was changed.`,
    details: (address) => `From now on, codes and notices go to ${address}.`,
    notYou: 'If you did not do this, contact the service right away.',
  },
  accountExists: {
    subject: (site) => `You already have an account at ${site}`,
    lead: (site) => `Someone asked to create an account at ${site} with this address, but an account with it already exists. If it was you, sign in instead, with your passkey or a code by email.`,
    notYou: 'If it was not you, ignore this mail: nothing was changed.',
  },
};
