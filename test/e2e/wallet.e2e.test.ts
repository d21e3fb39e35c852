import fs from 'node:fs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { accessibilityViolations, makeUser, startE2e, type E2eEnvironment } from '../support/e2e.ts';
import { LEARNER_PASSWORD } from '../support/cohort.ts';
import { createAppContext } from '../../src/create-app-context.ts';
import { getInstitution } from '../../src/institutions/store.ts';
import { runAward } from '../../src/issuing/award.ts';

const LOTTE = { email: 'lotte.import@lerende.example', name: 'Lotte Import', password: LEARNER_PASSWORD };
const fixture = (name: string) => `test/fixtures/wallet/${name}`;
const SHOTS = 'test-results/shots';

let e2e: E2eEnvironment;

beforeAll(async () => {
  e2e = await startE2e('wallet');
  await makeUser(e2e.database, LOTTE);
  const context = createAppContext({ config: e2e.config, database: e2e.database, masterKey: e2e.masterKey });
  for (const [slug, code] of [
    ['hogeschool-schelde', 'MC-DATA'],
    ['universiteit-leie', 'PV-KLIMAAT'],
  ] as const)
    await runAward(context, async (tx) => ({
      institution: await getInstitution(tx, slug),
      code,
      learner: { email: LOTTE.email },
      score: 16,
      recordedBy: 'cli',
    }));
  // One credential from elsewhere is in the wallet already, one that names another address.
  const session = await fetch(`${e2e.baseUrl}/api/v1/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: LOTTE.email, password: LOTTE.password }),
  });
  const { csrfToken } = (await session.json()) as { csrfToken: string };
  const cookie = (session.headers.get('set-cookie') ?? '').split(';')[0]!;
  const added = await fetch(`${e2e.baseUrl}/api/v1/me/imports`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrfToken },
    body: fs.readFileSync(fixture('did-key-to-someone-else.json'), 'utf8'),
  });
  expect(added.status).toBe(201);
  fs.mkdirSync(SHOTS, { recursive: true });
});

afterEach(async () => {
  await e2e.closeContexts();
});

afterAll(async () => {
  await e2e?.close();
});

const wallet = (page: Page, name = 'Mijn leerbewijzen') => page.getByRole('region', { name, exact: true });
/** The headings of the groups, without the import form's. */
const groupTitles = async (page: Page) =>
  (await wallet(page).getByRole('heading', { level: 3 }).allTextContents()).filter(
    (title) => !['Een leerbewijs toevoegen', 'Add a proof of learning'].includes(title),
  );
const cardTitles = async (page: Page, name?: string) =>
  (await wallet(page, name).getByRole('heading', { level: 4 }).allTextContents()).sort();

describe('the wallet in "My learning"', () => {
  it('groups credentials by institution, imported ones apart, each titled by its kind in the page language', async () => {
    const page = await e2e.open('/me', { as: LOTTE });
    await wallet(page).getByRole('heading', { level: 4 }).first().waitFor();
    expect((await groupTitles(page)).sort()).toEqual([
      'Hogeschool Schelde',
      'Toegevoegd van elders',
      'Universiteit Leie',
    ]);
    const titles = await cardTitles(page);
    expect(titles).toContain('Creditbewijs — Inleiding tot data-analyse met Python (DATA101)');
    expect(titles).toContain('Micro-credentialcertificaat — Data-analyse met Python');
    expect(titles).toContain('Reddend zwemmen');
    const imported = wallet(page).getByRole('region', { name: 'Toegevoegd van elders' });
    await imported.getByText('Uitgereikt aan iemand anders').waitFor();
    expect(await imported.getByText('Uitgereikt door Academie Noordzee').count()).toBe(1);

    const english = await e2e.open('/me', { as: LOTTE, lang: 'en' });
    await wallet(english, 'My proofs of learning').getByRole('heading', { level: 4 }).first().waitFor();
    expect(await cardTitles(english, 'My proofs of learning')).toContain(
      'Credit certificate — Introduction to data analysis with Python (DATA101)',
    );
  });

  it('filters as one types, by title, institution, course unit or kind, without a reload', async () => {
    const page = await e2e.open('/me', { as: LOTTE });
    await wallet(page).getByRole('heading', { level: 4 }).first().waitFor();
    const total = (await cardTitles(page)).length;
    const search = page.getByLabel('Zoeken in je leerbewijzen');
    await search.fill('DATA102');
    expect(await cardTitles(page)).toEqual(['Creditbewijs — Datavisualisatie en rapportering (DATA102)']);
    await search.fill('leie');
    expect((await cardTitles(page)).length).toBeGreaterThanOrEqual(1);
    expect(await groupTitles(page)).toEqual(['Universiteit Leie']);
    await search.fill('creditbewijs');
    expect((await cardTitles(page)).every((title) => title.startsWith('Creditbewijs'))).toBe(true);
    await search.fill('zwemmen');
    expect(await cardTitles(page)).toEqual(['Reddend zwemmen']);
    await search.fill('niets dat bestaat');
    await page.getByText('Geen leerbewijzen gevonden voor “niets dat bestaat”.').waitFor();
    await page.getByRole('button', { name: 'Zoekopdracht wissen' }).click();
    expect((await cardTitles(page)).length).toBe(total);
  });

  it('turns sharing on and off with the switch', async () => {
    const page = await e2e.open('/me', { as: LOTTE });
    const card = wallet(page)
      .getByRole('listitem')
      .filter({
        has: page.getByRole('heading', { name: 'Micro-credentialcertificaat — Data-analyse met Python' }),
      });
    const toggle = card.getByRole('switch', { name: 'Openbaar delen' });
    await toggle.waitFor();
    expect(await toggle.isChecked()).toBe(false);
    await toggle.click();
    await page.getByText('wordt nu openbaar gedeeld').waitFor();
    expect(await toggle.isChecked()).toBe(true);
    expect(
      (await e2e.database.db.selectFrom('credential_shares').select('credential_id').execute()).length,
    ).toBe(1);

    const again = await e2e.open('/me', { as: LOTTE });
    const reloaded = wallet(again)
      .getByRole('listitem')
      .filter({
        has: again.getByRole('heading', { name: 'Micro-credentialcertificaat — Data-analyse met Python' }),
      })
      .getByRole('switch', { name: 'Openbaar delen' });
    await reloaded.waitFor();
    expect(await reloaded.isChecked()).toBe(true);
    await reloaded.click();
    await again.getByText('is niet langer openbaar').waitFor();
    expect(
      (await e2e.database.db.selectFrom('credential_shares').select('credential_id').execute()).length,
    ).toBe(0);
  });

  it('adds a JSON file after verifying it, and shows why a tampered one is refused', async () => {
    const page = await e2e.open('/me', { as: LOTTE });
    const file = page.getByLabel('Bestand met een leerbewijs');
    await file.waitFor();
    const tampered = JSON.parse(fs.readFileSync(fixture('did-key-to-learner.json'), 'utf8')) as Record<
      string,
      unknown
    >;
    tampered.name = 'Kapitein ter koopvaardij';
    await file.setInputFiles({
      name: 'vervalst.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify(tampered)),
    });
    await page.getByRole('button', { name: 'Bestand toevoegen' }).click();
    const outcome = page.getByRole('status').filter({ hasText: 'Niet toegevoegd' });
    await outcome.waitFor();
    expect(await outcome.textContent()).toMatch(/handtekening/i);
    await page.screenshot({ path: `${SHOTS}/wallet-refused-1280.png`, fullPage: true });
    expect(await e2e.database.db.selectFrom('imported_credentials').select('id').execute()).toHaveLength(1);

    await file.setInputFiles(fixture('did-key-to-learner.json'));
    await page.getByRole('button', { name: 'Bestand toevoegen' }).click();
    await page.getByText('Zeilen op open water is toegevoegd aan je portefeuille.').waitFor();
    expect(await cardTitles(page)).toContain('Zeilen op open water');

    const card = wallet(page)
      .getByRole('listitem')
      .filter({ has: page.getByRole('heading', { name: 'Zeilen op open water' }) });
    await card.getByRole('button', { name: 'Details van Zeilen op open water' }).click();
    await card.getByRole('heading', { name: 'Controle van Zeilen op open water' }).waitFor();
    await page.screenshot({ path: `${SHOTS}/wallet-details-1280.png`, fullPage: true });
  });

  it.each([
    { width: 1280, lang: 'nl' as const, heading: 'Mijn leren' },
    { width: 375, lang: 'nl' as const, heading: 'Mijn leren' },
    { width: 375, lang: 'en' as const, heading: 'My learning' },
  ])(
    'has no WCAG 2.1 AA violations at $width px ($lang), nor sideways scrolling',
    async ({ width, lang, heading }) => {
      const page = await e2e.open('/me', { as: LOTTE, width, lang });
      await page.getByRole('heading', { level: 1, name: heading }).waitFor();
      await page.getByRole('heading', { level: 4 }).first().waitFor();
      await page.waitForLoadState('networkidle');
      expect(await accessibilityViolations(page)).toEqual([]);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
      await page.screenshot({ path: `${SHOTS}/wallet-${lang}-${width}.png`, fullPage: true });
    },
  );
});
