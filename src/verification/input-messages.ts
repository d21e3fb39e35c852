import type { CheckParams, MessageLang, MessageTemplate } from './messages.ts';

/**
 * Why an input cannot be read as a credential at all, in Dutch and English. Pure, like messages.ts, so
 * that the API answers in the request's language and the CLI in English with the same words.
 */

export const INPUT_MESSAGE_KEYS = [
  'empty',
  'not-json',
  'not-an-object',
  'duplicate-key',
  'send-body',
  'links-not-here',
  'no-credential-at-link',
  'not-a-credential-file',
  'png-no-credential',
  'svg-no-credential',
  'pdf-no-credential',
  'png-malformed',
  'svg-malformed',
  'pdf-unreadable',
] as const;
export type InputMessageKey = (typeof INPUT_MESSAGE_KEYS)[number];

const s = (value: string | number | undefined): string => (value === undefined ? '' : String(value));

/**
 * What is wrong with the JSON syntax, by the reason the scanner gives, one table per language like the
 * schema deviations of messages.ts.
 */
const SYNTAX: Record<MessageLang, Readonly<Record<string, string>>> = {
  nl: {
    'expected-value': 'hier hoort een waarde (een object, lijst, tekst, getal, true, false of null)',
    'ends-early': 'de invoer stopt waar een waarde hoort',
    'string-not-closed': 'een tekst wordt niet afgesloten',
    'bad-unicode-escape': 'een \\u-escape heeft vier hexadecimale cijfers nodig',
    'bad-escape': 'een tekst bevat een ongeldige escape',
    'control-character': 'een tekst bevat een regeleinde of stuurteken',
    'bad-number': 'een getal is niet correct geschreven',
    'expected-key': 'hier hoort een veldnaam tussen dubbele aanhalingstekens',
    'expected-colon': 'na de veldnaam hoort ":"',
    'object-not-closed': 'een object wordt niet afgesloten met "}"',
    'expected-comma-or-brace': 'na een veldwaarde hoort "," of "}"',
    'array-not-closed': 'een lijst wordt niet afgesloten met "]"',
    'expected-comma-or-bracket': 'na een element van een lijst hoort "," of "]"',
    'trailing-text': 'na het einde van het JSON-document staat nog tekst',
    unreadable: 'het kan niet gelezen worden',
  },
  en: {
    'expected-value': 'expected a value (an object, array, string, number, true, false or null)',
    'ends-early': 'the input ends where a value is expected',
    'string-not-closed': 'a string is not closed',
    'bad-unicode-escape': 'a \\u escape needs four hex digits',
    'bad-escape': 'a string has an invalid escape',
    'control-character': 'a string contains a line break or control character',
    'bad-number': 'a number is not written correctly',
    'expected-key': 'expected a property name in double quotes',
    'expected-colon': 'expected ":" after the property name',
    'object-not-closed': 'an object is not closed with "}"',
    'expected-comma-or-brace': 'expected "," or "}" after a property value',
    'array-not-closed': 'an array is not closed with "]"',
    'expected-comma-or-bracket': 'expected "," or "]" after an array element',
    'trailing-text': 'there is more text after the end of the JSON document',
    unreadable: 'it cannot be parsed',
  },
};

/** What kind of JSON value the input is instead of an object, per language. */
const KINDS: Record<MessageLang, Readonly<Record<string, string>>> = {
  nl: {
    array: 'een lijst',
    string: 'een tekst',
    number: 'een getal',
    null: 'null',
    true: 'de waarde true',
    false: 'de waarde false',
  },
  en: {
    array: 'an array',
    string: 'a string',
    number: 'a number',
    null: 'null',
    true: 'the value true',
    false: 'the value false',
  },
};

/** What is wrong with a baked image, by the reason the reader gives (baking.ts). */
const IMAGE_PROBLEMS: Record<MessageLang, Readonly<Record<string, string>>> = {
  nl: {
    'not-png': 'het begint niet met de PNG-handtekening',
    truncated: 'het bestand is afgebroken of een blok is onleesbaar',
    'bad-crc': 'de controlesom van een blok klopt niet (het bestand is beschadigd)',
    'no-header': 'het eerste blok is geen IHDR',
    'no-end': 'het IEND-blok ontbreekt',
    'bad-credential-chunk': 'het blok met het leerbewijs is onleesbaar, gecomprimeerd of dubbel',
    'not-svg': 'er is geen leesbaar <svg>-element',
  },
  en: {
    'not-png': 'it does not start with the PNG signature',
    truncated: 'the file is cut short or a chunk is unreadable',
    'bad-crc': 'the checksum of a chunk does not match (the file is damaged)',
    'no-header': 'the first chunk is not IHDR',
    'no-end': 'the IEND chunk is missing',
    'bad-credential-chunk': 'the chunk holding the credential is unreadable, compressed or there twice',
    'not-svg': 'there is no readable <svg> element',
  },
};

/** The words a table of one language has for `key`; the key itself when it has none. */
function wordFor(table: Readonly<Record<string, string>>, key: string | number | undefined): string {
  return Object.hasOwn(table, s(key)) ? table[s(key)]! : s(key);
}

