import { defineMessages } from '../core/messages.ts';

/** Refusals of a person's own data: export and erasure, in Dutch and English. */
export const PRIVACY_MESSAGES = defineMessages({});
