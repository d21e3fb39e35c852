import { ApiError } from './api.ts';
import type { Messages } from './i18n/dictionary.ts';

/** The server's password policy, checked here first so that people learn it while they type. */
export const PASSWORD_MIN_LENGTH = 10;
const PASSWORD_MAX_LENGTH = 256;
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
  if (password.length < PASSWORD_MIN_LENGTH) return t.formMessages.passwordTooShort(PASSWORD_MIN_LENGTH);
  if (password.length > PASSWORD_MAX_LENGTH) return t.formMessages.passwordTooLong;
  if (email.trim() && password.trim().toLowerCase() === email.trim().toLowerCase())
    return t.formMessages.passwordIsEmail;
  return undefined;
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
