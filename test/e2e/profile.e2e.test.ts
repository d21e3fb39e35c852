import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  accessibilityViolations,
  isFocused,
  linkFromOutbox,
  makeUser,
  startE2e,
  type E2eEnvironment,
  type OpenOptions,
} from '../support/e2e.ts';

const LEARNER = { email: 'pia.profiel@example.org', name: 'Pia Profiel', password: 'profiel-wachtwoord-1' };
const PASSWORDS = { email: 'wim.wissel@example.org', name: 'Wim Wissel', password: 'wissel-wachtwoord-1' };
const LEAVING = { email: 'vera.vertrek@example.org', name: 'Vera Vertrek', password: 'vertrek-wachtwoord-1' };
const MOVING = { email: 'mo.verhuis@example.org', name: 'Mo Verhuis', password: 'verhuis-wachtwoord-1' };
const AXE = { email: 'axel.axe@example.org', name: 'Axel Axe', password: 'axe-wachtwoord-123' };

let e2e: E2eEnvironment;

const open = (urlPath: string, options: OpenOptions = {}): Promise<Page> => e2e.open(urlPath, options);

/** Screenshots go to the folder STAPEL_SCREENSHOTS names, when it is set (to look at the screens). */
async function screenshot(page: Page, name: string): Promise<void> {
  const folder = process.env.STAPEL_SCREENSHOTS;
  if (!folder) return;
  fs.mkdirSync(folder, { recursive: true });
  await page.screenshot({ path: path.join(folder, `${name}.png`), fullPage: true });
}

beforeAll(async () => {
  e2e = await startE2e('profile', {
    prepare: async (database) => {
      for (const person of [LEARNER, PASSWORDS, LEAVING, MOVING, AXE]) await makeUser(database, person);
    },
  });
});

afterEach(async () => {
  await e2e.closeContexts();
});

afterAll(async () => {
  await e2e?.close();
});

