import type { Lang, Messages } from './i18n/dictionary.ts';

const LOCALES: Record<Lang, string> = { nl: 'nl-BE', en: 'en-GB' };

export function locale(lang: Lang): string {
  return LOCALES[lang];
}

/** Euro amount from cents: "€ 319,30" in Dutch, "€319.30" in English. */
export function formatMoney(cents: number, lang: Lang): string {
  return new Intl.NumberFormat(locale(lang), { style: 'currency', currency: 'EUR' }).format(cents / 100);
}

export function formatNumber(value: number, lang: Lang): string {
  return new Intl.NumberFormat(locale(lang), { maximumFractionDigits: 2 }).format(value);
}

export function formatDate(iso: string, lang: Lang): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(locale(lang), { dateStyle: 'long' }).format(date);
}

function displayName(code: string, lang: Lang, type: 'language' | 'region'): string {
  try {
    const name = new Intl.DisplayNames([locale(lang)], { type }).of(code);
    if (!name || name === code) return code.toUpperCase();
    return name.charAt(0).toLocaleUpperCase(locale(lang)) + name.slice(1);
  } catch {
    return code.toUpperCase();
  }
}

/** Name of an ISO 639-1 language in the interface language ("nl" → "Nederlands" / "Dutch"). */
export function languageName(code: string, lang: Lang): string {
  return displayName(code, lang, 'language');
}

/** Name of an ISO 3166-1 country in the interface language ("BE" → "België" / "Belgium"). */
export function countryName(code: string, lang: Lang): string {
  return displayName(code, lang, 'region');
}

/** "Vlaanderen, België" from an ISO 3166-2 region and a country code. */
export function regionAndCountry(region: string, country: string, lang: Lang, t: Messages): string {
  const regionName = t.regions[region] ?? region;
  return regionName ? `${regionName}, ${countryName(country, lang)}` : countryName(country, lang);
}

/** Date and time to the minute: "3 maart 2026 om 14:05" / "3 March 2026 at 14:05". */
export function formatDateTime(iso: string, lang: Lang): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(locale(lang), { dateStyle: 'long', timeStyle: 'short' }).format(date);
}
