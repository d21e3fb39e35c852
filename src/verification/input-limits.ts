import { StapelError } from '../core/errors.ts';
import type { Lang } from '../core/i18n.ts';
import { describeInputLimit, type LimitSubject } from './limit-messages.ts';

/**
 * Largest credential text accepted, in UTF-8 bytes. A Stapel credential is about 3 KB; a Comprehensive
 * Learner Record that embeds some 30 signed credentials stays near 100 KB, and badge images written inline
 * as data URLs add their size. Size alone is cheap to process (a long string is one RDF literal), so this
 * limit is generous: it only keeps memory per request bounded.
 */
export const MAX_CREDENTIAL_BYTES = 1024 * 1024;

/**
 * Deepest nesting of objects and arrays accepted (the outermost object is level 1). A Stapel credential
 * reaches level 7 and a credential embedded in a learner record adds about 4; JSON-LD processing and the
 * schema check recurse once per level, so a bound far below the stack depth keeps them safe.
 */
export const MAX_CREDENTIAL_DEPTH = 64;

/**
 * Most JSON values (objects, arrays, strings, numbers, booleans, nulls) accepted: a proxy for the number
 * of RDF statements that canonicalisation has to sort and hash. Measured on this code base: a Stapel
 * credential holds 113 values and verifies in about 35 ms; canonicalisation grows faster than linearly
 * (1,000 values ≈ 0.15 s, 5,000 ≈ 1.4 s, 10,000 ≈ 5 s on one idle core; 20,000 would be ≈ 20 s), so
 * 10,000 keeps the worst accepted request at seconds of one worker thread (see verification-pool.ts) while
 * leaving room for a learner record of 30 embedded credentials of up to 300 values each.
 */
export const MAX_CREDENTIAL_VALUES = 10_000;

/**
 * Largest file accepted when the credential is carried by a baked badge image or a PDF certificate, by the
 * verifier, the import into the wallet and the file pickers of the web alike. A baked badge is the image plus
 * the credential (tens of kilobytes); a certificate a few hundred. The credential taken out of it is then held
 * to the JSON limits like any other.
 */
export const MAX_CREDENTIAL_FILE_BYTES = 5 * 1024 * 1024;

export interface InputLimits {
  maxBytes: number;
  maxDepth: number;
  maxValues: number;
}

/** The limits every credential is held to before any JSON-LD processing. */
export const CREDENTIAL_LIMITS: Readonly<InputLimits> = {
  maxBytes: MAX_CREDENTIAL_BYTES,
  maxDepth: MAX_CREDENTIAL_DEPTH,
  maxValues: MAX_CREDENTIAL_VALUES,
};

/** Which limit an input broke, with the limit itself; `too-large` is HTTP 413, the others 422. */
export type InputLimitRule = 'input-too-large' | 'input-too-deep' | 'input-too-many-values';

export interface InputLimitViolation {
  rule: InputLimitRule;
  limit: number;
}

/**
 * Measures a JSON text against the limits without parsing it and without recursion, stopping at the first
 * limit it breaks: a text nested a million levels deep costs as much as one nested `maxDepth + 1` levels.
 * The text need not be valid JSON; syntax is left to the parser that runs afterwards.
 *
 * @example
 * scanJsonText('[[[1]]]', { maxBytes: 100, maxDepth: 2, maxValues: 10 }); // { rule: 'input-too-deep', limit: 2 }
 */
export function scanJsonText(
  text: string,
  limits: InputLimits = CREDENTIAL_LIMITS,
): InputLimitViolation | undefined {
  // UTF-8 needs at least one byte per UTF-16 code unit, so a longer text is too large whatever it holds.
  if (text.length > limits.maxBytes) return { rule: 'input-too-large', limit: limits.maxBytes };
  if (Number.isFinite(limits.maxBytes) && utf8Length(text) > limits.maxBytes)
    return { rule: 'input-too-large', limit: limits.maxBytes };

  // One flag per open container: is it an object (where a string may be a property name)?
  const inObject: boolean[] = [];
  let expectingName = false;
  let values = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22 /* " */) {
      // Skip the string, escapes included; an unclosed string simply runs to the end.
      for (i++; i < text.length; i++) {
        const s = text.charCodeAt(i);
        if (s === 0x5c /* \ */) i++;
        else if (s === 0x22) break;
      }
      if (expectingName) expectingName = false;
      else if (++values > limits.maxValues) return { rule: 'input-too-many-values', limit: limits.maxValues };
    } else if (c === 0x7b /* { */ || c === 0x5b /* [ */) {
      if (++values > limits.maxValues) return { rule: 'input-too-many-values', limit: limits.maxValues };
      inObject.push(c === 0x7b);
      if (inObject.length > limits.maxDepth) return { rule: 'input-too-deep', limit: limits.maxDepth };
      expectingName = c === 0x7b;
    } else if (c === 0x7d /* } */ || c === 0x5d /* ] */) {
      inObject.pop();
      expectingName = false;
    } else if (c === 0x2c /* , */) {
      expectingName = inObject.at(-1) === true;
    } else if (c === 0x3a /* : */) {
      expectingName = false;
    } else if (c === 0x2d /* - */ || (c >= 0x30 && c <= 0x39) || c === 0x74 || c === 0x66 || c === 0x6e) {
      // A number or true/false/null: count it once, then skip the rest of the token.
      if (++values > limits.maxValues) return { rule: 'input-too-many-values', limit: limits.maxValues };
      while (i + 1 < text.length && isTokenPart(text.charCodeAt(i + 1))) i++;
    }
  }
  return undefined;
}

