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
    notYou: 'Jeśli to nie Ty, zaloguj się kluczem dostępu, przywróć poprzedni adres i wyloguj się ze wszystkich innych urządzeń. Jeśli nie możesz się zalogować, natychmiast skontaktuj się z serwisem.',
  },
  securityNotices: {
    passkeyAdded: {
      subject: (site) => `Do Twojego konta w ${site} dodano klucz dostępu`,
      lead: (site) => `Do Twojego konta w ${site} dodano nowy klucz dostępu.`,
      details: (name) => `Jego nazwa: ${name}.`,
      notYou: 'Jeśli to nie Ty, zaloguj się, usuń ten klucz dostępu w sekcji „Twoje klucze dostępu” i wybierz „Wyloguj ze wszystkich innych urządzeń”. Jeśli nie możesz się już zalogować, wejdź za pomocą kodu z e-maila i zrób to samo.',
    },
    passkeyRemoved: {
      subject: (site) => `Z Twojego konta w ${site} usunięto klucz dostępu`,
      lead: (site) => `Z Twojego konta w ${site} usunięto klucz dostępu.`,
      details: (name) => `Jego nazwa: ${name}.`,
      notYou: 'Jeśli to nie Ty, ktoś jest zalogowany na Twoje konto: zaloguj się innym kluczem dostępu lub kodem z e-maila, wybierz „Wyloguj ze wszystkich innych urządzeń” i sprawdź w sekcji „Twoje klucze dostępu”, czy nie ma tam klucza, którego nie znasz.',
    },
    recoveryCodesCreated: {
      subject: (site) => `Utworzono nowe kody odzyskiwania dla Twojego konta w ${site}`,
      lead: (site) => `Dla Twojego konta w ${site} utworzono nowe kody odzyskiwania. Stare już nie działają.`,
      notYou: 'Jeśli to nie Ty, ktoś jest zalogowany na Twoje konto i widział nowe kody: zaloguj się, wybierz „Wyloguj ze wszystkich innych urządzeń”, a potem „Utwórz nowe kody odzyskiwania”, aby jego kody przestały działać.',
    },
    codeSignIn: {
      subject: (site) => `Nowe logowanie na Twoje konto w ${site}`,
      lead: (site) => `Ktoś zalogował się na Twoje konto w ${site} kodem wysłanym na ten adres.`,
      notYou: 'Jeśli to nie Ty, ktoś może czytać Twoją pocztę: zmień hasło do konta e-mail, a następnie zaloguj się kluczem dostępu i wybierz „Wyloguj ze wszystkich innych urządzeń” w sekcji „Aktywne sesje”.',
    },
    newDeviceSignIn: {
      subject: (site, device) => `Nowe logowanie na urządzeniu ${device} na Twoje konto w ${site}`,
      lead: (site) => `Ktoś zalogował się na Twoje konto w ${site} kluczem dostępu, w przeglądarce i systemie, z których nigdy wcześniej nie logowano się na to konto.`,
      notYou: 'Jeśli to nie Ty, ktoś może używać jednego z Twoich kluczy dostępu: zaloguj się, usuń w sekcji „Twoje klucze dostępu” każdy klucz, którego nie znasz, i wybierz „Wyloguj ze wszystkich innych urządzeń”.',
    },
    when: (when, device) => `Kiedy: ${when}. Urządzenie: ${device}.`,
    device: (browser, os) => (browser && os ? `${browser} w systemie ${os}` : (browser ?? os ?? 'Nieznana przeglądarka')),
  },
  accountExists: {
    subject: (site) => `Masz już konto w ${site}`,
    lead: (site) => `Ktoś chciał założyć konto w ${site} z tym adresem, ale takie konto już istnieje. Jeśli to Ty, zaloguj się zamiast tego, kluczem dostępu lub kodem wysłanym e-mailem.`,
    notYou: 'Jeśli to nie Ty, zignoruj tę wiadomość: nic nie zostało zmienione.',
  },
};
