import fs from 'node:fs';
import { normalisePassword } from './password-rules.ts';

const LIST = new URL('./common-passwords.txt', import.meta.url);

let common: ReadonlySet<string> | undefined;

/** The shipped list of common passwords, read once on first use (lines with `#` are comments). */
export function commonPasswords(): ReadonlySet<string> {
  common ??= new Set(
    fs
      .readFileSync(LIST, 'utf8')
      .split('\n')
      .map((line) => normalisePassword(line))
      .filter((line) => line && !line.startsWith('#')),
  );
  return common;
}

/**
 * Whether a password is on the list, ignoring case and surrounding spaces.
 *
 * @example
 * isCommonPassword('Wachtwoord') // → true
 */
export function isCommonPassword(password: string): boolean {
  return commonPasswords().has(normalisePassword(password));
}
