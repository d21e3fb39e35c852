import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertEdition, insertEnrolment } from '../support/cohort.ts';
import { DEMO_SLUG, makeUser, startE2e, type E2eEnvironment } from '../support/e2e.ts';

const EDITION = 'DATA-SCORE';
const ASSESSOR = {
  email: 'score@levensloop.example',
  name: 'Sam Score',
  password: 'een-lang-staff-wachtwoord',
};
let e2e: E2eEnvironment;

beforeAll(async () => {
  e2e = await startE2e('results-score', {
    prepare: async (database) => {
      await makeUser(database, ASSESSOR, ['assessor']);
      const editionId = await insertEdition(database, EDITION, 'MC-DATA', DEMO_SLUG);
      await insertEnrolment(database, editionId, 'score.lerende@example.org', {
        status: 'accepted',
        verified: false,
      });
    },
  });
});

afterAll(async () => {
  await e2e?.close();
});

describe('the results grid', () => {
  it('names the score, the pass mark and the tick when they contradict, before saving', async () => {
    const page = await e2e.open(`/manage/${DEMO_SLUG}/results?edition=${EDITION}`, { as: ASSESSOR });
    await page.getByRole('heading', { level: 2, name: `Resultaten voor ${EDITION}` }).waitFor();
    const score = page.getByLabel(/^Score op 20/).first();
    await score.fill('9');
    await page
      .getByLabel(/^Geslaagd/)
      .first()
      .check();
    const message =
      'de score 9/20 ligt onder de slaagdrempel van 10, maar "geslaagd" is aangevinkt: pas de score of het vinkje aan';
    await page.getByText(message).first().waitFor();
    await score.fill('25');
    await page
      .getByText('de score 25 ligt niet tussen 0 en 20: geef een score van 0 tot 20')
      .first()
      .waitFor();
    await score.fill('9');
    expect(await score.getAttribute('aria-invalid')).toBe('true');
  });
});
