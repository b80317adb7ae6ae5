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
    notYou: 'Se non sei stato tu, accedi con la tua passkey, ripristina l’indirizzo precedente ed esci da tutti gli altri dispositivi. Se non riesci ad accedere, contatta subito il servizio.',
  },
  securityNotices: {
    passkeyAdded: {
      subject: (site) => `È stata aggiunta una passkey al tuo account ${site}`,
      lead: (site) => `Al tuo account su ${site} è stata aggiunta una nuova passkey.`,
      details: (name) => `Il suo nome: ${name}.`,
      notYou: 'Se non sei stato tu, accedi, rimuovi questa passkey in «Le tue passkey» e scegli «Esci da tutti gli altri dispositivi». Se non riesci più ad accedere, rientra con un codice via email e fai lo stesso.',
    },
    passkeyRemoved: {
      subject: (site) => `È stata rimossa una passkey dal tuo account ${site}`,
      lead: (site) => `Dal tuo account su ${site} è stata rimossa una passkey.`,
      details: (name) => `Il suo nome: ${name}.`,
      notYou: 'Se non sei stato tu, qualcuno ha effettuato l’accesso al tuo account: accedi con un’altra passkey o con un codice via email, scegli «Esci da tutti gli altri dispositivi» e controlla in «Le tue passkey» che non ce ne sia una che non conosci.',
    },
    recoveryCodesCreated: {
      subject: (site) => `Sono stati creati nuovi codici di recupero per il tuo account ${site}`,
      lead: (site) => `Per il tuo account su ${site} sono stati creati nuovi codici di recupero. Quelli vecchi non funzionano più.`,
      notYou: 'Se non sei stato tu, qualcuno ha effettuato l’accesso al tuo account e ha visto i nuovi codici: accedi, scegli «Esci da tutti gli altri dispositivi» e poi «Crea nuovi codici di recupero», così i suoi non funzioneranno più.',
    },
    codeSignIn: {
      subject: (site) => `Nuovo accesso al tuo account ${site}`,
      lead: (site) => `Qualcuno ha effettuato l’accesso al tuo account su ${site} con un codice inviato a questo indirizzo.`,
      notYou: 'Se non sei stato tu, qualcuno può leggere la tua email: cambia la password del tuo account email, poi accedi con la tua passkey e scegli «Esci da tutti gli altri dispositivi» in «Dove hai effettuato l’accesso».',
    },
    newDeviceSignIn: {
      subject: (site, device) => `Nuovo accesso da ${device} al tuo account ${site}`,
      lead: (site) => `Qualcuno ha effettuato l’accesso al tuo account su ${site} con una passkey, da un browser e un sistema che non vi avevano mai effettuato l’accesso.`,
      notYou: 'Se non sei stato tu, qualcuno può usare una delle tue passkey: accedi, rimuovi in «Le tue passkey» quelle che non conosci e scegli «Esci da tutti gli altri dispositivi».',
    },
    when: (when, device) => `Quando: ${when}. Dispositivo: ${device}.`,
    device: (browser, os) => (browser && os ? `${browser} su ${os}` : (browser ?? os ?? 'Browser sconosciuto')),
  },
  accountExists: {
    subject: (site) => `Hai già un account su ${site}`,
    lead: (site) => `Qualcuno ha chiesto di creare un account su ${site} con questo indirizzo, ma ne esiste già uno. Se eri tu, accedi invece, con la tua passkey o con un codice via email.`,
    notYou: 'Se non eri tu, ignora questa email: non è stato cambiato nulla.',
  },
};
