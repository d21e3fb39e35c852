import type { LocalizedText, ProofKind } from '../catalogue/rules.ts';
import type { Institution } from '../institutions/store.ts';
import type { StatusAction } from './status.ts';

/**
 * The e-mails issuing sends a learner. Each is written in Dutch and English in one message (the learner's
 * language is not known to the outbox): the Dutch text first, then the English. Callers queue them with
 * `cmd.mail.send`, so they leave only after the change commits.
 */

export interface MailText {
  subject: string;
  body: string;
}

const VERBS: Record<StatusAction, { nl: string; en: string }> = {
  revoke: { nl: 'ingetrokken', en: 'revoked' },
  suspend: { nl: 'geschorst', en: 'suspended' },
  unsuspend: { nl: 'opnieuw geldig', en: 'valid again' },
};

export interface StatusMailFacts {
  institution: Pick<Institution, 'name'>;
  action: StatusAction;
  /** What the credential was earned for, in each language (the course unit's code included). */
  name: { nl: string; en: string };
  /** The credential's `id`, a URL on this platform: also its page, which the mail links. */
  credential: string;
  reason: string | null;
}

/**
 * The learner hears that their proof of learning was revoked, suspended or is valid again, and why.
 *
 * @example
 * await cmd.mail.send({ to, institutionId, ...statusChangeMail({ institution, action: 'revoke', name, credential, reason }) });
 */
export function statusChangeMail(facts: StatusMailFacts): MailText {
  const verb = VERBS[facts.action];
  const { institution, name, reason } = facts;
  return {
    subject: `Je leerbewijs is ${verb.nl} — Your proof of learning is ${verb.en}`,
    body: [
      `${institution.name.nl} heeft je leerbewijs ${name.nl} ${verb.nl}.`,
      ...(reason ? [`Reden: ${reason}`] : []),
      `De pagina van je leerbewijs, met zijn status: ${facts.credential}`,
      '',
      `${institution.name.en} has marked your proof of learning ${name.en} ${verb.en}.${reason ? ` Reason: ${reason}` : ''}`,
      `Your credential's page, with its status: ${facts.credential}`,
    ].join('\n'),
  };
}

const KIND_NAMES: Record<ProofKind, { nl: string; en: string }> = {
  'micro-credential-certificate': { nl: 'Micro-credential', en: 'Micro-credential certificate' },
  'credit-certificate': { nl: 'Creditbewijs', en: 'Credit certificate' },
};

export interface ProofMailFacts {
  learnerName: string;
  editionCode: string;
  /** The micro-credential's title. */
  title: LocalizedText;
  /** Every proof the learner holds for this micro-credential, in the order to list them. */
  held: ReadonlyArray<{ kind: ProofKind; courseUnit: string | null; id: string }>;
  /**
   * The course units whose credit certificates this mail announces, when the micro-credential certificate
   * is not (yet) held; empty otherwise.
   */
  passedUnits: ReadonlyArray<{ code: string; title: LocalizedText }>;
  /** Course units still to pass for the micro-credential certificate. */
  remaining: number;
}

/**
 * The learner hears what they earned: the micro-credential (all its proofs listed), or the course units they
 * passed and how many remain, each proof linked to its page (private until the learner shares it).
 *
 * @example
 * await cmd.mail.send({ to, institutionId, ...proofMail({ learnerName, editionCode, title, held, passedUnits: [], remaining: 0 }) });
 */
export function proofMail(facts: ProofMailFacts): MailText {
  const { title, editionCode: edition, remaining } = facts;
  const titleEn = title.en ?? title.nl;
  const units = facts.passedUnits;
  const count = units.length;
  const named = (lang: 'nl' | 'en') =>
    units.map((u) => `${lang === 'en' ? (u.title.en ?? u.title.nl) : u.title.nl} (${u.code})`).join(', ');
  const lines = facts.held.map(
    (p) => `- ${KIND_NAMES[p.kind].nl}${p.courseUnit ? ` ${p.courseUnit}` : ''}: ${p.id}`,
  );
  // Without the micro-credential certificate, only credit certificates were earned: say which course
  // units were passed and how many remain, instead of congratulating on the whole micro-credential.
  const credit = count > 0;
  const nl = credit
    ? `Je bent geslaagd voor ${count === 1 ? 'het opleidingsonderdeel' : 'de opleidingsonderdelen'} ${named('nl')} en behaalde ${count === 1 ? 'het creditbewijs' : 'de creditbewijzen'} ervan.` +
      (remaining > 0
        ? ` Nog ${remaining} ${remaining === 1 ? 'opleidingsonderdeel' : 'opleidingsonderdelen'} tot het micro-credential ${title.nl} (${edition}).`
        : '') +
      ' Deze leerbewijzen staan op je naam; elke link is de pagina van het leerbewijs:'
    : `Je bent geslaagd voor ${title.nl} (${edition}). Deze leerbewijzen staan op je naam; elke link is de pagina van het leerbewijs:`;
  const en = credit
    ? `You passed ${count === 1 ? 'the course unit' : 'the course units'} ${named('en')} and earned ${count === 1 ? 'its credit certificate' : 'their credit certificates'}.` +
      (remaining > 0
        ? ` ${remaining} more ${remaining === 1 ? 'course unit' : 'course units'} to go for the micro-credential ${titleEn}.`
        : '') +
      " The proofs of learning above are yours: each link is the credential's page, where you see it verified, share it and download it."
    : `You passed ${titleEn}. The proofs of learning above are yours: each link is the credential's page, where you see it verified, share it and download it.`;
  return {
    subject: credit
      ? `Je leerbewijs: creditbewijs voor ${named('nl')} — Your proof of learning: credit certificate for ${named('en')}`
      : `Je leerbewijs voor ${title.nl} — Your proof of learning`,
    body: [`Dag ${facts.learnerName},`, '', nl, ...lines, '', en].join('\n'),
  };
}
