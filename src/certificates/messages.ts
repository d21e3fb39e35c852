import { defineMessages } from '../core/messages.ts';

/** Refusals of PDF certificates, badge exports and LinkedIn, in Dutch and English. */
export const CERTIFICATE_MESSAGES = defineMessages({});
