import type { Lang } from '../core/i18n.ts';
import { EXPIRY_TIME_ZONE, type TokenProblem } from './token-rules.ts';

type Params = Record<string, string | number>;
type Template = (p: Params) => string;

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

/** Messages of API tokens, by key, in both languages. */
export const TOKEN_MESSAGES: Record<TokenProblem['rule'] | TokenMessageKey, { nl: Template; en: Template }> =
  {
    'token-name-required': {
      nl: () => 'Geef het token een naam die zegt waarvoor het dient.',
      en: () => 'Give the token a name that says what it is for.',
    },
    'token-name-length': {
      nl: (p) => `De naam telt hoogstens ${p.max} tekens.`,
      en: (p) => `The name has at most ${p.max} characters.`,
    },
    'token-name-characters': {
      nl: () => 'De naam bevat stuur- of richtingstekens; gebruik gewone tekst.',
      en: () => 'The name contains control or direction characters; use plain text.',
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
      nl: () => 'Kies minstens één rol voor het token.',
      en: () => 'Choose at least one role for the token.',
    },
    'token-role-unknown': {
      nl: (p) => `"${p.role}" is geen rol; kies uit ${p.known}.`,
      en: (p) => `"${p.role}" is not a role; choose from ${p.known}.`,
    },
    'token-missing': {
      nl: () => 'Stuur een API-token mee: Authorization: Bearer stp_…',
      en: () => 'Send an API token: Authorization: Bearer stp_…',
    },
    'token-unknown': {
      nl: () => 'Dit API-token is niet bekend.',
      en: () => 'This API token is not known.',
    },
    'token-expired': {
      nl: (p) => `Dit API-token is verlopen op ${p.at}. Vraag een beheerder om een nieuw token.`,
      en: (p) => `This token expired on ${p.at}. Ask an administrator for a new token.`,
    },
    'token-revoked': {
      nl: (p) => `Dit API-token is ingetrokken op ${p.at}.`,
      en: (p) => `This token was revoked on ${p.at}.`,
    },
    'token-already-revoked': {
      nl: (p) => `Dit API-token is al ingetrokken op ${p.at}.`,
      en: (p) => `This token was already revoked on ${p.at}.`,
    },
    'token-not-found': {
      nl: (p) => `Er is geen API-token met id ${p.id}.`,
      en: (p) => `There is no API token with id ${p.id}.`,
    },
    'token-by-token': {
      nl: () =>
        'Een API-token kan geen API-tokens beheren: meld je aan als beheerder. Zo kan een gelekt token zichzelf niet vervangen.',
      en: () =>
        'An API token cannot manage API tokens: sign in as an administrator. That way a leaked token cannot replace itself.',
    },
    'token-invalid': {
      nl: () => 'Het verzoek voor een API-token is niet geldig.',
      en: () => 'The request for an API token is not valid.',
    },
  };

export type TokenMessageKey =
  | 'token-missing'
  | 'token-unknown'
  | 'token-expired'
  | 'token-revoked'
  | 'token-already-revoked'
  | 'token-not-found'
  | 'token-by-token'
  | 'token-invalid';

/** Renders a token message in a language. */
export function tokenMessage(key: keyof typeof TOKEN_MESSAGES, lang: Lang, params: Params = {}): string {
  return TOKEN_MESSAGES[key][lang](params);
}

/** The message for one problem with a token request. */
export function describeTokenProblem(problem: TokenProblem, lang: Lang): string {
  return tokenMessage(problem.rule, lang, 'params' in problem ? problem.params : {});
}
