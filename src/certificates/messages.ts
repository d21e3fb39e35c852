import { defineMessages, messageRenderer, type Message } from '../core/messages.ts';
import type { MessageParams } from '../core/errors.ts';

/** Refusals of PDF certificates, badge exports and LinkedIn, in Dutch and English. */
export const CERTIFICATE_MESSAGES = defineMessages({
  'export-credential-unknown': {
    nl: (p) =>
      `Er is geen leerbewijs ${p.id} op dit platform. Geef het kenmerk (de URL van het leerbewijs) of de UUID aan het einde ervan.`,
    en: (p) =>
      `There is no credential ${p.id} on this platform. Give its id (the credential's URL) or the UUID at its end.`,
  },
  'export-format-unknown': {
    nl: (p) => `Het formaat "${p.format}" bestaat niet voor een export; kies uit ${p.formats}.`,
    en: (p) => `There is no export format "${p.format}"; choose one of ${p.formats}.`,
  },
  'export-lang-unknown': {
    nl: (p) => `De taal "${p.lang}" bestaat niet voor een certificaat; kies nl of en.`,
    en: (p) => `There is no certificate language "${p.lang}"; choose nl or en.`,
  },
  'export-badge-unavailable': {
    nl: (p) =>
      `Leerbewijs ${p.id} heeft geen badge-afbeelding om het in te bakken; exporteer het als json of pdf.`,
    en: (p) => `Credential ${p.id} has no badge image to bake it into; export it as json or pdf.`,
  },
  'export-not-a-certificate': {
    nl: (p) =>
      `Van leerbewijs ${p.id} kan geen certificaat gemaakt worden: het is geen Open Badges-leerbewijs.`,
    en: (p) => `Credential ${p.id} cannot be printed as a certificate: it is not an Open Badges credential.`,
  },
  'export-out-unwritable': {
    nl: (p) => `Kan ${p.file} niet schrijven: ${p.detail}`,
    en: (p) => `Cannot write ${p.file}: ${p.detail}`,
  },
} satisfies Record<string, Message>);

export type CertificateMessageKey = keyof typeof CERTIFICATE_MESSAGES;

/** A certificate message in one language. */
export const certificateMessage = messageRenderer(CERTIFICATE_MESSAGES);

/**
 * A certificate message in both languages, Dutch first, as the command line shows a refusal when the
 * operator did not choose a language.
 *
 * @example
 * certificateMessageInBoth('export-format-unknown', { format: 'docx', formats: 'json, pdf, png, svg' });
 */
export function certificateMessageInBoth(key: CertificateMessageKey, params: MessageParams = {}): string {
  return `${certificateMessage(key, 'nl', params)} / ${certificateMessage(key, 'en', params)}`;
}
