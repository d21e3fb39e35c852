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
