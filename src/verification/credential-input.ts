import { StapelError } from '../core/errors.ts';
import { isJsonObject, type JsonObject } from './values.ts';

/**
 * The input cannot be read as a credential at all (empty, not JSON, not a JSON object). A `bad-request`
 * StapelError, so that the HTTP layer answers 400 without further mapping.
 */
export class UnreadableCredentialError extends StapelError {
  constructor(message: string) {
    super('bad-request', message);
  }
}

function describeJsonType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return 'a string';
  if (typeof value === 'number') return 'a number';
  if (typeof value === 'boolean') return `the value ${String(value)}`;
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
  throw new UnreadableCredentialError(
    `The input is JSON, but it is ${describeJsonType(value)}; a credential is a JSON object ({ … }).`,
  );
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
  const body = text.replace(/^\uFEFF/, '');
  if (body.trim() === '')
    throw new UnreadableCredentialError('The input is empty: there is no credential to check.');
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch (error) {
    throw new UnreadableCredentialError(describeJsonError(body, error));
  }
  return assertCredentialObject(value);
}

function describeJsonError(text: string, error: unknown): string {
  let found: JsonSyntaxProblem | undefined;
  try {
    found = findJsonSyntaxProblem(text);
  } catch {
    // Nesting deep enough to exhaust the stack: fall back to the parser's own words below.
  }
  if (!found) {
    // V8 sometimes quotes the whole input in its message; keep only the first sentence, shortened.
    const reason = ((error as Error).message ?? 'it cannot be parsed').split(',')[0]!.slice(0, 120);
    return `The input is not valid JSON: ${reason}.`;
  }
  const before = text.slice(0, found.at);
  const line = before.split('\n').length;
  const column = found.at - before.lastIndexOf('\n');
  const near = text.slice(found.at, found.at + 24).split('\n')[0]!;
  const where = near ? ` near "${near}"` : ', at the end of the input';
  return `The input is not valid JSON: ${found.reason} at line ${line}, column ${column}${where}.`;
}

interface JsonSyntaxProblem {
  at: number;
  reason: string;
}

class JsonSyntaxFailure extends Error {
  constructor(readonly problem: JsonSyntaxProblem) {
    super(problem.reason);
  }
}

/**
 * Finds the first syntax error in a JSON text. The built-in parser reports a position for some errors
 * only, and for others quotes the entire input, which is useless for a document of several kilobytes.
 */
function findJsonSyntaxProblem(text: string): JsonSyntaxProblem | undefined {
  let i = 0;
  const fail = (reason: string, at = i): never => {
    throw new JsonSyntaxFailure({ at, reason });
  };
  const skipSpace = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i]!)) i++;
  };
  const literal = (word: string) => {
    if (text.startsWith(word, i)) i += word.length;
    else fail('expected a value (an object, array, string, number, true, false or null)');
  };
  const string = () => {
    i++; // opening quote
    for (;;) {
      if (i >= text.length) fail('a string is not closed');
      const c = text[i]!;
      if (c === '"') {
        i++;
        return;
      }
      if (c === '\\') {
        const next = text[i + 1];
        if (next === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) fail('a \\u escape needs four hex digits');
          i += 6;
        } else if (next !== undefined && '"\\/bfnrt'.includes(next)) i += 2;
        else fail('a string has an invalid escape');
      } else if (c < ' ') fail('a string contains a line break or control character');
      else i++;
    }
  };
  const number = () => {
    const match = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i, i + 400));
    if (!match || match[0] === '-') fail('a number is not written correctly');
    i += match![0].length;
  };
  const value = (): void => {
    skipSpace();
    const c = text[i];
    if (c === undefined) fail('the input ends where a value is expected');
    if (c === '{') return object();
    if (c === '[') return array();
    if (c === '"') return string();
    if (c === '-' || (c! >= '0' && c! <= '9')) return number();
    if (c === 't') return literal('true');
    if (c === 'f') return literal('false');
    if (c === 'n') return literal('null');
    fail('expected a value (an object, array, string, number, true, false or null)');
  };
  const object = () => {
    i++;
    skipSpace();
    if (text[i] === '}') {
      i++;
      return;
    }
    for (;;) {
      skipSpace();
      if (text[i] !== '"') fail('expected a property name in double quotes');
      string();
      skipSpace();
      if (text[i] !== ':') fail('expected ":" after the property name');
      i++;
      value();
      skipSpace();
      if (text[i] === ',') {
        i++;
        continue;
      }
      if (text[i] === '}') {
        i++;
        return;
      }
      fail(
        i >= text.length ? 'an object is not closed with "}"' : 'expected "," or "}" after a property value',
      );
    }
  };
  const array = () => {
    i++;
    skipSpace();
    if (text[i] === ']') {
      i++;
      return;
    }
    for (;;) {
      value();
      skipSpace();
      if (text[i] === ',') {
        i++;
        continue;
      }
      if (text[i] === ']') {
        i++;
        return;
      }
      fail(
        i >= text.length ? 'an array is not closed with "]"' : 'expected "," or "]" after an array element',
      );
    }
  };
  try {
    value();
    skipSpace();
    if (i < text.length) fail('there is more text after the end of the JSON document');
    return undefined;
  } catch (error) {
    if (error instanceof JsonSyntaxFailure) return error.problem;
    throw error;
  }
}
