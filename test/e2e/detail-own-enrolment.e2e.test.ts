import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { accessibilityViolations, DEMO_SLUG, startE2e, type E2eEnvironment } from '../support/e2e.ts';
import { insertEdition, insertEnrolment, LEARNER_PASSWORD } from '../support/cohort.ts';

const EDITION = 'LEAN-OWN';
const LEARNER = { email: 'al.toegelaten@lerende.example', password: LEARNER_PASSWORD };

let e2e: E2eEnvironment;

beforeAll(async () => {
  e2e = await startE2e('detail-own-enrolment');
  const { database } = e2e;
  const editionId = await insertEdition(database, EDITION, 'PV-LEAN', DEMO_SLUG);
  // An edition still ahead with its enrolment window open, so the page would offer "Inschrijven".
  const day = 24 * 3600 * 1000;
  await database.db
    .updateTable('editions')
    .set({
      starts_on: new Date(Date.now() + 60 * day).toISOString().slice(0, 10),
      ends_on: new Date(Date.now() + 90 * day).toISOString().slice(0, 10),
      enrolment_opens_at: new Date(Date.now() - day).toISOString(),
      enrolment_closes_at: new Date(Date.now() + 30 * day).toISOString(),
    })
    .where('id', '=', editionId)
    .execute();
  await insertEnrolment(database, editionId, LEARNER.email, { status: 'accepted', verified: true });
});

afterEach(async () => {
  await e2e.closeContexts();
});

afterAll(async () => {
  await e2e?.close();
});

describe('the detail page for a learner who is already enrolled', () => {
  it.each([
    ['nl', 'Je bent ingeschreven — toegelaten.', 'Naar Mijn leren', `Inschrijven voor editie ${EDITION}`],
    ['en', 'You are enrolled — admitted.', 'Go to My learning', `Enrol in edition ${EDITION}`],
  ] as const)(
    'in %s shows the status and a link to the learner area instead of the button',
    async (lang, status, link, button) => {
      for (const width of [1280, 375]) {
        const page = await e2e.open(`/micro-credentials/${DEMO_SLUG}/PV-LEAN`, { as: LEARNER, lang, width });
        const card = page.getByRole('listitem').filter({ hasText: EDITION });
        await card.getByText(status).waitFor();
        await expect(card.getByRole('link', { name: link }).count()).resolves.toBe(1);
        await expect(card.getByRole('button', { name: button }).count()).resolves.toBe(0);
        expect(await accessibilityViolations(page)).toEqual([]);
        await page.screenshot({ path: `test-results/detail-own-${lang}-${width}.png`, fullPage: true });
      }
    },
  );
});
