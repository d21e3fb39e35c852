import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  accessibilityViolations,
  DEMO_SLUG,
  linkFromOutbox,
  makeUser,
  startE2e,
  type E2eEnvironment,
} from '../support/e2e.ts';

const MANAGE = `/manage/${DEMO_SLUG}`;
const CODE = 'PV-TOEGANG';
const TITLE = 'Toegankelijke documenten maken';
const EDITION = 'TOEGANG-2027';
const DETAIL_PATH = `/micro-credentials/${DEMO_SLUG}/${CODE}`;
const PASSWORD = 'een-lang-staff-wachtwoord';
const DESIGNER = { email: 'ontwerp@levensloop.example', name: 'Olga Ontwerper', password: PASSWORD };
const REVIEWER = { email: 'kwaliteit@levensloop.example', name: 'Koen Kwaliteit', password: PASSWORD };
const REGISTRAR = { email: 'inschrijving@levensloop.example', name: 'Rita Registratie', password: PASSWORD };
const ASSESSOR = { email: 'evaluatie@levensloop.example', name: 'Els Evaluator', password: PASSWORD };
const LEARNER = { email: 'nina.nieuw@lerende.example', name: 'Nina Nieuw', password: 'leren-is-leuk-123' };

let e2e: E2eEnvironment;

