/**
 * Why an input cannot be read as a credential at all, in Dutch and English. Pure, like messages.ts, so
 * that the API answers in the request's language and the CLI in English with the same words.
 */

export type MessageLang = 'nl' | 'en';
type Params = Readonly<Record<string, string | number>>;
type Template = (p: Params) => string;

export const INPUT_MESSAGE_KEYS = [
  'empty',
  'not-json',
  'not-an-object',
  'duplicate-key',
  'send-body',
  'links-not-here',
  'no-credential-at-link',
] as const;
export type InputMessageKey = (typeof INPUT_MESSAGE_KEYS)[number];

const s = (value: string | number | undefined): string => (value === undefined ? '' : String(value));

/** What is wrong with the JSON syntax, by the reason the scanner gives. */
const SYNTAX: Record<string, { nl: string; en: string }> = {
  'expected-value': {
    nl: 'hier hoort een waarde (een object, lijst, tekst, getal, true, false of null)',
    en: 'expected a value (an object, array, string, number, true, false or null)',
  },
  'ends-early': {
    nl: 'de invoer stopt waar een waarde hoort',
    en: 'the input ends where a value is expected',
  },
  'string-not-closed': { nl: 'een tekst wordt niet afgesloten', en: 'a string is not closed' },
  'bad-unicode-escape': {
    nl: 'een \\u-escape heeft vier hexadecimale cijfers nodig',
    en: 'a \\u escape needs four hex digits',
  },
  'bad-escape': { nl: 'een tekst bevat een ongeldige escape', en: 'a string has an invalid escape' },
  'control-character': {
    nl: 'een tekst bevat een regeleinde of stuurteken',
    en: 'a string contains a line break or control character',
  },
  'bad-number': { nl: 'een getal is niet correct geschreven', en: 'a number is not written correctly' },
  'expected-key': {
    nl: 'hier hoort een veldnaam tussen dubbele aanhalingstekens',
    en: 'expected a property name in double quotes',
  },
  'expected-colon': { nl: 'na de veldnaam hoort ":"', en: 'expected ":" after the property name' },
  'object-not-closed': {
    nl: 'een object wordt niet afgesloten met "}"',
    en: 'an object is not closed with "}"',
  },
  'expected-comma-or-brace': {
    nl: 'na een veldwaarde hoort "," of "}"',
    en: 'expected "," or "}" after a property value',
  },
  'array-not-closed': {
    nl: 'een lijst wordt niet afgesloten met "]"',
    en: 'an array is not closed with "]"',
  },
  'expected-comma-or-bracket': {
    nl: 'na een element van een lijst hoort "," of "]"',
    en: 'expected "," or "]" after an array element',
  },
  'trailing-text': {
    nl: 'na het einde van het JSON-document staat nog tekst',
    en: 'there is more text after the end of the JSON document',
  },
  unreadable: { nl: 'het kan niet gelezen worden', en: 'it cannot be parsed' },
};

const KINDS: Record<string, { nl: string; en: string }> = {
  array: { nl: 'een lijst', en: 'an array' },
  string: { nl: 'een tekst', en: 'a string' },
  number: { nl: 'een getal', en: 'a number' },
  null: { nl: 'null', en: 'null' },
  true: { nl: 'de waarde true', en: 'the value true' },
  false: { nl: 'de waarde false', en: 'the value false' },
};

function where(p: Params, lang: MessageLang): string {
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

export const INPUT_MESSAGES: Record<InputMessageKey, Record<MessageLang, Template>> = {
  empty: {
    nl: () => 'De invoer is leeg: er is geen leerbewijs om te controleren.',
    en: () => 'The input is empty: there is no credential to check.',
  },
  'not-json': {
    nl: (p) => `De invoer is geen geldige JSON: ${SYNTAX[s(p.reason)]?.nl ?? s(p.reason)}${where(p, 'nl')}.`,
    en: (p) => `The input is not valid JSON: ${SYNTAX[s(p.reason)]?.en ?? s(p.reason)}${where(p, 'en')}.`,
  },
  'not-an-object': {
    nl: (p) =>
      `De invoer is JSON, maar het is ${KINDS[s(p.kind)]?.nl ?? s(p.kind)}; een leerbewijs is een JSON-object ({ … }).`,
    en: (p) =>
      `The input is JSON, but it is ${KINDS[s(p.kind)]?.en ?? s(p.kind)}; a credential is a JSON object ({ … }).`,
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
};

/**
 * The message for an unreadable input, in one language.
 *
 * @example
 * renderInputMessage('duplicate-key', { name: 'name', path: '/issuer', line: 4, column: 5 }, 'en');
 */
export function renderInputMessage(key: InputMessageKey, params: Params, lang: MessageLang): string {
  return INPUT_MESSAGES[key][lang](params);
}