function where(p: CheckParams, lang: MessageLang): string {
  if (p.line === undefined) return '';
  const at =
    lang === 'nl'
      ? ` op regel ${s(p.line)}, kolom ${s(p.column)}`
      : ` at line ${s(p.line)}, column ${s(p.column)}`;
  if (p.near === undefined) return at;
  if (p.near === '')
    return lang === 'nl' ? `${at}, aan het einde van de invoer` : `${at}, at the end of the input`;
  return lang === 'nl' ? `${at} bij "${s(p.near)}"` : `${at} near "${s(p.near)}"`;
}

export const INPUT_MESSAGES: Record<InputMessageKey, Record<MessageLang, MessageTemplate>> = {
  empty: {
    nl: () => 'De invoer is leeg: er is geen leerbewijs om te controleren.',
    en: () => 'The input is empty: there is no credential to check.',
  },
  'not-json': {
    nl: (p) => `De invoer is geen geldige JSON: ${wordFor(SYNTAX.nl, p.reason)}${where(p, 'nl')}.`,
    en: (p) => `The input is not valid JSON: ${wordFor(SYNTAX.en, p.reason)}${where(p, 'en')}.`,
  },
  'not-an-object': {
    nl: (p) =>
      `De invoer is JSON, maar het is ${wordFor(KINDS.nl, p.kind)}; een leerbewijs is een JSON-object ({ … }).`,
    en: (p) =>
      `The input is JSON, but it is ${wordFor(KINDS.en, p.kind)}; a credential is a JSON object ({ … }).`,
  },
  'duplicate-key': {
    nl: (p) =>
      `De sleutel "${s(p.name)}" staat twee keer in hetzelfde object (${s(p.path)}, regel ${s(p.line)}, kolom ${s(p.column)}). Wie het bestand leest, kan een andere waarde zien dan een programma dat het controleert; zo'n leerbewijs wordt niet gelezen.`,
    en: (p) =>
      `The key "${s(p.name)}" appears twice in the same object (${s(p.path)}, line ${s(p.line)}, column ${s(p.column)}). A person reading the file may see another value than a program checking it; such a credential is not read.`,
  },
  'send-body': {
    nl: () => 'Stuur het leerbewijs als JSON in de body van het verzoek.',
    en: () => 'Send the credential as the JSON body of the request.',
  },
  'links-not-here': {
    nl: () => 'Links kunnen hier niet gecontroleerd worden; stuur het leerbewijs zelf.',
    en: () => 'Links cannot be verified here; send the credential itself.',
  },
  'no-credential-at-link': {
    nl: (p) => `Er is geen leerbewijs op ${s(p.url)}.`,
    en: (p) => `There is no credential at ${s(p.url)}.`,
  },
  'not-a-credential-file': {
    nl: () =>
      'Dit bestand is geen JSON-, PNG-, SVG- of PDF-bestand; kies het leerbewijs zelf, een badge-afbeelding met een ingebakken leerbewijs of een certificaat als PDF.',
    en: () =>
      'This file is not a JSON, PNG, SVG or PDF file; choose the credential itself, a badge image with a baked credential, or a PDF certificate.',
  },
  'png-no-credential': {
    nl: () => 'Deze PNG-afbeelding bevat geen Open Badges-leerbewijs (geen openbadgecredential-blok).',
    en: () => 'This PNG image carries no Open Badges credential (no openbadgecredential chunk).',
  },
  'svg-no-credential': {
    nl: () => 'Deze SVG-afbeelding bevat geen Open Badges-leerbewijs (geen <openbadges:credential>-element).',
    en: () => 'This SVG image carries no Open Badges credential (no <openbadges:credential> element).',
  },
  'pdf-no-credential': {
    nl: () => 'Deze PDF bevat geen leerbewijs als bijlage; kies de PDF die bij het leerbewijs hoort.',
    en: () =>
      'This PDF has no credential attached; choose the PDF certificate that came with the credential.',
  },
  'png-malformed': {
    nl: (p) => `Deze PNG-afbeelding kan niet gelezen worden: ${wordFor(IMAGE_PROBLEMS.nl, p.reason)}.`,
    en: (p) => `This PNG image cannot be read: ${wordFor(IMAGE_PROBLEMS.en, p.reason)}.`,
  },
  'svg-malformed': {
    nl: (p) => `Deze SVG-afbeelding kan niet gelezen worden: ${wordFor(IMAGE_PROBLEMS.nl, p.reason)}.`,
    en: (p) => `This SVG image cannot be read: ${wordFor(IMAGE_PROBLEMS.en, p.reason)}.`,
  },
  'pdf-unreadable': {
    nl: () => 'Deze PDF kan niet gelezen worden (beschadigd of geen geldige PDF).',
    en: () => 'This PDF cannot be read (damaged or not a valid PDF).',
  },
};

/**
 * The message for an unreadable input, in one language.
 *
 * @example
 * renderInputMessage('duplicate-key', { name: 'name', path: '/issuer', line: 4, column: 5 }, 'en');
 */
export function renderInputMessage(key: InputMessageKey, params: CheckParams, lang: MessageLang): string {
  return INPUT_MESSAGES[key][lang](params);
}
