import type { MailTexts } from './types.ts';

export const zhHans: MailTexts = {
  codes: {
    'sign-in': { subject: (site) => `您的 ${site} 登录验证码`, lead: (site) => `输入此验证码以登录 ${site}：` },
    'sign-up': { subject: (site) => `确认您在 ${site} 的电子邮件地址`, lead: (site) => `输入此验证码以在 ${site} 创建账户：` },
    reauthenticate: { subject: (site) => `您的 ${site} 确认码`, lead: (site) => `输入此验证码以确认对您 ${site} 账户的更改：` },
    'verify-email': { subject: (site) => `确认您在 ${site} 的电子邮件地址`, lead: (site) => `输入此验证码以确认此地址用于您的 ${site} 账户：` },
    'change-email': { subject: (site) => `确认您在 ${site} 的新电子邮件地址`, lead: (site) => `输入此验证码以将此地址设为您 ${site} 账户的地址：` },
  },
  validity: (minutes) => `验证码在 ${minutes} 分钟内有效，且只能使用一次。`,
  notYouCode: '如果您没有请求此验证码，请忽略此邮件：没有验证码，什么都不会发生。',
  emailChanged: {
    subject: (site) => `您的 ${site} 账户的电子邮件地址已更改`,
    lead: (site) => `您在 ${site} 的账户的电子邮件地址已更改。`,
    details: (address) => `今后验证码和通知将发送到 ${address}。`,
    notYou: '如果这不是您本人操作，请立即联系该服务。',
  },
  accountExists: {
    subject: (site) => `您已在 ${site} 拥有账户`,
    lead: (site) => `有人请求用此地址在 ${site} 创建账户，但该地址的账户已存在。如果是您本人，请直接登录，使用您的通行密钥或电子邮件验证码。`,
    notYou: '如果不是您本人，请忽略此邮件：没有任何更改。',
  },
};
