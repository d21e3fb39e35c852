import { describe, expect, it } from 'vitest';
import { ROLES } from '../../src/core/actor.ts';
import {
  invitationMail,
  knownAddressMail,
  passwordResetMail,
  ROLE_WORDS,
  verificationMail,
} from '../../src/accounts/mail.ts';

const institution = { name: { nl: 'Hogeschool Schelde', en: 'Schelde University of Applied Sciences' } };
const link = 'https://stapel.example/account/x?token=abc';

describe('the account mails', () => {
  // The words the web UI uses for the roles, in Dutch and English.
  const words = {
    administrator: ['beheerder', 'administrator'],
    designer: ['ontwerper', 'designer'],
    'qa-reviewer': ['kwaliteitsbeoordelaar', 'quality reviewer'],
    assessor: ['evaluator', 'assessor'],
    registrar: ['inschrijvingsbeheerder', 'registrar'],
  } as const;

  it.each(ROLES)('invite as %s with the role in words, Dutch first', (role) => {
    const [nl, en] = words[role];
    const mail = invitationMail({ institution, role, link });
    expect(mail.subject).toBe('Uitnodiging: Hogeschool Schelde — Invitation');
    expect(mail.body).toContain(`Je bent uitgenodigd als ${nl} bij Hogeschool Schelde op Stapel: ${link}`);
    expect(mail.body).toContain(`You are invited as ${en} at Schelde University of Applied Sciences`);
    expect(mail.body.indexOf(nl)).toBeLessThan(mail.body.indexOf('You are invited'));
    expect(ROLE_WORDS[role]).toEqual({ nl, en });
  });

  it('never names a role by its identifier', () => {
    expect(invitationMail({ institution, role: 'qa-reviewer', link }).body).not.toContain('qa-reviewer');
  });

  it('write Dutch, then English, in every mail', () => {
    const mails = [
      verificationMail({ name: 'Lien', link }),
      passwordResetMail({ link }),
      knownAddressMail({ signIn: 'https://s/in', reset: 'https://s/reset' }),
    ];
    const dutch = ['Bevestig je e-mailadres', 'Kies een nieuw wachtwoord', 'Iemand probeerde'];
    const english = ['Confirm your e-mail address', 'Choose a new password', 'Someone tried'];
    mails.forEach((mail, i) => {
      expect(mail.body.indexOf(dutch[i]!)).toBeGreaterThanOrEqual(0);
      expect(mail.body.indexOf(dutch[i]!)).toBeLessThan(mail.body.indexOf(english[i]!));
      expect(mail.subject).toMatch(/^.+ — .+$/);
    });
  });
});
