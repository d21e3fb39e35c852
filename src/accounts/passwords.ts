import { hash, verify } from '@node-rs/argon2';
import { isCommonPassword } from './common-passwords.ts';
import { passwordRuleProblem, type PasswordProblem } from './password-rules.ts';

export { PASSWORD_MIN_LENGTH } from './password-rules.ts';

/** Argon2id with OWASP's memory-hard parameters (19 MiB, 2 passes). */
const OPTIONS = { memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

/**
 * The rule a new password breaks (blank, length, the e-mail address, the list of common passwords), or
 * undefined when it is acceptable.
 *
 * @example
 * passwordProblem('Wachtwoord', 'an@example.be') // → { rule: 'password-common' }
 */
export function passwordProblem(password: string, email: string): PasswordProblem | undefined {
  return passwordRuleProblem(password, email, { isCommon: isCommonPassword });
}

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

export function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  return verify(passwordHash, password).catch(() => false);
}

// Verifying against this when the account does not exist keeps the answer time the same either way.
let dummy: Promise<string> | undefined;
export async function burnPasswordCheck(password: string): Promise<void> {
  dummy ??= hashPassword('not-a-real-password');
  await verifyPassword(await dummy, password);
}
