import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AxeResults, RunOptions } from 'axe-core';
import type { FastifyInstance } from 'fastify';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.ts';
import { loadConfig } from '../../src/core/config.ts';
import { openDatabase, type DatabaseHandle } from '../../src/core/database.ts';
import { loadDemoIfEmpty } from '../../src/demo/load-demo.ts';

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const builtIndex = path.join(projectRoot, 'dist', 'web', 'index.html');

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

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
const AXE_SCRIPT = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

let dataDir: string | undefined;
let database: DatabaseHandle | undefined;
let app: FastifyInstance | undefined;
let browser: Browser | undefined;
let baseUrl = '';
const contexts: BrowserContext[] = [];

/** A fresh browser context (empty storage, so Dutch by default), 1280×800 unless told otherwise. */
async function open(urlPath: string, options: { width?: number; lang?: 'nl' | 'en' } = {}): Promise<Page> {
  if (!browser) throw new Error('The browser did not start.');
  const context = await browser.newContext({ viewport: { width: options.width ?? 1280, height: 800 } });
  if (options.lang)
    await context.addInitScript((lang) => localStorage.setItem('stapel.lang', lang), options.lang);
  contexts.push(context);
  const page = await context.newPage();
  await page.goto(baseUrl + urlPath);
  return page;
}

function resultCount(page: Page) {
  return page.getByRole('region', { name: /^(Resultaten|Results)$/ }).getByRole('status');
}

function resultTitles(page: Page): Promise<string[]> {
  return page
    .getByRole('region', { name: /^(Resultaten|Results)$/ })
    .getByRole('heading', { level: 3 })
    .allTextContents();
}

/** WCAG 2.1 A and AA violations that axe-core finds on the page, as "rule: selectors" lines. */
async function accessibilityViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: AXE_SCRIPT });
  const options: RunOptions = {
    runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
  };
  const results = await page.evaluate(
    (runOptions) =>
      (
        window as unknown as { axe: { run: (context: Document, o: RunOptions) => Promise<AxeResults> } }
      ).axe.run(document, runOptions),
    options,
  );
  return results.violations.map(
    (violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`,
  );
}

beforeAll(async () => {
  if (!fs.existsSync(builtIndex)) {
    throw new Error(
      `The web UI is not built: ${path.relative(projectRoot, builtIndex)} is missing. Run \`npm run build:web\` before the end-to-end tests.`,
    );
  }
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'stapel-e2e-'));
  database = await openDatabase({ sqlitePath: path.join(dataDir, 'stapel.db') });
  await loadDemoIfEmpty(database);
  const config = loadConfig({ ...process.env, STAPEL_DATA_DIR: dataDir, PORT: '0' });
  app = await buildApp({ config, database, logger: false });
  baseUrl = await app.listen({ port: 0, host: '127.0.0.1' });
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
});

afterEach(async () => {
  for (const context of contexts.splice(0)) await context.close();
});

afterAll(async () => {
  await browser?.close();
  await app?.close();
  await database?.close();
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
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
      await fetch(`${baseUrl}/api/v1/institutions/hogeschool-schelde/micro-credentials/MC-DATA`)
    ).json()) as { tuition: { indicative: boolean } };
    // Decree amounts are data per academic year: an amount from an earlier year is marked indicative.
    expect(await fact('Studiegeld').textContent()).toMatch(
      view.tuition.indicative ? /^€\s?319,30\s*indicatief$/ : /^€\s?319,30$/,
    );
    expect(await fact('Vorm').textContent()).toContain('A · uit regulier aanbod');

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
      'een micro-credential-certificaat',
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

    if (!browser) throw new Error('The browser did not start.');
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    contexts.push(context);
    let failing = true;
    await context.route('**/api/v1/micro-credentials?*', (route) =>
      failing ? route.fulfill({ status: 503, body: 'unavailable' }) : route.continue(),
    );
    const page = await context.newPage();
    await page.goto(baseUrl + '/');
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