describe('one’s own details in the browser', () => {
  it('reaches the profile from the account menu and changes the name', async () => {
    const page = await open('/me', { as: LEARNER });
    await page.getByRole('button', { name: LEARNER.name }).click();
    await page.getByRole('link', { name: 'Mijn gegevens' }).click();
    await page.getByRole('heading', { level: 1, name: 'Mijn gegevens' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/me/profile');
    expect(await page.title()).toBe('Mijn gegevens — Stapel');

    const name = page.getByRole('textbox', { name: 'Naam', exact: true });
    expect(await name.inputValue()).toBe(LEARNER.name);
    await name.fill('');
    await page.getByRole('button', { name: 'Naam opslaan' }).click();
    const summary = page.locator('.error-summary').first();
    await expect.poll(() => isFocused(summary)).toBe(true);
    await name.fill('Pia Nieuwnaam');
    await page.getByRole('button', { name: 'Naam opslaan' }).click();
    await page.getByText('Je naam is opgeslagen.').waitFor();
    // The account menu follows.
    await page.getByRole('button', { name: 'Pia Nieuwnaam' }).waitFor();
  });

  it('changes the password: a wrong current one is named at its field', async () => {
    const page = await open('/me/profile', { as: PASSWORDS });
    await page.getByRole('heading', { level: 2, name: 'Wachtwoord' }).waitFor();
    await page.getByLabel('Huidig wachtwoord').fill('niet mijn wachtwoord');
    await page.getByLabel('Nieuw wachtwoord').fill('een gloednieuw geheim');
    await page.getByRole('button', { name: 'Wachtwoord wijzigen' }).click();
    await expect
      .poll(() => page.locator('#profile-current-password-error').textContent())
      .toContain('Dit wachtwoord klopt niet.');
    await page.getByLabel('Huidig wachtwoord').fill(PASSWORDS.password);
    await page.getByRole('button', { name: 'Wachtwoord wijzigen' }).click();
    await page.getByText('Je wachtwoord is gewijzigd.').waitFor();
    const check = await e2e.newContext();
    const old = await check.request.post(`${e2e.baseUrl}/api/v1/session`, {
      data: { email: PASSWORDS.email, password: PASSWORDS.password },
    });
    expect(old.status()).toBe(401);
    const fresh = await check.request.post(`${e2e.baseUrl}/api/v1/session`, {
      data: { email: PASSWORDS.email, password: 'een gloednieuw geheim' },
    });
    expect(fresh.status()).toBe(200);
  });

  it('asks for a new address, shows it waiting, and confirms it from the mailed link', async () => {
    const page = await open('/me/profile', { as: MOVING });
    await page.getByLabel('Nieuw e-mailadres').fill('mo.nieuw@example.org');
    await page.getByLabel('Je wachtwoord').first().fill(MOVING.password);
    await page.getByRole('button', { name: 'Bevestigingslink versturen' }).click();
    await page.getByText('Wacht op bevestiging: mo.nieuw@example.org.', { exact: false }).waitFor();
    const { link } = await linkFromOutbox(e2e.database, 'mo.nieuw@example.org', '/account/verify');
    await page.goto(e2e.baseUrl + link);
    await page.getByRole('heading', { level: 1, name: 'Je nieuwe e-mailadres is bevestigd' }).waitFor();
    expect(await page.title()).toBe('Nieuw e-mailadres bevestigen — Stapel');
    await page.goto(`${e2e.baseUrl}/me/profile`);
    await page.getByText('mo.nieuw@example.org (bevestigd)').waitFor();
    // The same link a second time does not work.
    await page.goto(e2e.baseUrl + link);
    await page.getByRole('heading', { level: 1, name: 'Deze link werkt niet (meer)' }).waitFor();
  });

  it('downloads the data as a JSON file', async () => {
    const page = await open('/me/profile', { as: LEARNER });
    const download = page.waitForEvent('download');
    await page.getByRole('link', { name: 'Mijn gegevens downloaden' }).click();
    const file = await download;
    const today = new Date().toISOString().slice(0, 10);
    expect(file.suggestedFilename()).toBe(`stapel-gegevens-${today}.json`);
    const data = JSON.parse(fs.readFileSync((await file.path())!, 'utf8'));
    expect(data).toMatchObject({ format: 'stapel-data-export', account: { email: LEARNER.email } });
  });

  it('erases the account after a typed confirmation and signs out with a message', async () => {
    const page = await open('/me/profile', { as: LEAVING });
    await page.getByRole('heading', { level: 2, name: 'Account wissen' }).waitFor();
    expect(await page.getByText('Dit kan niet ongedaan worden gemaakt.', { exact: false }).isVisible()).toBe(
      true,
    );
    const erase = page.getByRole('button', { name: 'Account definitief wissen' });
    await page.getByLabel('Je wachtwoord').last().fill(LEAVING.password);
    await page.getByLabel('Typ je e-mailadres ter bevestiging').fill('iets anders');
    await erase.click();
    await expect
      .poll(() => page.locator('#profile-erase-confirmation-error').textContent())
      .toContain('Typ het e-mailadres van je account');
    await page.getByLabel('Typ je e-mailadres ter bevestiging').fill(LEAVING.email);
    await erase.click();
    const heading = page.getByRole('heading', { level: 1, name: 'Je account is gewist' });
    await heading.waitFor();
    await expect.poll(() => isFocused(heading)).toBe(true);
    await page.getByRole('banner').getByRole('link', { name: 'Aanmelden' }).waitFor();
    const check = await e2e.newContext();
    const signIn = await check.request.post(`${e2e.baseUrl}/api/v1/session`, {
      data: { email: LEAVING.email, password: LEAVING.password },
    });
    expect(signIn.status()).toBe(401);
  });

  const axePages: Array<[string, { width: number; lang?: 'nl' | 'en' }, string]> = [
    ['/me/profile', { width: 1280 }, 'Mijn gegevens'],
    ['/me/profile', { width: 375 }, 'Mijn gegevens'],
    ['/me/profile', { width: 1280, lang: 'en' }, 'My details'],
    ['/me/profile', { width: 375, lang: 'en' }, 'My details'],
  ];
  it.each(axePages)(
    'has no WCAG 2.1 AA violations that axe-core finds on %s %o, nor sideways scrolling on a phone',
    async (urlPath, options, heading) => {
      const page = await open(urlPath, { ...options, as: AXE });
      await page.getByRole('heading', { level: 1, name: heading, exact: true }).waitFor();
      await page.getByRole('heading', { level: 2 }).first().waitFor();
      await page.waitForLoadState('networkidle');
      const name = `profile-${options.lang ?? 'nl'}-${options.width}`;
      await screenshot(page, name);
      expect(await accessibilityViolations(page)).toEqual([]);
      // And with the error messages of every form showing.
      for (const submit of await page.locator('main form button[type="submit"]').all()) {
        if (options.lang !== 'en') await submit.click();
      }
      if (options.lang !== 'en') {
        await page.getByRole('textbox', { name: 'Naam', exact: true }).fill('');
        await page.getByRole('button', { name: 'Naam opslaan' }).click();
        await page.locator('.error-summary').first().waitFor();
        expect(await accessibilityViolations(page)).toEqual([]);
        await screenshot(page, `${name}-errors`);
      }
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
        options.width,
      );
    },
  );

  it('has no WCAG 2.1 AA violations on the page that confirms a new address, at 1280 and 375 px', async () => {
    for (const width of [1280, 375]) {
      const page = await open('/account/verify?token=nope&change=email', { width });
      await page.getByRole('heading', { level: 1, name: 'Deze link werkt niet (meer)' }).waitFor();
      await screenshot(page, `profile-confirm-invalid-${width}`);
      expect(await accessibilityViolations(page)).toEqual([]);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
    }
  });
});
