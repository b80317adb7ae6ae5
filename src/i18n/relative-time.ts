const steps: [limit: number, unit: Intl.RelativeTimeFormatUnit][] = [
  [60, 'second'], [60, 'minute'], [24, 'hour'], [7, 'day'], [4.35, 'week'], [12, 'month'], [Infinity, 'year'],
];

/** "3 days ago", "yesterday", "now": the largest unit that fits, in `locale`. */
export function relativeTime(iso: string, locale: string, now = Date.now()): string {
  let amount = (Date.parse(iso) - now) / 1000;
  const format = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  for (const [limit, unit] of steps) {
    if (Math.abs(amount) < limit) return format.format(Math.round(amount), unit);
    amount /= limit;
  }
  return format.format(Math.round(amount), 'year');
}
