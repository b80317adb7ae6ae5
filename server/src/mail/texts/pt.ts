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
    notYou: 'Se não foi você, entre com sua chave de acesso, volte ao endereço anterior e saia de todos os outros dispositivos. Se não conseguir entrar, entre em contato com o serviço imediatamente.',
  },
  securityNotices: {
    passkeyAdded: {
      subject: (site) => `Uma chave de acesso foi adicionada à sua conta ${site}`,
      lead: (site) => `Uma nova chave de acesso foi adicionada à sua conta em ${site}.`,
      details: (name) => `O nome dela: ${name}.`,
      notYou: 'Se não foi você, entre, remova esta chave de acesso em “Suas chaves de acesso” e escolha “Sair de todos os outros dispositivos”. Se não conseguir mais entrar, volte com um código por e-mail e faça o mesmo.',
    },
    passkeyRemoved: {
      subject: (site) => `Uma chave de acesso foi removida da sua conta ${site}`,
      lead: (site) => `Uma chave de acesso foi removida da sua conta em ${site}.`,
      details: (name) => `O nome dela: ${name}.`,
      notYou: 'Se não foi você, alguém está conectado à sua conta: entre com outra chave de acesso ou com um código por e-mail, escolha “Sair de todos os outros dispositivos” e confira em “Suas chaves de acesso” se há alguma que você não conhece.',
    },
    recoveryCodesCreated: {
      subject: (site) => `Novos códigos de recuperação foram criados para sua conta ${site}`,
      lead: (site) => `Novos códigos de recuperação foram criados para sua conta em ${site}. Os antigos não funcionam mais.`,
      notYou: 'Se não foi você, alguém está conectado à sua conta e viu os novos códigos: entre, escolha “Sair de todos os outros dispositivos” e depois “Criar novos códigos de recuperação”, para que os dele parem de funcionar.',
    },
    codeSignIn: {
      subject: (site) => `Novo acesso à sua conta ${site}`,
      lead: (site) => `Alguém entrou na sua conta em ${site} com um código enviado para este endereço.`,
      notYou: 'Se não foi você, alguém pode ler seus e-mails: troque a senha da sua conta de e-mail, depois entre com sua chave de acesso e escolha “Sair de todos os outros dispositivos” em “Onde sua conta está conectada”.',
    },
    newDeviceSignIn: {
      subject: (site, device) => `Novo acesso pelo ${device} à sua conta ${site}`,
      lead: (site) => `Alguém entrou na sua conta em ${site} com uma chave de acesso, por um navegador e um sistema que nunca tinham entrado nela antes.`,
      notYou: 'Se não foi você, alguém pode usar uma das suas chaves de acesso: entre, remova em “Suas chaves de acesso” as que você não conhece e escolha “Sair de todos os outros dispositivos”.',
    },
    when: (when, device) => `Quando: ${when}. Dispositivo: ${device}.`,
    device: (browser, os) => (browser && os ? `${browser} no ${os}` : (browser ?? os ?? 'Navegador desconhecido')),
  },
  accountExists: {
    subject: (site) => `Você já tem uma conta em ${site}`,
    lead: (site) => `Alguém pediu para criar uma conta em ${site} com este endereço, mas já existe uma. Se foi você, entre na sua conta, com sua chave de acesso ou um código por e-mail.`,
    notYou: 'Se não foi você, ignore este e-mail: nada foi alterado.',
  },
};
