import type { MailTexts } from './types.ts';

export const de: MailTexts = {
  codes: {
    'sign-in': { subject: (site) => `Ihr Anmeldecode für ${site}`, lead: (site) => `Geben Sie diesen Code ein, um sich bei ${site} anzumelden:` },
    'sign-up': { subject: (site) => `Bestätigen Sie Ihre E-Mail-Adresse für ${site}`, lead: (site) => `Geben Sie diesen Code ein, um Ihr Konto bei ${site} anzulegen:` },
    reauthenticate: { subject: (site) => `Ihr Bestätigungscode für ${site}`, lead: (site) => `Geben Sie diesen Code ein, um eine Änderung an Ihrem Konto bei ${site} zu bestätigen:` },
    'verify-email': { subject: (site) => `Bestätigen Sie Ihre E-Mail-Adresse für ${site}`, lead: (site) => `Geben Sie diesen Code ein, um diese Adresse für Ihr Konto bei ${site} zu bestätigen:` },
    'change-email': { subject: (site) => `Bestätigen Sie Ihre neue E-Mail-Adresse für ${site}`, lead: (site) => `Geben Sie diesen Code ein, um diese Adresse für Ihr Konto bei ${site} zu übernehmen:` },
  },
  validity: (minutes) => `Der Code ist ${minutes} Minuten lang gültig und funktioniert nur einmal.`,
  notYouCode: 'Wenn Sie ihn nicht angefordert haben, ignorieren Sie diese E-Mail: Ohne den Code geschieht nichts.',
  emailChanged: {
    subject: (site) => `Die E-Mail-Adresse Ihres Kontos bei ${site} wurde geändert`,
    lead: (site) => `Die E-Mail-Adresse Ihres Kontos bei ${site} wurde geändert.`,
    details: (address) => `Codes und Hinweise gehen ab jetzt an ${address}.`,
    notYou: 'Wenn Sie das nicht waren, melden Sie sich mit Ihrem Passkey an, ändern Sie die Adresse zurück und melden Sie sich überall sonst ab. Wenn Sie sich nicht anmelden können, wenden Sie sich sofort an den Dienst.',
  },
  securityNotices: {
    passkeyAdded: {
      subject: (site) => `Ihrem Konto bei ${site} wurde ein Passkey hinzugefügt`,
      lead: (site) => `Ihrem Konto bei ${site} wurde ein neuer Passkey hinzugefügt.`,
      details: (name) => `Sein Name: ${name}.`,
      notYou: 'Wenn Sie das nicht waren, melden Sie sich an, entfernen Sie diesen Passkey unter „Ihre Passkeys“ und wählen Sie „Von allen anderen Geräten abmelden“. Wenn Sie sich nicht mehr anmelden können, melden Sie sich mit einem Code per E-Mail an und tun Sie dasselbe.',
    },
    passkeyRemoved: {
      subject: (site) => `Aus Ihrem Konto bei ${site} wurde ein Passkey entfernt`,
      lead: (site) => `Aus Ihrem Konto bei ${site} wurde ein Passkey entfernt.`,
      details: (name) => `Sein Name: ${name}.`,
      notYou: 'Wenn Sie das nicht waren, ist jemand in Ihrem Konto angemeldet: Melden Sie sich mit einem anderen Passkey oder einem Code per E-Mail an, wählen Sie „Von allen anderen Geräten abmelden“ und prüfen Sie unter „Ihre Passkeys“, ob dort einer ist, den Sie nicht kennen.',
    },
    recoveryCodesCreated: {
      subject: (site) => `Für Ihr Konto bei ${site} wurden neue Wiederherstellungscodes erstellt`,
      lead: (site) => `Für Ihr Konto bei ${site} wurden neue Wiederherstellungscodes erstellt. Die alten gelten nicht mehr.`,
      notYou: 'Wenn Sie das nicht waren, ist jemand in Ihrem Konto angemeldet und hat die neuen Codes gesehen: Melden Sie sich an, wählen Sie „Von allen anderen Geräten abmelden“ und dann „Neue Wiederherstellungscodes erstellen“, damit seine nicht mehr gelten.',
    },
    codeSignIn: {
      subject: (site) => `Neue Anmeldung bei Ihrem Konto bei ${site}`,
      lead: (site) => `Jemand hat sich mit einem Code, der an diese Adresse ging, bei Ihrem Konto bei ${site} angemeldet.`,
      notYou: 'Wenn Sie das nicht waren, kann jemand Ihre E-Mails lesen: Ändern Sie das Passwort Ihres E-Mail-Kontos, melden Sie sich dann mit Ihrem Passkey an und wählen Sie unter „Wo Sie angemeldet sind“ „Von allen anderen Geräten abmelden“.',
    },
    newDeviceSignIn: {
      subject: (site, device) => `Neue Anmeldung mit ${device} bei Ihrem Konto bei ${site}`,
      lead: (site) => `Jemand hat sich mit einem Passkey bei Ihrem Konto bei ${site} angemeldet, mit einem Browser und System, mit denen sich dort noch nie jemand angemeldet hatte.`,
      notYou: 'Wenn Sie das nicht waren, kann jemand einen Ihrer Passkeys nutzen: Melden Sie sich an, entfernen Sie unter „Ihre Passkeys“ jeden, den Sie nicht kennen, und wählen Sie „Von allen anderen Geräten abmelden“.',
    },
    when: (when, device) => `Wann: ${when}. Gerät: ${device}.`,
    device: (browser, os) => (browser && os ? `${browser} unter ${os}` : (browser ?? os ?? 'Unbekannter Browser')),
  },
  accountExists: {
    subject: (site) => `Sie haben bereits ein Konto bei ${site}`,
    lead: (site) => `Jemand wollte mit dieser Adresse ein Konto bei ${site} anlegen, aber es gibt bereits eines. Wenn Sie das waren, melden Sie sich stattdessen an, mit Ihrem Passkey oder einem Code per E-Mail.`,
    notYou: 'Wenn Sie das nicht waren, ignorieren Sie diese E-Mail: Es wurde nichts geändert.',
  },
};
