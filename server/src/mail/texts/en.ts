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
    notYou: 'If you did not do this, sign in with your passkey, change the address back and sign out of all other devices. If you cannot sign in, contact the service right away.',
  },
  securityNotices: {
    passkeyAdded: {
      subject: (site) => `A passkey was added to your ${site} account`,
      lead: (site) => `A new passkey was added to your account at ${site}.`,
      details: (name) => `Its name: ${name}.`,
      notYou: 'If this was not you, sign in, remove this passkey under “Your passkeys” and choose “Sign out of all other devices”. If you can no longer sign in, get back in with a code by email and do the same.',
    },
    passkeyRemoved: {
      subject: (site) => `A passkey was removed from your ${site} account`,
      lead: (site) => `A passkey was removed from your account at ${site}.`,
      details: (name) => `Its name: ${name}.`,
      notYou: 'If this was not you, someone is signed in to your account: sign in with another passkey or a code by email, choose “Sign out of all other devices” and check “Your passkeys” for any you do not know.',
    },
    recoveryCodesCreated: {
      subject: (site) => `New recovery codes were created for your ${site} account`,
      lead: (site) => `New recovery codes were created for your account at ${site}. The old ones no longer work.`,
      notYou: 'If this was not you, someone is signed in to your account and has seen the new codes: sign in, choose “Sign out of all other devices”, then “Create new recovery codes” so that theirs stop working.',
    },
    codeSignIn: {
      subject: (site) => `New sign-in to your ${site} account`,
      lead: (site) => `Someone signed in to your account at ${site} with a code sent to this address.`,
      notYou: 'If this was not you, someone can read your email: change the password of your email account, then sign in with your passkey and choose “Sign out of all other devices” under “Where you are signed in”.',
    },
    newDeviceSignIn: {
      subject: (site, device) => `New sign-in on ${device} to your ${site} account`,
      lead: (site) => `Someone signed in to your account at ${site} with a passkey, on a browser and system that never signed in to it before.`,
      notYou: 'If this was not you, someone can use one of your passkeys: sign in, remove any passkey you do not know under “Your passkeys” and choose “Sign out of all other devices”.',
    },
    when: (when, device) => `When: ${when}. Device: ${device}.`,
    device: (browser, os) => (browser && os ? `${browser} on ${os}` : (browser ?? os ?? 'Unknown browser')),
  },
  accountExists: {
    subject: (site) => `You already have an account at ${site}`,
    lead: (site) => `Someone asked to create an account at ${site} with this address, but an account with it already exists. If it was you, sign in instead, with your passkey or a code by email.`,
    notYou: 'If it was not you, ignore this mail: nothing was changed.',
  },
};
