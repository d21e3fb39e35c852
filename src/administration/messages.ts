import { defineMessages, messageRenderer } from '../core/messages.ts';

/** What the administration routes say to people, in Dutch and English. */
export const ADMINISTRATION_MESSAGES = defineMessages({
  'instant-format': {
    nl: (p) =>
      `"${p.value}" is geen bestaand tijdstip: geef een ISO 8601-datum en -tijd met tijdzone, zoals 2026-01-31T23:00:00Z.`,
    en: (p) =>
      `"${p.value}" is not a real instant: give an ISO 8601 date and time with a time zone, such as 2026-01-31T23:00:00Z.`,
  },
  'audit-query-invalid': {
    nl: (p) => `Ongeldige parameter in de zoekopdracht: ${p.parameters}.`,
    en: (p) => `Invalid query parameter: ${p.parameters}.`,
  },
});

export type AdministrationMessage = keyof typeof ADMINISTRATION_MESSAGES;

/**
 * A message of the administration routes in the asker's language.
 *
 * @example
 * administrationMessage('instant-format', 'nl', { value: '2026-02-30T00:00:00Z' });
 */
export const administrationMessage = messageRenderer(ADMINISTRATION_MESSAGES);
