import type { Lang } from '../core/i18n.ts';

type Params = Record<string, string>;

/** What the administration routes say to people, in Dutch and English. */
const MESSAGES = {
  'instant-format': {
    nl: (p: Params) =>
      `"${p.value}" is geen bestaand tijdstip: geef een ISO 8601-datum en -tijd met tijdzone, zoals 2026-01-31T23:00:00Z.`,
    en: (p: Params) =>
      `"${p.value}" is not a real instant: give an ISO 8601 date and time with a time zone, such as 2026-01-31T23:00:00Z.`,
  },
  'audit-query-invalid': {
    nl: (p: Params) => `Ongeldige parameter in de zoekopdracht: ${p.parameters}.`,
    en: (p: Params) => `Invalid query parameter: ${p.parameters}.`,
  },
} satisfies Record<string, Record<Lang, (p: Params) => string>>;

export type AdministrationMessage = keyof typeof MESSAGES;

/**
 * A message of the administration routes in the asker's language.
 *
 * @example
 * administrationMessage('instant-format', 'nl', { value: '2026-02-30T00:00:00Z' });
 */
export function administrationMessage(key: AdministrationMessage, lang: Lang, params: Params = {}): string {
  return MESSAGES[key][lang](params);
}
