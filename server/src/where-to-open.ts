/**
 * The line the standalone server prints about where to open it: the configured origins (ORIGINS),
 * since the page must be at one of them, whatever address the server listens on.
 */
export function whereToOpen(origins: readonly string[], port: number): string {
  const onThisPort = origins.filter((origin) => portOf(origin) === port);
  if (onThisPort.length > 0) return `Open ${onThisPort.join(' or ')} in the browser (from ORIGINS).`;
  return (
    `Open ${origins.join(' or ')} in the browser (from ORIGINS). None of them is on port ${port}: ` +
    'a proxy or dev server there must forward to this one, or set ORIGINS to the address you open.'
  );
}

function portOf(origin: string): number {
  const url = new URL(origin);
  if (url.port !== '') return Number(url.port);
  return url.protocol === 'https:' ? 443 : 80;
}
