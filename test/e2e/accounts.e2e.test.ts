import type { Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createInvitation } from '../../src/accounts/invitations.ts';
import { getInstitution } from '../../src/institutions/store.ts';
import {
  accessibilityViolations,
  isFocused,
  linkFromOutbox,
  makeUser,
  startE2e,
  type E2eEnvironment,
  type OpenOptions,
} from '../support/e2e.ts';

const SLUG = 'hogeschool-schelde';
const ADMIN = { email: 'beheer@schelde.example', name: 'Bea Beheerder', password: 'beheer-wachtwoord-1' };

let e2e: E2eEnvironment;

const open = (urlPath: string, options: OpenOptions = {}): Promise<Page> => e2e.open(urlPath, options);

/** The newest e-mail to an address that holds a link to `linkPath`. */
function mailLink(recipient: string, linkPath: string): Promise<{ subject: string; link: string }> {
  return linkFromOutbox(e2e.database, recipient, linkPath);
}

/** The error summary at the top of a form; it takes the focus when a submit fails. */
function errorSummary(page: Page): Locator {
  return page.locator('.error-summary');
}

beforeAll(async () => {
  e2e = await startE2e('accounts', { prepare: (database) => makeUser(database, ADMIN, ['administrator']) });
});

afterEach(async () => {
  await e2e.closeContexts();
});

afterAll(async () => {
  await e2e?.close();
});

