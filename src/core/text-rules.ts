/**
 * Rules for short text that people read: titles, names, learning outcomes. Pure functions, shared by the
 * catalogue rules (server and editor), accounts and issuing, so that every door refuses the same text.
 *
 * Two kinds of text deceive a reader. Bidirectional controls (U+202E and friends) make a value display
 * differently from how it is stored and signed: "‮fdp.exe" reads as "exe.pdf". Values made only of
 * zero-width or other invisible characters look empty yet pass an emptiness check, so a credential could
 * carry a name or title nobody can see. Control characters (NUL, BEL, …) have no place in such text either.
 */

import { refuse, type FieldProblem } from './errors.ts';
import { t, type Lang } from './i18n.ts';

/** Rule identifiers; their messages (nl/en) are in `src/core/i18n.ts`. */
export type TextRuleId = 'text-bidi-control' | 'text-control-character' | 'text-invisible-only';

export interface TextProblem {
  rule: TextRuleId;
  /** The offending character as `U+XXXX`, for the bidi and control rules. */
  params?: { codePoint: string };
}

export interface TextRuleOptions {
  /** Allow line breaks and tabs (descriptions, learning outcomes); titles and names are one line. */
  multiline?: boolean | undefined;
}

/** Unicode's bidirectional formatting characters: ALM, LRM, RLM, the embeddings/overrides and isolates. */
const BIDI_CONTROL = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/u;

/**
 * Characters that render as nothing: Unicode's default-ignorable code points (zero-width space and
 * joiners, word joiner, BOM, soft hyphen, variation selectors, Hangul fillers, tags, …), plus the
 * Braille blank, which fonts draw empty and which is a common way to fake an empty name.
 */
const INVISIBLE = /[\p{Default_Ignorable_Code_Point}\u2800]/gu;
const WHITE_SPACE = /\p{White_Space}/gu;
const CONTROL_SINGLE_LINE = /\p{Cc}/u;
const CONTROL_MULTILINE = /(?![\t\n\r])\p{Cc}/u;

function codePointOf(match: string): string {
  return `U+${match.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
}

/**
 * True when nothing visible remains once whitespace and invisible characters are removed: the test for
 * "empty" wherever a value is required.
 *
 * @example
 * isBlankText('  \u200B\u00AD '); // true
 * isBlankText('Data-analyse'); // false
 */
export function isBlankText(value: string): boolean {
  return value.replace(INVISIBLE, '').replace(WHITE_SPACE, '') === '';
}

/**
 * The first rule a value breaks, or undefined. Empty and whitespace-only values break none of these rules:
 * whether a field may be empty is the caller's rule (e.g. `title-required`).
 *
 * @example
 * checkText('Data\u202Eanalyse'); // { rule: 'text-bidi-control', params: { codePoint: 'U+202E' } }
 * checkText('\u200B\u200B'); // { rule: 'text-invisible-only' }
 * checkText('Leerresultaat 1\nLeerresultaat 2', { multiline: true }); // undefined
 */
export function checkText(value: string, options: TextRuleOptions = {}): TextProblem | undefined {
  const bidi = BIDI_CONTROL.exec(value);
  if (bidi) return { rule: 'text-bidi-control', params: { codePoint: codePointOf(bidi[0]) } };
  const control = (options.multiline ? CONTROL_MULTILINE : CONTROL_SINGLE_LINE).exec(value);
  if (control) return { rule: 'text-control-character', params: { codePoint: codePointOf(control[0]) } };
  if (value.trim() !== '' && isBlankText(value)) return { rule: 'text-invisible-only' };
  return undefined;
}

/**
 * The problems of several fields at once, with messages in the given language; undefined values are
 * skipped (optional fields left out).
 *
 * @example
 * textProblems({ name: '\u200B' }, 'nl'); // [{ field: 'name', rule: 'text-invisible-only', message: 'Bevat alleen …' }]
 */
export function textProblems(
  fields: Readonly<Record<string, string | undefined>>,
  lang: Lang,
  options: TextRuleOptions = {},
): FieldProblem[] {
  const problems: FieldProblem[] = [];
  for (const [field, value] of Object.entries(fields)) {
    const problem = value === undefined ? undefined : checkText(value, options);
    if (problem) problems.push({ field, rule: problem.rule, message: t(problem.rule, lang, problem.params) });
  }
  return problems;
}

/**
 * Throws a ValidationError (422) naming each field that breaks a text rule, by rule id: the HTTP layer and
 * the CLI say it in the reader's language.
 *
 * @example
 * assertReadableText({ name: request.body.name });
 */
export function assertReadableText(
  fields: Readonly<Record<string, string | undefined>>,
  options: TextRuleOptions = {},
): void {
  const problems = Object.entries(fields).flatMap(([field, value]) => {
    const problem = value === undefined ? undefined : checkText(value, options);
    return problem ? [{ field, rule: problem.rule, params: problem.params }] : [];
  });
  if (problems.length > 0) refuse(problems, { key: 'text-invalid' });
}
