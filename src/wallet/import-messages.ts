import { defineMessages, messageRenderer } from '../core/messages.ts';

/** Refusals of credentials a learner brings in from elsewhere, in Dutch and English. */
export const IMPORT_MESSAGES = defineMessages({
  'import-not-verified': {
    nl: (p) =>
      `Dit leerbewijs is niet toegevoegd: het kon niet geverifieerd worden. ${String(p.reasons ?? '')}`.trim(),
    en: (p) => `This credential was not added: it could not be verified. ${String(p.reasons ?? '')}`.trim(),
  },
  'import-already-yours': {
    nl: 'Dit leerbewijs staat al in je portefeuille: het werd je op dit platform uitgereikt.',
    en: 'This credential is already in your wallet: it was issued to you on this platform.',
  },
  'import-duplicate': {
    nl: (p) => `Je hebt dit leerbewijs al toegevoegd op ${String(p.date)}.`,
    en: (p) => `You already added this credential on ${String(p.date)}.`,
  },
  'import-unknown': {
    nl: (p) => `Er is geen toegevoegd leerbewijs ${String(p.id)} in je portefeuille.`,
    en: (p) => `There is no added credential ${String(p.id)} in your wallet.`,
  },
  'import-file-too-large': {
    nl: (p) =>
      `Dit bestand is te groot om toe te voegen: het mag hoogstens ${String(p.limit)} MB zijn. Kies een kleiner bestand of voeg het leerbewijs toe via een link.`,
    en: (p) =>
      `This file is too large to add: it may be at most ${String(p.limit)} MB. Choose a smaller file or add the credential by its link.`,
  },
  'import-send-credential': {
    nl: 'Stuur het leerbewijs mee: als JSON, als { "url": … } met de link ernaar, of als bestand (PNG, SVG of PDF).',
    en: 'Send the credential: as JSON, as { "url": … } with its link, or as a file (PNG, SVG or PDF).',
  },
});

/** Renders one of the import messages, for the refusal this domain words itself (a 422 with its checks). */
export const importMessage = messageRenderer(IMPORT_MESSAGES);
