import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { accessibilityViolations, startE2e, type E2eEnvironment, type OpenOptions } from '../support/e2e.ts';

const PUBLISHED_DEMO_TITLES = [
  'Agile projectmanagement',
  'Cybersecurity voor netwerkbeheerders',
  'Data-analyse met Python',
  'Duurzame technieken: warmtepompen en EPB',
  'Klimaatadaptatie voor lokale besturen',
  'Lean werken in de zorg',
  'Palliatieve zorg in de praktijk',
  'Toegepaste AI voor professionals',
];
const DETAIL_PATH = '/micro-credentials/hogeschool-schelde/MC-DATA';

let e2e: E2eEnvironment;

const open = (urlPath: string, options: OpenOptions = {}): Promise<Page> => e2e.open(urlPath, options);

function resultCount(page: Page) {
  return page.getByRole('region', { name: /^(Resultaten|Results)$/ }).getByRole('status');
}

function resultTitles(page: Page): Promise<string[]> {
  return page
    .getByRole('region', { name: /^(Resultaten|Results)$/ })
    .getByRole('heading', { level: 3 })
    .allTextContents();
}

beforeAll(async () => {
  e2e = await startE2e('catalogue');
});

afterEach(async () => {
  await e2e.closeContexts();
});

afterAll(async () => {
  await e2e?.close();
});

