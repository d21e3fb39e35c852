/**
 * The score rules of a result, pure and without dependencies beyond the message table, so that the
 * results grid runs exactly the rules the server applies.
 */
import type { MessageParams } from '../core/errors.ts';
import type { Lang } from '../core/i18n.ts';
import { assessmentMessage } from './messages.ts';

/** Scores are on 20. */
export const SCORE_MAX = 20;

export interface ScoreProblem {
  field: 'score' | 'passed';
  rule: 'score-range' | 'score-contradicts-pass';
  /** What the message of the rule needs; the HTTP layer renders it again in the request's language. */
  params: MessageParams;
  /** The message in the language asked for. */
  message: string;
}

/**
 * Whether a score passes at the given pass mark.
 *
 * @example
 * passes(10, 10); // true
 */
export function passes(score: number, passMark: number): boolean {
  return score >= passMark;
}

/**
 * The problem with a score and the pass/fail given with it, if any: a score off the scale, or a
 * pass/fail that contradicts the score at the pass mark. A pass/fail that is not given (null) follows
 * the score and is never a problem.
 *
 * @example
 * scoreProblem(9, true, 10, 'en');
 * // { field: 'passed', rule: 'score-contradicts-pass', message: 'the score 9/20 is below the pass mark of 10, but "passed" is ticked: …' }
 */
export function scoreProblem(
  score: number,
  passed: boolean | null,
  passMark: number,
  lang: Lang,
): ScoreProblem | null {
  if (!Number.isFinite(score) || score < 0 || score > SCORE_MAX) {
    const params = { score: String(score), max: SCORE_MAX };
    return {
      field: 'score',
      rule: 'score-range',
      params,
      message: assessmentMessage('score-range', lang, params),
    };
  }
  if (passed === null || passed === passes(score, passMark)) return null;
  const params = { score, max: SCORE_MAX, passMark, ticked: passed ? 1 : 0 };
  return {
    field: 'passed',
    rule: 'score-contradicts-pass',
    params,
    message: assessmentMessage('score-contradicts-pass', lang, params),
  };
}