describe('accounts in the browser', () => {
  it('signs up, finds the confirmation mail in the outbox, and confirms the address from its link', async () => {
    const email = 'lena.lerende@example.org';
    const page = await open('/');
    await page.getByRole('banner').getByRole('link', { name: 'Aanmelden' }).click();
    await page.getByRole('link', { name: 'Maak een account aan' }).click();
    await page.getByRole('heading', { level: 1, name: 'Maak een account aan' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/account/sign-up');
    expect(await page.title()).toBe('Account aanmaken — Stapel');
    // The password rule is shown before anyone gets it wrong.
    expect(await page.getByText('Minstens 10 tekens.').isVisible()).toBe(true);

    await page.getByLabel('Naam').fill('Lena Lerende');
    await page.getByLabel('E-mailadres').fill(email);
    await page.getByLabel('Wachtwoord').fill('kort');
    await page.getByRole('button', { name: 'Account aanmaken' }).click();
    await expect.poll(() => isFocused(errorSummary(page))).toBe(true);
    expect(await errorSummary(page).textContent()).toContain('Kies een wachtwoord van minstens 10 tekens.');
    const password = page.getByLabel('Wachtwoord');
    expect(await password.getAttribute('aria-invalid')).toBe('true');
    const describedBy = (await password.getAttribute('aria-describedby')) ?? '';
    const described = await Promise.all(
      describedBy.split(' ').map((id) => page.locator(`[id="${id}"]`).textContent()),
    );
    expect(described.join(' ')).toContain('Kies een wachtwoord van minstens 10 tekens.');
    // The summary links to the field.
    await errorSummary(page)
      .getByRole('link', { name: 'Kies een wachtwoord van minstens 10 tekens.' })
      .click();
    expect(await isFocused(password)).toBe(true);

    // A common password passes the length rule here and is refused by the server, in Dutch.
    await password.fill('Wachtwoord123');
    await page.getByRole('button', { name: 'Account aanmaken' }).click();
    await expect
      .poll(() => errorSummary(page).textContent())
      .toContain('Dit wachtwoord staat op de lijst van veelgebruikte wachtwoorden');

    await password.fill('een-lang-genoeg-wachtwoord');
    await page.getByRole('button', { name: 'Account aanmaken' }).click();
    const done = page.getByRole('heading', { level: 1, name: 'Kijk in je mailbox' });
    await done.waitFor();
    await expect.poll(() => isFocused(done)).toBe(true);
    expect(await page.locator('main').textContent()).toContain(`We stuurden een e-mail naar ${email}.`);
    expect(await page.locator('main').textContent()).toContain(
      'Inschrijven voor een micro-credential kan pas met een bevestigd e-mailadres.',
    );
    // Not signed in yet: the answer is the same for a known address, so only the e-mail's link signs in.
    await page.getByRole('banner').getByRole('link', { name: 'Aanmelden' }).waitFor();

    const mail = await mailLink(email, '/account/verify');
    expect(mail.subject).toContain('Bevestig je e-mailadres');
    const user = await e2e.database.db
      .selectFrom('users')
      .selectAll()
      .where('email', '=', email)
      .executeTakeFirst();
    expect(user?.email_verified_at).toBeNull();

    await page.goto(e2e.baseUrl + mail.link);
    await page.getByRole('heading', { level: 1, name: 'Je e-mailadres is bevestigd' }).waitFor();
    expect(await page.locator('main').textContent()).toContain(`${email} is bevestigd`);
    const verified = await e2e.database.db
      .selectFrom('users')
      .selectAll()
      .where('email', '=', email)
      .executeTakeFirst();
    expect(verified?.email_verified_at).not.toBeNull();

    // The link works once; it signed the account in.
    await page.goto(e2e.baseUrl + mail.link);
    await page.getByRole('heading', { level: 1, name: 'Deze link werkt niet (meer)' }).waitFor();
    await page.getByRole('banner').getByRole('button', { name: 'Lena Lerende' }).waitFor();

    // "Mijn leren" no longer asks to confirm the address.
    await page.goto(`${e2e.baseUrl}/me`);
    await page.getByRole('heading', { level: 1, name: 'Mijn leren' }).waitFor();
    for (const heading of ['Mijn inschrijvingen', 'Mijn resultaten', 'Mijn leerbewijzen']) {
      await page.getByRole('heading', { level: 2, name: heading }).waitFor();
    }
    expect(await page.getByText('Je e-mailadres is nog niet bevestigd.').count()).toBe(0);
  });

  it('answers a sign-up with a known address as with a new one, and e-mails the owner', async () => {
    const page = await open('/account/sign-up');
    await page.getByRole('heading', { level: 1, name: 'Maak een account aan' }).waitFor();
    await page.getByLabel('Naam').fill('Iemand Anders');
    await page.getByLabel('E-mailadres').fill(ADMIN.email);
    await page.getByLabel('Wachtwoord').fill('een-ander-lang-wachtwoord');
    await page.getByRole('button', { name: 'Account aanmaken' }).click();
    await page.getByRole('heading', { level: 1, name: 'Kijk in je mailbox' }).waitFor();
    expect(await page.locator('main').textContent()).toContain(`We stuurden een e-mail naar ${ADMIN.email}.`);
    expect(await errorSummary(page).count()).toBe(0);
    const mail = await e2e.database.db
      .selectFrom('outbox')
      .selectAll()
      .where('recipient', '=', ADMIN.email)
      .orderBy('created_at', 'desc')
      .executeTakeFirstOrThrow();
    expect(mail.subject).toContain('Je hebt al een account');
    expect(mail.body).toContain('/account/forgot-password');
  });

  it('signs out and in again, says so when the password is wrong, and continues where it was going', async () => {
    const person = { email: 'sam@example.org', name: 'Sam Signin', password: 'sam-zijn-wachtwoord' };
    await makeUser(e2e.database, person);
    const page = await open('/', { as: person });
    const menuButton = page.getByRole('banner').getByRole('button', { name: 'Sam Signin' });
    await menuButton.click();
    expect(await menuButton.getAttribute('aria-expanded')).toBe('true');
    const menu = page.getByRole('navigation', { name: 'Account' });
    expect(await menu.getByRole('link').allTextContents()).toEqual(['Mijn leren', 'Mijn gegevens']);
    await page.getByRole('button', { name: 'Afmelden' }).click();
    await page.getByRole('banner').getByRole('link', { name: 'Aanmelden' }).waitFor();
    const session = await page.request.get(`${e2e.baseUrl}/api/v1/session`);
    expect(session.status()).toBe(401);

    // A page that needs an account leads to signing in, and back.
    await page.goto(`${e2e.baseUrl}/me`);
    await page.getByRole('heading', { level: 1, name: 'Meld je aan' }).waitFor();
    await page.getByRole('main').getByRole('link', { name: 'Aanmelden' }).click();
    await page.getByRole('heading', { level: 1, name: 'Aanmelden' }).waitFor();
    expect(new URL(page.url()).searchParams.get('next')).toBe('/me');

    await page.getByLabel('E-mailadres').fill(person.email);
    await page.getByLabel('Wachtwoord').fill('niet-het-juiste');
    await page.getByRole('button', { name: 'Aanmelden' }).click();
    await expect.poll(() => isFocused(errorSummary(page))).toBe(true);
    expect(await errorSummary(page).textContent()).toContain('Het e-mailadres of het wachtwoord klopt niet.');
    expect(await page.getByLabel('Wachtwoord').getAttribute('aria-invalid')).toBe('true');

    await page.getByLabel('Wachtwoord').fill(person.password);
    await page.getByRole('button', { name: 'Aanmelden' }).click();
    await page.getByRole('heading', { level: 1, name: 'Mijn leren' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/me');
    await page.getByRole('banner').getByRole('button', { name: 'Sam Signin' }).waitFor();
  });

  it('resets a forgotten password from the link in the e-mail', async () => {
    const person = { email: 'vergeten@example.org', name: 'Vera Vergeten', password: 'oud-wachtwoord-123' };
    await makeUser(e2e.database, person);
    const page = await open('/account/sign-in');
    await page.getByRole('link', { name: 'Wachtwoord vergeten?' }).click();
    await page.getByRole('heading', { level: 1, name: 'Wachtwoord vergeten' }).waitFor();
    await page.getByLabel('E-mailadres').fill(person.email);
    await page.getByRole('button', { name: 'Link versturen' }).click();
    const sent = page.getByRole('heading', { name: 'Kijk in je mailbox' });
    await sent.waitFor();
    await expect.poll(() => isFocused(sent)).toBe(true);

    const mail = await mailLink(person.email, '/account/reset');
    expect(mail.subject).toContain('Nieuw wachtwoord');
    await page.goto(e2e.baseUrl + mail.link);
    await page.getByRole('heading', { level: 1, name: 'Kies een nieuw wachtwoord' }).waitFor();
    await page.getByLabel('Nieuw wachtwoord').fill('te-kort');
    await page.getByRole('button', { name: 'Wachtwoord opslaan' }).click();
    await expect.poll(() => isFocused(errorSummary(page))).toBe(true);
    await page.getByLabel('Nieuw wachtwoord').fill('nieuw-wachtwoord-456');
    await page.getByRole('button', { name: 'Wachtwoord opslaan' }).click();
    await page.getByRole('heading', { level: 1, name: 'Je wachtwoord is gewijzigd' }).waitFor();

    await page.getByRole('main').getByRole('link', { name: 'Aanmelden' }).click();
    await page.getByLabel('E-mailadres').fill(person.email);
    await page.getByLabel('Wachtwoord').fill('nieuw-wachtwoord-456');
    await page.getByRole('button', { name: 'Aanmelden' }).click();
    await page.getByRole('heading', { level: 1, name: 'Mijn leren' }).waitFor();
    const old = await page.request.post(`${e2e.baseUrl}/api/v1/session`, {
      data: { email: person.email, password: person.password },
    });
    expect(old.status()).toBe(401);

    // The same link does not work twice.
    await page.goto(e2e.baseUrl + mail.link);
    await page.getByLabel('Nieuw wachtwoord').fill('nog-een-ander-wachtwoord');
    await page.getByRole('button', { name: 'Wachtwoord opslaan' }).click();
    await page.getByRole('heading', { level: 1, name: 'Deze link werkt niet (meer)' }).waitFor();
  });

  it('shows an administrator every area, lets them invite a designer, who accepts with a name and a password and gets only the designer area', async () => {
    const invitee = 'nieuwe.ontwerper@example.org';
    const admin = await open(`/manage/${SLUG}/admin`, { as: ADMIN });
    await admin.getByRole('heading', { level: 1, name: 'Beheer' }).waitFor();
    expect(await admin.title()).toBe('Leden en rollen — Beheer Hogeschool Schelde — Stapel');
    const subNav = admin.getByRole('navigation', { name: 'Onderdelen van Beheer Hogeschool Schelde' });
    // An administrator may use every area through the API, so the navigation offers every one.
    expect(await subNav.getByRole('link').allTextContents()).toEqual([
      'Overzicht',
      'Micro-credentials',
      'Kwaliteitszorg',
      'Edities',
      'Inschrijvingen',
      'Resultaten',
      'Uitreiking',
      'Beheer',
    ]);
    expect(await subNav.getByRole('link', { name: 'Beheer' }).getAttribute('aria-current')).toBe('page');

    // The account menu offers the staff area of the institution.
    await admin.getByRole('banner').getByRole('button', { name: ADMIN.name }).click();
    expect(
      await admin.getByRole('navigation', { name: 'Account' }).getByRole('link').allTextContents(),
    ).toEqual(['Mijn leren', 'Mijn gegevens', 'Beheer Hogeschool Schelde']);
    await admin.keyboard.press('Escape');

    const invite = admin.getByRole('region', { name: 'Iemand uitnodigen' });
    await invite.getByRole('button', { name: 'Uitnodiging versturen' }).click();
    await expect.poll(() => isFocused(errorSummary(admin))).toBe(true);
    expect(await errorSummary(admin).getByRole('listitem').allTextContents()).toEqual([
      'Vul een e-mailadres in.',
      'Kies een rol.',
    ]);
    await invite.getByLabel('E-mailadres').fill(invitee);
    await invite.getByLabel('Rol').selectOption({ label: 'ontwerper' });
    await invite.getByRole('button', { name: 'Uitnodiging versturen' }).click();
    await expect
      .poll(() => invite.getByRole('status').textContent())
      .toBe(`Uitnodiging verstuurd naar ${invitee} als ontwerper.`);

    const mail = await mailLink(invitee, '/account/invitation');
    expect(mail.subject).toContain('Uitnodiging: Hogeschool Schelde');
    // The administrator can read it in the outbox too.
    await admin.getByRole('link', { name: 'Verzonden e-mail' }).click();
    const message = admin.getByRole('article', { name: /^Uitnodiging: Hogeschool Schelde/ }).first();
    await message.waitFor();
    expect(await message.textContent()).toContain(invitee);
    await message.getByText('Inhoud tonen').click();
    expect(await message.locator('pre').textContent()).toContain('/account/invitation?token=');

    const page = await open(mail.link);
    await page.getByRole('heading', { level: 1, name: 'Uitnodiging aanvaarden' }).waitFor();
    await page.getByLabel('Naam').fill('Nina Nieuw');
    await page.getByLabel('Wachtwoord').fill('nina-haar-wachtwoord');
    await page.getByRole('button', { name: 'Account aanmaken en aanvaarden' }).click();
    await page.getByRole('heading', { level: 1, name: 'Uitnodiging aanvaard', exact: true }).waitFor();
    expect(await page.locator('main').textContent()).toContain(
      'Je bent nu ontwerper bij Hogeschool Schelde.',
    );
    await page.getByRole('banner').getByRole('button', { name: 'Nina Nieuw' }).waitFor();

    await page.getByRole('link', { name: 'Naar Beheer Hogeschool Schelde' }).click();
    await page.getByRole('heading', { level: 1, name: 'Beheer Hogeschool Schelde' }).waitFor();
    const designerNav = page.getByRole('navigation', { name: 'Onderdelen van Beheer Hogeschool Schelde' });
    expect(await designerNav.getByRole('link').allTextContents()).toEqual(['Overzicht', 'Micro-credentials']);
    await designerNav.getByRole('link', { name: 'Micro-credentials' }).click();
    await page.getByRole('heading', { level: 1, name: 'Micro-credentials' }).waitFor();
    await page.getByRole('link', { name: 'Data-analyse met Python' }).waitFor();

    // The administration is not hers: the page says so, and the API refuses.
    await page.goto(`${e2e.baseUrl}/manage/${SLUG}/admin`);
    await page.getByRole('heading', { level: 1, name: 'Geen toegang tot dit onderdeel' }).waitFor();
    expect(await page.locator('main').textContent()).toContain('Hiervoor heb je de rol beheerder nodig');
    expect((await page.request.get(`${e2e.baseUrl}/api/v1/manage/${SLUG}/members`)).status()).toBe(403);
    await page.goto(`${e2e.baseUrl}/manage/${SLUG}/admin/audit`);
    await page.getByRole('heading', { level: 1, name: 'Geen toegang tot dit onderdeel' }).waitFor();

    // The administrator sees her among the members, and the audit log shows what happened.
    await admin.getByRole('link', { name: 'Leden en rollen' }).click();
    const members = admin.getByRole('region', { name: 'Leden en rollen' });
    const nina = members.getByRole('listitem').filter({ hasText: invitee }).first();
    await nina.waitFor();
    expect(await nina.textContent()).toContain('ontwerper');

    await admin.getByRole('link', { name: 'Auditlog' }).click();
    const audit = admin.getByRole('region', { name: 'Auditlog' });
    const rows = audit.getByRole('table').getByRole('row');
    await expect.poll(() => rows.count()).toBeGreaterThan(1);
    await audit.getByLabel('Actie').fill('invitation.create');
    await audit.getByRole('button', { name: 'Filters toepassen' }).click();
    expect(new URL(admin.url()).searchParams.get('action')).toBe('invitation.create');
    await expect.poll(() => audit.getByRole('status').textContent()).toBe('1 regel');
    expect(await rows.nth(1).textContent()).toContain(`${ADMIN.name} <${ADMIN.email}>`);
    const csv = audit.getByRole('link', { name: /CSV exporteren/ });
    const href = (await csv.getAttribute('href')) ?? '';
    expect(href).toContain('format=csv');
    expect(href).toContain('action=invitation.create');
    const exported = await admin.request.get(e2e.baseUrl + href);
    expect(exported.headers()['content-type']).toContain('text/csv');
    expect(await exported.text()).toContain('invitation.create');

    await audit.getByLabel('Actie').fill('membership.create');
    await audit.getByRole('button', { name: 'Filters toepassen' }).click();
    await expect.poll(() => rows.filter({ hasText: 'Nina Nieuw' }).count()).toBeGreaterThan(0);

    // Taking the role away again, with a confirmation first.
    await admin.getByRole('link', { name: 'Leden en rollen' }).click();
    await admin.getByRole('button', { name: 'Rol ontwerper afnemen van Nina Nieuw' }).click();
    const confirm = admin.getByRole('group', { name: 'Rol ontwerper afnemen van Nina Nieuw?' });
    await expect.poll(() => isFocused(confirm.getByRole('button', { name: 'Ja, afnemen' }))).toBe(true);
    await confirm.getByRole('button', { name: 'Ja, afnemen' }).click();
    await expect
      .poll(() => members.getByRole('status').textContent())
      .toBe('Nina Nieuw is geen ontwerper meer.');
    await expect.poll(() => members.getByText(invitee).count()).toBe(0);
  });

  it('accepts an invitation at once for someone signed in as the invited address', async () => {
    const person = { email: 'al.bekend@example.org', name: 'Al Bekend', password: 'al-bekend-wachtwoord' };
    await makeUser(e2e.database, person);
    const token = await e2e.database.transaction(async (tx) => {
      const institution = await getInstitution(tx, SLUG);
      const adminUser = await tx
        .selectFrom('users')
        .select('id')
        .where('email', '=', ADMIN.email)
        .executeTakeFirstOrThrow();
      const created = await createInvitation(
        tx,
        { kind: 'user', userId: adminUser.id, email: ADMIN.email, name: ADMIN.name, memberships: [] },
        institution,
        { email: person.email, role: 'designer' },
      );
      return created.token;
    });
    const page = await open(`/account/invitation?token=${encodeURIComponent(token)}`, { as: person });
    await page.getByText(`Je bent aangemeld als Al Bekend (${person.email}).`).waitFor();
    expect(await page.getByLabel('Wachtwoord').count()).toBe(0);
    await page.getByRole('button', { name: 'Uitnodiging aanvaarden' }).click();
    await page.getByRole('heading', { level: 1, name: 'Uitnodiging aanvaard', exact: true }).waitFor();
    await page.getByRole('banner').getByRole('button', { name: 'Al Bekend' }).click();
    expect(
      await page.getByRole('navigation', { name: 'Account' }).getByRole('link').allTextContents(),
    ).toEqual(['Mijn leren', 'Mijn gegevens', 'Beheer Hogeschool Schelde']);
  });

  it('works with the keyboard: skip link, account menu, Escape back to its button', async () => {
    const page = await open('/account/sign-up');
    await page.getByRole('heading', { level: 1, name: 'Maak een account aan' }).waitFor();
    await page.keyboard.press('Tab');
    expect(await isFocused(page.getByRole('link', { name: 'Naar de inhoud' }))).toBe(true);
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('main');
    await page.keyboard.press('Tab');
    expect(await isFocused(page.getByLabel('Naam'))).toBe(true);
    await page.keyboard.press('Tab');
    expect(await isFocused(page.getByLabel('E-mailadres'))).toBe(true);
    await page.keyboard.press('Tab');
    expect(await isFocused(page.getByLabel('Wachtwoord'))).toBe(true);
    await page.keyboard.press('Tab');
    expect(await isFocused(page.getByRole('button', { name: 'Account aanmaken' }))).toBe(true);

    const signedIn = await open('/', { as: ADMIN });
    const button = signedIn.getByRole('banner').getByRole('button', { name: ADMIN.name });
    await button.focus();
    await signedIn.keyboard.press('Enter');
    expect(await button.getAttribute('aria-expanded')).toBe('true');
    await signedIn.keyboard.press('Tab');
    expect(await isFocused(signedIn.getByRole('link', { name: 'Mijn leren' }))).toBe(true);
    await signedIn.keyboard.press('Escape');
    expect(await button.getAttribute('aria-expanded')).toBe('false');
    expect(await isFocused(button)).toBe(true);
  });

  const axePages: Array<[string, { width?: number; lang?: 'nl' | 'en'; admin?: boolean }, string]> = [
    ['/account/sign-up', {}, 'Maak een account aan'],
    ['/account/sign-up', { width: 375, lang: 'en' }, 'Create an account'],
    ['/account/sign-in', { width: 375 }, 'Aanmelden'],
    ['/account/forgot', {}, 'Wachtwoord vergeten'],
    [`/manage/${SLUG}/admin`, { admin: true }, 'Beheer'],
    [`/manage/${SLUG}/admin`, { admin: true, width: 375, lang: 'en' }, 'Administration'],
    [`/manage/${SLUG}/admin/outbox`, { admin: true, width: 375 }, 'Beheer'],
    [`/manage/${SLUG}/admin/audit`, { admin: true }, 'Beheer'],
    [`/manage/${SLUG}/admin/audit`, { admin: true, width: 375 }, 'Beheer'],
    [`/manage/${SLUG}`, { admin: true, width: 375 }, 'Beheer Hogeschool Schelde'],
    ['/me', { admin: true, width: 375 }, 'Mijn leren'],
  ];
  it.each(axePages)(
    'has no WCAG 2.1 AA violations that axe-core finds on %s %o, nor sideways scrolling on a phone',
    async (urlPath, options, heading) => {
      const page = await open(urlPath, { ...options, ...(options.admin ? { as: ADMIN } : {}) });
      await page.getByRole('heading', { level: 1, name: heading, exact: true }).waitFor();
      await page.waitForLoadState('networkidle');
      // Pages with forms are also checked with their error messages showing.
      const submit = page.locator('main form button[type="submit"]').first();
      if (urlPath.startsWith('/account/') && (await submit.count()) > 0) {
        await submit.click();
        await errorSummary(page).waitFor();
      }
      expect(await accessibilityViolations(page)).toEqual([]);
      if (options.width === 375) {
        expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
      }
    },
  );
});
