import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { StapelError } from '../../src/core/errors.ts';
import {
  UnreadableCredentialError,
  assertCredentialObject,
  parseCredentialInput,
} from '../../src/verification/verify.ts';
import { scanJson } from '../../src/verification/credential-input.ts';
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

  it('refuses a key that appears twice, naming the key, the object and the line and column', () => {
    const text = fs.readFileSync(fixture('credentials/duplicate-name.json'), 'utf8');
    expect(messageFor(text)).toBe(
      'The key "name" appears twice in the same object (/, line 16, column 3). A person reading the file may see another value than a program checking it; such a credential is not read.',
    );
    try {
      parseCredentialInput(text);
    } catch (error) {
      const refused = error as UnreadableCredentialError;
      expect(refused.inputKey).toBe('duplicate-key');
      expect(refused.params).toEqual({ name: 'name', path: '/', line: 16, column: 3 });
      expect(refused.localised('nl').message).toBe(
        'De sleutel "name" staat twee keer in hetzelfde object (/, regel 16, kolom 3). Wie het bestand leest, kan een andere waarde zien dan een programma dat het controleert; zo\'n leerbewijs wordt niet gelezen.',
      );
    }
  });

  it.each([
    ['{"a": {"b": 1, "b": 2}}', '"b"', '/a, line 1, column 16'],
    ['{"a": [{"x": 1}, {"x": 1, "y": 2, "x": 3}]}', '"x"', '/a/1, line 1, column 35'],
    ['{"a~/b": {"c": 1, "\\u0063": 2}}', '"c"', '/a~0~1b, line 1'],
  ])('finds the duplicate key in %s', (text, key, where) => {
    const message = messageFor(text);
    expect(message).toContain(`The key ${key} appears twice`);
    expect(message).toContain(where);
  });

  it('accepts the same key in different objects', () => {
    expect(
      parseCredentialInput('{"name": "a", "issuer": {"name": "b"}, "x": [{"name": 1}, {"name": 2}]}'),
    ).toMatchObject({
      name: 'a',
    });
  });

  it('scans any nesting depth without exhausting the stack', () => {
    const depth = 200_000;
    const nested = `{"a": ${'['.repeat(depth)}{"k": 1, "k": 2}${']'.repeat(depth)}}`;
    expect(scanJson(nested)).toMatchObject({ kind: 'duplicate', key: 'k' });
    expect(scanJson(`{"a": ${'['.repeat(depth)}`)).toMatchObject({ kind: 'syntax', reason: 'ends-early' });
    expect(scanJson(`{"a": ${'['.repeat(depth)}${']'.repeat(depth)}}`)).toBeUndefined();
  });
});
