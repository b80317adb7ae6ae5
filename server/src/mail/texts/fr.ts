import type { MailTexts } from './types.ts';

export const fr: MailTexts = {
  codes: {
    'sign-in': { subject: (site) => `Votre code de connexion à ${site}`, lead: (site) => `Saisissez ce code pour vous connecter à ${site} :` },
    'sign-up': { subject: (site) => `Confirmez votre adresse e-mail pour ${site}`, lead: (site) => `Saisissez ce code pour créer votre compte sur ${site} :` },
    reauthenticate: { subject: (site) => `Votre code de confirmation pour ${site}`, lead: (site) => `Saisissez ce code pour confirmer une modification de votre compte sur ${site} :` },
    'verify-email': { subject: (site) => `Confirmez votre adresse e-mail pour ${site}`, lead: (site) => `Saisissez ce code pour confirmer cette adresse pour votre compte sur ${site} :` },
    'change-email': { subject: (site) => `Confirmez votre nouvelle adresse e-mail pour ${site}`, lead: (site) => `Saisissez ce code pour faire de cette adresse celle de votre compte sur ${site} :` },
  },
  validity: (minutes) => `Le code est valable ${minutes} minutes et ne fonctionne qu’une fois.`,
  notYouCode: 'Si vous ne l’avez pas demandé, ignorez cet e-mail : rien ne se passe sans le code.',
  emailChanged: {
    subject: (site) => `L’adresse e-mail de votre compte ${site} a été modifiée`,
    lead: (site) => `L’adresse e-mail de votre compte sur ${site} a été modifiée.`,
    details: (address) => `Désormais, les codes et les avis sont envoyés à ${address}.`,
    notYou: 'Si ce n’est pas vous, connectez-vous avec votre clé d’accès, remettez l’ancienne adresse et déconnectez-vous de tous les autres appareils. Si vous ne pouvez pas vous connecter, contactez le service immédiatement.',
  },
  securityNotices: {
    passkeyAdded: {
      subject: (site) => `Une clé d’accès a été ajoutée à votre compte ${site}`,
      lead: (site) => `Une nouvelle clé d’accès a été ajoutée à votre compte sur ${site}.`,
      details: (name) => `Son nom : ${name}.`,
      notYou: 'Si ce n’est pas vous, connectez-vous, supprimez cette clé d’accès dans « Vos clés d’accès » et choisissez « Se déconnecter de tous les autres appareils ». Si vous ne pouvez plus vous connecter, revenez avec un code par e-mail et faites de même.',
    },
    passkeyRemoved: {
      subject: (site) => `Une clé d’accès a été supprimée de votre compte ${site}`,
      lead: (site) => `Une clé d’accès a été supprimée de votre compte sur ${site}.`,
      details: (name) => `Son nom : ${name}.`,
      notYou: 'Si ce n’est pas vous, quelqu’un est connecté à votre compte : connectez-vous avec une autre clé d’accès ou un code par e-mail, choisissez « Se déconnecter de tous les autres appareils » et vérifiez dans « Vos clés d’accès » qu’aucune ne vous est inconnue.',
    },
    recoveryCodesCreated: {
      subject: (site) => `De nouveaux codes de récupération ont été créés pour votre compte ${site}`,
      lead: (site) => `De nouveaux codes de récupération ont été créés pour votre compte sur ${site}. Les anciens ne fonctionnent plus.`,
      notYou: 'Si ce n’est pas vous, quelqu’un est connecté à votre compte et a vu les nouveaux codes : connectez-vous, choisissez « Se déconnecter de tous les autres appareils », puis « Créer de nouveaux codes de récupération » pour que les siens ne fonctionnent plus.',
    },
    codeSignIn: {
      subject: (site) => `Nouvelle connexion à votre compte ${site}`,
      lead: (site) => `Quelqu’un s’est connecté à votre compte sur ${site} avec un code envoyé à cette adresse.`,
      notYou: 'Si ce n’est pas vous, quelqu’un peut lire vos e-mails : changez le mot de passe de votre messagerie, puis connectez-vous avec votre clé d’accès et choisissez « Se déconnecter de tous les autres appareils » dans « Vos sessions actives ».',
    },
    newDeviceSignIn: {
      subject: (site, device) => `Nouvelle connexion sur ${device} à votre compte ${site}`,
      lead: (site) => `Quelqu’un s’est connecté à votre compte sur ${site} avec une clé d’accès, depuis un navigateur et un système qui ne s’y étaient jamais connectés.`,
      notYou: 'Si ce n’est pas vous, quelqu’un peut utiliser l’une de vos clés d’accès : connectez-vous, supprimez dans « Vos clés d’accès » toute clé que vous ne connaissez pas et choisissez « Se déconnecter de tous les autres appareils ».',
    },
    when: (when, device) => `Quand : ${when}. Appareil : ${device}.`,
    device: (browser, os) => (browser && os ? `${browser} sous ${os}` : (browser ?? os ?? 'Navigateur inconnu')),
  },
  accountExists: {
    subject: (site) => `Vous avez déjà un compte sur ${site}`,
    lead: (site) => `Quelqu’un a demandé à créer un compte sur ${site} avec cette adresse, mais un compte existe déjà. Si c’était vous, connectez-vous plutôt, avec votre clé d’accès ou un code par e-mail.`,
    notYou: 'Si ce n’était pas vous, ignorez cet e-mail : rien n’a été modifié.',
  },
};
