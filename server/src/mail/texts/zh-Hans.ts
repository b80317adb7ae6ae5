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
    notYou: '如果这不是您本人所为，请使用通行密钥登录，改回原来的地址，并退出其他所有设备。如果无法登录，请立即联系服务方。',
  },
  securityNotices: {
    passkeyAdded: {
      subject: (site) => `您的 ${site} 账户添加了一个通行密钥`,
      lead: (site) => `您在 ${site} 的账户添加了一个新的通行密钥。`,
      details: (name) => `名称：${name}。`,
      notYou: '如果这不是您本人所为，请登录，在“您的通行密钥”中移除此通行密钥，并选择“退出其他所有设备”。如果您已无法登录，请通过邮件验证码登录后执行相同操作。',
    },
    passkeyRemoved: {
      subject: (site) => `您的 ${site} 账户移除了一个通行密钥`,
      lead: (site) => `您在 ${site} 的账户移除了一个通行密钥。`,
      details: (name) => `名称：${name}。`,
      notYou: '如果这不是您本人所为，说明有人登录了您的账户：请使用其他通行密钥或邮件验证码登录，选择“退出其他所有设备”，并在“您的通行密钥”中检查是否有您不认识的通行密钥。',
    },
    recoveryCodesCreated: {
      subject: (site) => `您的 ${site} 账户创建了新的恢复码`,
      lead: (site) => `您在 ${site} 的账户创建了新的恢复码。旧的恢复码已失效。`,
      notYou: '如果这不是您本人所为，说明有人登录了您的账户并看到了新的恢复码：请登录，选择“退出其他所有设备”，然后选择“创建新的恢复码”，使对方的恢复码失效。',
    },
    codeSignIn: {
      subject: (site) => `您的 ${site} 账户有新的登录`,
      lead: (site) => `有人使用发送到此地址的验证码登录了您在 ${site} 的账户。`,
      notYou: '如果这不是您本人所为，说明有人能读取您的邮件：请修改您邮箱账户的密码，然后使用通行密钥登录，并在“已登录的设备”中选择“退出其他所有设备”。',
    },
    newDeviceSignIn: {
      subject: (site, device) => `您的 ${site} 账户在 ${device} 上有新的登录`,
      lead: (site) => `有人使用通行密钥登录了您在 ${site} 的账户，所用的浏览器和系统此前从未登录过该账户。`,
      notYou: '如果这不是您本人所为，说明有人能使用您的某个通行密钥：请登录，在“您的通行密钥”中移除所有您不认识的通行密钥，并选择“退出其他所有设备”。',
    },
    when: (when, device) => `时间：${when}。设备：${device}。`,
    device: (browser, os) => (browser && os ? `${os} 上的 ${browser}` : (browser ?? os ?? '未知浏览器')),
  },
  accountExists: {
    subject: (site) => `您已在 ${site} 拥有账户`,
    lead: (site) => `有人请求用此地址在 ${site} 创建账户，但该地址的账户已存在。如果是您本人，请直接登录，使用您的通行密钥或电子邮件验证码。`,
    notYou: '如果不是您本人，请忽略此邮件：没有任何更改。',
  },
};
