import type { Lang } from '../core/i18n.ts';
import type { MessageParams } from '../core/errors.ts';
import { defineMessages, messageRenderer } from '../core/messages.ts';
import { EXPIRY_TIME_ZONE } from './token-rules.ts';

const LOCALES: Record<Lang, string> = { nl: 'nl-BE', en: 'en-GB' };

/** An instant as people in Flanders read it: "1 juli 2027 om 00:00" / "1 July 2027 at 00:00". */
export function formatInstant(iso: string, lang: Lang): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const text = new Intl.DateTimeFormat(LOCALES[lang], {
    dateStyle: 'long',
    timeStyle: 'short',
    timeZone: EXPIRY_TIME_ZONE,
  }).format(date);
  return lang === 'nl' ? `${text} (Belgische tijd)` : `${text} (Belgian time)`;
}

const at = (p: MessageParams, lang: Lang) => formatInstant(String(p.at ?? ''), lang);

/**
 * Every refusal of institutions and their API tokens, in Dutch and English: the rule ids of `token-rules.ts`
 * and the keys the errors carry. `core/http.ts` renders them in the request's language; instants are written
 * as people in Flanders read them, in that language.
 */
export const INSTITUTION_MESSAGES = defineMessages({
  // ---- rules of a request for a token (token-rules.ts)
  'token-name-required': {
    nl: 'Geef het token een naam die zegt waarvoor het dient.',
    en: 'Give the token a name that says what it is for.',
  },
  'token-name-length': {
    nl: (p) => `De naam telt hoogstens ${p.max} tekens.`,
    en: (p) => `The name has at most ${p.max} characters.`,
  },
  'token-name-characters': {
    nl: 'De naam bevat stuur- of richtingstekens; gebruik gewone tekst.',
    en: 'The name contains control or direction characters; use plain text.',
  },
  'token-expiry-format': {
    nl: (p) =>
      `"${p.value}" is geen vervaldatum: geef een datum zoals 2027-06-30, een aantal dagen zoals 90d, of een tijdstip met tijdzone.`,
    en: (p) =>
      `"${p.value}" is not an expiry: give a date such as 2027-06-30, a number of days such as 90d, or a date-time with time zone.`,
  },
  'token-expiry-days': {
    nl: (p) => `Geef 1 tot ${p.max} dagen, zoals 90d.`,
    en: (p) => `Give 1 to ${p.max} days, such as 90d.`,
  },
  'token-expiry-past': {
    nl: (p) => `De vervaldatum ${p.value} ligt niet in de toekomst.`,
    en: (p) => `The expiry ${p.value} is not in the future.`,
  },
  'token-roles-empty': {
    nl: 'Kies minstens één rol voor het token.',
    en: 'Choose at least one role for the token.',
  },
  'token-role-unknown': {
    nl: (p) => `"${p.role}" is geen rol; kies uit ${p.known}.`,
    en: (p) => `"${p.role}" is not a role; choose from ${p.known}.`,
  },
  'api-token-invalid': {
    nl: 'Het verzoek voor een API-token is niet geldig.',
    en: 'The request for an API token is not valid.',
  },
  // ---- a token that does not work
  'token-missing': {
    nl: 'Stuur een API-token mee: Authorization: Bearer stp_…',
    en: 'Send an API token: Authorization: Bearer stp_…',
  },
  'token-unknown': { nl: 'Dit API-token is niet bekend.', en: 'This API token is not known.' },
  'token-expired': {
    nl: (p) => `Dit API-token is verlopen op ${at(p, 'nl')}. Vraag een beheerder om een nieuw token.`,
    en: (p) => `This token expired on ${at(p, 'en')}. Ask an administrator for a new token.`,
  },
  'token-revoked': {
    nl: (p) => `Dit API-token is ingetrokken op ${at(p, 'nl')}.`,
    en: (p) => `This token was revoked on ${at(p, 'en')}.`,
  },
  // ---- managing tokens
  'token-already-revoked': {
    nl: (p) => `Dit API-token is al ingetrokken op ${at(p, 'nl')}.`,
    en: (p) => `This token was already revoked on ${at(p, 'en')}.`,
  },
  'token-not-found': {
    nl: (p) => `Er is geen API-token met id ${p.id}.`,
    en: (p) => `There is no API token with id ${p.id}.`,
  },
  'token-by-token': {
    nl: 'Een API-token kan geen API-tokens beheren: meld je aan als beheerder. Zo kan een gelekt token zichzelf niet vervangen.',
    en: 'An API token cannot manage API tokens: sign in as an administrator. That way a leaked token cannot replace itself.',
  },
  // ---- institutions
  'slug-format': {
    nl: 'Gebruik 2 tot 63 kleine letters, cijfers of koppeltekens.',
    en: 'Use 2 to 63 lower-case letters, digits or hyphens.',
  },
  'country-code': {
    nl: 'Gebruik een ISO 3166-1 alpha-2-code zoals BE.',
    en: 'Use an ISO 3166-1 alpha-2 code such as BE.',
  },
  'institution-invalid': { nl: 'De instelling is niet geldig.', en: 'The institution is not valid.' },
  // The same words as the core's, for a slug nobody holds a role at.
  'institution-unknown': {
    nl: (p) => `Er is geen instelling "${p.slug}".`,
    en: (p) => `There is no institution "${p.slug}".`,
  },
  'institution-id-unknown': { nl: 'Deze instelling bestaat niet.', en: 'There is no such institution.' },
});

export type InstitutionMessageKey = keyof typeof INSTITUTION_MESSAGES;

/**
 * Renders a message of institutions in a language (the CLI's English, tests).
 *
 * @example
 * institutionMessage('token-not-found', 'nl', { id: 'abc' }) // → 'Er is geen API-token met id abc.'
 */
export const institutionMessage = messageRenderer(INSTITUTION_MESSAGES);
