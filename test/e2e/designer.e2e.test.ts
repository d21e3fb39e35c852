import type { Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  accessibilityViolations,
  isFocused,
  makeUser,
  startE2e,
  type E2eEnvironment,
  type OpenOptions,
} from '../support/e2e.ts';

const SLUG = 'hogeschool-schelde';
const LIST_PATH = `/manage/${SLUG}/micro-credentials`;
const DESIGNER = {
  email: 'ontwerp@schelde.example',
  name: 'Olga Ontwerper',
  password: 'olga-haar-wachtwoord',
};
const ADMIN = { email: 'beheer@schelde.example', name: 'Bea Beheerder', password: 'beheer-wachtwoord-1' };
const REVIEWER = {
  email: 'kwaliteit@schelde.example',
  name: 'Koen Kwaliteit',
  password: 'koen-zijn-wachtwoord',
};

const ECTS_LIMIT = 'Een micro-credential is altijd kleiner dan 60 ECTS.';
const ECTS_UNUSUAL =
  'Meer dan 20 ECTS: ongebruikelijk volgens het kaderakkoord (3–20 ECTS), maar toegestaan.';
const OUTCOMES_MISSING = 'Verplicht EU-element ontbreekt: leerresultaten.';

let e2e: E2eEnvironment;

/** A fresh browser context, signed in as the designer unless told otherwise. */
const open = (urlPath: string, options: OpenOptions = {}): Promise<Page> =>
  e2e.open(urlPath, { as: DESIGNER, ...options });

/** The messages shown with a field: its error and warning texts, read through aria-describedby. */
async function describedText(field: Locator): Promise<string> {
  const ids = ((await field.getAttribute('aria-describedby')) ?? '').split(' ').filter(Boolean);
  const page = field.page();
  const texts = await Promise.all(ids.map((id) => page.locator(`[id="${id}"]`).textContent()));
  return texts.join(' ');
}

function checkPanel(page: Page): Locator {
  return page.getByRole('complementary', { name: 'Controle volgens het kader' });
}

function checkGroup(page: Page, title: RegExp): Locator {
  return checkPanel(page)
    .locator('.rule-check__group')
    .filter({ has: page.getByRole('heading', { level: 3, name: title }) });
}

beforeAll(async () => {
  e2e = await startE2e('designer', {
    prepare: async (database) => {
      await makeUser(database, DESIGNER, ['designer']);
      await makeUser(database, ADMIN, ['administrator']);
      await makeUser(database, REVIEWER, ['qa-reviewer', 'registrar', 'assessor']);
    },
  });
});

afterEach(async () => {
  await e2e.closeContexts();
});

afterAll(async () => {
  await e2e?.close();
});

