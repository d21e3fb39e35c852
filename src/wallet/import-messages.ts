import { defineMessages } from '../core/messages.ts';

/** Refusals of credentials a learner brings in from elsewhere, in Dutch and English. */
export const IMPORT_MESSAGES = defineMessages({});
