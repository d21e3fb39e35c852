import type { Lang } from '../core/i18n.ts';

type Params = Record<string, string | number>;

/** What the evaluation routes say to people, in Dutch and English. */
const MESSAGES = {
  /** Bytes that are not UTF-8 (a file saved as Windows-1252 or Latin-1, for instance). */
  'csv-encoding': {
    nl: (p: Params) =>
      `regel ${p.line} is geen geldige UTF-8: bewaar het bestand als "CSV UTF-8" en importeer het opnieuw`,
    en: (p: Params) => `line ${p.line} is not valid UTF-8: save the file as "CSV UTF-8" and import it again`,
  },
  /** U+FFFD: a browser or another program could not read some bytes and put this mark instead. */
  'csv-replacement-character': {
    nl: (p: Params) =>
      `regel ${p.line} bevat het teken \uFFFD, het teken voor bytes die niet gelezen konden worden: bewaar het bestand als "CSV UTF-8" en importeer het opnieuw`,
    en: (p: Params) =>
      `line ${p.line} contains \uFFFD, the mark of bytes that could not be read: save the file as "CSV UTF-8" and import it again`,
  },
  /** A score off the scale: the scale is named, so the assessor knows what to enter. */
  'score-range': {
    nl: (p: Params) =>
      `de score ${p.score} ligt niet tussen 0 en ${p.max}: geef een score van 0 tot ${p.max}`,
    en: (p: Params) => `the score ${p.score} is not between 0 and ${p.max}: give a score from 0 to ${p.max}`,
  },
  /** "Passed" ticked under the pass mark: never silently overruled by the score. */
  'score-contradicts-pass-ticked': {
    nl: (p: Params) =>
      `de score ${p.score}/${p.max} ligt onder de slaagdrempel van ${p.passMark}, maar "geslaagd" is aangevinkt: pas de score of het vinkje aan`,
    en: (p: Params) =>
      `the score ${p.score}/${p.max} is below the pass mark of ${p.passMark}, but "passed" is ticked: change the score or the tick`,
  },
  /** "Not passed" given for a score that reaches the pass mark. */
  'score-contradicts-pass-unticked': {
    nl: (p: Params) =>
      `de score ${p.score}/${p.max} haalt de slaagdrempel van ${p.passMark}, maar "geslaagd" is niet aangevinkt: pas de score of het vinkje aan`,
    en: (p: Params) =>
      `the score ${p.score}/${p.max} reaches the pass mark of ${p.passMark}, but "passed" is not ticked: change the score or the tick`,
  },
  'import-refused': {
    nl: (p: Params) => `Er is niets geïmporteerd: ${p.count} probleem/problemen in het bestand.`,
    en: (p: Params) => `Nothing was imported: ${p.count} problem(s) in the file.`,
  },
} satisfies Record<string, Record<Lang, (p: Params) => string>>;

export type AssessmentMessage = keyof typeof MESSAGES;

/**
 * A message of the evaluation routes in the asker's language.
 *
 * @example
 * assessmentMessage('csv-encoding', 'nl', { line: 3 }); // 'regel 3 is geen geldige UTF-8: …'
 */
export function assessmentMessage(key: AssessmentMessage, lang: Lang, params: Params = {}): string {
  return MESSAGES[key][lang](params);
}
