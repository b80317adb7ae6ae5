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
      notYou: 'Was jij dit niet, log dan in, verwijder deze toegangssleutel onder ‘Je toegangssleutels’ en kies ‘Uitloggen op alle andere apparaten’. Kun je niet meer inloggen, kom dan binnen met een code per e-mail en doe hetzelfde.',
    },
    passkeyRemoved: {
      subject: (site) => `Er is een toegangssleutel verwijderd uit je ${site}-account`,
      lead: (site) => `Er is een toegangssleutel verwijderd uit je account bij ${site}.`,
      details: (name) => `De naam: ${name}.`,
      notYou: 'Was jij dit niet, dan is iemand ingelogd op je account: log in met een andere toegangssleutel of een code per e-mail, kies ‘Uitloggen op alle andere apparaten’ en kijk onder ‘Je toegangssleutels’ of er een tussen staat die je niet kent.',
    },
    recoveryCodesCreated: {
      subject: (site) => `Er zijn nieuwe herstelcodes gemaakt voor je ${site}-account`,
      lead: (site) => `Er zijn nieuwe herstelcodes gemaakt voor je account bij ${site}. De oude werken niet meer.`,
      notYou: 'Was jij dit niet, dan is iemand ingelogd op je account en heeft die de nieuwe codes gezien: log in, kies ‘Uitloggen op alle andere apparaten’ en daarna ‘Nieuwe herstelcodes maken’, zodat die van hem niet meer werken.',
    },
    codeSignIn: {
      subject: (site) => `Nieuwe login op je ${site}-account`,
      lead: (site) => `Iemand is ingelogd op je account bij ${site} met een code die naar dit adres is gestuurd.`,
      notYou: 'Was jij dit niet, dan kan iemand je e-mail lezen: wijzig het wachtwoord van je e-mailaccount, log daarna in met je toegangssleutel en kies ‘Uitloggen op alle andere apparaten’ onder ‘Waar je bent ingelogd’.',
    },
    newDeviceSignIn: {
      subject: (site, device) => `Nieuwe login op ${device} op je ${site}-account`,
      lead: (site) => `Iemand is met een toegangssleutel ingelogd op je account bij ${site}, met een browser en systeem waarmee nog nooit op dit account was ingelogd.`,
      notYou: 'Was jij dit niet, dan kan iemand een van je toegangssleutels gebruiken: log in, verwijder onder ‘Je toegangssleutels’ alle sleutels die je niet kent en kies ‘Uitloggen op alle andere apparaten’.',
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
