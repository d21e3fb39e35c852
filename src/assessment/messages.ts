import type { Lang } from '../core/i18n.ts';
import type { MessageParams } from '../core/errors.ts';
import { CORE_MESSAGES } from '../core/core-messages.ts';
import { defineMessages, renderMessage } from '../core/messages.ts';
import { SUPERVISION_OPTIONS } from '../catalogue/rules.ts';
import { statusNl } from '../enrolment/messages.ts';

/** ` in DATA101` after a learner, when the result is for a course unit. */
const inUnit = (p: MessageParams) => (p.courseUnit ? ` in ${p.courseUnit}` : '');
const forUnit = (p: MessageParams, word: string) => (p.courseUnit ? ` ${word} ${p.courseUnit}` : '');

/**
 * Every refusal of evaluation, in Dutch and English: the rule ids of `rules.ts` and `score-rules.ts`, the
 * keys the assessment errors carry, every line problem of a results file, and the checks of an award from
 * the command line (`stapel award`). `core/http.ts` renders them in the request's language, the CLI in
 * `STAPEL_LANG`.
 */
export const ASSESSMENT_MESSAGES = defineMessages({
  // ---- the rules of one result
  'result-missing': {
    nl: 'geef een score op 20 of vermeld of de lerende geslaagd is',
    en: 'give a score on 20 or whether the learner passed',
  },
  /** A score off the scale: the scale is named, so the assessor knows what to enter. */
  'score-range': {
    nl: (p) => `de score ${p.score} ligt niet tussen 0 en ${p.max}: geef een score van 0 tot ${p.max}`,
    en: (p) => `the score ${p.score} is not between 0 and ${p.max}: give a score from 0 to ${p.max}`,
  },
  /** A pass/fail that contradicts the score: `ticked` is 1 when "passed" was given, 0 when "not passed" was. */
  'score-contradicts-pass': {
    nl: (p) =>
      Number(p.ticked) === 1
        ? `de score ${p.score}/${p.max} ligt onder de slaagdrempel van ${p.passMark}, maar "geslaagd" is aangevinkt: pas de score of het vinkje aan`
        : `de score ${p.score}/${p.max} haalt de slaagdrempel van ${p.passMark}, maar "geslaagd" is niet aangevinkt: pas de score of het vinkje aan`,
    en: (p) =>
      Number(p.ticked) === 1
        ? `the score ${p.score}/${p.max} is below the pass mark of ${p.passMark}, but "passed" is ticked: change the score or the tick`
        : `the score ${p.score}/${p.max} reaches the pass mark of ${p.passMark}, but "passed" is not ticked: change the score or the tick`,
  },
  // Enrolment checks the same date field of an edition: one rule, one text.
  'date-format': {
    nl: 'Geef een bestaande datum in de vorm 2027-02-01.',
    en: 'Give a real date in the form 2027-02-01.',
  },
  'date-future': {
    nl: (p) => `${p.date} ligt in de toekomst (vandaag is het ${p.today})`,
    en: (p) => `${p.date} is in the future (today is ${p.today})`,
  },
  'supervision-option': {
    nl: `moet een van deze zijn: ${SUPERVISION_OPTIONS.join(', ')}`,
    en: `must be one of: ${SUPERVISION_OPTIONS.join(', ')}`,
  },
  'assessment-type-required': {
    nl: 'vermeld hoe de lerende beoordeeld werd',
    en: 'say how the learner was assessed',
  },
  'course-unit-required': {
    nl: 'vermeld voor welk opleidingsonderdeel dit resultaat geldt (vorm A)',
    en: 'say which course unit this result is for (form A)',
  },
  // The rule id `course-unit-unknown` means something else in the catalogue: this message has its own key.
  'result-course-unit-unknown': {
    nl: (p) => `${p.code} is geen opleidingsonderdeel van deze micro-credential (${p.courseUnits})`,
    en: (p) => `${p.code} is not a course unit of this micro-credential (${p.courseUnits})`,
  },
  'course-unit-not-allowed': {
    nl: 'een micro-credential buiten het reguliere aanbod (vorm B) heeft één resultaat, niet één per opleidingsonderdeel',
    en: 'a micro-credential outside the regular offering (form B) has one result, not one per course unit',
  },
  // The text rules of `core/text-rules.ts` speak the core's words, whoever checks.
  'text-bidi-control': CORE_MESSAGES['text-bidi-control'],
  'text-control-character': CORE_MESSAGES['text-control-character'],
  'text-invisible-only': CORE_MESSAGES['text-invisible-only'],
  'reason-required': {
    nl: 'vermeld waarom het resultaat verbeterd wordt',
    en: 'say why the result is corrected',
  },
  'learner-required': {
    nl: 'geef ofwel enrolmentId ofwel email',
    en: 'give either enrolmentId or email',
  },
  'result-invalid': { nl: 'Het resultaat is niet geldig.', en: 'The result is not valid.' },

  // ---- refusals of recording and correcting
  'learner-not-enrolled': {
    nl: (p) => `${p.email} is niet ingeschreven voor editie ${p.edition}.`,
    en: (p) => `${p.email} is not enrolled in edition ${p.edition}.`,
  },
  'enrolment-not-in-edition': {
    nl: (p) => `Inschrijving ${p.id} hoort niet bij editie ${p.edition}.`,
    en: (p) => `Enrolment ${p.id} is not enrolled in edition ${p.edition}.`,
  },
  'enrolment-not-assessed': {
    nl: (p) =>
      `De inschrijving van ${p.email} voor ${p.edition} is ${statusNl(p)}: alleen aanvaarde inschrijvingen worden beoordeeld.`,
    en: (p) =>
      `The enrolment of ${p.email} in ${p.edition} is ${p.status}: only accepted enrolments are assessed.`,
  },
  'result-exists': {
    nl: (p) =>
      `${p.email} heeft al een resultaat${forUnit(p, 'voor')} (${p.id}); registreer er een verbetering van.`,
    en: (p) =>
      `${p.email} already has a result${forUnit(p, 'for')} (${p.id}); record a correction of it instead.`,
  },
  'result-not-found': {
    nl: (p) => `Editie ${p.edition} heeft geen resultaat ${p.id}.`,
    en: (p) => `There is no result ${p.id} in edition ${p.edition}.`,
  },
  'result-corrected-already': {
    nl: (p) => `Resultaat ${p.id} is al verbeterd; verbeter het resultaat dat telt (${p.current}).`,
    en: (p) => `Result ${p.id} has been corrected already; correct the result that counts (${p.current}).`,
  },
  'result-corrected-meanwhile': {
    nl: (p) => `Resultaat ${p.id} werd zonet verbeterd.`,
    en: (p) => `Result ${p.id} was corrected a moment ago.`,
  },
  'held-not-owed': {
    nl: (p) =>
      `De lerende heeft bewijzen die de verbeterde resultaten niet meer opleveren (${p.proofs}); ze blijven geldig tot een registrator ze intrekt.`,
    en: (p) =>
      `The learner holds proofs the corrected results no longer earn (${p.proofs}); they stay valid until a registrar revokes them.`,
  },

  // ---- a results file, line by line
  'import-refused': {
    nl: (p) => `Er is niets geïmporteerd: ${p.count} probleem/problemen in het bestand.`,
    en: (p) => `Nothing was imported: ${p.count} problem(s) in the file.`,
  },
  /** Bytes that are not UTF-8 (a file saved as Windows-1252 or Latin-1, for instance). */
  'csv-encoding': {
    nl: (p) =>
      `regel ${p.line} is geen geldige UTF-8: bewaar het bestand als "CSV UTF-8" en importeer het opnieuw`,
    en: (p) => `line ${p.line} is not valid UTF-8: save the file as "CSV UTF-8" and import it again`,
  },
  /** U+FFFD: a browser or another program could not read some bytes and put this mark instead. */
  'csv-replacement-character': {
    nl: (p) =>
      `regel ${p.line} bevat het teken \uFFFD, het teken voor bytes die niet gelezen konden worden: bewaar het bestand als "CSV UTF-8" en importeer het opnieuw`,
    en: (p) =>
      `line ${p.line} contains \uFFFD, the mark of bytes that could not be read: save the file as "CSV UTF-8" and import it again`,
  },
  /** The CSV reader's own words (`detail`) on a file that is not CSV. */
  'csv-unreadable': {
    nl: (p) => `het bestand is geen leesbare CSV: ${p.detail}`,
    en: (p) => `${p.detail}`,
  },
  'csv-empty': {
    nl: (p) => `het bestand is leeg; verwacht wordt een kopregel: ${p.expected}`,
    en: (p) => `the file is empty; expected a header row: ${p.expected}`,
  },
  'csv-unknown-column': {
    nl: (p) => `onbekende kolom "${p.column}" (gebruik ${p.expected})`,
    en: (p) => `unknown column "${p.column}" (use ${p.expected})`,
  },
  'csv-missing-column': {
    nl: (p) => `er is geen kolom "${p.column}"`,
    en: (p) => `there is no "${p.column}" column`,
  },
  'csv-missing-score-column': {
    nl: 'er is geen kolom "score" (of "passed" voor resultaten zonder score)',
    en: 'there is no "score" column (or "passed" for results without a score)',
  },
  'csv-missing-course-unit-column': {
    nl: 'er is geen kolom "course_unit": vorm A registreert een resultaat per opleidingsonderdeel',
    en: 'there is no "course_unit" column: form A records a result per course unit',
  },
  'csv-row-length': {
    nl: (p) => `${p.values} waarden voor ${p.columns} kolommen`,
    en: (p) => `${p.values} values for ${p.columns} columns`,
  },
  'csv-score-unreadable': {
    nl: (p) => `"${p.text}" is geen score van 0 tot ${p.max}`,
    en: (p) => `"${p.text}" is not a score from 0 to ${p.max}`,
  },
  'csv-passed-unreadable': {
    nl: (p) => `"${p.text}" is geen ja of nee`,
    en: (p) => `"${p.text}" is not yes or no`,
  },
  'csv-no-results': {
    nl: 'er staan geen resultaten onder de kopregel',
    en: 'there are no results below the header',
  },
  'csv-email-empty': { nl: 'is leeg', en: 'is empty' },
  'csv-not-enrolled': {
    nl: (p) => `${p.email} is niet ingeschreven voor editie ${p.edition}`,
    en: (p) => `${p.email} is not enrolled in edition ${p.edition}`,
  },
  'csv-enrolment-not-assessed': {
    nl: (p) =>
      `de inschrijving van ${p.email} is ${statusNl(p)}: alleen aanvaarde inschrijvingen worden beoordeeld`,
    en: (p) => `the enrolment of ${p.email} is ${p.status}: only accepted enrolments are assessed`,
  },
  'csv-duplicate-result': {
    nl: (p) => `${p.email}${inUnit(p)} staat ook op regel ${p.other}`,
    en: (p) => `${p.email}${inUnit(p)} is also on line ${p.other}`,
  },
  'csv-result-exists': {
    nl: (p) =>
      `${p.email}${inUnit(p)} heeft al een resultaat; een resultaat verander je met een verbetering, niet door het opnieuw te importeren`,
    en: (p) =>
      `${p.email}${inUnit(p)} already has a result; a result is changed by a correction, not by importing it again`,
  },

  // ---- an award from the command line (`stapel award`)
  'award-invalid': { nl: 'De toekenning is niet geldig.', en: 'The award is not valid.' },
  'award-refused': {
    nl: (p) => `Er is niets toegekend: ${p.count} probleem/problemen in ${p.file}.`,
    en: (p) => `Nothing was awarded: ${p.count} problem(s) in ${p.file}.`,
  },
  // Accounts checks the same e-mail field of a person: one rule, one text.
  'email-format': {
    nl: 'Vul een geldig e-mailadres in, zoals naam@voorbeeld.be.',
    en: 'Enter a valid e-mail address, such as name@example.be.',
  },
  'score-below-pass-mark': {
    nl: (p) =>
      `${p.score}/20 ligt onder de slaagdrempel van ${p.passMark}: geen bewijs van leren zonder geslaagde evaluatie`,
    en: (p) =>
      `${p.score}/20 is below the pass mark of ${p.passMark}: no proof of learning without a passed evaluation`,
  },
  'award-learner-or-csv': {
    nl: 'Geef ofwel --learner E-MAILADRES ofwel --csv BESTAND.',
    en: 'Give either --learner EMAIL or --csv FILE.',
  },
  'award-csv-own-columns': {
    nl: '--name en --score horen bij --learner; een CSV-bestand heeft zijn eigen kolommen.',
    en: '--name and --score go with --learner; a CSV file has its own columns.',
  },
  'award-file-unreadable': {
    nl: (p) => `${p.file} kan niet gelezen worden: ${p.detail}`,
    en: (p) => `Cannot read ${p.file}: ${p.detail}`,
  },
  'award-micro-credential-unknown': {
    nl: (p) => `geen enkele instelling heeft een micro-credential ${p.code}`,
    en: (p) => `no institution has a micro-credential ${p.code}`,
  },
  'award-institution-ambiguous': {
    nl: (p) => `meerdere instellingen hebben ${p.code}; zeg welke met --institution (${p.institutions})`,
    en: (p) => `several institutions have ${p.code}; say which with --institution (${p.institutions})`,
  },
  'award-csv-empty': {
    nl: 'het bestand is leeg; verwacht wordt een kopregel: email,name,score',
    en: 'the file is empty; expected a header row: email,name,score',
  },
  'award-csv-unknown-column': {
    nl: (p) => `onbekende kolom "${p.column}" (gebruik email, name, score)`,
    en: (p) => `unknown column "${p.column}" (use email, name, score)`,
  },
  'award-csv-email-invalid': {
    nl: (p) => `"${p.email}" is geen e-mailadres`,
    en: (p) => `"${p.email}" is not an e-mail address`,
  },
  'award-csv-duplicate': {
    nl: (p) => `${p.email} staat ook op regel ${p.other}`,
    en: (p) => `${p.email} is also on line ${p.other}`,
  },
  'award-csv-score-unreadable': {
    nl: (p) => `"${p.text}" is geen score van 0 tot 20`,
    en: (p) => `"${p.text}" is not a score from 0 to 20`,
  },
  'award-csv-below-pass-mark': {
    nl: (p) => `${p.score}/20 ligt onder de slaagdrempel van ${p.passMark}`,
    en: (p) => `${p.score}/20 is below the pass mark of ${p.passMark}`,
  },
  'award-csv-no-learners': {
    nl: 'er staan geen lerenden onder de kopregel',
    en: 'there are no learners below the header',
  },
  'award-csv-encoding': {
    nl: 'is geen geldige UTF-8: bewaar het bestand als "CSV UTF-8" en probeer opnieuw',
    en: 'is not valid UTF-8: save the file as "CSV UTF-8" and try again',
  },
});

export type AssessmentMessage = keyof typeof ASSESSMENT_MESSAGES;

/**
 * A message of evaluation in the reader's language, straight from this table: for the pure rules, which
 * the results grid runs in the browser as well.
 *
 * @example
 * assessmentMessage('csv-encoding', 'nl', { line: 3 }); // 'regel 3 is geen geldige UTF-8: …'
 */
export function assessmentMessage(key: AssessmentMessage, lang: Lang, params: MessageParams = {}): string {
  return renderMessage(ASSESSMENT_MESSAGES[key], lang, params);
}
