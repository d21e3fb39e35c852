import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { getInstitution } from '../../src/institutions/store.ts';
import { newMicroCredentialVersion } from '../../src/catalogue/micro-credentials.ts';
import { runAward } from '../../src/issuing/award.ts';
import { bakedBadge } from '../../src/issuing/baked-badge.ts';
import type { IssuingContext } from '../../src/issuing/context.ts';
import { setUp } from '../support/set-up.ts';
import {
  accessibilityViolations,
  DEMO_SLUG,
  makeUser,
  projectRoot,
  startE2e,
  type E2eEnvironment,
  type OpenOptions,
} from '../support/e2e.ts';

const fixtures = path.join(projectRoot, 'test', 'fixtures', 'badges');
const PLAIN_PNG = fs.readFileSync(path.join(fixtures, 'plain-badge.png'));
const UNSAFE_SVG = fs.readFileSync(path.join(fixtures, 'unsafe-script.svg'));
const DESIGNER = { email: 'badge@schelde.example', name: 'Bert Badge', password: 'bert-zijn-wachtwoord' };
const EDITOR_PATH = `/manage/${DEMO_SLUG}/micro-credentials/MC-DATA`;
const SHOTS = 'test-results/shots';

let e2e: E2eEnvironment;
let bakedPng: Buffer;
let credentialId: string;

const open = (urlPath: string, options: OpenOptions = {}): Promise<Page> => e2e.open(urlPath, options);

/** Waits until the live region holds a verdict or a refusal, and returns its text. */
async function resultText(page: Page): Promise<string> {
  const region = page.locator('.verify-result');
  await expect
    .poll(async () => (await region.textContent()) ?? '', { timeout: 15_000 })
    .toMatch(/(Geldig|Niet geldig|Valid|Not valid|niet gelezen|cannot be read|bevat geen|carries no)/);
  return (await region.textContent()) ?? '';
}

async function shoot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SHOTS, `badges-${name}.png`), fullPage: true });
}

beforeAll(async () => {
  e2e = await startE2e('verify-baked', {
    prepare: async (database) => {
      await makeUser(database, DESIGNER, ['designer']);
      // A draft of MC-DATA, whose badge the designer can change.
      await setUp(database, async (cmd) =>
        newMicroCredentialVersion(cmd, await getInstitution(cmd.tx, DEMO_SLUG), { code: 'MC-DATA' }),
      );
    },
  });
  const context: IssuingContext = {
    database: e2e.database,
    settings: e2e.config.settings,
    masterKey: e2e.masterKey,
  };
  const award = await runAward(context, async (tx) => ({
    institution: await getInstitution(tx, DEMO_SLUG),
    code: 'PV-LEAN',
    learner: { email: 'gebakken@example.org', name: 'Greet Gebakken' },
    score: 15,
    recordedBy: 'test',
  }));
  credentialId = award.credentials[0]!.id;
  bakedPng = Buffer.from((await bakedBadge(e2e.database.db, credentialId, 'png'))!.bytes);
});
afterEach(async () => {
  await e2e?.closeContexts();
});
afterAll(async () => {
  await e2e?.close();
});

describe('verifying a baked badge on the verify page', () => {
  it('verifies a baked PNG chosen with the file input', async () => {
    const page = await open('/verify');
    await page.getByLabel('Kies een bestand').setInputFiles({
      name: 'lean-werken.png',
      mimeType: 'image/png',
      buffer: bakedPng,
    });
    expect(await resultText(page)).toMatch(/Geldig/);
    const states = await page.locator('.check__state').allTextContents();
    expect(states).toEqual(Array(7).fill('Geslaagd'));
    expect(await page.getByText('Gecontroleerd: het bestand lean-werken.png').count()).toBe(1);
    await shoot(page, 'verify-baked-1280');
  });

  it('says in English too, on a phone, that a PNG carries no credential', async () => {
    const page = await open('/verify', { width: 375, lang: 'en' });
    await page.getByLabel('Choose a file').setInputFiles({
      name: 'plain.png',
      mimeType: 'image/png',
      buffer: PLAIN_PNG,
    });
    expect(await resultText(page)).toContain('This PNG image carries no Open Badges credential');
    await shoot(page, 'verify-plain-375');
  });

  it.each([1280, 375])(
    'has no WCAG 2.1 AA violations that axe-core finds with a baked badge checked at %i px, nor sideways scrolling',
    async (width) => {
      const page = await open('/verify', { width });
      await page.getByLabel('Kies een bestand').setInputFiles({
        name: 'badge.png',
        mimeType: 'image/png',
        buffer: bakedPng,
      });
      await resultText(page);
      if (width === 375) await shoot(page, 'verify-baked-375');
      expect(await accessibilityViolations(page)).toEqual([]);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
    },
  );
});

describe('the badge in the micro-credential editor', () => {
  const panel = (page: Page) => page.getByRole('region', { name: 'Badge', exact: true });

  it('previews the generated badge, refuses an SVG with a script and takes a PNG of the designer’s own', async () => {
    const page = await open(EDITOR_PATH, { as: DESIGNER });
    const badge = panel(page);
    await badge.getByRole('img', { name: /^Badge van / }).waitFor();
    expect(await badge.getByText('Gegenereerde badge').count()).toBe(1);
    await badge.scrollIntoViewIfNeeded();
    await badge.screenshot({ path: path.join(SHOTS, 'badges-editor-generated-1280.png') });

    await badge.getByLabel('Eigen afbeelding opladen').setInputFiles({
      name: 'kwaadaardig.svg',
      mimeType: 'image/svg+xml',
      buffer: UNSAFE_SVG,
    });
    await expect.poll(() => badge.getByRole('alert').textContent()).toContain('De SVG bevat <script>.');
    await badge.screenshot({ path: path.join(SHOTS, 'badges-editor-refused-1280.png') });

    await badge.getByLabel('Eigen afbeelding opladen').setInputFiles({
      name: 'eigen.png',
      mimeType: 'image/png',
      buffer: PLAIN_PNG,
    });
    await expect.poll(() => badge.getByRole('status').textContent()).toBe('De badge-afbeelding is bewaard.');
    expect(await badge.getByText('Eigen afbeelding', { exact: true }).count()).toBe(1);
    expect(await badge.getByRole('alert').count()).toBe(0);
    await badge.screenshot({ path: path.join(SHOTS, 'badges-editor-uploaded-1280.png') });
    const stored = await e2e.database.db
      .selectFrom('micro_credential_versions')
      .select('badge_image')
      .where('status', '=', 'draft')
      .where('badge_image', 'is not', null)
      .execute();
    expect(stored).toHaveLength(1);

    await badge.getByRole('button', { name: 'Eigen afbeelding verwijderen' }).click();
    await expect
      .poll(() => badge.getByRole('status').textContent())
      .toBe('De eigen afbeelding is verwijderd; de badge wordt opnieuw gegenereerd.');
    expect(await badge.getByText('Gegenereerde badge').count()).toBe(1);
  });

  it.each([1280, 375])(
    'has no WCAG 2.1 AA violations that axe-core finds in the editor with its badge at %i px, nor sideways scrolling',
    async (width) => {
      const page = await open(EDITOR_PATH, { as: DESIGNER, width, lang: width === 375 ? 'en' : 'nl' });
      const badge = panel(page);
      await badge.getByRole('img').waitFor();
      await page.waitForLoadState('networkidle');
      if (width === 375) {
        await badge.scrollIntoViewIfNeeded();
        await badge.screenshot({ path: path.join(SHOTS, 'badges-editor-375.png') });
      }
      expect(await accessibilityViolations(page)).toEqual([]);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
    },
  );
});
