import { defineMessages, renderMessage, type Message } from '../core/messages.ts';
import { t, type Lang } from '../core/i18n.ts';
import type { MessageParams } from '../core/errors.ts';
import type { RuleProblem } from './rules.ts';
import type { LocalizedMessage } from './schemas.ts';
import { VERSION_MESSAGES } from './version-messages.ts';

/**
 * The catalogue's rules in words, in Dutch and English. Keys for rule violations are the rule identifiers of
 * `rules.ts`, so that the API, the CLI and the editor explain a refusal with the same words.
 */
export const CATALOGUE_RULE_MESSAGES = defineMessages({
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
});

/** The catalogue's own refusals: what is not there, what already is, and why a write is refused. */
export const CATALOGUE_REFUSALS = defineMessages({
  'course-unit-exists': {
    nl: (p) => `Opleidingsonderdeel ${p.code} bestaat al.`,
    en: (p) => `Course unit ${p.code} already exists.`,
  },
  'micro-credential-exists': {
    nl: (p) => `Micro-credential ${p.code} bestaat al.`,
    en: (p) => `Micro-credential ${p.code} already exists.`,
  },
  'course-unit-not-found': {
    nl: (p) => `Opleidingsonderdeel ${p.code} bestaat niet.`,
    en: (p) => `Course unit ${p.code} does not exist.`,
  },
  'course-unit-version-not-found': {
    nl: (p) => `Opleidingsonderdeel ${p.code} heeft geen versie ${p.version}.`,
    en: (p) => `Course unit ${p.code} version ${p.version} does not exist.`,
  },
  'course-unit-version-not-public': {
    nl: (p) => `Versie ${p.version} van opleidingsonderdeel ${p.code} is niet gepubliceerd.`,
    en: (p) => `Course unit ${p.code} version ${p.version} is not published.`,
  },
  'course-unit-no-draft': {
    nl: (p) => `Opleidingsonderdeel ${p.code} heeft geen concept om te publiceren.`,
    en: (p) => `Course unit ${p.code} has no draft to publish.`,
  },
  'course-unit-rules-broken': {
    nl: (p) => `Opleidingsonderdeel ${p.code} voldoet niet aan de regels.`,
    en: (p) => `Course unit ${p.code} breaks the rules.`,
  },
  'course-unit-not-publishable': {
    nl: (p) => `Opleidingsonderdeel ${p.code} kan nog niet gepubliceerd worden.`,
    en: (p) => `Course unit ${p.code} cannot be published yet.`,
  },
  'micro-credential-not-found': {
    nl: (p) => `Micro-credential ${p.code} bestaat niet.`,
    en: (p) => `Micro-credential ${p.code} does not exist.`,
  },
  'micro-credential-version-not-found': {
    nl: (p) => `Micro-credential ${p.code} heeft geen versie ${p.version}.`,
    en: (p) => `Micro-credential ${p.code} version ${p.version} does not exist.`,
  },
  'micro-credential-not-in-catalogue': {
    nl: (p) => `Micro-credential ${p.code} staat niet in de catalogus.`,
    en: (p) => `Micro-credential ${p.code} is not in the catalogue.`,
  },
  'micro-credential-rules-broken': {
    nl: (p) => `Micro-credential ${p.code} voldoet niet aan de regels.`,
    en: (p) => `Micro-credential ${p.code} breaks the rules.`,
  },
  'micro-credential-not-publishable': {
    nl: (p) => `Micro-credential ${p.code} kan nog niet gepubliceerd worden.`,
    en: (p) => `Micro-credential ${p.code} cannot be published yet.`,
  },
  'micro-credential-publish-at-creation': {
    nl: (p) => `Micro-credential ${p.code} kan niet bij het aanmaken al gepubliceerd worden.`,
    en: (p) => `Micro-credential ${p.code} cannot be published at creation.`,
  },
  'quality-procedure': {
    nl: 'Een micro-credential wordt pas gepubliceerd na kwaliteitsbeoordeling: maak ze aan als concept, dien ze in en publiceer ze na goedkeuring.',
    en: 'A micro-credential is published only after quality review: create it as a draft, submit it and publish it once approved.',
  },
  'micro-credential-has-draft': {
    nl: (p) => `Micro-credential ${p.code} heeft al een concept (versie ${p.version}).`,
    en: (p) => `Micro-credential ${p.code} already has a draft (version ${p.version}).`,
  },
  'micro-credential-under-review': {
    nl: (p) =>
      `Versie ${p.version} van micro-credential ${p.code} ligt ter kwaliteitsbeoordeling; wacht op de beslissing.`,
    en: (p) =>
      `Micro-credential ${p.code} version ${p.version} is under quality review; wait for the decision.`,
  },
  'version-not-found': { nl: 'Die versie bestaat niet.', en: 'There is no such version.' },
  'reviewed-course-unit-unpublished': {
    nl: (p) =>
      `Micro-credential ${p.code} werd beoordeeld met versie ${p.version} van opleidingsonderdeel ${p.courseUnit}, en die is niet gepubliceerd.`,
    en: (p) =>
      `Micro-credential ${p.code} was reviewed with course unit ${p.courseUnit} version ${p.version}, which is not published.`,
  },
  'badge-image-refused': {
    nl: 'Deze badge-afbeelding kan niet gebruikt worden.',
    en: 'This badge image cannot be used.',
  },
  'badge-image-type': {
    nl: 'Een badge-afbeelding is een SVG- of PNG-bestand.',
    en: 'A badge image is an SVG or PNG file.',
  },
  'badge-image-not-base64': {
    nl: 'Stuur de afbeelding als data-URL in base64 (data:image/png;base64,…).',
    en: 'Send the image as a base64 data URL (data:image/png;base64,…).',
  },
  'badge-image-too-large': {
    nl: (p) =>
      `De afbeelding is ${Math.ceil(Number(p.size) / 1024)} KB; een badge-afbeelding is hoogstens ${Math.floor(Number(p.limit) / 1024)} KB.`,
    en: (p) =>
      `The image is ${Math.ceil(Number(p.size) / 1024)} KB; a badge image is at most ${Math.floor(Number(p.limit) / 1024)} KB.`,
  },
  'badge-image-not-png': {
    nl: 'Dit bestand is geen geldige PNG-afbeelding.',
    en: 'This file is not a valid PNG image.',
  },
  'badge-image-not-svg': {
    nl: 'Dit bestand is geen leesbare SVG-afbeelding (met een <svg>-element als basis).',
    en: 'This file is not a readable SVG image (with an <svg> root element).',
  },
  'badge-image-unsafe-svg': {
    nl: (p) =>
      `De SVG bevat ${p.what}. Een badge-afbeelding mag geen scripts, gebeurtenisattributen of verwijzingen naar andere bestanden bevatten; exporteer ze zonder.`,
    en: (p) =>
      `The SVG contains ${p.what}. A badge image may not contain scripts, event attributes or references to other files; export it without them.`,
  },
  'badge-image-unrenderable': {
    nl: 'Deze SVG kan niet getekend worden (ze is onvolledig of ongeldig). Exporteer ze opnieuw als gewone SVG.',
    en: 'This SVG cannot be drawn (it is incomplete or invalid). Export it again as a plain SVG.',
  },
  'badge-image-not-found': {
    nl: 'Er is geen gepubliceerde badge-afbeelding op dit adres.',
    en: 'There is no published badge image at this address.',
  },
});

