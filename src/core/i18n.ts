/** Languages Stapel speaks: Dutch first, English second. */
export type Lang = 'nl' | 'en';
export const LANGS: readonly Lang[] = ['nl', 'en'];

type Params = Record<string, string | number>;
type Template = string | ((p: Params) => string);

/**
 * Messages by key, in both languages. Keys for rule violations are the rule identifiers, so that the
 * API, the CLI and the web UI explain a refusal with the same words.
 */
const MESSAGES: Record<string, { nl: Template; en: Template }> = {
  'code-format': {
    nl: 'De code bestaat uit 2 tot 40 letters, cijfers, punten, koppeltekens of underscores.',
    en: 'The code must be 2 to 40 letters, digits, dots, hyphens or underscores.',
  },
  'title-required': { nl: 'Een Nederlandse titel is verplicht.', en: 'A Dutch title is required.' },
  'ects-positive': {
    nl: 'De studieomvang moet groter zijn dan 0 ECTS.',
    en: 'The study load must be more than 0 ECTS.',
  },
  'ects-below-60': {
    nl: (p) => `Een micro-credential is altijd kleiner dan ${p.limit} ECTS.`,
    en: (p) => `A micro-credential is always less than ${p.limit} ECTS.`,
  },
  'ects-form-a-minimum': {
    nl: (p) => `Een micro-credential uit reguliere opleidingsonderdelen telt minstens ${p.minimum} ECTS.`,
    en: (p) => `A micro-credential built from regular course units has at least ${p.minimum} ECTS.`,
  },
  'ects-above-framework': {
    nl: (p) =>
      `Meer dan ${p.limit} ECTS: ongebruikelijk volgens het kaderakkoord (3–20 ECTS), maar toegestaan.`,
    en: (p) => `More than ${p.limit} ECTS: unusual under the framework agreement (3–20 ECTS), but allowed.`,
  },
  'ects-sum-of-course-units': {
    nl: (p) =>
      `De studieomvang (${p.ects} ECTS) moet gelijk zijn aan de som van de opleidingsonderdelen (${p.sum} ECTS).`,
    en: (p) => `The study load (${p.ects} ECTS) must equal the sum of its course units (${p.sum} ECTS).`,
  },
  'vks-level-range': {
    nl: 'Het VKS-niveau is een geheel getal van 1 tot 8.',
    en: 'The VKS level must be a whole number from 1 to 8.',
  },
  'course-units-required': {
    nl: 'Een micro-credential uit het reguliere aanbod bestaat uit minstens één opleidingsonderdeel.',
    en: 'A micro-credential from the regular curriculum must consist of at least one course unit.',
  },
  'course-units-not-allowed': {
    nl: 'Een micro-credential buiten het reguliere aanbod bestaat niet uit reguliere opleidingsonderdelen.',
    en: 'A micro-credential outside the regular offering does not consist of regular course units.',
  },
  'course-unit-unknown': {
    nl: (p) => `Opleidingsonderdeel ${p.code} bestaat niet bij deze instelling.`,
    en: (p) => `Course unit ${p.code} does not exist at this institution.`,
  },
  'course-unit-duplicate': {
    nl: (p) => `Opleidingsonderdeel ${p.code} staat er twee keer in.`,
    en: (p) => `Course unit ${p.code} is listed twice.`,
  },
  'course-unit-not-published': {
    nl: (p) => `Opleidingsonderdeel ${p.code} heeft nog geen gepubliceerde versie.`,
    en: (p) => `Course unit ${p.code} has no published version yet.`,
  },
  'course-unit-qa': {
    nl: (p) => `Opleidingsonderdeel ${p.code} valt niet onder interne én externe kwaliteitszorg.`,
    en: (p) => `Course unit ${p.code} is not under both internal and external quality assurance.`,
  },
  'qa-type-form': {
    nl: (p) => `Deze vorm vraagt kwaliteitszorg "${p.expected}".`,
    en: (p) => `This form requires quality assurance "${p.expected}".`,
  },
  'tuition-decree': {
    nl: 'Het studiegeld van een micro-credential uit het reguliere aanbod is decretaal bepaald; geef geen bedrag op.',
    en: 'Tuition for a micro-credential from the regular curriculum is set by decree; do not give an amount.',
  },
  'tuition-institution': {
    nl: 'Geef het studiegeld op dat de instelling vraagt (een bedrag van 0 euro of meer).',
    en: 'State the tuition the institution charges (an amount of 0 euro or more).',
  },
  'language-code': {
    nl: 'De taal is een ISO 639-1-code van twee kleine letters, zoals "nl" of "en".',
    en: 'The language must be a two-letter ISO 639-1 code such as "nl" or "en".',
  },
  'url-format': { nl: 'Geef een volledige http(s)-URL op.', en: 'Give a full http(s) URL.' },
  'workload-hours': {
    nl: 'De studietijd in uren moet groter zijn dan 0.',
    en: 'The workload in hours must be more than 0.',
  },
  'eu-mandatory': {
    nl: (p) => `Verplicht EU-element ontbreekt: ${euElementName(String(p.element), 'nl')}.`,
    en: (p) => `Mandatory EU element missing: ${euElementName(String(p.element), 'en')}.`,
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
};

const EU_ELEMENT_NAMES: Record<string, { nl: string; en: string }> = {
  'learner-identification': { nl: 'identificatie van de lerende', en: 'identification of the learner' },
  title: { nl: 'titel', en: 'title' },
  'country-region': { nl: 'land/regio van de uitreiker', en: 'country/region of the issuer' },
  'awarding-body': { nl: 'uitreikende instelling', en: 'awarding body' },
  'date-of-issue': { nl: 'datum van uitreiking', en: 'date of issue' },
  'learning-outcomes': { nl: 'leerresultaten', en: 'learning outcomes' },
  workload: { nl: 'studieomvang (ECTS)', en: 'notional workload (ECTS)' },
  level: { nl: 'niveau (VKS/EQF)', en: 'level (EQF/VKS)' },
  'assessment-type': { nl: 'type beoordeling', en: 'type of assessment' },
  'participation-form': { nl: 'vorm van deelname', en: 'form of participation' },
  'quality-assurance': { nl: 'type kwaliteitszorg', en: 'type of quality assurance' },
};

export function euElementName(element: string, lang: Lang): string {
  return EU_ELEMENT_NAMES[element]?.[lang] ?? element;
}

/** Renders a message; unknown keys come back as the key itself, which a test would catch. */
export function t(key: string, lang: Lang, params: Params = {}): string {
  const entry = MESSAGES[key];
  if (!entry) return key;
  const template = entry[lang];
  return typeof template === 'function' ? template(params) : template;
}

export function hasMessage(key: string): boolean {
  return key in MESSAGES;
}

/** Picks nl or en from an Accept-Language header; English when neither is asked for. */
export function langFromHeader(header: string | undefined): Lang {
  if (!header) return 'en';
  const ranked = header
    .split(',')
    .map((part) => {
      const [tag = '', ...rest] = part.trim().split(';');
      const q = rest.find((r) => r.trim().startsWith('q='));
      return { tag: tag.toLowerCase(), q: q ? Number(q.trim().slice(2)) : 1 };
    })
    .sort((a, b) => b.q - a.q);
  for (const { tag } of ranked) {
    if (tag.startsWith('nl')) return 'nl';
    if (tag.startsWith('en')) return 'en';
  }
  return 'en';
}
