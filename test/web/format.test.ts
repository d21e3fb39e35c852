import { describe, expect, it } from 'vitest';
import { DICTIONARY } from '../../web/src/i18n/dictionary.ts';
import {
  countryName,
  formatDate,
  formatDateTime,
  formatMoney,
  formatNumber,
  languageName,
  locale,
  regionAndCountry,
} from '../../web/src/format.ts';

/** Intl puts (narrow) no-break spaces in numbers and dates; the tests read them as spaces. */
function plain(text: string): string {
  return text.replace(/[\u00a0\u202f]/g, ' ');
}

describe('formatting for the interface language', () => {
  it('uses the Belgian Dutch and the British English conventions', () => {
    expect(locale('nl')).toBe('nl-BE');
    expect(locale('en')).toBe('en-GB');
  });

  it('writes euro amounts from cents', () => {
    expect(plain(formatMoney(31930, 'nl'))).toBe('€ 319,30');
    expect(plain(formatMoney(31930, 'en'))).toBe('€319.30');
    expect(plain(formatMoney(0, 'nl'))).toBe('€ 0,00');
  });

  it('writes numbers with at most two decimals', () => {
    expect(formatNumber(1.5, 'nl')).toBe('1,5');
    expect(formatNumber(1.5, 'en')).toBe('1.5');
    expect(formatNumber(2 / 3, 'en')).toBe('0.67');
    expect(formatNumber(1234, 'nl')).toBe('1.234');
    expect(formatNumber(1234, 'en')).toBe('1,234');
  });

  it('writes a date in full words, and leaves what is no date as it is', () => {
    // Midday UTC is the same day in every time zone a test machine may have.
    expect(formatDate('2026-03-03T12:00:00Z', 'nl')).toBe('3 maart 2026');
    expect(formatDate('2026-03-03T12:00:00Z', 'en')).toBe('3 March 2026');
    expect(formatDate('not a date', 'nl')).toBe('not a date');
    expect(formatDateTime('later', 'en')).toBe('later');
  });

  it('writes a date with the time to the minute', () => {
    const nl = plain(formatDateTime('2026-03-03T12:00:00Z', 'nl'));
    const en = plain(formatDateTime('2026-03-03T12:00:00Z', 'en'));
    expect(nl).toMatch(/^3 maart 2026 om \d{2}:00$/);
    expect(en).toMatch(/^3 March 2026 at \d{2}:00$/);
  });

  it('names languages and countries in the interface language, with a capital', () => {
    expect(languageName('nl', 'nl')).toBe('Nederlands');
    expect(languageName('nl', 'en')).toBe('Dutch');
    expect(languageName('fr', 'nl')).toBe('Frans');
    expect(countryName('BE', 'nl')).toBe('België');
    expect(countryName('BE', 'en')).toBe('Belgium');
  });

  it('falls back to the code in capitals for a code no one knows', () => {
    expect(languageName('zz', 'nl')).toBe('ZZ');
    expect(countryName('not-a-code', 'en')).toBe('NOT-A-CODE');
  });

  it('puts a known region before the country, and leaves an unknown one as it is', () => {
    const t = DICTIONARY.nl;
    const [region, name] = Object.entries(t.regions)[0]!;
    expect(regionAndCountry(region, 'BE', 'nl', t)).toBe(`${name}, België`);
    expect(regionAndCountry('BE-XXX', 'BE', 'nl', t)).toBe('BE-XXX, België');
    expect(regionAndCountry('', 'BE', 'en', DICTIONARY.en)).toBe('Belgium');
  });
});