/** Letters, digits, `.`, `+` and `-`: the characters that continue a number or a literal. */
function isTokenPart(c: number): boolean {
  return (
    (c >= 0x30 && c <= 0x39) ||
    (c >= 0x61 && c <= 0x7a) ||
    (c >= 0x41 && c <= 0x5a) ||
    c === 0x2e ||
    c === 0x2b ||
    c === 0x2d
  );
}

/**
 * The same measure for a value that is already parsed (a credential read from a link), walked with an
 * explicit stack. Bytes are counted as JSON.stringify would write the value, without writing it.
 *
 * @example
 * measureJsonValue({ a: [1, 2] }, { maxBytes: 100, maxDepth: 1, maxValues: 10 }); // { rule: 'input-too-deep', limit: 1 }
 */
export function measureJsonValue(
  value: unknown,
  limits: InputLimits = CREDENTIAL_LIMITS,
): InputLimitViolation | undefined {
  const stack: Array<{ value: unknown; depth: number }> = [{ value, depth: 0 }];
  let values = 0;
  let bytes = 0;
  while (stack.length > 0) {
    const { value: current, depth } = stack.pop()!;
    if (++values > limits.maxValues) return { rule: 'input-too-many-values', limit: limits.maxValues };
    if (current !== null && typeof current === 'object') {
      if (depth + 1 > limits.maxDepth) return { rule: 'input-too-deep', limit: limits.maxDepth };
      const isArray = Array.isArray(current);
      const entries: Array<readonly [string | undefined, unknown]> = isArray
        ? current.map((child: unknown) => [undefined, child] as const)
        : Object.entries(current);
      // Brackets, and a comma between entries.
      bytes += 2 + Math.max(0, entries.length - 1);
      for (const [key, child] of entries) {
        if (key !== undefined) bytes += utf8Length(JSON.stringify(key)) + 1; // "name":
        stack.push({ value: child, depth: depth + 1 });
      }
    } else {
      bytes += utf8Length(JSON.stringify(current) ?? 'null');
    }
    if (bytes > limits.maxBytes) return { rule: 'input-too-large', limit: limits.maxBytes };
  }
  return undefined;
}

/** Bytes of a text in UTF-8, counted without encoding it. */
function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    // Surrogate halves count two bytes each: a pair is the four bytes of its code point.
    bytes += unit < 0x80 ? 1 : unit < 0x800 || (unit >= 0xd800 && unit <= 0xdfff) ? 2 : 3;
  }
  return bytes;
}

/** The error code of each rule: too large is 413 (`payload-too-large`), too complex 422. */
const CODE_BY_RULE: Record<InputLimitRule, string> = {
  'input-too-large': 'payload-too-large',
  'input-too-deep': 'input-too-complex',
  'input-too-many-values': 'input-too-complex',
};

/**
 * An input refused before any processing because it breaks a limit. The message is in the language asked
 * for; `localised` gives the same refusal in another.
 */
export class InputLimitError extends StapelError {
  readonly violation: InputLimitViolation;
  readonly subject: LimitSubject;
  constructor(violation: InputLimitViolation, lang: Lang = 'en', subject: LimitSubject = 'credential') {
    super(CODE_BY_RULE[violation.rule], describeInputLimit(violation, lang, subject));
    this.violation = violation;
    this.subject = subject;
  }

  localised(lang: Lang): InputLimitError {
    return new InputLimitError(this.violation, lang, this.subject);
  }
}

/**
 * Refuses a credential text that breaks a limit, before it is parsed.
 *
 * @example
 * assertWithinInputLimits(text); // throws InputLimitError (413 or 422) for an oversized or over-nested text
 */
export function assertWithinInputLimits(
  text: string,
  limits: InputLimits = CREDENTIAL_LIMITS,
  lang: Lang = 'en',
): void {
  refuseOverLimit(scanJsonText(text, limits), lang);
}

function refuseOverLimit(violation: InputLimitViolation | undefined, lang: Lang): void {
  if (violation) throw new InputLimitError(violation, lang);
}

/**
 * Refuses an already parsed credential that breaks a limit, before it is verified.
 *
 * @example
 * const credential = assertValueWithinInputLimits(await fetcher.json(url));
 */
export function assertValueWithinInputLimits<T>(
  value: T,
  limits: InputLimits = CREDENTIAL_LIMITS,
  lang: Lang = 'en',
): T {
  refuseOverLimit(measureJsonValue(value, limits), lang);
  return value;
}
