import { defineMessages, renderMessage, type Message } from '../core/messages.ts';

/**
 * What every verification check means, in Dutch and English. Pure (no I/O, no Node APIs), so that the web
 * UI renders a result from its codes and parameters in the interface language, and the API and the CLI
 * render the same words.
 */

export type MessageLang = 'nl' | 'en';
export type CheckParams = Readonly<Record<string, string | number>>;
/** A message's words in one language, from its parameters. */
export type MessageTemplate = (p: CheckParams) => string;

/** Every code a verification check can carry, with its explanation. Stable: programs rely on them. */
export const CHECK_CODES = [
  'json-ok',
  'json-not-object',
  'json-unsigned',
  'json-missing',
  'schema-valid',
  'schema-invalid',
  'schema-deviation',
  'proof-valid',
  'proof-missing',
  'proof-not-object',
  'proof-unsupported',
  'proof-wrong-purpose',
  'proof-no-key',
  'proof-malformed-credential',
  'proof-context-unavailable',
  'proof-undefined-property',
  'proof-undefined-type',
  'proof-relative-id',
  'proof-not-json-ld',
  'proof-signature-mismatch',
  'proof-key-unavailable',
  'proof-document-unavailable',
  'proof-key-not-authorised',
  'proof-no-matching-proof',
  'proof-unverifiable',
  'key-issuers-own',
  'key-embedded',
  'key-no-issuer',
  'key-no-proof',
  'key-no-verification-method',
  'key-unavailable',
  'key-document-mismatch',
  'key-controller-other',
  'key-no-controller',
  'key-issuer-document-unavailable',
  'key-issuer-document-mismatch',
  'key-not-listed',
  'key-outside-issuer',
  'status-none',
  'status-not-revoked',
  'status-not-suspended',
  'status-marked-valid',
  'status-clear',
  'status-revoked',
  'status-suspended',
  'status-unexplained',
  'status-other',
  'status-entry-not-object',
  'status-entry-type',
  'status-entry-no-list',
  'status-entry-no-purpose',
  'status-entry-index',
  'status-entry-size',
  'status-purpose-unsupported',
  'status-list-unavailable',
  'status-list-not-object',
  'status-list-wrong-type',
  'status-list-other-issuer',
  'status-list-changed',
  'status-list-signature-unverifiable',
  'status-list-wrong-signer',
  'status-list-expired',
  'status-list-not-yet-valid',
  'status-list-empty',
  'status-list-purpose-mismatch',
  'status-list-unreadable',
  'validity-window',
  'validity-from',
  'validity-until',
  'validity-none',
  'validity-not-a-date',
  'validity-not-yet',
  'validity-expired',
  'issuer-recognised-platform',
  'issuer-recognised-trusted',
  'issuer-unrecognised',
  'issuer-unconfirmed-embedded-key',
  'issuer-impersonation',
  'skipped-not-a-credential',
  'skipped-signature-unconfirmed',
  'skipped-no-issuer',
  'skipped-key-not-issuers',
] as const;

export type CheckCode = (typeof CHECK_CODES)[number];

const LOCALES: Record<MessageLang, string> = { nl: 'nl-BE', en: 'en-GB' };

/**
 * A moment as a day people read: "2 december 2026" / "2 December 2026", in Belgian time; the text as it
 * is when it is not a date.
 *
 * @example
 * formatDay('2026-12-02T10:00:00Z', 'nl'); // '2 december 2026'
 */
export function formatDay(iso: string | number | undefined, lang: MessageLang): string {
  if (iso === undefined) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return String(iso);
  return new Intl.DateTimeFormat(LOCALES[lang], { dateStyle: 'long', timeZone: 'Europe/Brussels' }).format(
    date,
  );
}

const s = (value: string | number | undefined): string => (value === undefined ? '' : String(value));
const day = (lang: MessageLang) => (value: string | number | undefined) => formatDay(value, lang);
const nlDay = day('nl');
const enDay = day('en');
/** " (…)" when there is something to put between the brackets. */
const aside = (value: string | number | undefined): string => (s(value) ? ` (${s(value)})` : '');
/** The name as claimed, then the identifier: "Hogeschool Schelde (did:web:…)". */
const named = (p: CheckParams): string => (p.name ? `${s(p.name)} (${s(p.id)})` : s(p.id));

