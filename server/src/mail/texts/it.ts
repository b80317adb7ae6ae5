import type { MailTexts } from './types.ts';

export const it: MailTexts = {
  codes: {
    'sign-in': { subject: (site) => `Il tuo codice di accesso a ${site}`, lead: (site) => `Inserisci questo codice per accedere a ${site}:` },
    'sign-up': { subject: (site) => `Conferma il tuo indirizzo email per ${site}`, lead: (site) => `Inserisci questo codice per creare il tuo account su ${site}:` },
    reauthenticate: { subject: (site) => `Il tuo codice di conferma per ${site}`, lead: (site) => `Inserisci questo codice per confermare una modifica al tuo account su ${site}:` },
    'verify-email': { subject: (site) => `Conferma il tuo indirizzo email per ${site}`, lead: (site) => `Inserisci questo codice per confermare questo indirizzo per il tuo account su ${site}:` },
    'change-email': { subject: (site) => `Conferma il tuo nuovo indirizzo email per ${site}`, lead: (site) => `Inserisci questo codice per rendere questo l’indirizzo del tuo account su ${site}:` },
  },
  validity: (minutes) => `Il codice è valido per ${minutes} minuti e funziona una sola volta.`,
  notYouCode: 'Se non l’hai richiesto, ignora questa email: senza il codice non succede nulla.',
  emailChanged: {
    subject: (site) => `L’indirizzo email del tuo account ${site} è stato cambiato`,
    lead: (site) => `L’indirizzo email del tuo account su ${site} è stato cambiato.`,
    details: (address) => `D’ora in poi codici e avvisi vanno a ${address}.`,
    notYou: 'Se non sei stato tu, contatta subito il servizio.',
  },
  accountExists: {
    subject: (site) => `Hai già un account su ${site}`,
    lead: (site) => `Qualcuno ha chiesto di creare un account su ${site} con questo indirizzo, ma ne esiste già uno. Se eri tu, accedi invece, con la tua passkey o con un codice via email.`,
    notYou: 'Se non eri tu, ignora questa email: non è stato cambiato nulla.',
  },
};
