import { defineMessages } from '../core/messages.ts';

/** Refusals of a person's own data: export and erasure, in Dutch and English. */
export const PRIVACY_MESSAGES = defineMessages({
  'erase-invalid': {
    nl: 'Je account kan niet worden gewist.',
    en: 'Your account cannot be erased.',
  },
  'erase-confirmation-wrong': {
    nl: 'Typ het e-mailadres van je account over om te bevestigen dat je het wil wissen.',
    en: 'Type the e-mail address of your account to confirm that you want to erase it.',
  },
  'erase-staff': {
    nl: 'Je hebt nog een rol als personeelslid. Vraag een beheerder van je instelling om die rol eerst weg te nemen; daarna kan je je account wissen.',
    en: 'You still hold a staff role. Ask an administrator of your institution to remove that role first; then you can erase your account.',
  },
});