describe('designing micro-credentials in the browser', () => {
  it('creates a form B micro-credential with live validation, saves it as a draft and lists it', async () => {
    const page = await open(LIST_PATH);
    await page.getByRole('heading', { level: 1, name: 'Micro-credentials' }).waitFor();
    expect(await page.title()).toBe('Micro-credentials — Beheer Hogeschool Schelde — Stapel');
    await expect.poll(() => page.getByRole('status').textContent()).toMatch(/^\d+ micro-credentials$/);
    await page.getByRole('link', { name: 'Nieuwe micro-credential' }).click();
    await page.getByRole('heading', { level: 1, name: 'Nieuwe micro-credential' }).waitFor();
    expect(new URL(page.url()).pathname).toBe(`${LIST_PATH}/new`);

    await page.getByLabel('B · buiten regulier aanbod').check();
    // Form B is not built from course units, and asks for the institution's own tuition.
    expect(await page.getByRole('group', { name: 'Opleidingsonderdelen' }).count()).toBe(0);
    await page.getByLabel('Studiegeld (euro)').waitFor();
    await page.getByLabel('Code').fill('PV-E2E');
    await page.getByLabel('Titel (Nederlands)').fill('Toegankelijk ontwerpen voor het web');
    await page.getByLabel('Titel (Engels)').fill('Accessible web design');

    // 60 ECTS: an error at once, before saving, next to the field and in the check panel.
    const ects = page.getByLabel('Studieomvang (ECTS)');
    await ects.fill('60');
    await expect.poll(() => describedText(ects)).toContain(ECTS_LIMIT);
    expect(await ects.getAttribute('aria-invalid')).toBe('true');
    expect(await checkGroup(page, /^Eerst oplossen/).textContent()).toContain(ECTS_LIMIT);
    // Missing elements are listed before submission.
    expect(await checkGroup(page, /^Nog nodig voor indiening/).textContent()).toContain(OUTCOMES_MISSING);

    // Saving is refused here, with the problems on top and the focus on them.
    await page.getByRole('button', { name: 'Opslaan als concept' }).click();
    const summary = page.locator('.error-summary');
    await expect.poll(() => isFocused(summary)).toBe(true);
    expect(await summary.textContent()).toContain(ECTS_LIMIT);
    expect(await summary.textContent()).toContain('Het VKS-niveau is een geheel getal van 1 tot 8.');
    await summary.getByRole('link', { name: ECTS_LIMIT }).click();
    expect(await isFocused(ects)).toBe(true);
    const created = await e2e.database.db
      .selectFrom('micro_credentials')
      .select('id')
      .where('code', '=', 'PV-E2E')
      .executeTakeFirst();
    expect(created).toBeUndefined();

    // 24 ECTS: allowed, with a warning.
    await ects.fill('24');
    await expect.poll(() => describedText(ects)).toContain(ECTS_UNUSUAL);
    expect(await describedText(ects)).not.toContain(ECTS_LIMIT);
    expect(await ects.getAttribute('aria-invalid')).toBeNull();
    expect(await checkGroup(page, /^Waarschuwingen/).textContent()).toContain(ECTS_UNUSUAL);

    await page.getByLabel('Niveau (VKS)').selectOption({ label: 'VKS-niveau 5' });
    await page.getByLabel('Leerresultaat 1 (Nederlands)').fill('Toetst een webpagina aan WCAG 2.1 AA.');
    await expect.poll(() => checkPanel(page).textContent()).not.toContain(OUTCOMES_MISSING);
    await page.getByRole('button', { name: 'Leerresultaat toevoegen' }).click();
    const second = page.getByLabel('Leerresultaat 2 (Nederlands)');
    expect(await isFocused(second)).toBe(true);
    await second.fill('Herstelt de gevonden toegankelijkheidsproblemen.');
    await page.getByLabel('Type evaluatie (Nederlands)').fill('Praktijkopdracht met feedback');
    await page.getByLabel('Deelnamevorm').selectOption({ label: 'Online' });
    await page.getByLabel('Studiegeld (euro)').fill('450');
    // Without study hours the quality pre-check refuses the submission, and the editor says so.
    await expect.poll(() => checkGroup(page, /^Nog nodig voor indiening/).count()).toBe(1);
    await page.getByLabel('Studietijd (uren)', { exact: false }).fill('650');
    await page.getByRole('button', { name: 'Partner toevoegen' }).click();
    const partner = page.getByLabel('Naam van partner 1');
    expect(await isFocused(partner)).toBe(true);
    await partner.fill('Toegankelijk Vlaanderen');
    const partnerUrl = page.getByLabel('Website van partner 1');
    await partnerUrl.fill('geen link');
    await partnerUrl.blur();
    await expect.poll(() => describedText(partnerUrl)).toContain('Geef een volledige http(s)-URL op.');
    await partnerUrl.fill('https://toegankelijk.example');
    await expect.poll(() => checkGroup(page, /^Eerst oplossen/).count()).toBe(0);
    expect(await checkGroup(page, /^Nog nodig voor indiening/).count()).toBe(0);

    await page.getByRole('button', { name: 'Opslaan als concept' }).click();
    await page.getByRole('heading', { level: 1, name: 'Toegankelijk ontwerpen voor het web' }).waitFor();
    expect(new URL(page.url()).pathname).toBe(`${LIST_PATH}/PV-E2E`);
    expect(await page.getByRole('status').filter({ hasText: 'aangemaakt' }).textContent()).toBe(
      'PV-E2E is aangemaakt als concept (versie 1).',
    );
    expect(await page.locator('.editor__eyebrow').textContent()).toMatch(/PV-E2E.*Versie 1.*Concept/);
    const history = page.getByRole('region', { name: 'Versiegeschiedenis' }).getByRole('row');
    await expect.poll(() => history.count()).toBe(2);
    expect(await history.nth(1).textContent()).toMatch(/^1Concept/);
    // What was typed came back from the server.
    expect(await page.getByLabel('Studieomvang (ECTS)').inputValue()).toBe('24');
    expect(await page.getByLabel('Website van partner 1').inputValue()).toBe('https://toegankelijk.example');

    await page.getByRole('link', { name: 'Terug naar de micro-credentials' }).click();
    const row = page.getByRole('row').filter({ hasText: 'PV-E2E' });
    await row.waitFor();
    expect(await row.getByRole('link').textContent()).toBe('Toegankelijk ontwerpen voor het web');
    expect(await row.locator('.badge').textContent()).toBe('Concept');

    // The administrator finds the creation in the audit log.
    const admin = await open(`/manage/${SLUG}/admin/audit?action=micro-credential.create`, { as: ADMIN });
    const audit = admin.getByRole('region', { name: 'Auditlog' });
    const entry = audit.getByRole('row').filter({ hasText: DESIGNER.email });
    await entry.waitFor();
    expect(await entry.textContent()).toContain('micro-credential.create');
  });

  it('shows the server’s refusals next to their fields', async () => {
    const page = await open(`${LIST_PATH}/new`);
    await page.getByRole('heading', { level: 1, name: 'Nieuwe micro-credential' }).waitFor();
    await page.getByLabel('B · buiten regulier aanbod').check();
    await page.getByLabel('Code').fill('MC-DATA');
    await page.getByLabel('Titel (Nederlands)').fill('Dubbele code');
    await page.getByLabel('Studieomvang (ECTS)').fill('3');
    await page.getByLabel('Niveau (VKS)').selectOption({ label: 'VKS-niveau 5' });
    await page.getByRole('button', { name: 'Opslaan als concept' }).click();
    const summary = page.locator('.error-summary');
    await expect.poll(() => isFocused(summary)).toBe(true);
    const taken = 'Er bestaat al een micro-credential met deze code bij je instelling.';
    expect(await summary.textContent()).toContain(taken);
    const code = page.getByLabel('Code');
    expect(await code.getAttribute('aria-invalid')).toBe('true');
    expect(await describedText(code)).toContain(taken);

    // A refusal of the body's shape names a field path; it lands on that field.
    await page.route('**/api/v1/manage/*/micro-credentials', (route) =>
      route.fulfill({
        status: 422,
        contentType: 'application/problem+json',
        body: JSON.stringify({
          type: 'https://stapel.dev/problems/validation-failed',
          title: 'Unprocessable Content',
          status: 422,
          detail: 'The request is not valid.',
          code: 'validation-failed',
          errors: [{ field: 'title.en', rule: 'schema', message: 'mag hoogstens 300 tekens tellen' }],
        }),
      }),
    );
    await code.fill('PV-NIEUW');
    await page.getByRole('button', { name: 'Opslaan als concept' }).click();
    await expect.poll(() => summary.textContent()).toContain('mag hoogstens 300 tekens tellen');
    const english = page.getByLabel('Titel (Engels)');
    expect(await english.getAttribute('aria-invalid')).toBe('true');
    await summary.getByRole('link', { name: 'mag hoogstens 300 tekens tellen' }).click();
    expect(await isFocused(english)).toBe(true);
    await english.fill('Short');
    expect(await english.getAttribute('aria-invalid')).toBeNull();
  });

  it('edits a published form A micro-credential: course units checked live, saving starts version 2', async () => {
    const page = await open(`${LIST_PATH}/MC-DATA`);
    await page.getByRole('heading', { level: 1, name: 'Data-analyse met Python' }).waitFor();
    expect(await page.getByText('Versie 1 is gepubliceerd.', { exact: false }).count()).toBe(1);
    const units = page.getByRole('group', { name: 'Opleidingsonderdelen' });
    const data102 = units.getByLabel(/^DATA102/);
    await data102.waitFor();
    expect(await units.getByLabel(/^DATA101/).isChecked()).toBe(true);
    expect(await data102.isChecked()).toBe(true);
    expect(await units.textContent()).toContain('Samen 6 ECTS');

    const ects = page.getByLabel('Studieomvang (ECTS)');
    await data102.uncheck();
    const mismatch =
      'De studieomvang (6 ECTS) moet gelijk zijn aan de som van de opleidingsonderdelen (3 ECTS).';
    await expect.poll(() => describedText(ects)).toContain(mismatch);
    await data102.check();
    await expect.poll(() => describedText(ects)).not.toContain(mismatch);

    await page.getByLabel('Titel (Engels)').fill('Data analysis with Python, revised');
    await page.getByRole('button', { name: 'Opslaan als concept' }).click();
    await expect
      .poll(() => page.getByRole('status').filter({ hasText: 'Opgeslagen' }).textContent())
      .toBe('Opgeslagen als concept (versie 2).');
    const history = page.getByRole('region', { name: 'Versiegeschiedenis' }).getByRole('row');
    await expect.poll(() => history.count()).toBe(3);
    expect(await history.nth(1).textContent()).toMatch(/^2Concept/);
    expect(await history.nth(2).textContent()).toMatch(/^1Gepubliceerd/);
    expect(await page.locator('.editor__eyebrow').textContent()).toMatch(/Versie 2.*Concept/);

    // In English, the rules speak English too.
    await page.getByRole('button', { name: /^EN/ }).click();
    await page.getByLabel('Study load (ECTS)').fill('24');
    await expect
      .poll(() => describedText(page.getByLabel('Study load (ECTS)')))
      .toContain('More than 20 ECTS: unusual under the framework agreement (3–20 ECTS), but allowed.');
  });

  it('can be used with the keyboard alone', async () => {
    const page = await open(`${LIST_PATH}/new`);
    await page.getByRole('heading', { level: 1, name: 'Nieuwe micro-credential' }).waitFor();
    await page.keyboard.press('Tab');
    expect(await isFocused(page.getByRole('link', { name: 'Naar de inhoud' }))).toBe(true);
    await page.keyboard.press('Enter');
    // From the main content: the sub-navigation, the way back, then the first field.
    const order: string[] = [];
    for (let i = 0; i < 4; i++) {
      await page.keyboard.press('Tab');
      order.push(
        await page.evaluate(
          () => document.activeElement?.textContent?.trim() || document.activeElement?.id || '',
        ),
      );
    }
    expect(order).toEqual(['Overzicht', 'Micro-credentials', '← Terug naar de micro-credentials', 'mc-code']);
    await page.keyboard.type('PV-KEY');
    // Every control of the form is reachable: Tab until the save button, counting the stops.
    let stops = 0;
    while (!(await isFocused(page.getByRole('button', { name: 'Opslaan als concept' }))) && stops < 80) {
      await page.keyboard.press('Tab');
      stops += 1;
    }
    expect(stops).toBeLessThan(80);
    await page.keyboard.press('Enter');
    await expect.poll(() => isFocused(page.locator('.error-summary'))).toBe(true);
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toMatch(/^mc-/);
  });

  it('shows only the parts the roles allow, each a working page', async () => {
    const page = await open(`/manage/${SLUG}`, { as: REVIEWER });
    await page.getByRole('heading', { level: 1, name: 'Beheer Hogeschool Schelde' }).waitFor();
    const nav = page.getByRole('navigation', { name: 'Onderdelen van Beheer Hogeschool Schelde' });
    expect(await nav.getByRole('link').allTextContents()).toEqual([
      'Overzicht',
      'Kwaliteitszorg',
      'Edities',
      'Inschrijvingen',
      'Resultaten',
      'Uitreiking',
    ]);
    await nav.getByRole('link', { name: 'Edities' }).click();
    await page.getByRole('heading', { level: 1, name: 'Edities', exact: true }).waitFor();
    await page.getByRole('heading', { level: 2, name: 'Nieuwe editie' }).waitFor();
    expect(await page.getByText('In aanbouw').count()).toBe(0);
    await page.goto(e2e.baseUrl + LIST_PATH);
    await page.getByRole('heading', { level: 1, name: 'Geen toegang tot dit onderdeel' }).waitFor();
    expect(await page.locator('main').textContent()).toContain(
      'Hiervoor heb je de rol ontwerper of beheerder nodig',
    );
  });

  const axePages: Array<
    [string, { width?: number; lang?: 'nl' | 'en'; validate?: boolean; reviewer?: boolean }, string]
  > = [
    [LIST_PATH, {}, 'Micro-credentials'],
    [LIST_PATH, { width: 375, lang: 'en' }, 'Micro-credentials'],
    [`${LIST_PATH}/new`, { validate: true }, 'Nieuwe micro-credential'],
    [`${LIST_PATH}/new`, { width: 375, validate: true }, 'Nieuwe micro-credential'],
    [`${LIST_PATH}/MC-CYBER`, { width: 375, lang: 'en' }, 'Cybersecurity for network administrators'],
    [`/manage/${SLUG}/quality`, { width: 375, reviewer: true }, 'Kwaliteitszorg'],
    [`/manage/${SLUG}/results`, { lang: 'en', reviewer: true }, 'Results'],
  ];
  it.each(axePages)(
    'has no WCAG 2.1 AA violations that axe-core finds on %s %o, nor sideways scrolling on a phone',
    async (urlPath, options, heading) => {
      const page = await open(urlPath, { ...options, ...(options.reviewer ? { as: REVIEWER } : {}) });
      await page.getByRole('heading', { level: 1, name: heading, exact: true }).waitFor();
      await page.waitForLoadState('networkidle');
      if (options.validate) {
        // With errors, a warning and missing elements on show.
        await page.getByLabel('B · buiten regulier aanbod').check();
        await page.getByLabel('Studieomvang (ECTS)').fill('24');
        await page.getByLabel('Code').fill('x');
        await page.getByRole('button', { name: 'Opslaan als concept' }).click();
        await page.locator('.error-summary').waitFor();
        await page.locator('.field__warning').first().waitFor();
      }
      expect(await accessibilityViolations(page)).toEqual([]);
      if (options.width === 375) {
        expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
      }
    },
  );
});