/** Every message of the catalogue, registered in `src/messages.ts`. */
export const CATALOGUE_MESSAGES = { ...CATALOGUE_RULE_MESSAGES, ...CATALOGUE_REFUSALS, ...VERSION_MESSAGES };

const EU_ELEMENT_NAMES: Readonly<Record<string, { nl: string; en: string }>> = {
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
/** The name of an EU mandatory element in `lang` (the key itself for an unknown one). */
export function euElementName(element: string, lang: Lang): string {
  return EU_ELEMENT_NAMES[element]?.[lang] ?? element;
}

/**
 * A catalogue message in `lang` (or a core text rule's), for the editor's live checks and the CLI; an unknown
 * key comes back as the key itself, which the message tests catch.
 *
 * @example catalogueText('ects-below-60', 'nl', { limit: 60 }); // → 'Een micro-credential is altijd kleiner dan 60 ECTS.'
 */
export function catalogueText(key: string, lang: Lang, params: MessageParams = {}): string {
  const entry = (CATALOGUE_MESSAGES as Readonly<Record<string, Message>>)[key];
  // The text rules are the core's: titles and outcomes share them with every other text people read.
  return entry ? renderMessage(entry, lang, params) : t(key, lang, params);
}

/** A rule's findings in both languages, as views carry them (warnings, the problems of a draft). */
export function localize(problems: readonly RuleProblem[]): LocalizedMessage[] {
  return problems.map((p) => ({
    field: p.field,
    rule: p.rule,
    message: { nl: catalogueText(p.rule, 'nl', p.params), en: catalogueText(p.rule, 'en', p.params) },
  }));
}
