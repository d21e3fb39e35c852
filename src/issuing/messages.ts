import type { Lang } from '../core/i18n.ts';

type Params = Record<string, string>;
type Template = (p: Params) => string;

/** Texts of issuing's refusals, in Dutch and English, by error code. */
export const ISSUING_MESSAGES: Record<string, { nl: Template; en: Template }> = {
  'suspension-not-available': {
    nl: (p) =>
      `Leerbewijs ${p.id} kan niet geschorst worden: het heeft alleen een intrekkingsstatus, zoals de Open Badges 3.0-standaard toelaat, en geen schorsingsstatus die verifiers kunnen lezen. Trek het in als het niet langer geldig is. Schorsing voor nieuwe leerbewijzen zet je aan met STAPEL_CREDENTIAL_STATUS=revocation,suspension.`,
    en: (p) =>
      `Credential ${p.id} cannot be suspended: it carries a revocation status only, as the Open Badges 3.0 standard allows, and no suspension status that verifiers can read. Revoke it if it is no longer valid. Suspension for new credentials is turned on with STAPEL_CREDENTIAL_STATUS=revocation,suspension.`,
  },
  'status-busy': {
    nl: () =>
      'De statuslijst wordt op dit moment door een andere wijziging bijgewerkt. Er is niets veranderd; probeer het zo meteen opnieuw.',
    en: () =>
      'The status list is being updated by another change right now. Nothing was changed; try again in a moment.',
  },
};

/**
 * Renders an issuing message in one language, or in both (Dutch first) when no language is asked for,
 * as on the command line.
 *
 * @example
 * issuingMessage('suspension-not-available', 'nl', { id: credentialUrl });
 */
export function issuingMessage(
  key: keyof typeof ISSUING_MESSAGES,
  lang: Lang | undefined,
  params: Params = {},
) {
  const entry = ISSUING_MESSAGES[key];
  if (!entry) return key;
  return lang ? entry[lang](params) : `${entry.nl(params)}\n${entry.en(params)}`;
}

interface CreditMailParams {
  /** The passed course units, titled, e.g. "Data-analyse (DATA101)". */
  units: string;
  /** How many credit certificates this mail announces. */
  count: number;
  /** Course units still to pass for the micro-credential certificate. */
  remaining: number;
  title: string;
  edition: string;
}

/** Texts of the e-mail that tells a learner what they earned, in Dutch and English. */
export const PROOF_MAIL = {
  subject: {
    certificate: (title: string) => `Je leerbewijs voor ${title} — Your proof of learning`,
    credit: (nl: string, en: string) =>
      `Je leerbewijs: creditbewijs voor ${nl} — Your proof of learning: credit certificate for ${en}`,
  },
  certificate: {
    nl: (p: Params) => `Je bent geslaagd voor ${p.title} (${p.edition}). Deze leerbewijzen staan op je naam:`,
    en: (p: Params) =>
      `You passed ${p.title}. The proofs of learning above are yours: each link is a signed credential that anyone can verify.`,
  },
  // A credit certificate alone: the learner passed a course unit, not (yet) the micro-credential.
  credit: {
    nl: (p: CreditMailParams) =>
      `Je bent geslaagd voor ${p.count === 1 ? 'het opleidingsonderdeel' : 'de opleidingsonderdelen'} ${p.units} en behaalde ${p.count === 1 ? 'het creditbewijs' : 'de creditbewijzen'} ervan.` +
      (p.remaining > 0
        ? ` Nog ${p.remaining} ${p.remaining === 1 ? 'opleidingsonderdeel' : 'opleidingsonderdelen'} tot het micro-credential ${p.title} (${p.edition}).`
        : '') +
      ' Deze leerbewijzen staan op je naam:',
    en: (p: CreditMailParams) =>
      `You passed ${p.count === 1 ? 'the course unit' : 'the course units'} ${p.units} and earned ${p.count === 1 ? 'its credit certificate' : 'their credit certificates'}.` +
      (p.remaining > 0
        ? ` ${p.remaining} more ${p.remaining === 1 ? 'course unit' : 'course units'} to go for the micro-credential ${p.title}.`
        : '') +
      ' The proofs of learning above are yours: each link is a signed credential that anyone can verify.',
  },
};