const nlDeviation: Record<string, string> = {
  'proof-object': '`proof` is één object in plaats van een lijst',
  'credential-status-array': '`credentialStatus` is een lijst in plaats van één object',
};
const enDeviation: Record<string, string> = {
  'proof-object': '`proof` is a single object instead of an array',
  'credential-status-array': '`credentialStatus` is an array instead of a single object',
};
const deviations = (table: Record<string, string>, list: string | number | undefined, and: string) => {
  const parts = s(list)
    .split(',')
    .filter(Boolean)
    .map((d) => table[d] ?? d);
  return parts.length > 1 ? `${parts.slice(0, -1).join(', ')} ${and} ${parts.at(-1)}` : (parts[0] ?? '');
};

/** The words around the date and the reason of a status change, in one language. */
interface StatusChangeWords {
  /** A date the status list shows: the change happened then at the latest. */
  atTheLatest: (on: string) => string;
  byIssuer: string;
  reason: string;
}

const STATUS_CHANGE_WORDS: Record<MessageLang, StatusChangeWords> = {
  nl: {
    atTheLatest: (on) => `, uiterlijk ${on} (toen de uitreiker de statuslijst ondertekende die dat toont)`,
    byIssuer: 'door de uitreiker',
    reason: 'Reden',
  },
  en: {
    atTheLatest: (on) => ` ${on} at the latest (when the issuer signed the status list that shows it)`,
    byIssuer: 'by the issuer',
    reason: 'Reason',
  },
};

/**
 * A revocation or suspension in words: the state, since when (the recorded date, or the latest date the
 * status list shows), what it means, and, for this platform's own credentials, the public reason.
 */
function statusChange(lang: MessageLang, state: string, since: string, meaning: string): MessageTemplate {
  const words = STATUS_CHANGE_WORDS[lang];
  return (p) => {
    const on = `${since} ${formatDay(p.date, lang)}`;
    const when = p.dateKind === 'recorded' ? ` ${on}` : p.dateKind === 'list' ? words.atTheLatest(on) : '';
    const reason = p.reason ? ` ${words.reason}: ${s(p.reason)}${/[.!?]$/.test(s(p.reason)) ? '' : '.'}` : '';
    return `${state}${when} ${words.byIssuer}${meaning}${reason}`;
  };
}

/** A signing key that cannot be loaded: the same words whether the signature or the key's owner is checked. */
const KEY_UNAVAILABLE: Message = {
  nl: (p) => `De ondertekeningssleutel ${s(p.key)} kan niet geladen worden${aside(p.reason)}.`,
  en: (p) => `The signing key ${s(p.key)} cannot be loaded${aside(p.reason)}.`,
};

