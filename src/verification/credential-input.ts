import { StapelError } from '../core/errors.ts';
import { renderInputMessage, type InputMessageKey } from './input-messages.ts';
import type { MessageLang } from './messages.ts';
import { assertWithinInputLimits } from './input-limits.ts';
import { isJsonObject, type JsonObject } from './values.ts';

/**
 * The input cannot be read as a credential at all (empty, not JSON, not a JSON object, duplicate keys). A
 * `bad-request` StapelError, so that the HTTP layer answers 400 without further mapping. When it was made
 * from a message key, `localised` words it in another language.
 */
export class UnreadableCredentialError extends StapelError {
  readonly inputKey: InputMessageKey | undefined;
  constructor(
    message: string | { key: InputMessageKey; params?: Record<string, string | number> },
    lang: MessageLang = 'en',
  ) {
    super(
      'bad-request',
      typeof message === 'string' ? message : renderInputMessage(message.key, message.params ?? {}, lang),
      // The message is already worded in the request's language: no table key of the core renders it.
      { key: 'verification-input', params: typeof message === 'string' ? {} : (message.params ?? {}) },
    );
    this.inputKey = typeof message === 'string' ? undefined : message.key;
  }

  /** The same error, worded in `lang`; an error made from plain text stays as it is. */
  localised(lang: MessageLang): UnreadableCredentialError {
    return this.inputKey
      ? new UnreadableCredentialError({ key: this.inputKey, params: { ...this.params } }, lang)
      : this;
  }
}

function jsonKind(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'boolean') return String(value);
  return typeof value;
}

/**
 * Accepts a parsed JSON value as a credential only when it is a JSON object.
 *
 * @example
 * const credential = assertCredentialObject(request.body); // throws UnreadableCredentialError for [1, 2]
 */
export function assertCredentialObject(value: unknown): JsonObject {
  if (isJsonObject(value)) return value;
  throw new UnreadableCredentialError({ key: 'not-an-object', params: { kind: jsonKind(value) } });
}

/**
 * Reads the text of a credential (a file, a pasted document, a request body) into a JSON object, with a
 * message that says what is wrong and where.
 *
 * @example
 * const input = parseCredentialInput(await fs.promises.readFile('badge.json', 'utf8'));
 * const result = await verifyCredential(input, options);
 */
export function parseCredentialInput(text: string): JsonObject {
  assertWithinInputLimits(text); // before anything else reads it: size, depth and value count
  const body = text.replace(/^\uFEFF/, '');
  if (body.trim() === '') throw new UnreadableCredentialError({ key: 'empty' });
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch {
    const problem = scanJson(body);
    throw new UnreadableCredentialError(
      problem ? describeProblem(body, problem) : { key: 'not-json', params: { reason: 'unreadable' } },
    );
  }
  // JSON.parse keeps the last of two equal keys silently; a person reading the file may see the first.
  const duplicate = scanJson(body);
  if (duplicate) throw new UnreadableCredentialError(describeProblem(body, duplicate));
  return assertCredentialObject(value);
}

/** What is wrong with a JSON text and where: a syntax error, or a key that appears twice in one object. */
export type JsonProblem =
  | { kind: 'syntax'; at: number; reason: JsonSyntaxReason }
  | { kind: 'duplicate'; at: number; key: string; path: string };

export type JsonSyntaxReason =
  | 'expected-value'
  | 'ends-early'
  | 'string-not-closed'
  | 'bad-unicode-escape'
  | 'bad-escape'
  | 'control-character'
  | 'bad-number'
  | 'expected-key'
  | 'expected-colon'
  | 'object-not-closed'
  | 'expected-comma-or-brace'
  | 'array-not-closed'
  | 'expected-comma-or-bracket'
  | 'trailing-text';

function describeProblem(
  text: string,
  problem: JsonProblem,
): { key: InputMessageKey; params: Record<string, string | number> } {
  const before = text.slice(0, problem.at);
  const line = before.split('\n').length;
  const column = problem.at - before.lastIndexOf('\n');
  if (problem.kind === 'duplicate')
    return { key: 'duplicate-key', params: { name: problem.key, path: problem.path || '/', line, column } };
  const near = text.slice(problem.at, problem.at + 24).split('\n')[0]!;
  return { key: 'not-json', params: { reason: problem.reason, line, column, near } };
}

/** A JSON Pointer segment (RFC 6901). */
const pointer = (segment: string | number): string =>
  `/${String(segment).replace(/~/g, '~0').replace(/\//g, '~1')}`;

type Frame = { kind: 'object'; keys: Set<string>; key: string } | { kind: 'array'; index: number };

