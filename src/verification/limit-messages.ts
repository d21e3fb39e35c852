import type { Lang } from '../core/i18n.ts';
import type { InputLimitViolation } from './input-limits.ts';

type Template = (p: { limit: string }) => string;

/** What was measured: a credential to verify, or the JSON body of any other request. */
export type LimitSubject = 'credential' | 'request';

/** Why an input is refused before it is read, in Dutch and English. */
export const LIMIT_MESSAGES: Record<
  InputLimitViolation['rule'] | 'request-too-deep',
  { nl: Template; en: Template }
> = {
  'input-too-large': {
    nl: (p) =>
      `De invoer is groter dan ${p.limit} en wordt niet gelezen: een credential is enkele kilobytes groot, een leerdossier met ingebedde credentials hooguit enkele honderden.`,
    en: (p) =>
      `The input is larger than ${p.limit} and is not read: a credential is a few kilobytes, a learner record with embedded credentials a few hundred at most.`,
  },
  'input-too-deep': {
    nl: (p) =>
      `De invoer is meer dan ${p.limit} niveaus diep genest en wordt niet gelezen: een credential is hooguit enkele tientallen niveaus diep.`,
    en: (p) =>
      `The input is nested more than ${p.limit} levels deep and is not read: a credential is a few dozen levels deep at most.`,
  },
  'input-too-many-values': {
    nl: (p) =>
      `De invoer bevat meer dan ${p.limit} JSON-waarden en wordt niet gecontroleerd: een credential bevat er enkele honderden, een leerdossier met ingebedde credentials enkele duizenden.`,
    en: (p) =>
      `The input holds more than ${p.limit} JSON values and is not checked: a credential holds a few hundred, a learner record with embedded credentials a few thousand.`,
  },
  'request-too-deep': {
    nl: (p) =>
      `De JSON in het verzoek is meer dan ${p.limit} niveaus diep genest en wordt niet gelezen: geen enkel verzoek aan deze API heeft dat nodig.`,
    en: (p) =>
      `The JSON of the request is nested more than ${p.limit} levels deep and is not read: no request to this API needs that.`,
  },
};

function formatLimit(violation: InputLimitViolation, lang: Lang): string {
  const number = (n: number) => n.toLocaleString(lang === 'nl' ? 'nl-BE' : 'en-GB');
  if (violation.rule !== 'input-too-large') return number(violation.limit);
  const mib = violation.limit / (1024 * 1024);
  if (Number.isInteger(mib)) return `${number(mib)} MiB`;
  const kib = violation.limit / 1024;
  return Number.isInteger(kib) ? `${number(kib)} KiB` : `${number(violation.limit)} bytes`;
}

/**
 * The reason for a refused input, in one language.
 *
 * @example
 * describeInputLimit({ rule: 'input-too-deep', limit: 64 }, 'nl'); // 'De invoer is meer dan 64 niveaus diep genest …'
 */
export function describeInputLimit(
  violation: InputLimitViolation,
  lang: Lang,
  subject: LimitSubject = 'credential',
): string {
  const key =
    subject === 'request' && violation.rule === 'input-too-deep' ? 'request-too-deep' : violation.rule;
  return LIMIT_MESSAGES[key][lang]({ limit: formatLimit(violation, lang) });
}
