import type { MessageParams } from './errors.ts';
import type { Lang } from './i18n.ts';
import { defineMessages } from './messages.ts';

type Template = (p: MessageParams) => string;

/**
 * A request schema's problem in words, by its kind. The validator words every problem in English itself
 * (`message`), so English needs its own words only where ours say more; a kind without Dutch words here
 * takes the `nl` the problem carries.
 */
const SCHEMA_PROBLEMS: Readonly<Record<string, { nl: Template; en?: Template }>> = {
  required: { nl: () => 'is verplicht', en: () => 'is required' },
  'unknown-field': { nl: () => 'is geen gekend veld', en: () => 'is not a known field' },
  'one-of': { nl: (p) => `moet een van deze zijn: ${p.allowed}`, en: (p) => `must be one of: ${p.allowed}` },
  type: { nl: (p) => `moet van het type ${p.type} zijn` },
  maxLength: { nl: (p) => `mag hoogstens ${p.limit} tekens lang zijn` },
  minLength: { nl: (p) => `moet minstens ${p.limit} tekens lang zijn` },
  maximum: { nl: (p) => `mag hoogstens ${p.limit} zijn` },
  minimum: { nl: (p) => `moet minstens ${p.limit} zijn` },
};

function schemaProblem(p: MessageParams, lang: Lang): string | undefined {
  const kind = String(p.kind);
  return Object.hasOwn(SCHEMA_PROBLEMS, kind) ? SCHEMA_PROBLEMS[kind]![lang]?.(p) : undefined;
}

/** Messages of the core: what every route can answer, whichever domain it belongs to. */
export const CORE_MESSAGES = defineMessages({
  'validation-failed': { nl: 'Het verzoek is niet geldig.', en: 'The request is not valid.' },
  'not-found': { nl: 'Niet gevonden.', en: 'Not found.' },
  'no-route': {
    nl: (p) => `Er is geen route ${p.method} ${p.path}.`,
    en: (p) => `No route ${p.method} ${p.path}.`,
  },
  unauthorized: { nl: 'Meld je eerst aan.', en: 'Sign in first.' },
  'sign-in-with-account': { nl: 'Meld je aan met een account.', en: 'Sign in with an account.' },
  forbidden: { nl: 'Dat mag je niet doen.', en: 'You may not do this.' },
  'csrf-missing': {
    nl: 'Dit verzoek mist het CSRF-token van je sessie (header x-csrf-token). Laad de pagina opnieuw.',
    en: 'This request lacks the CSRF token of your session (header x-csrf-token). Reload the page.',
  },
  'institution-unknown': {
    nl: (p) => `Er is geen instelling "${p.slug}".`,
    en: (p) => `There is no institution "${p.slug}".`,
  },
  'role-needed': {
    nl: (p) => `Hiervoor heb je de rol ${p.roles} nodig bij ${p.slug}.`,
    en: (p) => `This needs the role ${p.roles} at ${p.slug}.`,
  },
  internal: {
    nl: 'Er ging bij ons iets mis. Het is gelogd.',
    en: 'Something went wrong on our side. It has been logged.',
  },
  'http-400': { nl: 'Het verzoek kon niet gelezen worden.', en: 'The request could not be read.' },
  'http-413': { nl: 'Het verzoek is te groot.', en: 'The request is too large.' },
  'http-415': {
    nl: 'Dit soort inhoud wordt hier niet aanvaard.',
    en: 'This content type is not accepted here.',
  },
  // Problems found by the request schemas, per kind (see SCHEMA_PROBLEMS).
  schema: {
    nl: (p) => schemaProblem(p, 'nl') ?? String(p.nl ?? 'is niet geldig'),
    en: (p) => schemaProblem(p, 'en') ?? String(p.message ?? 'is not valid'),
  },
  // Text rules (src/core/text-rules.ts), for titles, names and other text people read.
  'text-bidi-control': {
    nl: (p) =>
      `Bevat een onzichtbaar teken dat de leesrichting omkeert (${p.codePoint}), waardoor de tekst anders leest dan er staat. Haal het weg.`,
    en: (p) =>
      `Contains an invisible character that changes the reading direction (${p.codePoint}), so the text reads differently from what it says. Remove it.`,
  },
  'text-control-character': {
    nl: (p) => `Bevat een stuurteken (${p.codePoint}) dat niet in tekst thuishoort. Haal het weg.`,
    en: (p) => `Contains a control character (${p.codePoint}) that does not belong in text. Remove it.`,
  },
  'text-invalid': {
    nl: 'Een tekstveld bevat tekens die niet toegelaten zijn.',
    en: 'A text field contains characters that are not allowed.',
  },
  'text-invisible-only': {
    nl: 'Bevat alleen onzichtbare tekens (zoals spaties zonder breedte): schrijf zichtbare tekst.',
    en: 'Contains only invisible characters (such as zero-width spaces): write visible text.',
  },
});
