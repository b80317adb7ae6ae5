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
    notYou: 'Si no has sido tú, inicia sesión con tu llave de acceso, vuelve a poner la dirección anterior y cierra sesión en los demás dispositivos. Si no puedes iniciar sesión, contacta con el servicio de inmediato.',
  },
  securityNotices: {
    passkeyAdded: {
      subject: (site) => `Se añadió una llave de acceso a tu cuenta de ${site}`,
      lead: (site) => `Se añadió una nueva llave de acceso a tu cuenta de ${site}.`,
      details: (name) => `Su nombre: ${name}.`,
      notYou: 'Si no has sido tú, inicia sesión, elimina esta llave de acceso en «Tus llaves de acceso» y elige «Cerrar sesión en todos los demás dispositivos». Si ya no puedes iniciar sesión, entra con un código por correo y haz lo mismo.',
    },
    passkeyRemoved: {
      subject: (site) => `Se eliminó una llave de acceso de tu cuenta de ${site}`,
      lead: (site) => `Se eliminó una llave de acceso de tu cuenta de ${site}.`,
      details: (name) => `Su nombre: ${name}.`,
      notYou: 'Si no has sido tú, alguien ha iniciado sesión en tu cuenta: entra con otra llave de acceso o con un código por correo, elige «Cerrar sesión en todos los demás dispositivos» y revisa en «Tus llaves de acceso» que no haya ninguna que no conozcas.',
    },
    recoveryCodesCreated: {
      subject: (site) => `Se crearon nuevos códigos de recuperación para tu cuenta de ${site}`,
      lead: (site) => `Se crearon nuevos códigos de recuperación para tu cuenta de ${site}. Los anteriores ya no funcionan.`,
      notYou: 'Si no has sido tú, alguien ha iniciado sesión en tu cuenta y ha visto los nuevos códigos: inicia sesión, elige «Cerrar sesión en todos los demás dispositivos» y luego «Crear nuevos códigos de recuperación» para que los suyos dejen de funcionar.',
    },
    codeSignIn: {
      subject: (site) => `Nuevo inicio de sesión en tu cuenta de ${site}`,
      lead: (site) => `Alguien inició sesión en tu cuenta de ${site} con un código enviado a esta dirección.`,
      notYou: 'Si no has sido tú, alguien puede leer tu correo: cambia la contraseña de tu cuenta de correo, inicia sesión con tu llave de acceso y elige «Cerrar sesión en todos los demás dispositivos» en «Dónde has iniciado sesión».',
    },
    newDeviceSignIn: {
      subject: (site, device) => `Nuevo inicio de sesión en ${device} en tu cuenta de ${site}`,
      lead: (site) => `Alguien inició sesión en tu cuenta de ${site} con una llave de acceso, desde un navegador y un sistema que nunca habían iniciado sesión en ella.`,
      notYou: 'Si no has sido tú, alguien puede usar una de tus llaves de acceso: inicia sesión, elimina en «Tus llaves de acceso» las que no conozcas y elige «Cerrar sesión en todos los demás dispositivos».',
    },
    when: (when, device) => `Cuándo: ${when}. Dispositivo: ${device}.`,
    device: (browser, os) => (browser && os ? `${browser} en ${os}` : (browser ?? os ?? 'Navegador desconocido')),
  },
  accountExists: {
    subject: (site) => `Ya tienes una cuenta en ${site}`,
    lead: (site) => `Alguien ha pedido crear una cuenta en ${site} con esta dirección, pero ya existe una. Si has sido tú, inicia sesión, con tu llave de acceso o con un código por correo.`,
    notYou: 'Si no has sido tú, ignora este correo: no se ha cambiado nada.',
  },
};
