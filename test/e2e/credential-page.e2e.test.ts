import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import {
  accessibilityViolations,
  DEMO_SLUG,
  makeUser,
  startE2e,
  type E2eEnvironment,
} from '../support/e2e.ts';
import { setUp } from '../support/set-up.ts';
import { createAppContext } from '../../src/create-app-context.ts';
import { getInstitution } from '../../src/institutions/store.ts';
import { runAward } from '../../src/issuing/award.ts';
import { changeCredentialStatus } from '../../src/issuing/status.ts';
import { createCollection } from '../../src/wallet/collections.ts';

const HOLDER = {
  email: 'roos.portfolio@lerende.example',
  name: 'Roos Portfolio',
  password: 'een lang wachtwoord 1',
};
const SHOTS = 'test-results/shots';

let e2e: E2eEnvironment;
let ids: string[];
let certificateTitle: string;
let collectionPath: string;

const pathOf = (id: string) => `/credentials/${id}`;
const noSidewaysScroll = async (page: Page) =>
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);

beforeAll(async () => {
  e2e = await startE2e('credential-page');
  await makeUser(e2e.database, HOLDER);
  const context = createAppContext({ config: e2e.config, database: e2e.database, masterKey: e2e.masterKey });
  const result = await runAward(context, async (tx) => ({
    institution: await getInstitution(tx, DEMO_SLUG),
    code: 'MC-DATA',
    learner: { email: HOLDER.email, name: HOLDER.name },
    score: 16,
    recordedBy: 'test',
  }));
  ids = result.credentials.map((c) => new URL(c.id).pathname.split('/').pop()!);
  const achievement = (
    result.credentials[2]!.document as { credentialSubject: { achievement: { name: string } } }
  ).credentialSubject.achievement;
  certificateTitle = achievement.name;
  await e2e.database.transaction((tx) =>
    changeCredentialStatus(tx, context, result.credentials[1]!.id, 'revoke', 'Dubbel uitgereikt'),
  );
  const user = await e2e.database.db
    .selectFrom('users')
    .select('id')
    .where('email', '=', HOLDER.email)
    .executeTakeFirstOrThrow();
  const collection = await setUp(
    e2e.database,
    (cmd) =>
      createCollection(cmd, user.id, {
        title: 'Portfolio data',
        description: 'Wat ik leerde over data',
        shared: true,
        items: ids.map((id) => ({ kind: 'issued' as const, id })),
      }),
    { kind: 'user', userId: user.id, email: HOLDER.email, name: HOLDER.name, memberships: [] },
  );
  collectionPath = `/collections/${collection.publicId}`;
});
afterEach(async () => {
  await e2e?.closeContexts();
});
afterAll(async () => {
  await e2e?.close();
});

