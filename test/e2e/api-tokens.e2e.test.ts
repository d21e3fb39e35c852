import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  accessibilityViolations,
  isFocused,
  makeUser,
  startE2e,
  type E2eEnvironment,
} from '../support/e2e.ts';

const SLUG = 'hogeschool-schelde';
const ADMIN = { email: 'tokens@schelde.example', name: 'Tom Tokenbeheer', password: 'tokens-wachtwoord-1' };
const PAGE = `/manage/${SLUG}/admin/api-tokens`;

let e2e: E2eEnvironment;

/** Every CSP violation the browser reports on the page, as its console message. */
function cspViolations(page: Page): string[] {
  const found: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) found.push(message.text());
  });
  return found;
}

beforeAll(async () => {
  e2e = await startE2e('api-tokens', { prepare: (database) => makeUser(database, ADMIN, ['administrator']) });
});

afterEach(async () => {
  await e2e.closeContexts();
});

afterAll(async () => {
  await e2e?.close();
});

describe('API tokens under Beheer', () => {
  it('creates a token with a name, expiry and roles, shows the secret once, and revokes it', async () => {
    const context = await e2e.newContext();
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: e2e.baseUrl });
    const signIn = await context.request.post(`${e2e.baseUrl}/api/v1/session`, {
      data: { email: ADMIN.email, password: ADMIN.password },
    });
    expect(signIn.status()).toBe(200);
    const page = await context.newPage();
    const violations = cspViolations(page);
    await page.goto(e2e.baseUrl + `/manage/${SLUG}/admin`);
    await page
      .getByRole('navigation', { name: 'Onderdelen van Beheer' })
      .getByRole('link', { name: 'API-tokens' })
      .click();
    await page.getByRole('heading', { level: 2, name: 'API-tokens' }).waitFor();
    expect(new URL(page.url()).pathname).toBe(PAGE);
    expect(await page.title()).toBe('API-tokens — Beheer Hogeschool Schelde — Stapel');

    // Without a name or a role, the form says what is missing and takes the focus to the summary.
    await page.getByRole('button', { name: 'Token maken' }).click();
    await expect.poll(() => isFocused(page.locator('.error-summary'))).toBe(true);
    expect(await page.locator('.error-summary').textContent()).toContain('Kies minstens één rol.');

    await page.getByLabel('Naam').fill('Koppeling studentenadministratie');
    await page.getByLabel('Vervaldatum').fill('2099-06-30');
    await page
      .getByRole('group', { name: 'Rollen van het token' })
      .getByLabel('inschrijvingsbeheerder')
      .check();
    await page.getByRole('button', { name: 'Token maken' }).click();

    const heading = page.getByRole('heading', { name: 'Je nieuwe token' });
    await heading.waitFor();
    expect(await isFocused(heading)).toBe(true);
    expect(await page.getByText('Je ziet het hierna nooit meer').isVisible()).toBe(true);
    const secret = await page.getByLabel('Geheim van token Koppeling studentenadministratie').inputValue();
    expect(secret).toMatch(/^stp_[A-Za-z0-9_-]{43}$/);
    await page.getByRole('button', { name: 'Kopiëren' }).click();
    await page.getByText('Gekopieerd naar het klembord.').waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(secret);
    expect(await accessibilityViolations(page)).toEqual([]);

    // The token works with its one role.
    const asToken = { authorization: `Bearer ${secret}` };
    const credentials = await context.request.get(`${e2e.baseUrl}/api/v1/manage/${SLUG}/credentials`, {
      headers: asToken,
    });
    expect(credentials.status()).toBe(200);

    // Once dismissed, the secret is gone for good: not on the page, not after a reload.
    await page.getByRole('button', { name: 'Ik heb het token bewaard' }).click();
    const item = page.getByRole('listitem').filter({
      has: page.getByRole('heading', { name: 'Koppeling studentenadministratie' }),
    });
    await item.waitFor();
    expect(await item.textContent()).toContain('inschrijvingsbeheerder');
    expect(await item.textContent()).toContain('Actief');
    expect(await item.textContent()).toContain('1 juli 2099 om 00:00');
    await page.reload();
    await item.waitFor();
    expect(await page.content()).not.toContain(secret);

    // Revoking asks first; cancelling puts the focus back on the button.
    await item.getByRole('button', { name: 'Token Koppeling studentenadministratie intrekken' }).click();
    await item.getByRole('button', { name: 'Annuleren' }).click();
    const revokeButton = item.getByRole('button', {
      name: 'Token Koppeling studentenadministratie intrekken',
    });
    await expect.poll(() => isFocused(revokeButton)).toBe(true);
    await revokeButton.click();
    expect(await item.getByRole('group').textContent()).toContain('Dit kan niet ongedaan worden.');
    await item.getByRole('button', { name: 'Ja, intrekken' }).click();
    await page.getByText('Token Koppeling studentenadministratie is ingetrokken.').waitFor();
    // The notice comes with the answer; the list is read again right after it.
    await expect.poll(() => item.textContent()).toContain('Ingetrokken');
    await expect.poll(() => item.getByRole('button').count()).toBe(0);

    const refused = await context.request.get(`${e2e.baseUrl}/api/v1/manage/${SLUG}/credentials`, {
      headers: { ...asToken, 'accept-language': 'nl' },
    });
    expect(refused.status()).toBe(401);
    expect((await refused.json()).detail).toMatch(/^Dit API-token is ingetrokken op /);
    expect(violations).toEqual([]);
  });

  it('runs the public pages under the Content Security Policy without a violation', async () => {
    const context = await e2e.newContext();
    const page = await context.newPage();
    const violations = cspViolations(page);
    const response = await page.goto(e2e.baseUrl + '/');
    expect(response?.headers()['content-security-policy']).toContain("script-src 'self'");
    await page.getByRole('heading', { level: 1 }).first().waitFor();
    await page.locator('.card__link, a[href^="/micro-credentials/"]').first().click();
    await page.getByRole('heading', { level: 1 }).first().waitFor();
    await page.goto(e2e.baseUrl + '/verify');
    await page.getByRole('heading', { level: 1 }).first().waitFor();
    expect(violations).toEqual([]);
  });

  it('reads well on a phone and in English', async () => {
    const page = await e2e.open(PAGE, { as: ADMIN, width: 375, lang: 'en' });
    const violations = cspViolations(page);
    await page.reload();
    await page.getByRole('heading', { level: 2, name: 'API tokens' }).waitFor();
    await page.getByRole('heading', { level: 2, name: 'New API token' }).waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    expect(await accessibilityViolations(page)).toEqual([]);
    expect(violations).toEqual([]);
  });
});
