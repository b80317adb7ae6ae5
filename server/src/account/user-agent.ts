/**
 * Just enough User-Agent parsing to label a session "Chrome on macOS". Anything unusual gives
 * null rather than a wrong guess; the raw string is shown next to it anyway.
 */

export type BrowserName = 'Chrome' | 'Edge' | 'Firefox' | 'Safari';
export type OperatingSystemName = 'Windows' | 'macOS' | 'iOS' | 'Android' | 'Linux' | 'ChromeOS';

// Chromium browsers with their own brand also say "Chrome/": calling them Chrome would mislead.
const otherChromiumBrands = /\b(OPR|Opera|SamsungBrowser|YaBrowser|Vivaldi|UCBrowser)\//;

export function browserOf(userAgent: string): BrowserName | null {
  // Order matters: Edge also says Chrome and Safari, Chrome also says Safari.
  if (/\bEdg(e|A|iOS)?\//.test(userAgent)) return 'Edge';
  if (/\b(Firefox|FxiOS)\//.test(userAgent)) return 'Firefox';
  if (otherChromiumBrands.test(userAgent)) return null;
  // Headless Chromium (automation, tests) says HeadlessChrome/.
  if (/\b(Chrome|CriOS|HeadlessChrome)\//.test(userAgent)) return 'Chrome';
  // Android's old stock browser and in-app web views also say "Version/... Safari/".
  if (/\bVersion\/[\d.]+.*\bSafari\//.test(userAgent) && !/Android/.test(userAgent)) return 'Safari';
  return null;
}

export function operatingSystemOf(userAgent: string): OperatingSystemName | null {
  // Order matters: iOS says "like Mac OS X", Android says Linux.
  if (/\bWindows NT\b/.test(userAgent)) return 'Windows';
  if (/\b(iPhone|iPad|iPod)\b/.test(userAgent)) return 'iOS';
  if (/\bAndroid\b/.test(userAgent)) return 'Android';
  if (/\bCrOS\b/.test(userAgent)) return 'ChromeOS';
  if (/\bMac OS X\b|\bMacintosh\b/.test(userAgent)) return 'macOS';
  if (/\bLinux\b/.test(userAgent)) return 'Linux';
  return null;
}

/** The User-Agent header, shortened: it is only kept to label sessions for the user. */
export function userAgentOf(header: string | undefined): string | null {
  return header === undefined ? null : header.slice(0, 512);
}
