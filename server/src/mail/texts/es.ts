import type { MailTexts } from './types.ts';

export const es: MailTexts = {
  codes: {
    'sign-in': { subject: (site) => `Tu código de inicio de sesión en ${site}`, lead: (site) => `Introduce este código para iniciar sesión en ${site}:` },
    'sign-up': { subject: (site) => `Confirma tu dirección de correo para ${site}`, lead: (site) => `Introduce este código para crear tu cuenta en ${site}:` },
    reauthenticate: { subject: (site) => `Tu código de confirmación para ${site}`, lead: (site) => `Introduce este código para confirmar un cambio en tu cuenta de ${site}:` },
    'verify-email': { subject: (site) => `Confirma tu dirección de correo para ${site}`, lead: (site) => `Introduce este código para confirmar esta dirección para tu cuenta de ${site}:` },
    'change-email': { subject: (site) => `Confirma tu nueva dirección de correo para ${site}`, lead: (site) => `Introduce este código para que esta sea la dirección de tu cuenta de ${site}:` },
  },
  validity: (minutes) => `El código es válido durante ${minutes} minutos y funciona una sola vez.`,
  notYouCode: 'Si no lo has pedido, ignora este correo: sin el código no ocurre nada.',
  emailChanged: {
    subject: (site) => `Se ha cambiado la dirección de correo de tu cuenta de ${site}`,
    lead: (site) => `Se ha cambiado la dirección de correo de tu cuenta de ${site}.`,
    details: (address) => `A partir de ahora, los códigos y avisos se envían a ${address}.`,
    notYou: 'Si no has sido tú, ponte en contacto con el servicio de inmediato.',
  },
  accountExists: {
    subject: (site) => `Ya tienes una cuenta en ${site}`,
    lead: (site) => `Alguien ha pedido crear una cuenta en ${site} con esta dirección, pero ya existe una. Si has sido tú, inicia sesión, con tu llave de acceso o con un código por correo.`,
    notYou: 'Si no has sido tú, ignora este correo: no se ha cambiado nada.',
  },
};
