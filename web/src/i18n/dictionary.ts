import type { Lang } from '../../../src/core/i18n.ts';
import type { Partner } from '../../../src/catalogue/rules.ts';
import { ACCOUNT_EN, ACCOUNT_NL } from './account.ts';
import { COMMON_EN, COMMON_NL } from './common.ts';
import { LEARNER_EN, LEARNER_NL } from './learner.ts';
import { LIFECYCLE_EN, LIFECYCLE_NL } from './lifecycle-messages.ts';
import { MANAGE_EN, MANAGE_NL } from './manage.ts';
import { PUBLIC_EN, PUBLIC_NL } from './public.ts';
import { TOKENS_EN, TOKENS_NL } from './token-messages.ts';
import { CREDENTIAL_PAGE_EN, CREDENTIAL_PAGE_NL } from './credential-page.ts';
import { WALLET_EN, WALLET_NL } from './wallet.ts';
import { PROFILE_EN, PROFILE_NL } from './profile.ts';

export type { Lang };
export type PartnerKind = NonNullable<Partner['kind']>;

/**
 * Every string the interface shows, one file per part of the site with Dutch and English side by side;
 * English must have exactly the same keys.
 */
const nl = {
  ...COMMON_NL,
  ...PUBLIC_NL,
  ...ACCOUNT_NL,
  ...LEARNER_NL,
  ...MANAGE_NL,
  ...LIFECYCLE_NL,
  ...TOKENS_NL,
  ...CREDENTIAL_PAGE_NL,
  ...WALLET_NL,
  ...PROFILE_NL,
};

export type Messages = typeof nl;

const en: Messages = {
  ...COMMON_EN,
  ...PUBLIC_EN,
  ...ACCOUNT_EN,
  ...LEARNER_EN,
  ...MANAGE_EN,
  ...LIFECYCLE_EN,
  ...TOKENS_EN,
  ...CREDENTIAL_PAGE_EN,
  ...WALLET_EN,
  ...PROFILE_EN,
};

export const DICTIONARY: Readonly<Record<Lang, Messages>> = { nl, en };
export const LANGUAGES: readonly Lang[] = ['nl', 'en'];
export const DEFAULT_LANG: Lang = 'nl';