/** A local date (and time) relative to now, as date and datetime-local inputs take it. */
function localDay(offsetDays: number): string {
  const date = new Date(Date.now() + offsetDays * 86_400_000);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

function localMoment(offsetHours: number): string {
  const date = new Date(Date.now() + offsetHours * 3_600_000);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

function liveStatus(page: Page, text: string | RegExp) {
  return page.getByRole('status').filter({ hasText: text });
}

beforeAll(async () => {
  e2e = await startE2e('lifecycle', {
    env: { STAPEL_TRUSTED_ISSUERS: '' },
    prepare: async (database) => {
      await makeUser(database, DESIGNER, ['designer']);
      await makeUser(database, REVIEWER, ['qa-reviewer']);
      await makeUser(database, REGISTRAR, ['registrar']);
      await makeUser(database, ASSESSOR, ['assessor']);
    },
  });
});

afterEach(async () => {
  await e2e.closeContexts();
});

afterAll(async () => {
  await e2e?.close();
});

describe('the whole learning lifecycle in the browser', () => {
  it('walks from design to a verified proof of learning, as the people who do it', async () => {
    // The designer creates a form B micro-credential in the editor and submits it.
    const designer = await e2e.open(`${MANAGE}/micro-credentials/new`, { as: DESIGNER });
    await designer.getByRole('heading', { level: 1, name: 'Nieuwe micro-credential' }).waitFor();
    await designer.getByLabel('B · buiten regulier aanbod').check();
    await designer.getByLabel('Code').fill(CODE);
    await designer.getByLabel('Titel (Nederlands)').fill(TITLE);
    await designer.getByLabel('Titel (Engels)').fill('Making accessible documents');
    await designer.getByLabel('Studieomvang (ECTS)').fill('2');
    await designer.getByLabel('Niveau (VKS)').selectOption({ label: 'VKS-niveau 5' });
    await designer.getByLabel('Studietijd (uren)').fill('55');
    await designer.getByLabel('Leerresultaat 1 (Nederlands)').fill('Maakt een PDF die voldoet aan PDF/UA.');
    await designer.getByLabel('Type evaluatie (Nederlands)').fill('Praktijkopdracht met feedback');
    await designer.getByLabel('Deelnamevorm').selectOption({ label: 'Online' });
    await designer.getByLabel('Studiegeld (euro)').fill('300');
    await designer.getByRole('button', { name: 'Opslaan als concept' }).click();
    await designer.getByRole('heading', { level: 1, name: TITLE }).waitFor();
    const quality = designer.getByRole('region', { name: 'Kwaliteitszorg' });
    await expect.poll(() => quality.textContent()).toContain('Nog niet ingediend.');
    await quality.getByRole('button', { name: 'Indienen voor kwaliteitszorg' }).click();
    await liveStatus(designer, `${CODE} versie 1 is ingediend voor kwaliteitszorg.`).waitFor();
    await expect.poll(() => designer.locator('.editor__eyebrow').textContent()).toContain('Ingediend');
    await expect.poll(() => quality.getByRole('row').count()).toBe(2);
    // A submitted version reads as locked, says to wait for the decision, and offers no edit or new draft.
    await expect
      .poll(async () => (await designer.locator('p.notice').allTextContents()).join(' '))
      .toContain('Wacht op de beslissing van de kwaliteitsbeoordeling');
    expect(await designer.getByRole('button', { name: 'Nieuwe conceptversie starten' }).count()).toBe(0);
    expect(await designer.getByLabel('Leerresultaat 1 (Nederlands)').isDisabled()).toBe(true);

    // Another account, a quality reviewer, approves it with a rationale and the checklist.
    const reviewer = await e2e.open(`${MANAGE}/quality`, { as: REVIEWER });
    await reviewer.getByRole('heading', { level: 1, name: 'Kwaliteitszorg' }).waitFor();
    await reviewer.getByRole('link', { name: `${TITLE} beoordelen` }).click();
    await reviewer.getByRole('heading', { level: 1, name: `Beoordeling: ${TITLE}` }).waitFor();
    expect(await reviewer.getByRole('region', { name: 'EU-elementen' }).textContent()).toContain(
      'Maakt een PDF die voldoet aan PDF/UA.',
    );
    expect(await reviewer.getByRole('region', { name: 'Automatische controle' }).textContent()).not.toContain(
      'Niet voldaan',
    );
    // Approving without a rationale and a judgement is refused, with the problems on top.
    await reviewer.getByRole('button', { name: 'Goedkeuren' }).click();
    const summary = reviewer.locator('.error-summary');
    await summary.waitFor();
    expect(await summary.textContent()).toContain('Schrijf een motivering.');
    for (const criterion of ['De leerresultaten zijn toetsbaar.', /^Het niveau is verantwoord/]) {
      await reviewer.getByRole('group', { name: criterion }).getByLabel('Voldaan', { exact: true }).check();
    }
    await reviewer.getByLabel('Motivering').fill('Toetsbare leerresultaten; niveau 5 past bij de opdracht.');
    await reviewer.getByRole('button', { name: 'Goedkeuren' }).click();
    await liveStatus(reviewer, 'Beslissing opgeslagen: Goedgekeurd.').waitFor();

    // The designer publishes the approved version.
    await designer.reload();
    const published = designer.getByRole('region', { name: 'Kwaliteitszorg' });
    await published.getByRole('button', { name: 'Publiceren' }).click();
    await liveStatus(designer, `${CODE} versie 1 is gepubliceerd.`).waitFor();

    // A registrar plans an edition that is open now.
    const registrar = await e2e.open(`${MANAGE}/editions`, { as: REGISTRAR });
    await registrar.getByRole('heading', { level: 1, name: 'Edities' }).waitFor();
    await registrar.getByLabel('Code van de editie').fill(EDITION);
    await registrar.getByLabel('Micro-credential').selectOption({ label: `${TITLE} (${CODE})` });
    await registrar.getByLabel('Eerste dag').fill(localDay(20));
    await registrar.getByLabel('Laatste dag').fill(localDay(80));
    await registrar.getByLabel('Inschrijven vanaf').fill(localMoment(-1));
    await registrar.getByLabel('Inschrijven tot').fill(localMoment(24 * 10));
    await registrar.getByLabel('Aantal plaatsen').fill('20');
    await registrar.getByLabel('Deelnamevorm').selectOption({ label: 'Online' });
    await registrar.getByRole('button', { name: 'Editie aanmaken' }).click();
    await liveStatus(registrar, `Editie ${EDITION} is aangemaakt. Prijs: €`).waitFor();
    expect(await registrar.getByRole('row').filter({ hasText: EDITION }).textContent()).toContain('Open');

    // A new learner signs up, confirms the address from the e-mail, and enrols from the public page.
    const learner = await e2e.open('/account/sign-up');
    await learner.getByRole('heading', { level: 1, name: 'Maak een account aan' }).waitFor();
    await learner.getByLabel('Naam').fill(LEARNER.name);
    await learner.getByLabel('E-mailadres').fill(LEARNER.email);
    await learner.getByLabel('Wachtwoord').fill(LEARNER.password);
    await learner.getByRole('button', { name: 'Account aanmaken' }).click();
    await learner.getByRole('heading', { level: 1, name: 'Kijk in je mailbox' }).waitFor();
    const mail = await linkFromOutbox(e2e.database, LEARNER.email, '/account/verify');
    await learner.goto(e2e.baseUrl + mail.link);
    await learner.getByRole('heading', { level: 1, name: 'Je e-mailadres is bevestigd' }).waitFor();

    await learner.goto(e2e.baseUrl + DETAIL_PATH);
    await learner.getByRole('heading', { level: 1, name: TITLE }).waitFor();
    const record = learner.getByRole('region', { name: 'Kwaliteitszorg' });
    expect(await record.textContent()).toContain('Toetsbare leerresultaten; niveau 5 past bij de opdracht.');
    const editions = learner.getByRole('region', { name: 'Edities' });
    await editions.getByRole('heading', { level: 3, name: `Editie ${EDITION}` }).waitFor();
    expect(await editions.textContent()).toMatch(/€\s300,00/);
    await editions.getByRole('button', { name: `Inschrijven voor editie ${EDITION}` }).click();
    // The prerequisites must be confirmed.
    await editions.getByRole('button', { name: 'Inschrijving bevestigen' }).click();
    await learner.locator('.error-summary').waitFor();
    expect(await learner.locator('.error-summary').textContent()).toContain(
      'Bevestig dat je aan de toelatingsvoorwaarden voldoet.',
    );
    await editions.getByLabel('Ik bevestig dat ik aan de toelatingsvoorwaarden voldoe.').check();
    expect(await editions.locator('.enrol-form__amount').textContent()).toMatch(/^Te betalen: €\s300,00$/);
    await editions.getByRole('button', { name: 'Inschrijving bevestigen' }).click();
    await liveStatus(learner, 'Je bent ingeschreven. Status: Aangevraagd.').waitFor();

    // The registrar accepts the enrolment.
    await registrar.goto(`${e2e.baseUrl}${MANAGE}/enrolments?edition=${EDITION}`);
    const row = registrar.getByRole('row').filter({ hasText: LEARNER.email });
    await row.waitFor();
    expect(await row.textContent()).toContain('Aangevraagd');
    expect(await row.textContent()).toMatch(/€\s300,00/);
    await row.getByRole('button', { name: `${LEARNER.name} toelaten` }).click();
    await liveStatus(registrar, `${LEARNER.name} is toegelaten.`).waitFor();
    await expect.poll(() => row.textContent()).toContain('Toegelaten');

    // An assessor records a passing result; the credential is issued at once.
    const assessor = await e2e.open(`${MANAGE}/results?edition=${EDITION}`, { as: ASSESSOR });
    await assessor.getByRole('heading', { level: 2, name: `Resultaten voor ${EDITION}` }).waitFor();
    await assessor.getByLabel(`Score op 20, ${LEARNER.name}`).fill('15');
    await assessor.getByLabel(`Type evaluatie, ${LEARNER.name}`).fill('Praktijkopdracht');
    await assessor
      .getByRole('button', { name: `Resultaat van ${LEARNER.name} voor ${TITLE} opslaan` })
      .click();
    await liveStatus(assessor, `Resultaat van ${LEARNER.name} opgeslagen.`).waitFor();
    await assessor
      .getByRole('button', { name: `Resultaat van ${LEARNER.name} voor ${TITLE} corrigeren` })
      .waitFor();

    // The learner finds the credential in "My learning" and opens its page, which verifies it.
    await learner.goto(`${e2e.baseUrl}/me`);
    const credentials = learner.getByRole('region', { name: 'Mijn leerbewijzen', exact: true });
    const verify = credentials.getByRole('link', { name: /^Pagina bekijken: / }).first();
    await verify.waitFor();
    expect(await credentials.textContent()).toContain('Geldig');
    const enrolments = learner.getByRole('region', { name: 'Mijn inschrijvingen' });
    expect(await enrolments.textContent()).toContain('Toegelaten');
    expect(await enrolments.textContent()).toMatch(/€\s300,00/);
    expect(await learner.getByRole('region', { name: 'Mijn resultaten' }).textContent()).toContain(
      '15 op 20',
    );
    await verify.click();
    await learner.getByRole('heading', { level: 1, name: TITLE }).waitFor();
    expect(new URL(learner.url()).pathname).toMatch(/^\/credentials\/[0-9a-f-]+$/);
    await learner.getByRole('heading', { name: 'Geldig' }).waitFor();
  });

  it('issues the cohort with visible progress, and a revocation from the UI makes /verify say revoked', async () => {
    const registrar = await e2e.open(`${MANAGE}/awarding?edition=${EDITION}`, { as: REGISTRAR });
    await registrar.getByRole('heading', { level: 1, name: 'Uitreiking' }).waitFor();
    const preview = registrar.getByRole('region', { name: `Uit te reiken voor ${EDITION}` });
    await preview.getByRole('row').filter({ hasText: LEARNER.email }).waitFor();
    await registrar.getByRole('button', { name: 'Uitreiken', exact: true }).click();
    const progress = registrar.getByRole('progressbar', { name: 'Voortgang van de uitreiking' });
    await progress.waitFor();
    await expect.poll(() => progress.getAttribute('aria-valuenow')).toBe('1');
    expect(await progress.getAttribute('aria-valuemax')).toBe('1');
    await liveStatus(registrar, /^Uitreiking klaar/).waitFor();

    const credentials = registrar.getByRole('region', { name: `Leerbewijzen van ${EDITION}` });
    const row = credentials.getByRole('row').filter({ hasText: LEARNER.email });
    await row.waitFor();
    const link = (await row.getByRole('link', { name: 'Verifiëren' }).getAttribute('href')) ?? '';
    await row.getByRole('button', { name: `Intrekken: ${LEARNER.name}` }).click();
    await row.getByRole('button', { name: 'Bevestigen: Intrekken' }).click();
    expect(await row.locator('.field__error').textContent()).toBe('Geef een reden.');
    await row.getByLabel('Reden').fill('Uitgereikt aan de verkeerde persoon');
    await row.getByRole('button', { name: 'Bevestigen: Intrekken' }).click();
    await liveStatus(registrar, 'Gelukt: Intrekken.').waitFor();
    await expect.poll(() => row.textContent()).toContain('Ingetrokken');

    // The registrar checks it on /verify by its link: staff of the issuing institution may, like its holder.
    const check = await e2e.open(link, { as: REGISTRAR });
    await expect
      .poll(async () => (await check.getByRole('status').first().textContent()) ?? '', { timeout: 15_000 })
      .toMatch(/^Ingetrokken op /);
    expect(await check.locator('main').textContent()).toContain('Reden: Uitgereikt aan de verkeerde persoon');
  });

  const views: Array<[string, string, { width?: number; lang?: 'nl' | 'en' }, typeof REVIEWER | undefined]> =
    [
      ['the editions', `${MANAGE}/editions`, {}, REGISTRAR],
      ['the editions', `${MANAGE}/editions`, { width: 375, lang: 'en' }, REGISTRAR],
      ['the enrolments', `${MANAGE}/enrolments?edition=${EDITION}`, { width: 375 }, REGISTRAR],
      ['the results grid', `${MANAGE}/results?edition=${EDITION}`, {}, ASSESSOR],
      ['the results grid', `${MANAGE}/results?edition=${EDITION}`, { width: 375, lang: 'en' }, ASSESSOR],
      ['the awarding', `${MANAGE}/awarding?edition=${EDITION}`, { width: 375 }, REGISTRAR],
      ['the quality queue', `${MANAGE}/quality`, { lang: 'en' }, REVIEWER],
      ['the detail page', DETAIL_PATH, { width: 375 }, undefined],
    ];
  it.each(views)(
    'has no WCAG 2.1 AA violations that axe-core finds on %s (%s %o), nor sideways scrolling on a phone',
    async (_name, urlPath, options, account) => {
      const page = await e2e.open(urlPath, { ...options, ...(account ? { as: account } : {}) });
      await page.getByRole('heading', { level: 1 }).waitFor();
      await page.waitForLoadState('networkidle');
      expect(await accessibilityViolations(page)).toEqual([]);
      if (options.width === 375) {
        expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
      }
    },
  );
});
