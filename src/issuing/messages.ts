import { defineMessages, type Message } from '../core/messages.ts';
import type { MessageParams } from '../core/errors.ts';

// The status actions in the words of a sentence ("… is ingetrokken").
const VERB_NL: Readonly<Record<string, string>> = {
  revoke: 'ingetrokken',
  suspend: 'geschorst',
  unsuspend: 'opnieuw geldig',
};
const VERB_EN: Readonly<Record<string, string>> = {
  revoke: 'revoked',
  suspend: 'suspended',
  unsuspend: 'valid again',
};
// An enrolment's state in a Dutch sentence; the API's status values stay English.
const ENROLMENT_STATUS_NL: Readonly<Record<string, string>> = {
  pending: 'in behandeling',
  waitlisted: 'op de wachtlijst',
  accepted: 'aanvaard',
  refused: 'geweigerd',
  cancelled: 'geannuleerd',
};
const KIND_NL: Readonly<Record<string, string>> = {
  'micro-credential-certificate': 'micro-credentialcertificaat',
  'credit-certificate': 'creditbewijs',
};
/** The proof named in a refusal: its kind and, for a credit certificate, the course unit. */
const proofNl = (p: MessageParams) =>
  `${KIND_NL[String(p.kind)] ?? String(p.kind)}${p.courseUnit ? ` voor ${p.courseUnit}` : ''}`;
const proofEn = (p: MessageParams) => `${p.kind}${p.courseUnit ? ` for ${p.courseUnit}` : ''}`;

/**
 * Every refusal of issuing, the credential documents and their status, in Dutch and English, by the key the
 * errors carry. `core/http.ts` renders them in the request's language; the command line shows both.
 */
export const ISSUING_MESSAGES = defineMessages({
  'suspension-not-available': {
    nl: (p) =>
      `Leerbewijs ${p.id} kan niet geschorst worden: het heeft alleen een intrekkingsstatus, zoals de Open Badges 3.0-standaard toelaat, en geen schorsingsstatus die verifiers kunnen lezen. Trek het in als het niet langer geldig is. Schorsing voor nieuwe leerbewijzen zet je aan met STAPEL_CREDENTIAL_STATUS=revocation,suspension.`,
    en: (p) =>
      `Credential ${p.id} cannot be suspended: it carries a revocation status only, as the Open Badges 3.0 standard allows, and no suspension status that verifiers can read. Revoke it if it is no longer valid. Suspension for new credentials is turned on with STAPEL_CREDENTIAL_STATUS=revocation,suspension.`,
  },
  'status-busy': {
    nl: 'De statuslijst wordt op dit moment door een andere wijziging bijgewerkt. Er is niets veranderd; probeer het zo meteen opnieuw.',
    en: 'The status list is being updated by another change right now. Nothing was changed; try again in a moment.',
  },
  'status-reason-required': {
    nl: (p) => `Zeg waarom het leerbewijs ${VERB_NL[String(p.action)] ?? 'gewijzigd'} wordt.`,
    en: (p) => `Say why the credential is ${VERB_EN[String(p.action)] ?? 'changed'}.`,
  },
  'credential-already-revoked': {
    nl: (p) => `Leerbewijs ${p.id} is al ingetrokken; een intrekking is definitief.`,
    en: (p) => `Credential ${p.id} is already revoked; revocation is final.`,
  },
  'credential-already-suspended': {
    nl: (p) => `Leerbewijs ${p.id} is al geschorst.`,
    en: (p) => `Credential ${p.id} is already suspended.`,
  },
  'credential-not-suspended': {
    nl: (p) => `Leerbewijs ${p.id} is niet geschorst.`,
    en: (p) => `Credential ${p.id} is not suspended.`,
  },
  'credential-unknown': {
    nl: (p) => `Er is geen leerbewijs ${p.id} op dit platform.`,
    en: (p) => `There is no credential ${p.id} on this platform.`,
  },
  'institution-credential-unknown': {
    nl: (p) => `Er is geen leerbewijs ${p.id} bij ${p.institution}.`,
    en: (p) => `There is no credential ${p.id} at ${p.institution}.`,
  },
  'institution-enrolment-unknown': {
    nl: (p) => `Er is geen inschrijving ${p.id} bij ${p.institution}.`,
    en: (p) => `There is no enrolment ${p.id} at ${p.institution}.`,
  },
  'issuing-enrolment-unknown': {
    nl: (p) => `Er is geen inschrijving ${p.id}.`,
    en: (p) => `There is no enrolment ${p.id}.`,
  },
  'proof-enrolment-not-accepted': {
    nl: (p) =>
      `Geen ${proofNl(p)}: de inschrijving van ${p.email} is ${ENROLMENT_STATUS_NL[String(p.status)] ?? String(p.status)}, niet aanvaard.`,
    en: (p) => `No ${proofEn(p)}: the enrolment of ${p.email} is ${p.status}, not accepted.`,
  },
  'proof-not-earned': {
    nl: (p) => `Geen ${proofNl(p)} voor ${p.email}: geen leerbewijs zonder geslaagde evaluatie.`,
    en: (p) => `No ${proofEn(p)} for ${p.email}: no proof of learning without a passed evaluation.`,
  },
  'proof-not-offered': {
    nl: (p) => `${p.code} levert geen ${proofNl(p)} op.`,
    en: (p) => `${p.code} yields no ${proofEn(p)}.`,
  },
  'status-list-unknown': {
    nl: 'Die statuslijst bestaat niet.',
    en: 'There is no such status list.',
  },
  'shared-credential-unknown': {
    nl: 'Dat leerbewijs bestaat niet.',
    en: 'There is no such credential.',
  },
} satisfies Record<string, Message>);

export type IssuingMessageKey = keyof typeof ISSUING_MESSAGES;

/**
 * An issuing message in both languages, Dutch first, as the command line shows a refusal.
 *
 * @example
 * inBothLanguages('suspension-not-available', { id: credentialUrl });
 */
export function inBothLanguages(key: IssuingMessageKey, params: MessageParams = {}): string {
  const message: Message = ISSUING_MESSAGES[key];
  const say = (text: Message['nl']) => (typeof text === 'function' ? text(params) : text);
  return `${say(message.nl)}\n${say(message.en)}`;
}
