import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { StapelError } from '../../src/core/errors.ts';
import {
  UnreadableCredentialError,
  assertCredentialObject,
  parseCredentialInput,
} from '../../src/verification/verify.ts';
import { fixture } from './verification-world.ts';

const messageFor = (text: string): string => {
  try {
    parseCredentialInput(text);
  } catch (error) {
    expect(error).toBeInstanceOf(UnreadableCredentialError);
    return (error as Error).message;
  }
  throw new Error('expected parseCredentialInput to throw');
};

describe('parseCredentialInput', () => {
  it('returns the JSON object, ignoring a byte order mark', () => {
    expect(parseCredentialInput('\uFEFF { "type": ["VerifiableCredential"] }')).toEqual({
      type: ['VerifiableCredential'],
    });
  });

  it.each(['', '   \n\t '])('refuses empty input %j', (text) => {
    expect(messageFor(text)).toBe('The input is empty: there is no credential to check.');
  });

  it('says where malformed JSON goes wrong', () => {
    const text = fs.readFileSync(fixture('credentials/malformed.json'), 'utf8');
    expect(messageFor(text)).toBe(
      'The input is not valid JSON: expected "," or "}" after a property value at line 4, column 3 near ""name": "missing comma a".',
    );
  });

  it.each([
    ['{"a": 1,}', 'expected a property name in double quotes at line 1, column 9 near "}"'],
    ['{"a" 1}', 'expected ":" after the property name at line 1, column 6'],
    ['{"a": tru}', 'expected a value'],
    ['{"a": "open', 'a string is not closed at line 1, column 12, at the end of the input'],
    ['{"a": 1', 'an object is not closed with "}"'],
    ['{"a": [1, 2}', 'expected "," or "]" after an array element at line 1, column 12'],
    ['{"a": 01}', 'expected "," or "}" after a property value'],
    ['{"a": "\\x"}', 'a string has an invalid escape'],
    ['{} {}', 'there is more text after the end of the JSON document at line 1, column 4'],
    [
      '<html>',
      'expected a value (an object, array, string, number, true, false or null) at line 1, column 1',
    ],
  ])('explains %j', (text, expected) => {
    const message = messageFor(text);
    expect(message).toMatch(/^The input is not valid JSON: /);
    expect(message).toContain(expected);
  });

  it('does not echo a long input back', () => {
    const text = `{"name": ${'"x", '.repeat(5000)}}`;
    expect(messageFor(text).length).toBeLessThan(200);
  });

  it.each([
    ['[1, 2]', 'an array'],
    ['"a credential"', 'a string'],
    ['42', 'a number'],
    ['null', 'null'],
    ['true', 'the value true'],
  ])('refuses JSON that is not an object: %s', (text, kind) => {
    expect(messageFor(text)).toBe(
      `The input is JSON, but it is ${kind}; a credential is a JSON object ({ … }).`,
    );
  });

  it('is a bad-request error for the HTTP layer', () => {
    expect(() => assertCredentialObject([])).toThrow(StapelError);
    try {
      assertCredentialObject([]);
    } catch (error) {
      expect((error as StapelError).code).toBe('bad-request');
    }
  });
});
