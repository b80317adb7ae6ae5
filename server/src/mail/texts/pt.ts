import type { MailTexts } from './types.ts';

/** Brazilian Portuguese, also for `pt` and `pt-PT`. */
export const pt: MailTexts = {
  codes: {
    'sign-in': { subject: (site) => `Seu código de acesso a ${site}`, lead: (site) => `Digite este código para entrar em ${site}:` },
    'sign-up': { subject: (site) => `Confirme seu endereço de e-mail para ${site}`, lead: (site) => `Digite este código para criar sua conta em ${site}:` },
    reauthenticate: { subject: (site) => `Seu código de confirmação para ${site}`, lead: (site) => `Digite este código para confirmar uma alteração na sua conta em ${site}:` },
    'verify-email': { subject: (site) => `Confirme seu endereço de e-mail para ${site}`, lead: (site) => `Digite este código para confirmar este endereço para sua conta em ${site}:` },
    'change-email': { subject: (site) => `Confirme seu novo endereço de e-mail para ${site}`, lead: (site) => `Digite este código para tornar este o endereço da sua conta em ${site}:` },
  },
  validity: (minutes) => `O código vale por ${minutes} minutos e funciona uma única vez.`,
  notYouCode: 'Se você não o pediu, ignore este e-mail: nada acontece sem o código.',
  emailChanged: {
    subject: (site) => `O endereço de e-mail da sua conta em ${site} foi alterado`,
    lead: (site) => `O endereço de e-mail da sua conta em ${site} foi alterado.`,
    details: (address) => `A partir de agora, códigos e avisos vão para ${address}.`,
    notYou: 'Se não foi você, entre em contato com o serviço imediatamente.',
  },
  accountExists: {
    subject: (site) => `Você já tem uma conta em ${site}`,
    lead: (site) => `Alguém pediu para criar uma conta em ${site} com este endereço, mas já existe uma. Se foi você, entre na sua conta, com sua chave de acesso ou um código por e-mail.`,
    notYou: 'Se não foi você, ignore este e-mail: nada foi alterado.',
  },
};
