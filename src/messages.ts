import { MessageCatalogue, type MessageTable } from './core/messages.ts';
import { CORE_MESSAGES } from './core/core-messages.ts';
import { ENROLMENT_MESSAGES } from './enrolment/messages.ts';
import { CATALOGUE_REFUSALS, CATALOGUE_RULE_MESSAGES } from './catalogue/messages.ts';
import { VERSION_MESSAGES } from './catalogue/version-messages.ts';
import { QUALITY_REFUSALS, QUALITY_RULE_MESSAGES } from './quality/messages.ts';
import { ISSUING_MESSAGES } from './issuing/messages.ts';
import { VERIFICATION_MESSAGES } from './verification/messages.ts';
import { ACCOUNT_MESSAGES } from './accounts/messages.ts';
import { INSTITUTION_MESSAGES } from './institutions/messages.ts';
import { ADMINISTRATION_MESSAGES } from './administration/messages.ts';
import { ASSESSMENT_MESSAGES } from './assessment/messages.ts';
import { WALLET_MESSAGES } from './wallet/messages.ts';
import { IMPORT_MESSAGES } from './wallet/import-messages.ts';
import { CERTIFICATE_MESSAGES } from './certificates/messages.ts';
import { PRIVACY_MESSAGES } from './privacy/messages.ts';

/**
 * Every domain's message table, composed once: the HTTP layer renders refusals from here in the request's
 * language, the CLI in the operator's. A domain that refuses adds its table here
 * (`test/core/messages.test.ts` walks them all).
 */
export const MESSAGE_TABLES: readonly MessageTable[] = [
  CORE_MESSAGES,
  CATALOGUE_RULE_MESSAGES,
  CATALOGUE_REFUSALS,
  VERSION_MESSAGES,
  QUALITY_RULE_MESSAGES,
  QUALITY_REFUSALS,
  ENROLMENT_MESSAGES,
  ISSUING_MESSAGES,
  VERIFICATION_MESSAGES,
  ACCOUNT_MESSAGES,
  INSTITUTION_MESSAGES,
  ADMINISTRATION_MESSAGES,
  ASSESSMENT_MESSAGES,
  WALLET_MESSAGES,
  IMPORT_MESSAGES,
  CERTIFICATE_MESSAGES,
  PRIVACY_MESSAGES,
];

export const MESSAGES = new MessageCatalogue(MESSAGE_TABLES);
