import { defineMessages } from '../core/messages.ts';
import type { MessageParams } from '../core/errors.ts';
import type { Lang } from '../core/i18n.ts';
import type { VersionAction, VersionState } from './version-states.ts';

// What a version's state means for the one who asked, in words they can act on.
const STATE_PHRASES: Readonly<Record<VersionState, Record<Lang, string>>> = {
  draft: {
    nl: 'een concept dat nog niet goedgekeurd is (dien het eerst in voor kwaliteitsbeoordeling)',
    en: 'a draft that has not been approved (submit it for quality review first)',
  },
  submitted: {
    nl: 'ingediend voor kwaliteitsbeoordeling en wacht op een beslissing',
    en: 'submitted for quality review and awaiting a decision',
  },
  approved: { nl: 'goedgekeurd na kwaliteitsbeoordeling', en: 'approved by quality review' },
  rejected: {
    nl: 'afgewezen na kwaliteitsbeoordeling, wat definitief is voor deze versie',
    en: 'rejected by quality review, which is final for this version',
  },
  published: { nl: 'al gepubliceerd', en: 'already published' },
  superseded: { nl: 'vervangen door een latere versie', en: 'superseded by a later version' },
};

type Way = 'publish' | 'submit' | 'decide' | 'supersede';
const WAY_OF: Readonly<Record<VersionAction, Way>> = {
  publish: 'publish',
  submit: 'submit',
  approve: 'decide',
  'request-changes': 'decide',
  reject: 'decide',
  supersede: 'supersede',
};
const ONLY: Readonly<Record<Way, Record<Lang, string>>> = {
  publish: {
    nl: 'alleen een goedgekeurde versie kan gepubliceerd worden.',
    en: 'only an approved version can be published.',
  },
  submit: {
    nl: 'alleen een concept kan ingediend worden voor kwaliteitsbeoordeling.',
    en: 'only a draft can be submitted for quality review.',
  },
  decide: {
    nl: 'alleen over een ingediende versie kan beslist worden.',
    en: 'only a submitted version can be decided on.',
  },
  supersede: {
    nl: 'alleen een gepubliceerde versie kan vervangen worden.',
    en: 'only a published version can be superseded.',
  },
};
const EDIT_WAY: Readonly<Partial<Record<VersionState, Record<Lang, string>>>> = {
  submitted: {
    nl: 'ze kan pas bewerkt worden nadat een beoordelaar beslist heeft (gevraagde wijzigingen maken er weer een concept van).',
    en: 'it cannot be edited until a reviewer has decided (changes requested make it a draft again).',
  },
  approved: {
    nl: 'ze kan niet meer bewerkt worden: publiceer ze, of start een nieuwe versie.',
    en: 'it cannot be edited: publish it, or start a new version.',
  },
  rejected: {
    nl: 'ze kan niet meer bewerkt worden: start een nieuwe versie om een gewijzigd voorstel te doen.',
    en: 'it cannot be edited: start a new version to propose a changed one.',
  },
};
const ONLY_DRAFT: Record<Lang, string> = {
  nl: 'alleen een concept kan bewerkt worden.',
  en: 'only a draft can be edited.',
};

const subject = (p: MessageParams, lang: Lang): string => {
  const phrase = STATE_PHRASES[p.state as VersionState]?.[lang] ?? String(p.state);
  return lang === 'nl'
    ? `Micro-credential ${p.code} versie ${p.version} is ${phrase}`
    : `Micro-credential ${p.code} version ${p.version} is ${phrase}`;
};
const refusal = (p: MessageParams, lang: Lang): string =>
  `${subject(p, lang)}; ${ONLY[WAY_OF[p.action as VersionAction] ?? 'submit'][lang]}`;
const editRefusal = (p: MessageParams, lang: Lang): string =>
  `${subject(p, lang)}; ${(EDIT_WAY[p.state as VersionState] ?? ONLY_DRAFT)[lang]}`;

/**
 * Why a move or an edit of a version is refused, naming its state and the way forward
 * (`{ code, version, state, action }`).
 */
export const VERSION_MESSAGES = defineMessages({
  'version-refused': { nl: (p) => refusal(p, 'nl'), en: (p) => refusal(p, 'en') },
  'version-not-editable': { nl: (p) => editRefusal(p, 'nl'), en: (p) => editRefusal(p, 'en') },
  'version-changed-meanwhile': {
    nl: (p) => `Micro-credential ${p.code} versie ${p.version} is intussen gewijzigd.`,
    en: (p) => `Micro-credential ${p.code} version ${p.version} changed meanwhile.`,
  },
});

/** The English sentence of a refused move, for logs and for the error's own message. */
export function refusalReason(
  code: string,
  version: number,
  state: VersionState,
  action: VersionAction,
): string {
  return refusal({ code, version, state, action }, 'en');
}

/** The English sentence of a refused edit. */
export function editRefusalReason(code: string, version: number, state: VersionState): string {
  return editRefusal({ code, version, state }, 'en');
}