/** The explanation of every code, in both languages. */
export const CHECK_MESSAGES: Readonly<Record<CheckCode, Message>> = {
  'json-ok': {
    nl: 'Een JSON-object met @context, type en proof.',
    en: 'A JSON object with @context, type and proof.',
  },
  'json-not-object': {
    nl: 'Dit is geen JSON-object, dus geen leerbewijs.',
    en: 'The input is not a JSON object, so it cannot be a credential.',
  },
  'json-unsigned': {
    nl: 'Het leerbewijs heeft geen proof: het is niet ondertekend.',
    en: 'The credential has no proof: it is not signed.',
  },
  'json-missing': {
    nl: (p) => `Geen ondertekend leerbewijs: ${s(p.missing).split(',').join(', ')} ontbreekt.`,
    en: (p) => `Not a signed credential: ${s(p.missing).split(',').join(', ')} missing.`,
  },
  'schema-valid': {
    nl: 'Volgt het Open Badges 3.0-schema voor een AchievementCredential.',
    en: 'Matches the Open Badges 3.0 AchievementCredential schema.',
  },
  'schema-invalid': {
    nl: (p) =>
      `Volgt het Open Badges 3.0-schema niet: ${s(p.problems)}${Number(p.more) > 0 ? ` (en nog ${s(p.more)})` : ''}.`,
    en: (p) =>
      `Does not match the Open Badges 3.0 schema: ${s(p.problems)}${Number(p.more) > 0 ? ` (and ${s(p.more)} more)` : ''}.`,
  },
  'schema-deviation': {
    nl: (p) =>
      `Wijkt af van het Open Badges 3.0-schema zoals het gepubliceerd is: ${deviations(nlDeviation, p.deviations, 'en')}. Verifiable Credentials 2.0 staat dat toe: het telt als waarschuwing, niet als fout. Sommige programma's weigeren het wel.`,
    en: (p) =>
      `Deviates from the Open Badges 3.0 schema as published: ${deviations(enDeviation, p.deviations, 'and')}. Verifiable Credentials 2.0 allows it: it counts as a warning, not a failure. Some programs refuse it, though.`,
  },
  'proof-valid': {
    nl: (p) =>
      `De eddsa-rdfc-2022-handtekening klopt (sleutel ${s(p.keys)}): het leerbewijs is niet gewijzigd sinds het ondertekend werd.`,
    en: (p) =>
      `The eddsa-rdfc-2022 signature is valid (key ${s(p.keys)}): the credential is unchanged since it was signed.`,
  },
  'proof-missing': {
    nl: 'Het leerbewijs heeft geen proof.',
    en: 'The credential has no proof.',
  },
  'proof-not-object': {
    nl: 'Een proof van het leerbewijs is geen JSON-object.',
    en: 'A proof of the credential is not a JSON object.',
  },
  'proof-unsupported': {
    nl: (p) =>
      `Het leerbewijs is ondertekend met een proof van het type ${s(p.kind)}; alleen Data Integrity-proofs met eddsa-rdfc-2022 kunnen gecontroleerd worden.`,
    en: (p) =>
      `The credential is signed with a proof of type ${s(p.kind)}; only Data Integrity eddsa-rdfc-2022 proofs can be checked.`,
  },
  'proof-wrong-purpose': {
    nl: (p) =>
      `De proof heeft als doel "${s(p.purpose)}"; een leerbewijs moet ondertekend zijn voor "assertionMethod".`,
    en: (p) =>
      `The proof has the purpose "${s(p.purpose)}"; a credential must be signed for "assertionMethod".`,
  },
  'proof-no-key': {
    nl: 'De proof zegt niet met welke sleutel ondertekend werd.',
    en: 'The proof does not say which key signed it.',
  },
  'proof-malformed-credential': {
    nl: (p) => `Dit is geen goed gevormde Verifiable Credential${aside(p.reason)}.`,
    en: (p) => `The credential is not a well-formed Verifiable Credential${aside(p.reason)}.`,
  },
  'proof-context-unavailable': {
    nl: (p) => `Gebruikt een JSON-LD-context die niet geladen kan worden: ${s(p.url)}${aside(p.reason)}.`,
    en: (p) => `Uses a JSON-LD context that cannot be loaded: ${s(p.url)}${aside(p.reason)}.`,
  },
  'proof-undefined-property': {
    nl: (p) =>
      `Het leerbewijs gebruikt het veld "${s(p.property)}", dat geen van zijn JSON-LD-contexten definieert.`,
    en: (p) =>
      `The credential uses the property "${s(p.property)}", which none of its JSON-LD contexts defines.`,
  },
  'proof-undefined-type': {
    nl: (p) =>
      `Het leerbewijs gebruikt het type "${s(p.type)}", dat geen van zijn JSON-LD-contexten definieert.`,
    en: (p) => `The credential uses the type "${s(p.type)}", which none of its JSON-LD contexts defines.`,
  },
  'proof-relative-id': {
    nl: (p) =>
      `Het leerbewijs gebruikt de relatieve identificatie "${s(p.id)}"; identificaties moeten absoluut zijn.`,
    en: (p) => `The credential uses the relative identifier "${s(p.id)}"; identifiers must be absolute.`,
  },
  'proof-not-json-ld': {
    nl: (p) => `Het leerbewijs is niet te lezen als JSON-LD${aside(p.reason)}.`,
    en: (p) => `The credential cannot be read as JSON-LD${aside(p.reason)}.`,
  },
  'proof-signature-mismatch': {
    nl: 'De handtekening past niet bij de inhoud: het leerbewijs werd gewijzigd nadat het ondertekend werd.',
    en: 'The signature does not match the content: the credential was changed after it was signed.',
  },
  'proof-key-unavailable': KEY_UNAVAILABLE,
  'proof-document-unavailable': {
    nl: (p) =>
      `De handtekening kan niet gecontroleerd worden: ${s(p.url)} kan niet geladen worden${aside(p.reason)}.`,
    en: (p) => `The signature cannot be checked: ${s(p.url)} cannot be loaded${aside(p.reason)}.`,
  },
  'proof-key-not-authorised': {
    nl: (p) =>
      `De ondertekeningssleutel ${s(p.keys)} staat bij zijn eigenaar niet als sleutel om leerbewijzen te ondertekenen (assertionMethod).`,
    en: (p) =>
      `The signing key ${s(p.keys)} is not listed by its controller as a key for signing credentials (assertionMethod).`,
  },
  'proof-no-matching-proof': {
    nl: 'Het leerbewijs heeft geen Data Integrity-proof met eddsa-rdfc-2022 voor "assertionMethod".',
    en: 'The credential has no Data Integrity eddsa-rdfc-2022 proof for "assertionMethod".',
  },
  'proof-unverifiable': {
    nl: (p) => `De handtekening kan niet gecontroleerd worden${aside(p.reason)}.`,
    en: (p) => `The signature cannot be checked${aside(p.reason)}.`,
  },
  'key-issuers-own': {
    nl: (p) => `Ondertekend met sleutel ${s(p.keys)}, die de uitreiker ${s(p.issuer)} als de zijne vermeldt.`,
    en: (p) => `Signed with key ${s(p.keys)}, which the issuer ${s(p.issuer)} lists as its own.`,
  },
  'key-embedded': {
    nl: (p) =>
      `Ondertekend met sleutel ${s(p.keys)}. De uitreiker ${s(p.issuer)} is een webadres, geen DID, en de sleutel komt uit het leerbewijs zelf: dat toont dat het leerbewijs ongewijzigd is, niet wie het uitreikte.`,
    en: (p) =>
      `Signed with key ${s(p.keys)}. The issuer ${s(p.issuer)} is a web address, not a DID, and the key is taken from the credential itself: this shows the credential is unchanged, not who issued it.`,
  },
  'key-no-issuer': {
    nl: 'Het leerbewijs noemt geen uitreiker, dus kan geen sleutel van die uitreiker zijn.',
    en: 'The credential names no issuer, so no key can belong to it.',
  },
  'key-no-proof': {
    nl: 'Er is geen proof, dus ook geen ondertekeningssleutel om te controleren.',
    en: 'There is no proof, so no signing key to check.',
  },
  'key-no-verification-method': {
    nl: 'Een proof zegt niet met welke sleutel ondertekend werd.',
    en: 'A proof does not say which key signed it.',
  },
  'key-unavailable': KEY_UNAVAILABLE,
  'key-document-mismatch': {
    nl: (p) =>
      `Ondertekend met sleutel ${s(p.key)}, die niet van de uitreiker ${s(p.issuer)} is: het sleuteldocument gaat over ${s(p.about)}.`,
    en: (p) =>
      `Signed with key ${s(p.key)} which is not controlled by the issuer ${s(p.issuer)} (the key document is about ${s(p.about)}).`,
  },
  'key-controller-other': {
    nl: (p) =>
      `Ondertekend met sleutel ${s(p.key)}, die niet van de uitreiker ${s(p.issuer)} is: de eigenaar ervan is ${s(p.controller)}.`,
    en: (p) =>
      `Signed with key ${s(p.key)} which is not controlled by the issuer ${s(p.issuer)} (its controller is ${s(p.controller)}).`,
  },
  'key-no-controller': {
    nl: (p) =>
      `Ondertekend met sleutel ${s(p.key)}, die niet van de uitreiker ${s(p.issuer)} is: de sleutel noemt geen eigenaar.`,
    en: (p) =>
      `Signed with key ${s(p.key)} which is not controlled by the issuer ${s(p.issuer)} (it names no controller).`,
  },
  'key-issuer-document-unavailable': {
    nl: (p) => `Het document van de uitreiker ${s(p.issuer)} kan niet geladen worden${aside(p.reason)}.`,
    en: (p) => `The issuer's document ${s(p.issuer)} cannot be loaded${aside(p.reason)}.`,
  },
  'key-issuer-document-mismatch': {
    nl: (p) =>
      `Ondertekend met sleutel ${s(p.key)}, die niet van de uitreiker ${s(p.issuer)} is: het document dat voor de uitreiker geladen werd, gaat over ${s(p.about)}.`,
    en: (p) =>
      `Signed with key ${s(p.key)} which is not controlled by the issuer ${s(p.issuer)} (the document loaded for the issuer is about ${s(p.about)}).`,
  },
  'key-not-listed': {
    nl: (p) =>
      `Ondertekend met sleutel ${s(p.key)}, die niet van de uitreiker ${s(p.issuer)} is: de uitreiker vermeldt die sleutel niet om leerbewijzen te ondertekenen.`,
    en: (p) =>
      `Signed with key ${s(p.key)} which is not controlled by the issuer ${s(p.issuer)} (the issuer does not list it as a key for signing credentials).`,
  },
  'key-outside-issuer': {
    nl: (p) =>
      `Ondertekend met sleutel ${s(p.key)}, die niet van de uitreiker ${s(p.issuer)} is: de sleutel maakt geen deel uit van de uitreiker.`,
    en: (p) =>
      `Signed with key ${s(p.key)} which is not controlled by the issuer ${s(p.issuer)} (the key is not part of the issuer).`,
  },
  'status-none': {
    nl: 'Het leerbewijs heeft geen statusvermelding; de uitreiker kan het niet intrekken.',
    en: 'The credential has no status entry; the issuer cannot revoke it.',
  },
  'status-not-revoked': {
    nl: (p) => `De uitreiker heeft het niet ingetrokken (positie ${s(p.index)} van ${s(p.url)}).`,
    en: (p) => `The issuer has not revoked it (entry ${s(p.index)} of ${s(p.url)}).`,
  },
  'status-not-suspended': {
    nl: (p) => `De uitreiker heeft het niet geschorst (positie ${s(p.index)} van ${s(p.url)}).`,
    en: (p) => `The issuer has not suspended it (entry ${s(p.index)} of ${s(p.url)}).`,
  },
  'status-marked-valid': {
    nl: (p) =>
      `De statuslijst van de uitreiker markeert het als geldig: niet ingetrokken en niet geschorst (positie ${s(p.index)} van ${s(p.url)}).`,
    en: (p) =>
      `The issuer's status list marks it valid: neither revoked nor suspended (entry ${s(p.index)} of ${s(p.url)}).`,
  },
  'status-clear': {
    nl: (p) =>
      `De uitreiker heeft het niet ingetrokken en niet geschorst (${s(p.count)} statusvermeldingen).`,
    en: (p) => `The issuer has neither revoked nor suspended it (${s(p.count)} status entries).`,
  },
  'status-revoked': {
    nl: statusChange('nl', 'Ingetrokken', 'op', '.'),
    en: statusChange('en', 'Revoked', 'on', '.'),
  },
  'status-suspended': {
    nl: statusChange('nl', 'Geschorst', 'sinds', ': het leerbewijs geldt niet zolang de schorsing duurt.'),
    en: statusChange(
      'en',
      'Suspended',
      'since',
      ': the credential does not count while the suspension lasts.',
    ),
  },
  'status-unexplained': {
    nl: (p) =>
      `De status is ${s(p.value)}, wat het leerbewijs niet uitlegt (positie ${s(p.index)} van ${s(p.url)}).`,
    en: (p) =>
      `The status is ${s(p.value)}, which the credential does not explain (entry ${s(p.index)} of ${s(p.url)}).`,
  },
  'status-other': {
    nl: (p) =>
      `De uitreiker gaf de status "${s(p.message)}" (${s(p.value)}, positie ${s(p.index)} van ${s(p.url)}).`,
    en: (p) =>
      `The issuer set the status "${s(p.message)}" (${s(p.value)}, entry ${s(p.index)} of ${s(p.url)}).`,
  },
  'status-entry-not-object': {
    nl: 'De statusvermelding is geen JSON-object.',
    en: 'The status entry is not a JSON object.',
  },
  'status-entry-type': {
    nl: (p) =>
      `De statusvermelding heeft het type ${s(p.types) || '(geen)'}; alleen BitstringStatusListEntry wordt ondersteund.`,
    en: (p) =>
      `The status entry has type ${s(p.types) || '(none)'}; only BitstringStatusListEntry is supported.`,
  },
  'status-entry-no-list': {
    nl: 'De statusvermelding zegt niet waar de statuslijst staat.',
    en: 'The status entry does not say where its status list is.',
  },
  'status-entry-no-purpose': {
    nl: 'De statusvermelding heeft geen statusPurpose.',
    en: 'The status entry has no statusPurpose.',
  },
  'status-entry-index': {
    nl: (p) => `De positie "${s(p.index)}" in de statusvermelding is geen geheel getal.`,
    en: (p) => `The status entry's index "${s(p.index)}" is not a whole number.`,
  },
  'status-entry-size': {
    nl: (p) => `De statusSize "${s(p.size)}" van de statusvermelding wordt niet ondersteund.`,
    en: (p) => `The status entry's statusSize "${s(p.size)}" is not supported.`,
  },
  'status-purpose-unsupported': {
    nl: (p) => `Het statusdoel "${s(p.purpose)}" wordt niet ondersteund, dus de status is onbekend.`,
    en: (p) => `The status purpose "${s(p.purpose)}" is not supported, so the status is unknown.`,
  },
  'status-list-unavailable': {
    nl: (p) =>
      `De statuslijst ${s(p.url)} kan niet geladen worden${aside(p.reason)}, dus de status is onbekend.`,
    en: (p) => `The status list ${s(p.url)} cannot be loaded${aside(p.reason)}, so the status is unknown.`,
  },
  'status-list-not-object': {
    nl: (p) => `De statuslijst ${s(p.url)} is geen JSON-object.`,
    en: (p) => `The status list ${s(p.url)} is not a JSON object.`,
  },
  'status-list-wrong-type': {
    nl: (p) => `Het document op ${s(p.url)} is geen BitstringStatusListCredential.`,
    en: (p) => `The document at ${s(p.url)} is not a BitstringStatusListCredential.`,
  },
  'status-list-other-issuer': {
    nl: (p) =>
      `De statuslijst ${s(p.url)} is uitgereikt door ${s(p.listIssuer) || 'niemand'}, niet door de uitreiker van het leerbewijs ${s(p.issuer)}.`,
    en: (p) =>
      `The status list ${s(p.url)} was issued by ${s(p.listIssuer) || 'nobody'}, not by the credential's issuer ${s(p.issuer)}.`,
  },
  'status-list-changed': {
    nl: (p) =>
      `De handtekening van de statuslijst ${s(p.url)} past niet bij de inhoud: de lijst werd gewijzigd nadat ze ondertekend werd.`,
    en: (p) =>
      `The signature of the status list ${s(p.url)} does not match its content: it was changed after it was signed.`,
  },
  'status-list-signature-unverifiable': {
    nl: (p) =>
      `De handtekening van de statuslijst ${s(p.url)} kan niet gecontroleerd worden${aside(p.reason)}.`,
    en: (p) => `The signature of the status list ${s(p.url)} cannot be checked${aside(p.reason)}.`,
  },
  'status-list-wrong-signer': {
    nl: (p) =>
      `De statuslijst ${s(p.url)} is niet ondertekend door haar uitreiker: sleutel ${s(p.key)} is niet van ${s(p.issuer)}.`,
    en: (p) =>
      `The status list ${s(p.url)} is not signed by its issuer: key ${s(p.key)} is not controlled by ${s(p.issuer)}.`,
  },
  'status-list-expired': {
    nl: (p) =>
      `De statuslijst ${s(p.url)} is verlopen op ${nlDay(p.date)}, dus de huidige status is onbekend.`,
    en: (p) => `The status list ${s(p.url)} expired on ${enDay(p.date)}, so the current status is unknown.`,
  },
  'status-list-not-yet-valid': {
    nl: (p) =>
      `De statuslijst ${s(p.url)} geldt pas vanaf ${nlDay(p.date)}, dus de huidige status is onbekend.`,
    en: (p) =>
      `The status list ${s(p.url)} is not valid until ${enDay(p.date)}, so the current status is unknown.`,
  },
  'status-list-empty': {
    nl: (p) => `De statuslijst ${s(p.url)} bevat geen lijst (encodedList).`,
    en: (p) => `The status list ${s(p.url)} has no list in it (encodedList).`,
  },
  'status-list-purpose-mismatch': {
    nl: (p) => `De statuslijst ${s(p.url)} is voor "${s(p.listPurposes)}", niet voor "${s(p.purpose)}".`,
    en: (p) => `The status list ${s(p.url)} is for "${s(p.listPurposes)}", not for "${s(p.purpose)}".`,
  },
  'status-list-unreadable': {
    nl: (p) => `De statuslijst ${s(p.url)} kan niet gelezen worden${aside(p.reason)}.`,
    en: (p) => `The status list ${s(p.url)} cannot be read${aside(p.reason)}.`,
  },
  'validity-window': {
    nl: (p) => `Geldig van ${nlDay(p.from)} tot ${nlDay(p.until)}.`,
    en: (p) => `Valid from ${enDay(p.from)} until ${enDay(p.until)}.`,
  },
  'validity-from': {
    nl: (p) => `Geldig vanaf ${nlDay(p.from)}, zonder einddatum.`,
    en: (p) => `Valid from ${enDay(p.from)}, with no end date.`,
  },
  'validity-until': {
    nl: (p) => `Geldig tot ${nlDay(p.until)}.`,
    en: (p) => `Valid until ${enDay(p.until)}.`,
  },
  'validity-none': {
    nl: 'Het leerbewijs heeft geen geldigheidsdata: het geldt zonder begin- of einddatum.',
    en: 'The credential has no validity dates: it holds without a start or end date.',
  },
  'validity-not-a-date': {
    nl: (p) => `De ${s(p.field)} "${s(p.value)}" is geen datum.`,
    en: (p) => `The ${s(p.field)} date "${s(p.value)}" is not a date.`,
  },
  'validity-not-yet': {
    nl: (p) => `Geldt pas vanaf ${nlDay(p.from)}.`,
    en: (p) => `Only valid from ${enDay(p.from)}.`,
  },
  'validity-expired': {
    nl: (p) => `Verlopen op ${nlDay(p.until)}.`,
    en: (p) => `Expired on ${enDay(p.until)}.`,
  },
  'issuer-recognised-platform': {
    nl: (p) =>
      `Uitgereikt door ${s(p.name)}, een instelling op dit platform; de sleutel staat in haar DID-document.`,
    en: (p) => `Issued by ${s(p.name)}, an institution on this platform; the key is in its DID document.`,
  },
  'issuer-recognised-trusted': {
    nl: (p) =>
      `Uitgereikt door ${named(p)}, een vertrouwde uitreiker; de sleutel staat in zijn DID-document.`,
    en: (p) => `Issued by ${named(p)}, a trusted issuer; the key is in its DID document.`,
  },
  'issuer-unrecognised': {
    nl: (p) =>
      `Zegt uitgereikt te zijn door ${named(p)}. De sleutel hoort bij die DID, maar die uitreiker is geen instelling op dit platform en staat niet op de lijst van vertrouwde uitreikers: wie erachter zit, is niet bevestigd.`,
    en: (p) =>
      `Claims to be issued by ${named(p)}. The key belongs to that DID, but the issuer is not an institution on this platform and not on its list of trusted issuers: who is behind it is not confirmed.`,
  },
  'issuer-unconfirmed-embedded-key': {
    nl: (p) =>
      `Zegt uitgereikt te zijn door ${named(p)}${p.trusted === 'yes' ? ', een vertrouwde uitreiker' : ''}, maar de sleutel komt uit het leerbewijs zelf: niets buiten het leerbewijs bevestigt dat deze uitreiker het ondertekende.`,
    en: (p) =>
      `Claims to be issued by ${named(p)}${p.trusted === 'yes' ? ', a trusted issuer' : ''}, but the key comes from the credential itself: nothing outside the credential confirms that this issuer signed it.`,
  },
  'issuer-impersonation': {
    nl: (p) =>
      `Geweigerd: het leerbewijs noemt als uitreiker ${s(p.id)}, een adres van dit platform (${s(p.host)}) dat geen van zijn instellingen is. Dit platform reikt alleen uit als de DID van een instelling; dit leerbewijs doet zich voor als een ervan.`,
    en: (p) =>
      `Refused: the credential names ${s(p.id)} as its issuer, an address on this platform (${s(p.host)}) that is none of its institutions. This platform issues only as an institution's DID; this credential poses as one of them.`,
  },
  'skipped-not-a-credential': {
    nl: 'Niet gecontroleerd: dit is geen ondertekend leerbewijs.',
    en: 'Not checked: the input is not a signed credential.',
  },
  'skipped-signature-unconfirmed': {
    nl: 'Niet gecontroleerd: de handtekening kon niet bevestigd worden, dus de inhoud is niet te vertrouwen.',
    en: 'Not checked: the signature could not be confirmed, so the content cannot be trusted.',
  },
  'skipped-no-issuer': {
    nl: 'Niet gecontroleerd: het leerbewijs noemt geen uitreiker.',
    en: 'Not checked: the credential names no issuer.',
  },
  'skipped-key-not-issuers': {
    nl: 'Niet gecontroleerd: de ondertekeningssleutel is niet aantoonbaar van de uitreiker, dus wie het uitreikte is niet bevestigd.',
    en: "Not checked: the signing key is not shown to be the issuer's, so who issued it is not confirmed.",
  },
};

