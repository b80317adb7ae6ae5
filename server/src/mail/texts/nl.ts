import type { MailTexts } from './types.ts';

export const nl: MailTexts = {
  codes: {
    'sign-in': { subject: (site) => `Je inlogcode voor ${site}`, lead: (site) => `Voer deze code in om in te loggen bij ${site}:` },
    'sign-up': { subject: (site) => `Bevestig je e-mailadres voor ${site}`, lead: (site) => `Voer deze code in om je account bij ${site} aan te maken:` },
    reauthenticate: { subject: (site) => `Je bevestigingscode voor ${site}`, lead: (site) => `Voer deze code in om een wijziging aan je account bij ${site} te bevestigen:` },
    'verify-email': { subject: (site) => `Bevestig je e-mailadres voor ${site}`, lead: (site) => `Voer deze code in om dit adres voor je account bij ${site} te bevestigen:` },
    'change-email': { subject: (site) => `Bevestig je nieuwe e-mailadres voor ${site}`, lead: (site) => `Voer deze code in om dit het adres van je account bij ${site} te maken:` },
  },
  validity: (minutes) => `De code is ${minutes} minuten geldig en werkt één keer.`,
  notYouCode: 'Heb je er niet om gevraagd? Negeer dan deze e-mail: zonder de code gebeurt er niets.',
  emailChanged: {
    subject: (site) => `Het e-mailadres van je account bij ${site} is gewijzigd`,
    lead: (site) => `Het e-mailadres van je account bij ${site} is gewijzigd.`,
    details: (address) => `Codes en berichten gaan vanaf nu naar ${address}.`,
    notYou: 'Was jij dit niet, log dan in met je toegangssleutel, zet het oude adres terug en log overal anders uit. Kun je niet inloggen, neem dan meteen contact op met de dienst.',
  },
  securityNotices: {
    passkeyAdded: {
      subject: (site) => `Er is een toegangssleutel toegevoegd aan je ${site}-account`,
      lead: (site) => `Er is een nieuwe toegangssleutel toegevoegd aan je account bij ${site}.`,
      details: (name) => `De naam: ${name}.`,
      notYou: 'Was jij dit niet, log dan in, verwijder deze toegangssleutel onder ‘Je toegangssleutels’ en kies ‘Overal anders uitloggen’. Kun je niet meer inloggen, kom dan binnen met een code per e-mail en doe hetzelfde.',
    },
    codeSignIn: {
      subject: (site) => `Nieuwe login op je ${site}-account`,
      lead: (site) => `Iemand is ingelogd op je account bij ${site} met een code die naar dit adres is gestuurd.`,
      notYou: 'Was jij dit niet, dan kan iemand je e-mail lezen: wijzig het wachtwoord van je e-mailaccount, log daarna in met je toegangssleutel en kies ‘Overal anders uitloggen’ onder ‘Waar je bent ingelogd’.',
    },
    when: (when, device) => `Wanneer: ${when}. Apparaat: ${device}.`,
    device: (browser, os) => (browser && os ? `${browser} op ${os}` : (browser ?? os ?? 'Onbekende browser')),
  },
  accountExists: {
    subject: (site) => `Je hebt al een account bij ${site}`,
    lead: (site) => `Iemand wilde met dit adres een account bij ${site} aanmaken, maar er bestaat er al een. Was jij het? Log dan in, met je passkey of met een code per e-mail.`,
    notYou: 'Was jij het niet? Negeer dan deze e-mail: er is niets gewijzigd.',
  },
};
