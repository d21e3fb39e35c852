/**
 * Reading instants from query strings strictly. `Date` is lenient (2026-02-30 becomes 2 March, 24:00 the
 * next day) and throws on `toISOString()` for what it cannot place (a leap second, year 9999's last
 * second), so a query parameter is checked field by field first.
 */

const INSTANT =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(?:Z|z|([+-])(\d{2}):(\d{2}))$/;

const DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function daysInMonth(year: number, month: number): number {
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return month === 2 && leap ? 29 : DAYS[month - 1]!;
}

/**
 * An ISO 8601 / RFC 3339 date-time with `Z` or an offset, as a Date; undefined when it is not a real
 * instant (a day that does not exist, hour 24, a leap second, an offset beyond ±23:59, no offset).
 *
 * @example
 * parseInstantStrict('2026-01-15T12:00:00+01:00')?.toISOString(); // '2026-01-15T11:00:00.000Z'
 * parseInstantStrict('2026-02-30T00:00:00Z'); // undefined
 * parseInstantStrict('9999-12-31T23:59:60Z'); // undefined
 */
export function parseInstantStrict(text: string): Date | undefined {
  const m = INSTANT.exec(text);
  if (!m) return undefined;
  const [year, month, day, hour, minute] = [m[1], m[2], m[3], m[4], m[5]].map(Number) as [
    number,
    number,
    number,
    number,
    number,
  ];
  const second = m[6] === undefined ? 0 : Number(m[6]);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  if (hour > 23 || minute > 59 || second > 59) return undefined;
  if (m[8] !== undefined && (Number(m[9]) > 23 || Number(m[10]) > 59)) return undefined;
  const date = new Date(text);
  return Number.isNaN(date.getTime()) ? undefined : date;
}
