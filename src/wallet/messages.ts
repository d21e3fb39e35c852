import { defineMessages } from '../core/messages.ts';

/** Refusals of sharing, collections and the credential page, in Dutch and English. */
export const WALLET_MESSAGES = defineMessages({});
