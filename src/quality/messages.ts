import { defineMessages, renderMessage, type Message } from '../core/messages.ts';
import type { MessageParams } from '../core/errors.ts';
import type { Lang } from '../core/i18n.ts';
import { catalogueText } from '../catalogue/messages.ts';

/** The procedure's rules in words: findings of the pre-check and the rules a decision must satisfy. */
export const QUALITY_RULE_MESSAGES = defineMessages({
  'workload-missing': {
    nl: 'Er is geen studietijd in uren opgegeven, dus de studieomvang in ECTS kan niet worden getoetst.',
    en: 'No workload in hours is stated, so the study load in ECTS cannot be checked.',
  },
  'ects-workload-inconsistent': {
    nl: (p) =>
      `${p.hours} uur past niet bij ${p.ects} ECTS: verwacht wordt ${p.min} tot ${p.max} uur (25–30 uur per ECTS).`,
    en: (p) =>
      `${p.hours} hours do not match ${p.ects} ECTS: expected ${p.min} to ${p.max} hours (25–30 hours per ECTS).`,
  },
  'rationale-required': {
    nl: 'Een beslissing vraagt een geschreven motivering.',
    en: 'A decision needs a written rationale.',
  },
  'criterion-unknown': {
    nl: (p) => `"${p.criterion}" is geen criterium van de checklist.`,
    en: (p) => `"${p.criterion}" is not a criterion of the checklist.`,
  },
  'criterion-duplicate': {
    nl: (p) => `Criterium ${p.criterion} staat er twee keer in.`,
    en: (p) => `Criterion ${p.criterion} is listed twice.`,
  },
  'criterion-not-applicable': {
    nl: (p) => `Criterium ${p.criterion} geldt niet voor deze vorm.`,
    en: (p) => `Criterion ${p.criterion} does not apply to this form.`,
  },
  'criterion-not-met': {
    nl: (p) => `Goedkeuren kan pas als criterium ${p.criterion} als voldaan is aangeduid.`,
    en: (p) => `An approval needs criterion ${p.criterion} marked as met.`,
  },
  'automatic-criterion-failed': {
    nl: (p) => `Goedkeuren kan niet: de automatische controle van criterium ${p.criterion} faalt.`,
    en: (p) => `Cannot approve: the automatic check of criterion ${p.criterion} fails.`,
  },
});

/** The procedure's refusals, in Dutch and English. */
export const QUALITY_REFUSALS = defineMessages({
  'review-not-found': { nl: 'Die beoordeling bestaat niet.', en: 'There is no such review.' },
  'review-already-decided': {
    nl: (p) => `Over deze beoordeling van ${p.code} versie ${p.version} is al beslist.`,
    en: (p) => `This review of ${p.code} version ${p.version} was already decided.`,
  },
  'four-eyes': {
    nl: 'Je hebt deze versie zelf ingediend: een andere beoordelaar moet erover beslissen (vier-ogenprincipe).',
    en: 'You submitted this version yourself: another reviewer must decide on it (four-eyes principle).',
  },
  'approval-blocked': {
    nl: (p) =>
      `${p.code} versie ${p.version} kan niet goedgekeurd worden: de automatische controle faalt op ${p.failing}.`,
    en: (p) =>
      `${p.code} version ${p.version} cannot be approved: the automatic check fails on ${p.failing}.`,
  },
  'decision-not-recordable': {
    nl: (p) => `De beslissing over ${p.code} versie ${p.version} kan niet vastgelegd worden.`,
    en: (p) => `The decision on ${p.code} version ${p.version} cannot be recorded.`,
  },
});

/**
 * Renders a quality message; rule ids of the catalogue fall through to the catalogue's own messages.
 *
 * @example qualityMessage('workload-missing', 'nl');
 */
export function qualityMessage(rule: string, lang: Lang, params: MessageParams = {}): string {
  const entry = (QUALITY_RULE_MESSAGES as Readonly<Record<string, Message>>)[rule];
  return entry ? renderMessage(entry, lang, params) : catalogueText(rule, lang, params);
}
