/**
 * The password policy as a pure function: the server applies it with the list of common passwords, the web
 * UI applies it live without the list (the server names that rule when it refuses).
 */

export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 256;

export type PasswordRuleId =
  'password-blank' | 'password-too-short' | 'password-too-long' | 'password-is-email' | 'password-common';

export interface PasswordProblem {
  rule: PasswordRuleId;
  params?: Record<string, number>;
}

export interface PasswordRuleOptions {
  /** Whether the password is on the list of common passwords (compared case-insensitively). */
  isCommon?: (password: string) => boolean;
}

// Whitespace as `trim` knows it, plus the zero-width characters that look like nothing at all.
const BLANK = /^[\s\u200B-\u200D\u2060\uFEFF]*$/u;

/** The form in which passwords are compared with the list and with the e-mail address. */
export function normalisePassword(password: string): string {
  return password.trim().toLowerCase();
}

/**
 * The first rule a new password breaks, or undefined when it is acceptable. A password of only spaces is
 * named as such before its length, because "use at least 10 characters" would invite ten spaces.
 *
 * @example
 * passwordRuleProblem('          ', 'a@b.be') // → { rule: 'password-blank' }
 * passwordRuleProblem('wachtwoord', 'a@b.be', { isCommon: (p) => p === 'wachtwoord' }) // → { rule: 'password-common' }
 */
export function passwordRuleProblem(
  password: string,
  email: string,
  options: PasswordRuleOptions = {},
): PasswordProblem | undefined {
  if (BLANK.test(password)) return { rule: 'password-blank' };
  if (password.length < PASSWORD_MIN_LENGTH)
    return { rule: 'password-too-short', params: { min: PASSWORD_MIN_LENGTH } };
  if (password.length > PASSWORD_MAX_LENGTH)
    return { rule: 'password-too-long', params: { max: PASSWORD_MAX_LENGTH } };
  if (email.trim() && normalisePassword(password) === email.trim().toLowerCase())
    return { rule: 'password-is-email' };
  if (options.isCommon?.(password)) return { rule: 'password-common' };
  return undefined;
}
