import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  PASSWORD_MAX_LENGTH,
  PASSWORD_MIN_LENGTH,
  passwordRuleProblem,
} from '../../src/accounts/password-rules.ts';
import { commonPasswords, isCommonPassword } from '../../src/accounts/common-passwords.ts';
import { passwordProblem } from '../../src/accounts/passwords.ts';
import { ACCOUNT_MESSAGES, describePasswordProblem } from '../../src/accounts/messages.ts';

const EMAIL = 'lerende@example.be';

describe('the password policy', () => {
  it('names the rule a password breaks, blank before length', () => {
    expect(passwordRuleProblem('     ', EMAIL)).toEqual({ rule: 'password-blank' });
    expect(passwordRuleProblem('\u00a0\t \u200b', EMAIL)).toEqual({ rule: 'password-blank' });
    expect(passwordRuleProblem('kort', EMAIL)).toEqual({ rule: 'password-too-short', params: { min: 10 } });
    expect(passwordRuleProblem('x'.repeat(257), EMAIL)).toEqual({
      rule: 'password-too-long',
      params: { max: 256 },
    });
    expect(passwordRuleProblem(' Lerende@Example.be ', EMAIL)).toEqual({ rule: 'password-is-email' });
    expect(passwordRuleProblem('vier losse woorden hier', EMAIL)).toBeUndefined();
  });

  it('refuses the common passwords of the shipped list, whatever their case', () => {
    for (const password of [
      'wachtwoord',
      'Wachtwoord',
      'WACHTWOORD123',
      'welkom2024',
      'azertyuiop',
      ' 1234567890 ',
    ])
      expect(passwordProblem(password, EMAIL), password).toEqual({ rule: 'password-common' });
    expect(passwordProblem('vier losse woorden hier', EMAIL)).toBeUndefined();
  });

  it('ships a list of a few thousand entries with the well-known Dutch ones', () => {
    const list = commonPasswords();
    expect(list.size).toBeGreaterThan(3000);
    for (const known of ['wachtwoord', 'welkom01', 'welkom123', 'geheim123', 'password123', 'qwertyuiop'])
      expect(isCommonPassword(known), known).toBe(true);
    for (const entry of list) expect(entry).toBe(entry.trim().toLowerCase());
  });

  it('refuses every whitespace-only password, of any length', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(' ', '\t', '\n', '\u00a0', '\u2003', '\u200b'), { maxLength: 300 }),
        (chars) => {
          expect(passwordRuleProblem(chars.join(''), EMAIL)?.rule).toBe('password-blank');
        },
      ),
    );
  });

  it('accepts every password of allowed length that is not blank, the address or on the list', () => {
    fc.assert(
      fc.property(
        fc
          .string({ minLength: PASSWORD_MIN_LENGTH, maxLength: PASSWORD_MAX_LENGTH })
          .filter((p) => p.trim() !== ''),
        (password) => {
          const problem = passwordRuleProblem(password, EMAIL, { isCommon: () => false });
          expect(problem === undefined || problem.rule === 'password-is-email').toBe(true);
        },
      ),
    );
  });

  it('explains each rule in Dutch and in English', () => {
    for (const rule of [
      'password-blank',
      'password-too-short',
      'password-too-long',
      'password-is-email',
      'password-common',
    ] as const) {
      const nl = describePasswordProblem({ rule, params: { min: 10, max: 256 } }, 'nl');
      const en = describePasswordProblem({ rule, params: { min: 10, max: 256 } }, 'en');
      expect(nl).not.toBe(en);
      expect(nl.length).toBeGreaterThan(10);
    }
    expect(Object.keys(ACCOUNT_MESSAGES)).toContain('password-common');
  });
});
