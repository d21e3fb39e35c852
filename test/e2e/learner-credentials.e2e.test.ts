import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_SLUG, makeUser, startE2e, type E2eEnvironment } from '../support/e2e.ts';
import { LEARNER_PASSWORD, insertEdition, insertEnrolment, staffClient } from '../support/cohort.ts';
import { createUser } from '../../src/accounts/users.ts';
import { createAppContext } from '../../src/create-app-context.ts';
import { getInstitution } from '../../src/institutions/store.ts';
import { runAward } from '../../src/issuing/award.ts';

const LEARNER = { email: 'lena.deel@lerende.example', password: LEARNER_PASSWORD };
const EDITION = 'DATA-CARDS';
/** A learner awarded from the command line (`stapel award`), outside any edition. */
const AWARDED = { email: 'arne.direct@lerende.example', password: LEARNER_PASSWORD };
const ASSESSOR = {
  email: 'assessor.direct@hogeschool.example',
  name: 'Ann Assessor',
  password: 'een-lang-staff-wachtwoord',
};
const LEAN_EDITION = 'LEAN-DIRECT';
const result = (courseUnit: string, score: number) => ({
  email: LEARNER.email,
  courseUnit,
  score,
  assessedOn: '2025-01-20',
  assessmentType: 'Project met mondelinge verdediging',
  supervision: 'supervised-with-id-check',
});

let e2e: E2eEnvironment;

beforeAll(async () => {
  e2e = await startE2e('learner-credentials');
  const editionId = await insertEdition(e2e.database, EDITION, 'MC-DATA', DEMO_SLUG);
  await insertEnrolment(e2e.database, editionId, LEARNER.email, { status: 'accepted', verified: true });
  const assessor = await staffClient(e2e.app, e2e.database, 'assessor', DEMO_SLUG);
  const url = `/api/v1/manage/${DEMO_SLUG}/editions/${EDITION}/results`;
  for (const [unit, score] of [
    ['DATA101', 15],
    ['DATA102', 14],
  ] as const) {
    const response = await assessor.post(url, result(unit, score));
    expect(response.statusCode, response.body).toBe(201);
  }
  await makeUser(e2e.database, ASSESSOR, ['assessor']);
  await insertEdition(e2e.database, LEAN_EDITION, 'PV-LEAN', DEMO_SLUG);
  const context = createAppContext({ config: e2e.config, database: e2e.database, masterKey: e2e.masterKey });
  await e2e.database.transaction(async (tx) => {
    const { user } = await createUser(tx, {
      email: AWARDED.email,
      name: 'Arne Direct',
      password: LEARNER_PASSWORD,
    });
    await tx
      .updateTable('users')
      .set({ email_verified_at: new Date().toISOString() })
      .where('id', '=', user.id)
      .execute();
  });
  await runAward(context, async (tx) => ({
    institution: await getInstitution(tx, DEMO_SLUG),
    code: 'PV-LEAN',
    learner: { email: AWARDED.email },
    score: 16,
    recordedBy: 'cli',
  }));
});

afterEach(async () => {
  await e2e.closeContexts();
});

afterAll(async () => {
  await e2e?.close();
});

describe('the credential cards in the wallet of "My learning"', () => {
  it.each([
    {
      lang: 'nl' as const,
      region: 'Mijn leerbewijzen',
      titles: [
        'Creditbewijs — Inleiding tot data-analyse met Python (DATA101)',
        'Creditbewijs — Datavisualisatie en rapportering (DATA102)',
        'Micro-credentialcertificaat — Data-analyse met Python',
      ],
      partOf: 'Deel van Data-analyse met Python',
    },
    {
      lang: 'en' as const,
      region: 'My proofs of learning',
      titles: [
        'Credit certificate — Introduction to data analysis with Python (DATA101)',
        'Credit certificate — Data visualisation and reporting (DATA102)',
        'Micro-credential certificate — Data analysis with Python',
      ],
      partOf: 'Part of Data analysis with Python',
    },
  ])('name each credential by what it was earned for, in $lang', async ({ lang, region, titles, partOf }) => {
    for (const width of [1280, 375]) {
      const page = await e2e.open('/me', { as: LEARNER, lang, width });
      const cards = page.getByRole('region', { name: region, exact: true });
      const headings = cards.getByRole('heading', { level: 4 });
      await headings.first().waitFor();
      expect((await headings.allTextContents()).sort()).toEqual([...titles].sort());
      expect(await cards.getByText(partOf).count()).toBe(2);
      await page.screenshot({
        path: `test-results/learner-credentials-${lang}-${width}.png`,
        fullPage: true,
      });
    }
  });
});

describe('a result awarded outside an edition in "My learning"', () => {
  it.each([
    { lang: 'nl' as const, region: 'Mijn resultaten', note: 'Rechtstreeks toegekend, buiten een editie' },
    { lang: 'en' as const, region: 'My results', note: 'Awarded directly, outside an edition' },
  ])('shows the result and says it came without an edition, in $lang', async ({ lang, region, note }) => {
    const page = await e2e.open('/me', { as: AWARDED, lang });
    const results = page.getByRole('region', { name: region });
    await results.getByText(note).waitFor();
    expect(await results.getByRole('heading', { level: 3 }).count()).toBe(1);
    expect(await results.textContent()).toContain('16');
  });
});

describe('a result awarded outside an edition on the staff results page', () => {
  it('is listed apart, read-only, on the results page of an edition of the same version', async () => {
    const page = await e2e.open(`/manage/${DEMO_SLUG}/results?edition=${LEAN_EDITION}`, { as: ASSESSOR });
    const section = page.getByRole('region', { name: 'Rechtstreeks toegekend, buiten een editie' }).first();
    await section.waitFor();
    expect(await section.textContent()).toContain(AWARDED.email);
    expect(await section.textContent()).toMatch(/16\/20 · geslaagd/);
  });
});