describe("a credential's page in the browser", () => {
  it('says signed out only that a private credential exists, naming nothing of it', async () => {
    const page = await e2e.open(pathOf(ids[2]!));
    await page.getByRole('heading', { level: 1, name: 'Dit leerbewijs is privé' }).waitFor();
    expect(await page.textContent('main')).not.toContain(HOLDER.name);
    expect(await page.textContent('main')).not.toContain(certificateTitle);
    await page.getByRole('main').getByRole('link', { name: 'Aanmelden' }).waitFor();
    await page.screenshot({ path: `${SHOTS}/credential-page-private-1280.png`, fullPage: true });
  });

  it('lets the holder share it; then anyone signed out sees it, verified', async () => {
    const holder = await e2e.open(pathOf(ids[2]!), { as: HOLDER });
    await holder.getByRole('heading', { level: 1, name: certificateTitle }).waitFor();
    const share = holder.getByRole('switch', { name: 'Iedereen met de link mag dit leerbewijs zien' });
    expect(await share.isChecked()).toBe(false);
    await share.check();
    await holder.getByText('Gedeeld: iedereen met de link').waitFor();
    await holder.getByRole('link', { name: 'Certificaat (PDF, Nederlands)' }).waitFor();
    await holder.getByRole('link', { name: 'Toevoegen aan je LinkedIn-profiel' }).waitFor();
    await holder.screenshot({ path: `${SHOTS}/credential-page-holder-1280.png`, fullPage: true });

    const visitor = await e2e.open(pathOf(ids[2]!));
    await visitor.getByRole('heading', { level: 1, name: certificateTitle }).waitFor();
    await visitor.getByText(HOLDER.name).first().waitFor();
    await visitor.locator('.verdict__title', { hasText: 'Geldig' }).waitFor();
    expect(await visitor.getByRole('switch').count()).toBe(0);
    // The credits it rests on are listed only where the holder shares them too.
    const credits = visitor.getByRole('region', { name: 'Creditbewijzen van dit micro-credential' });
    await credits.waitFor();
    expect(await credits.getByRole('link').count()).toBe(0);
    await visitor.screenshot({ path: `${SHOTS}/credential-page-public-1280.png`, fullPage: true });

    await share.click();
    await holder.getByText('Privé: alleen jij').waitFor();
    const later = await e2e.open(pathOf(ids[2]!));
    await later.getByRole('heading', { level: 1, name: 'Dit leerbewijs is privé' }).waitFor();
  });

  it('says at the top that a revoked credential was revoked, and when', async () => {
    const page = await e2e.open(pathOf(ids[1]!), { as: HOLDER, width: 375 });
    await page.getByRole('heading', { level: 2, name: /^Dit leerbewijs is ingetrokken op / }).waitFor();
    await page.getByText('Dubbel uitgereikt').first().waitFor();
    await page.screenshot({ path: `${SHOTS}/credential-page-revoked-375.png`, fullPage: true });
  });

  it('shows a shared collection to anyone with its link', async () => {
    const page = await e2e.open(collectionPath, { lang: 'en' });
    await page.getByRole('heading', { level: 1, name: 'Portfolio data' }).waitFor();
    await page.getByRole('heading', { level: 2, name: certificateTitle, exact: true }).waitFor();
    expect(await page.getByRole('link', { name: 'Download (JSON)' }).count()).toBe(3);
    await page.getByText('Revoked').first().waitFor();
    await page.screenshot({ path: `${SHOTS}/credential-page-collection-1280.png`, fullPage: true });
  });

  const axePages: Array<
    [string, () => string, { width?: number; lang?: 'nl' | 'en'; holder?: boolean }, () => string]
  > = [
    ['private', () => pathOf(ids[2]!), {}, () => 'Dit leerbewijs is privé'],
    ['private', () => pathOf(ids[2]!), { width: 375, lang: 'en' }, () => 'This credential is private'],
    ['holder', () => pathOf(ids[2]!), { holder: true }, () => certificateTitle],
    ['holder', () => pathOf(ids[2]!), { holder: true, width: 375 }, () => certificateTitle],
    ['revoked', () => pathOf(ids[1]!), { holder: true, width: 375, lang: 'en' }, () => ''],
    ['collection', () => collectionPath, {}, () => 'Portfolio data'],
    ['collection', () => collectionPath, { width: 375 }, () => 'Portfolio data'],
  ];
  it.each(axePages)(
    'has no WCAG 2.1 AA violations that axe-core finds on the %s page %o, nor sideways scrolling on a phone',
    async (name, urlPath, options, heading) => {
      const page = await e2e.open(urlPath(), { ...options, ...(options.holder ? { as: HOLDER } : {}) });
      const h1 = page.getByRole('heading', { level: 1 });
      await (
        heading() ? page.getByRole('heading', { level: 1, name: heading(), exact: true }) : h1
      ).waitFor();
      await page.waitForLoadState('networkidle');
      expect(await accessibilityViolations(page)).toEqual([]);
      const width = options.width ?? 1280;
      await page.screenshot({
        path: `${SHOTS}/credential-page-${name}-${options.lang ?? 'nl'}-${width}.png`,
        fullPage: true,
      });
      if (width === 375) await noSidewaysScroll(page);
    },
  );
});
