import { defineMessages, messageRenderer } from '../core/messages.ts';

/** Refusals of sharing, collections and the credential page, in Dutch and English. */
export const WALLET_MESSAGES = defineMessages({
  'credential-private': {
    nl: 'Dit leerbewijs bestaat, maar de houder deelt het niet. Vraag de houder om het te delen.',
    en: 'This credential exists, but its holder does not share it. Ask the holder to share it.',
  },
  'credential-not-held': {
    nl: (p) => `Je hebt geen leerbewijs ${p.id}.`,
    en: (p) => `You hold no credential ${p.id}.`,
  },
  'credential-not-acceptable': {
    nl: 'Dit leerbewijs is er als HTML-pagina (text/html) of als JSON (application/vc+ld+json, application/ld+json of application/json); de Accept-header vraagt geen van beide.',
    en: 'This credential is available as an HTML page (text/html) or as JSON (application/vc+ld+json, application/ld+json or application/json); the Accept header asks for neither.',
  },
  'badge-unavailable': {
    nl: 'Voor dit leerbewijs is er geen badge-afbeelding.',
    en: 'There is no badge image for this credential.',
  },
  'collection-unknown': {
    nl: 'Die verzameling bestaat niet (meer).',
    en: 'That collection does not exist (any more).',
  },
  'collection-private': {
    nl: 'Deze verzameling is privé: de eigenaar deelt ze niet.',
    en: 'This collection is private: its owner does not share it.',
  },
  'collection-item-unknown': {
    nl: 'Deze verzameling bevat dat leerbewijs niet.',
    en: 'This collection holds no such credential.',
  },
  'collection-title-required': {
    nl: 'Geef de verzameling een titel.',
    en: 'Give the collection a title.',
  },
  'collection-item-twice': {
    nl: (p) => `Leerbewijs ${p.id} staat twee keer in de verzameling.`,
    en: (p) => `Credential ${p.id} is in the collection twice.`,
  },
  'collection-item-not-held': {
    nl: (p) => `Leerbewijs ${p.id} is niet van jou: een verzameling bevat alleen je eigen leerbewijzen.`,
    en: (p) => `Credential ${p.id} is not yours: a collection holds only your own credentials.`,
  },
});

/** Renders one of the wallet's messages, for answers the routes word themselves (406). */
export const walletMessage = messageRenderer(WALLET_MESSAGES);
