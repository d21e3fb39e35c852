import { MessageCatalogue, type MessageTable } from './core/messages.ts';
import { CORE_MESSAGES } from './core/core-messages.ts';
import { ENROLMENT_MESSAGES } from './enrolment/messages.ts';

/**
 * Every domain's message table, composed once: the HTTP layer renders refusals from here in the request's
 * language, the CLI in the operator's. A domain that refuses adds its table here
 * (`test/core/messages.test.ts` walks them all).
 */
export const MESSAGE_TABLES: readonly MessageTable[] = [CORE_MESSAGES, ENROLMENT_MESSAGES];

export const MESSAGES = new MessageCatalogue(MESSAGE_TABLES);