/**
 * The explanation of a check in one language.
 *
 * @example
 * renderCheckMessage('status-revoked', { date: '2026-12-02T10:00:00Z', dateKind: 'recorded' }, 'nl');
 * // 'Ingetrokken op 2 december 2026 door de uitreiker.'
 */
export function renderCheckMessage(code: string, params: CheckParams, lang: MessageLang): string {
  const message = (CHECK_MESSAGES as Readonly<Record<string, Message | undefined>>)[code];
  return message ? renderMessage(message, lang, params) : code;
}

/** What one check found: whether it holds, and why, as a code with its parameters. */
export interface CheckOutcome {
  ok: boolean;
  code: CheckCode;
  params: CheckParams;
}

/**
 * A check that does not hold, and why.
 *
 * @example
 * return failedCheck('key-controller-other', { key, issuer, controller });
 */
export function failedCheck(code: CheckCode, params: CheckParams = {}): CheckOutcome {
  return { ok: false, code, params };
}

/**
 * The refusals of the verification routes besides unreadable input (see input-messages.ts), in Dutch and
 * English; `core/http.ts` renders them in the request's language.
 */
export const VERIFICATION_MESSAGES = defineMessages({
  'verification-busy': {
    nl: (p) => `Er lopen te veel verificaties tegelijk; probeer het over ${p.seconds} seconden opnieuw.`,
    en: (p) => `Too many verifications are running; try again in ${p.seconds} seconds.`,
  },
});
