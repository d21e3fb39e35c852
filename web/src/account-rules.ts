import { passwordRuleProblem } from '../../src/accounts/password-rules.ts';
import { ApiError } from './api/http.ts';
import type { Messages } from './i18n/dictionary.ts';

/**
 * The server's password policy, the same pure rule, checked here first so that people learn it while they
 * type. Only the list of common passwords stays on the server (too large to ship to every browser): when
 * it refuses one, `serverPasswordProblem` shows its message, which comes in the language of the page.
 */
export { PASSWORD_MIN_LENGTH } from '../../src/accounts/password-rules.ts';
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function emailProblem(email: string, t: Messages): string | undefined {
  if (!email.trim()) return t.formMessages.emailRequired;
  if (!EMAIL.test(email.trim())) return t.formMessages.emailInvalid;
  return undefined;
}

export function nameProblem(name: string, t: Messages): string | undefined {
  return name.trim() ? undefined : t.formMessages.nameRequired;
}

export function newPasswordProblem(password: string, email: string, t: Messages): string | undefined {
  const problem = passwordRuleProblem(password, email);
  switch (problem?.rule) {
    case undefined:
      return undefined;
    case 'password-blank':
      return t.formMessages.passwordBlank;
    case 'password-too-short':
      return t.formMessages.passwordTooShort(problem.params?.min ?? 10);
    case 'password-too-long':
      return t.formMessages.passwordTooLong;
    case 'password-is-email':
      return t.formMessages.passwordIsEmail;
    case 'password-common':
      return t.formMessages.passwordPolicy;
  }
}

/**
 * What to show for the server's refusal of a password field: its own message (in the page's language,
 * since every request says which), else the policy in general.
 */
export function serverPasswordProblem(problem: { message: string }, t: Messages): string {
  return problem.message.trim() ? problem.message : t.formMessages.passwordPolicy;
}

/** A sentence for a failure that no field explains: no connection, no session, no right, a server fault. */
export function failureText(error: unknown, t: Messages): string {
  if (!(error instanceof ApiError)) return t.formMessages.serverError;
  if (error.status === 0) return t.formMessages.unreachable;
  if (error.status === 401) return t.formMessages.sessionExpired;
  if (error.status === 403) return t.formMessages.forbidden;
  if (error.status >= 500) return t.formMessages.serverError;
  return error.message;
}
