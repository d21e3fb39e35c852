import { defineMessages, type Message } from '../core/messages.ts';
import type { MessageParams } from '../core/errors.ts';
import { EDITION_MODES, type EnrolmentRuleId } from './rules.ts';

// A learner reads their enrolment's state in their own language; the API's status values stay English.
const STATUS_NL: Readonly<Record<string, string>> = {
  pending: 'in behandeling',
  waitlisted: 'op de wachtlijst',
  accepted: 'aanvaard',
  refused: 'geweigerd',
  cancelled: 'geannuleerd',
};
/** An enrolment's status in Dutch words (the API's values stay English). */
export const statusNl = (p: MessageParams) => STATUS_NL[String(p.status)] ?? String(p.status);

/**
 * What editions and reductions, both named by a code of their own, are told alike: the summary of a
 * refused one (`<noun> <code>` breaks the rules) and the conflict of a code taken.
 */
function codedMessages(noun: { nl: string; en: string }): { invalid: Message; exists: Message } {
  return {
    invalid: {
      nl: (p) => `${noun.nl} ${p.code} voldoet niet aan de regels.`,
      en: (p) => `${noun.en} ${p.code} breaks the rules.`,
    },
    exists: {
      nl: (p) => `${noun.nl} ${p.code} bestaat al.`,
      en: (p) => `${noun.en} ${p.code} already exists.`,
    },
  };
}

const EDITION = codedMessages({ nl: 'Editie', en: 'Edition' });
const REDUCTION = codedMessages({ nl: 'Korting', en: 'Reduction' });

/**
 * Every refusal of editions, reductions, enrolment and decree tuition, in Dutch and English: the rule ids of
 * `rules.ts` and the keys the enrolment errors carry. `core/http.ts` renders them in the request's language.
 */
