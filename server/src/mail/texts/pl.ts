import type { MailTexts } from './types.ts';

export const pl: MailTexts = {
  codes: {
    'sign-in': { subject: (site) => `Twój kod logowania do ${site}`, lead: (site) => `Wpisz ten kod, aby zalogować się do ${site}:` },
    'sign-up': { subject: (site) => `Potwierdź swój adres e-mail w ${site}`, lead: (site) => `Wpisz ten kod, aby założyć konto w ${site}:` },
    reauthenticate: { subject: (site) => `Twój kod potwierdzający do ${site}`, lead: (site) => `Wpisz ten kod, aby potwierdzić zmianę na swoim koncie w ${site}:` },
    'verify-email': { subject: (site) => `Potwierdź swój adres e-mail w ${site}`, lead: (site) => `Wpisz ten kod, aby potwierdzić ten adres dla swojego konta w ${site}:` },
    'change-email': { subject: (site) => `Potwierdź nowy adres e-mail w ${site}`, lead: (site) => `Wpisz ten kod, aby ustawić ten adres dla swojego konta w ${site}:` },
  },
  validity: (minutes) => `Kod jest ważny przez ${minutes} minut i działa tylko raz.`,
  notYouCode: 'Jeśli nie prosiłeś o niego, zignoruj tę wiadomość: bez kodu nic się nie stanie.',
  emailChanged: {
    subject: (site) => `Adres e-mail Twojego konta w ${site} został zmieniony`,
    lead: (site) => `Adres e-mail Twojego konta w ${site} został zmieniony.`,
    details: (address) => `Od teraz kody i powiadomienia trafiają na ${address}.`,
    notYou: 'Jeśli to nie Ty, natychmiast skontaktuj się z serwisem.',
  },
  accountExists: {
    subject: (site) => `Masz już konto w ${site}`,
    lead: (site) => `Ktoś chciał założyć konto w ${site} z tym adresem, ale takie konto już istnieje. Jeśli to Ty, zaloguj się zamiast tego, kluczem dostępu lub kodem wysłanym e-mailem.`,
    notYou: 'Jeśli to nie Ty, zignoruj tę wiadomość: nic nie zostało zmienione.',
  },
};
