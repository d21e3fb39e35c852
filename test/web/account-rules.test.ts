import { describe, expect, it } from 'vitest';
import {
  emailProblem,
  failureText,
  nameProblem,
  newPasswordProblem,
  PASSWORD_MIN_LENGTH,
  serverPasswordProblem,
} from '../../web/src/account-rules.ts';
import { ApiError } from '../../web/src/api/http.ts';
import { DICTIONARY } from '../../web/src/i18n/dictionary.ts';

const t = DICTIONARY.nl;

describe('the account rules of the forms', () => {
  it('asks for an e-mail address and refuses one without a domain', () => {
    expect(emailProblem('', t)).toBe(t.formMessages.emailRequired);
    expect(emailProblem('   ', t)).toBe(t.formMessages.emailRequired);
    expect(emailProblem('an@example', t)).toBe(t.formMessages.emailInvalid);
    expect(emailProblem('an example@example.be', t)).toBe(t.formMessages.emailInvalid);
    expect(emailProblem(' an@example.be ', t)).toBeUndefined();
  });

  it('asks for a name that is not only spaces', () => {
    expect(nameProblem('  ', t)).toBe(t.formMessages.nameRequired);
    expect(nameProblem('An', t)).toBeUndefined();
  });

  it('tells each password rule in its own words', () => {
    expect(newPasswordProblem('', 'an@example.be', t)).toBe(t.formMessages.passwordBlank);
    expect(newPasswordProblem('           ', 'an@example.be', t)).toBe(t.formMessages.passwordBlank);
    expect(newPasswordProblem('kort', 'an@example.be', t)).toBe(
      t.formMessages.passwordTooShort(PASSWORD_MIN_LENGTH),
    );
    expect(newPasswordProblem('an@example.be', 'an@example.be', t)).toBe(t.formMessages.passwordIsEmail);
    expect(newPasswordProblem('x'.repeat(10_000), 'an@example.be', t)).toBe(t.formMessages.passwordTooLong);
    expect(newPasswordProblem('groene-fiets-over-de-brug', 'an@example.be', t)).toBeUndefined();
  });

  it("shows the server's own words for a refused password, else the policy", () => {
    expect(serverPasswordProblem({ message: 'Dit wachtwoord is te bekend.' }, t)).toBe(
      'Dit wachtwoord is te bekend.',
    );
    expect(serverPasswordProblem({ message: '  ' }, t)).toBe(t.formMessages.passwordPolicy);
  });

  it('explains a failure by what went wrong, in the language asked for', () => {
    expect(failureText(new Error('boom'), t)).toBe(t.formMessages.serverError);
    expect(failureText(new ApiError(0, 'unreachable'), t)).toBe(t.formMessages.unreachable);
    expect(failureText(new ApiError(401, 'no session'), t)).toBe(t.formMessages.sessionExpired);
    expect(failureText(new ApiError(403, 'no right'), t)).toBe(t.formMessages.forbidden);
    expect(failureText(new ApiError(503, 'down'), t)).toBe(t.formMessages.serverError);
    expect(failureText(new ApiError(409, 'Deze code bestaat al.'), t)).toBe('Deze code bestaat al.');
    expect(failureText(new ApiError(0, 'x'), DICTIONARY.en)).toBe(DICTIONARY.en.formMessages.unreachable);
  });
});