describe('public catalogue in the browser', () => {
  it('lists the eight published demo micro-credentials and not the draft', async () => {
    const page = await open('/');
    await expect.poll(() => resultCount(page).textContent()).toBe('1–8 van 8 micro-credentials');
    expect((await resultTitles(page)).sort()).toEqual(PUBLISHED_DEMO_TITLES);
    await expect.poll(() => page.getByText('Virtual reality', { exact: false }).count()).toBe(0);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(
      'Catalogus van micro-credentials',
    );
    expect(await page.title()).toBe('Catalogus — Stapel');
    expect(await page.locator('html').getAttribute('lang')).toBe('nl');
    // Landmarks and the link to the API description.
    expect(await page.getByRole('banner').count()).toBe(1);
    expect(await page.getByRole('main').count()).toBe(1);
    expect(await page.getByRole('contentinfo').count()).toBe(1);
    expect(await page.getByRole('link', { name: 'API-documentatie (OpenAPI)' }).getAttribute('href')).toBe(
      '/api/openapi.json',
    );
  });

  it('narrows the list to "Data-analyse met Python" when searching for python', async () => {
    const page = await open('/');
    await expect.poll(() => resultCount(page).textContent()).toBe('1–8 van 8 micro-credentials');
    await page.getByLabel('Zoeken in de catalogus').fill('python');
    await page.getByLabel('Zoeken in de catalogus').press('Enter');
    await expect.poll(() => resultCount(page).textContent()).toBe('1–1 van 1 micro-credential');
    expect(await resultTitles(page)).toEqual(['Data-analyse met Python']);
    expect(new URL(page.url()).searchParams.get('q')).toBe('python');
  });

  it('narrows the list to form B with the form filter, and keeps the filter in a shared address', async () => {
    const page = await open('/');
    await expect.poll(() => resultCount(page).textContent()).toBe('1–8 van 8 micro-credentials');
    await page.getByLabel('Vorm', { exact: true }).selectOption({ label: 'B · buiten regulier aanbod' });
    await expect.poll(() => resultCount(page).textContent()).toBe('1–3 van 3 micro-credentials');
    expect((await resultTitles(page)).sort()).toEqual([
      'Agile projectmanagement',
      'Klimaatadaptatie voor lokale besturen',
      'Lean werken in de zorg',
    ]);
    const forms = await page
      .getByRole('region', { name: 'Resultaten' })
      .getByRole('definition')
      .filter({ hasText: /regulier aanbod$/ })
      .allTextContents();
    expect(forms).toEqual(Array(3).fill('B · buiten regulier aanbod'));
    expect(new URL(page.url()).searchParams.get('form')).toBe('outside-regular');

    const shared = await open('/?form=outside-regular');
    await expect.poll(() => resultCount(shared).textContent()).toBe('1–3 van 3 micro-credentials');
    expect(await shared.getByLabel('Vorm', { exact: true }).inputValue()).toBe('outside-regular');
  });

  it('pages through results with previous and next', async () => {
    const page = await open('/?pageSize=5');
    await expect.poll(() => resultCount(page).textContent()).toBe('1–5 van 8 micro-credentials');
    const pagination = page.getByRole('navigation', { name: 'Paginering' });
    await pagination.getByRole('link', { name: 'Volgende' }).click();
    await expect.poll(() => resultCount(page).textContent()).toBe('6–8 van 8 micro-credentials');
    expect(new URL(page.url()).searchParams.get('page')).toBe('2');
    await pagination.getByRole('link', { name: 'Vorige' }).click();
    await expect.poll(() => resultCount(page).textContent()).toBe('1–5 van 8 micro-credentials');
  });

  it('opens a detail page with every EU element, tuition, proof of learning and course units', async () => {
    const page = await open('/');
    await page.getByRole('link', { name: 'Data-analyse met Python' }).click();
    await page.getByRole('heading', { level: 1, name: 'Data-analyse met Python' }).waitFor();
    expect(new URL(page.url()).pathname).toBe(DETAIL_PATH);
    expect(await page.title()).toBe('Data-analyse met Python — Stapel');

    for (const heading of [
      'Kerngegevens',
      'Leerresultaten',
      'Evaluatie',
      'Opleidingsonderdelen',
      'Leerbewijs',
    ]) {
      expect(await page.getByRole('heading', { level: 2, name: heading }).count(), heading).toBe(1);
    }
    expect(await page.getByRole('heading', { level: 2, name: 'Studiegeld' }).count()).toBe(1);

    const facts = page.getByRole('complementary', { name: 'Kerngegevens' });
    const fact = (term: string) =>
      facts
        .getByRole('term')
        .filter({ hasText: new RegExp(`^${term}$`) })
        .locator('xpath=following-sibling::dd');
    expect(await fact('Studieomvang').textContent()).toContain('6 ECTS');
    expect(await fact('Niveau').textContent()).toBe('VKS-niveau 6 (EQF-niveau 6)');
    expect(await fact('Deelnamevorm').textContent()).toBe('Gemengd (online en op de campus)');
    expect(await fact('Kwaliteitszorg').textContent()).toBe('Interne en externe kwaliteitszorg');
    const view = (await (
      await fetch(`${e2e.baseUrl}/api/v1/institutions/hogeschool-schelde/micro-credentials/MC-DATA`)
    ).json()) as { tuition: { indicative: boolean } };
    // Decree amounts are data per academic year: an amount from an earlier year is marked indicative.
    expect(await fact('Studiegeld').textContent()).toMatch(
      view.tuition.indicative ? /^€\s?319,30\s*indicatief$/ : /^€\s?319,30$/,
    );
    expect(await fact('Vorm').textContent()).toContain('A · uit regulier aanbod');
    // The demo's approval was the institution's own procedure: no person, so no "by a …" (a bug once).
    expect(
      await page.locator('section[aria-labelledby="quality-record-heading"] p').first().textContent(),
    ).toMatch(/^Goedgekeurd volgens de eigen kwaliteitsprocedure van de instelling, op \d/);

    const outcomes = page.getByRole('region', { name: 'Leerresultaten' }).getByRole('listitem');
    expect(await outcomes.allTextContents()).toContain('Laadt, schoont en combineert datasets met pandas.');
    expect(await page.getByText('Project met mondelinge verdediging per opleidingsonderdeel').count()).toBe(
      1,
    );
    expect(
      await page.getByText('Onder toezicht (online of op de campus), met identiteitscontrole').count(),
    ).toBe(1);

    const tuition = page.getByRole('region', { name: 'Studiegeld' });
    expect(await tuition.textContent()).toMatch(/€\s?247,90/);
    expect(await tuition.textContent()).toMatch(/€\s?11,90 per studiepunt × 6 studiepunten/);
    expect(await tuition.textContent()).toMatch(/Totaal€\s?319,30/);

    const proof = page.getByRole('region', { name: 'Leerbewijs' }).getByRole('listitem');
    expect(await proof.allTextContents()).toEqual([
      'een creditbewijs per opleidingsonderdeel',
      'een micro-credentialcertificaat',
    ]);

    const units = page.getByRole('region', { name: 'Opleidingsonderdelen' }).getByRole('table');
    const rows = await units.getByRole('row').allTextContents();
    expect(rows).toContain('DATA101Inleiding tot data-analyse met Python36');
    expect(rows).toContain('DATA102Datavisualisatie en rapportering36');

    expect(await page.getByText('Hogeschool Schelde').first().isVisible()).toBe(true);
    expect(await page.getByText('Vlaanderen, België').first().isVisible()).toBe(true);
  });

  it('switches to English, remembers the choice and shows data in English', async () => {
    const page = await open(DETAIL_PATH);
    await page.getByRole('heading', { level: 1, name: 'Data-analyse met Python' }).waitFor();
    const english = page.getByRole('button', { name: /^EN/ });
    expect(await english.getAttribute('aria-pressed')).toBe('false');
    await english.click();
    await page.getByRole('heading', { level: 1, name: 'Data analysis with Python' }).waitFor();
    expect(await english.getAttribute('aria-pressed')).toBe('true');
    for (const heading of [
      'Key facts',
      'Learning outcomes',
      'Assessment',
      'Course units',
      'Proof of learning',
      'Tuition',
    ]) {
      expect(await page.getByRole('heading', { level: 2, name: heading }).count(), heading).toBe(1);
    }
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    await expect.poll(() => page.title()).toBe('Data analysis with Python — Stapel');
    expect(await page.getByText('Loads, cleans and combines datasets with pandas.').count()).toBe(1);

    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Data analysis with Python' }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('en');

    await page.getByRole('link', { name: 'Back to the catalogue' }).click();
    await page.getByRole('heading', { level: 1, name: 'Catalogue of micro-credentials' }).waitFor();
    await expect.poll(() => resultCount(page).textContent()).toBe('1–8 of 8 micro-credentials');
  });

  it('serves a deep link to a detail page, also on reload', async () => {
    const page = await open(DETAIL_PATH);
    await page.getByRole('heading', { level: 1, name: 'Data-analyse met Python' }).waitFor();
    const response = await page.reload();
    expect(response?.status()).toBe(200);
    await page.getByRole('heading', { level: 1, name: 'Data-analyse met Python' }).waitFor();
    expect(await page.getByRole('heading', { level: 2, name: 'Leerresultaten' }).count()).toBe(1);
  });

  it('shows a friendly message for a code that does not exist, for a draft and for an unknown page', async () => {
    const page = await open('/micro-credentials/hogeschool-schelde/BESTAAT-NIET');
    await page.getByRole('heading', { level: 1, name: 'Deze micro-credential vonden we niet' }).waitFor();
    expect(await page.getByRole('link', { name: 'Naar de catalogus', exact: true }).count()).toBe(1);

    const draft = await open('/micro-credentials/hogeschool-schelde/PV-VR');
    await draft.getByRole('heading', { level: 1, name: 'Deze micro-credential vonden we niet' }).waitFor();

    const unknown = await open('/nergens/te/vinden');
    await unknown.getByRole('heading', { level: 1, name: 'Deze pagina bestaat niet' }).waitFor();
  });

  it('reaches the skip link first with the keyboard, and it leads to the main content', async () => {
    const page = await open('/');
    await expect.poll(() => resultCount(page).textContent()).toBe('1–8 van 8 micro-credentials');
    await page.keyboard.press('Tab');
    const skip = page.getByRole('link', { name: 'Naar de inhoud' });
    expect(await skip.evaluate((element) => element === document.activeElement)).toBe(true);
    const box = await skip.boundingBox();
    expect(box !== null && box.y >= 0 && box.height > 0).toBe(true);
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('main');
    await page.keyboard.press('Tab');
    expect(
      await page
        .getByLabel('Zoeken in de catalogus')
        .evaluate((element) => element === document.activeElement),
    ).toBe(true);
  });

  it('shows an empty state, and an error state with a retry that recovers', async () => {
    const empty = await open('/?q=onvindbaar');
    await expect.poll(() => resultCount(empty).textContent()).toBe('Geen micro-credentials gevonden');
    await empty.getByRole('button', { name: 'Alle filters wissen' }).first().click();
    await expect.poll(() => resultCount(empty).textContent()).toBe('1–8 van 8 micro-credentials');

    const context = await e2e.newContext();
    let failing = true;
    await context.route('**/api/v1/micro-credentials?*', (route) =>
      failing ? route.fulfill({ status: 503, body: 'unavailable' }) : route.continue(),
    );
    const page = await context.newPage();
    await page.goto(e2e.baseUrl + '/');
    await page
      .getByRole('alert')
      .getByRole('heading', { name: 'De catalogus kon niet geladen worden' })
      .waitFor();
    failing = false;
    await page.getByRole('button', { name: 'Opnieuw proberen' }).click();
    await expect.poll(() => resultCount(page).textContent()).toBe('1–8 van 8 micro-credentials');
  });

  const axePages: Array<[string, { width?: number; lang?: 'nl' | 'en' }, string]> = [
    ['/', {}, 'Catalogus van micro-credentials'],
    ['/?form=regular&vksLevel=6', { width: 375 }, 'Catalogus van micro-credentials'],
    [DETAIL_PATH, {}, 'Data-analyse met Python'],
    [DETAIL_PATH, { width: 375, lang: 'en' }, 'Data analysis with Python'],
    ['/micro-credentials/hogeschool-schelde/PV-LEAN', { lang: 'en' }, 'Lean management in healthcare'],
    ['/micro-credentials/hogeschool-schelde/BESTAAT-NIET', {}, 'Deze micro-credential vonden we niet'],
  ];
  it.each(axePages)(
    'has no WCAG 2.1 AA violations that axe-core finds on %s %o, nor sideways scrolling on a phone',
    async (urlPath, options, heading) => {
      const page = await open(urlPath, options);
      await page.getByRole('heading', { level: 1, name: heading }).waitFor();
      await page.waitForLoadState('networkidle');
      expect(await accessibilityViolations(page)).toEqual([]);
      if (options.width === 375) {
        expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
      }
    },
  );
});