export const ENROLMENT_MESSAGES = defineMessages({
  // ---- rules of an edition
  'edition-code-format': {
    nl: 'De code bestaat uit 2 tot 40 letters, cijfers, punten, koppeltekens of underscores.',
    en: 'The code must be 2 to 40 letters, digits, dots, hyphens or underscores.',
  },
  'date-format': {
    nl: 'Geef een bestaande datum in de vorm 2027-02-01.',
    en: 'Give a real date in the form 2027-02-01.',
  },
  'date-time-format': {
    nl: 'Geef een tijdstip met tijdzone, zoals 2027-01-15T12:00:00Z.',
    en: 'Give a date-time with a time zone, such as 2027-01-15T12:00:00Z.',
  },
  'edition-dates-order': {
    nl: 'De einddatum ligt niet vóór de startdatum.',
    en: 'The end date cannot lie before the start date.',
  },
  'enrolment-window-order': {
    nl: 'De inschrijving sluit na het openen.',
    en: 'Enrolment must close after it opens.',
  },
  'enrolment-window-after-end': {
    nl: (p) => `De inschrijving sluit uiterlijk op de laatste dag (${p.endsOn}).`,
    en: (p) => `Enrolment must close on or before the last day (${p.endsOn}).`,
  },
  'capacity-minimum': {
    nl: 'Een editie heeft minstens 1 plaats.',
    en: 'An edition has at least 1 place.',
  },
  'capacity-below-held': {
    nl: (p) => `Er zijn al ${p.held} plaatsen ingenomen: de capaciteit kan niet lager.`,
    en: (p) => `${p.held} places are already taken: the capacity cannot be lower.`,
  },
  'edition-mode': {
    nl: `Kies een vorm: ${EDITION_MODES.join(', ')}.`,
    en: `Choose a mode: ${EDITION_MODES.join(', ')}.`,
  },
  // The catalogue checks the same language field of a micro-credential: one rule, one text.
  'language-code': {
    nl: 'De taal is een ISO 639-1-code van twee kleine letters, zoals "nl" of "en".',
    en: 'The language must be a two-letter ISO 639-1 code such as "nl" or "en".',
  },
  'location-required': {
    nl: 'Een editie op locatie of gemengd vermeldt waar ze plaatsvindt.',
    en: 'An on-site or blended edition states where it takes place.',
  },
  'decree-year-missing': {
    nl: (p) =>
      `Het decretale studiegeld voor academiejaar ${p.academicYear} is nog niet ingevoerd. Een beheerder voert het in met: stapel tuition set --year ${p.academicYear} --fixed <euro> --per-credit <euro>.`,
    en: (p) =>
      `The decree tuition for academic year ${p.academicYear} has not been entered. An operator enters it with: stapel tuition set --year ${p.academicYear} --fixed <euro> --per-credit <euro>.`,
  },
  'tuition-unset': {
    nl: 'De micro-credential heeft geen studiegeld van de instelling.',
    en: 'The micro-credential has no tuition set by the institution.',
  },
  'micro-credential-not-published': {
    nl: (p) => `Micro-credential ${p.code} heeft geen gepubliceerde versie.`,
    en: (p) => `Micro-credential ${p.code} has no published version.`,
  },
  'edition-invalid': EDITION.invalid,
  'edition-exists': EDITION.exists,
  'edition-not-found': {
    nl: (p) => `Editie ${p.code} bestaat niet.`,
    en: (p) => `Edition ${p.code} does not exist.`,
  },
  'edition-unknown': {
    nl: (p) => `Er is geen editie ${p.id}.`,
    en: (p) => `There is no edition ${p.id}.`,
  },
  'edition-micro-credential-unknown': {
    nl: (p) => `Micro-credential ${p.code} staat niet in de catalogus.`,
    en: (p) => `Micro-credential ${p.code} is not in the catalogue.`,
  },
  'edition-price-locked': {
    nl: (p) =>
      `Editie ${p.code} heeft ${p.enrolled} inschrijving(en) aan de huidige prijs; met deze data valt ze in academiejaar ${p.academicYear}, met een andere prijs. Houd het academiejaar, of open een nieuwe editie.`,
    en: (p) =>
      `Edition ${p.code} has ${p.enrolled} enrolment(s) at the current price; these dates would move it to academic year ${p.academicYear} with another price. Keep the academic year, or open a new edition.`,
  },

  // ---- reductions
  'reduction-code-format': {
    nl: 'De code bestaat uit 2 tot 40 kleine letters, cijfers of koppeltekens.',
    en: 'The code must be 2 to 40 lower-case letters, digits or hyphens.',
  },
  'reduction-label-required': {
    nl: 'Een omschrijving is verplicht.',
    en: 'A label is required.',
  },
  'reduction-percent-range': {
    nl: 'Een korting ligt tussen 0 (exclusief) en 100 procent.',
    en: 'A reduction lies between 0 (exclusive) and 100 percent.',
  },
  'reduction-unknown': {
    nl: (p) => `Er is geen korting "${p.code}" voor deze editie.`,
    en: (p) => `There is no reduction "${p.code}" for this edition.`,
  },
  'reduction-invalid': REDUCTION.invalid,
  'reduction-exists': REDUCTION.exists,

  // ---- enrolling, cancelling, deciding
  'enrol-email-unverified': {
    nl: 'Bevestig eerst je e-mailadres (volg de link in de e-mail die we stuurden) en schrijf je dan in.',
    en: 'Confirm your e-mail address first (follow the link in the e-mail we sent), then enrol.',
  },
  'edition-closed-to-enrolment': {
    nl: (p) => `Editie ${p.code} neemt geen inschrijvingen aan.`,
    en: (p) => `Edition ${p.code} does not take enrolments.`,
  },
  'enrolment-not-open': {
    nl: (p) => `De inschrijving voor ${p.code} opent op ${p.opensAt}.`,
    en: (p) => `Enrolment for ${p.code} opens at ${p.opensAt}.`,
  },
  'enrolment-closed': {
    nl: (p) => `De inschrijving voor ${p.code} sloot op ${p.closedAt}.`,
    en: (p) => `Enrolment for ${p.code} closed at ${p.closedAt}.`,
  },
  'already-enrolled': {
    nl: (p) => `Je bent al ingeschreven voor ${p.code} (${statusNl(p)}).`,
    en: (p) => `You are already enrolled in ${p.code} (${p.status}).`,
  },
  'enrolment-refused-before': {
    nl: (p) => `Je inschrijving voor ${p.code} werd geweigerd.`,
    en: (p) => `Your enrolment in ${p.code} was refused.`,
  },
  'prerequisites-not-confirmed': {
    nl: 'Bevestig dat je aan de toelatingsvoorwaarden voldoet.',
    en: 'Confirm that you meet the prerequisites.',
  },
  'enrolment-unknown': {
    nl: (p) => `Je hebt geen inschrijving ${p.id}.`,
    en: (p) => `You have no enrolment ${p.id}.`,
  },
  'edition-enrolment-unknown': {
    nl: (p) => `Editie ${p.code} heeft geen inschrijving ${p.id}.`,
    en: (p) => `Edition ${p.code} has no enrolment ${p.id}.`,
  },
  'enrolment-not-cancellable': {
    nl: (p) => `Een inschrijving die ${statusNl(p)} is, kan niet geannuleerd worden.`,
    en: (p) => `An enrolment that is ${p.status} cannot be cancelled.`,
  },
  'enrolment-not-decidable': {
    nl: (p) =>
      `Een inschrijving die ${statusNl(p)} is, kan niet ${p.decision === 'accept' ? 'aanvaard' : 'geweigerd'} worden.`,
    en: (p) =>
      `An enrolment that is ${p.status} cannot be ${p.decision === 'accept' ? 'accepted' : 'refused'}.`,
  },
  'decision-reason-required': {
    nl: 'Een weigering vermeldt een reden voor de lerende.',
    en: 'A refusal states a reason for the learner.',
  },

  // ---- decree tuition
  'academic-year': {
    nl: 'Schrijf het academiejaar in de vorm 2026-27.',
    en: 'Use the form 2026-27.',
  },
});

export type EnrolmentMessageKey = keyof typeof ENROLMENT_MESSAGES;

/** Every rule of `rules.ts` has its words in the table: a rule without them does not compile. */
export const ENROLMENT_RULE_MESSAGES: Readonly<Record<EnrolmentRuleId, Message>> = ENROLMENT_MESSAGES;