/**
 * Finds the first problem in a JSON text: a syntax error (the built-in parser reports a position for some
 * errors only, and for others quotes the entire input), or a key that appears twice in the same object.
 * Iterative, with an explicit stack, so that no nesting depth can exhaust the call stack.
 *
 * @example
 * scanJson('{"a": 1, "a": 2}'); // { kind: 'duplicate', at: 9, key: 'a', path: '' }
 */
export function scanJson(text: string): JsonProblem | undefined {
  let i = 0;
  const stack: Frame[] = [];
  const syntax = (reason: JsonSyntaxReason, at = i): JsonProblem => ({ kind: 'syntax', at, reason });
  // Sticky expressions do the per-character work natively; the slow loop below only runs to say what is wrong.
  // JSON strings may not hold raw control characters (U+0000–U+001F): the class names exactly those.
  // eslint-disable-next-line no-control-regex
  const STRING = /"(?:[^"\\\u0000-\u001f]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*"/y;
  const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
  const skipSpace = () => {
    for (
      let c = text.charCodeAt(i);
      c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
      c = text.charCodeAt(++i)
    );
  };
  /** Reads a string at `i` (an opening quote); returns a problem, or undefined with `i` past the string. */
  const readString = (): JsonProblem | undefined => {
    STRING.lastIndex = i;
    if (STRING.test(text)) {
      i = STRING.lastIndex;
      return undefined;
    }
    i++;
    for (;;) {
      if (i >= text.length) return syntax('string-not-closed');
      const c = text[i]!;
      if (c === '"') return syntax('string-not-closed');
      if (c === '\\') {
        const next = text[i + 1];
        if (next === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) return syntax('bad-unicode-escape');
          i += 6;
        } else if (next !== undefined && '"\\/bfnrt'.includes(next)) i += 2;
        else return syntax('bad-escape');
      } else if (c < ' ') return syntax('control-character');
      else i++;
    }
  };
  const pathTo = (depth: number): string =>
    stack
      .slice(0, depth)
      .map((f) => pointer(f.kind === 'object' ? f.key : f.index))
      .join('');

  type State = 'value' | 'first-value' | 'first-key' | 'key' | 'after';
  let state: State = 'value';
  for (;;) {
    skipSpace();
    const c = text[i];
    const top = stack.at(-1);
    // An empty array or object closes right where its first value or key would be.
    if ((state === 'first-value' && c === ']') || (state === 'first-key' && c === '}')) {
      i++;
      stack.pop();
      state = 'after';
      continue;
    }
    if (state === 'value' || state === 'first-value') {
      if (c === undefined) return syntax('ends-early');
      if (c === '{') {
        i++;
        stack.push({ kind: 'object', keys: new Set(), key: '' });
        state = 'first-key';
        continue;
      }
      if (c === '[') {
        i++;
        stack.push({ kind: 'array', index: 0 });
        state = 'first-value';
        continue;
      }
      if (c === '"') {
        const problem = readString();
        if (problem) return problem;
      } else if (c === '-' || (c >= '0' && c <= '9')) {
        NUMBER.lastIndex = i;
        if (!NUMBER.test(text)) return syntax('bad-number');
        i = NUMBER.lastIndex;
      } else {
        const word = c === 't' ? 'true' : c === 'f' ? 'false' : c === 'n' ? 'null' : undefined;
        if (!word || !text.startsWith(word, i)) return syntax('expected-value');
        i += word.length;
      }
      state = 'after';
      continue;
    }
    if (state === 'first-key' || state === 'key') {
      if (c !== '"') return syntax('expected-key');
      const start = i;
      const problem = readString();
      if (problem) return problem;
      const raw = text.slice(start + 1, i - 1);
      const key = raw.includes('\\') ? (JSON.parse(`"${raw}"`) as string) : raw;
      const frame = top as Extract<Frame, { kind: 'object' }>;
      if (frame.keys.has(key)) return { kind: 'duplicate', at: start, key, path: pathTo(stack.length - 1) };
      frame.keys.add(key);
      frame.key = key;
      skipSpace();
      if (text[i] !== ':') return syntax('expected-colon');
      i++;
      state = 'value';
      continue;
    }
    // After a value: the end of the document, or a separator or closer of the container it is in.
    if (!top) return i < text.length ? syntax('trailing-text') : undefined;
    if (top.kind === 'object') {
      if (c === ',') {
        i++;
        state = 'key';
      } else if (c === '}') {
        i++;
        stack.pop();
      } else return syntax(c === undefined ? 'object-not-closed' : 'expected-comma-or-brace');
    } else if (c === ',') {
      i++;
      top.index++;
      state = 'value';
    } else if (c === ']') {
      i++;
      stack.pop();
    } else return syntax(c === undefined ? 'array-not-closed' : 'expected-comma-or-bracket');
  }
}
