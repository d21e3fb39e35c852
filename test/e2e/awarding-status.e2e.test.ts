import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  accessibilityViolations,
  DEMO_SLUG,
  makeUser,
  startE2e,
  type E2eEnvironment,
} from '../support/e2e.ts';
import { insertEdition, insertEnrolment } from '../support/cohort.ts';
import type { AppContext } from '../../src/core/app-context.ts';
import { getInstitution } from '../../src/institutions/store.ts';
import { getEditionFacts } from '../../src/assessment/edition-facts.ts';
import { recordResult } from '../../src/assessment/record-results.ts';
import { commandRunner, issueForEnrolment } from '../../src/issuing/issue-from-evaluation.ts';

const EDITION = 'LEAN-STATUS';
const REGISTRAR = {
  email: 'registratie@status.example',
  name: 'Rik Registratie',
  password: 'een-lang-staff-wachtwoord',
};
const system = { kind: 'system' as const, label: 'test' };

let e2e: E2eEnvironment;

beforeAll(async () => {
  e2e = await startE2e('awarding-status', {
    prepare: (database) => makeUser(database, REGISTRAR, ['registrar']),
  });
  const { database } = e2e;
  const editionId = await insertEdition(database, EDITION, 'PV-LEAN', DEMO_SLUG);
  const context: AppContext = {
    database,
    settings: { ...e2e.config.settings, publicUrl: e2e.baseUrl },
    masterKey: e2e.masterKey,
    mail: { smtpUrl: undefined, from: e2e.config.settings.mailFrom },
  };
  const institution = await getInstitution(database.db, DEMO_SLUG);
  const facts = await getEditionFacts(database.db, institution, EDITION);
  const run = commandRunner({ database, mail: context.mail, actor: system });
  const learners = [
    { email: 'alleen.intrekken@lerende.example', suspension: false },
    { email: 'ook.schorsen@lerende.example', suspension: true },
  ];
  for (const learner of learners) {
    const enrolmentId = await insertEnrolment(database, editionId, learner.email, {
      status: 'accepted',
      verified: true,
    });
    await run((cmd) =>
      recordResult(
        cmd,
        facts,
        {
          enrolmentId,
          score: 15,
          assessedOn: '2026-06-01',
          assessmentType: 'Project',
          supervision: 'supervised-with-id-check',
        },
        { passMark: 10 },
      ),
    );
    const settings = learner.suspension
      ? { ...context.settings, credentialStatus: ['revocation', 'suspension'] as const }
      : context.settings;
    await issueForEnrolment(run, { ...context, settings }, institution, { enrolmentId });
  }
});

afterEach(async () => {
  await e2e.closeContexts();
});

afterAll(async () => {
  await e2e?.close();
});

describe('the awarding page and suspension', () => {
  it.each([
    [
      'nl',
      'Schorsen',
      'Intrekken',
      /^Schorsen kan niet: dit leerbewijs heeft alleen een intrekkingsstatus/,
      `Leerbewijzen van ${EDITION}`,
    ],
    [
      'en',
      'Suspend',
      'Revoke',
      /^Cannot be suspended: this credential carries a revocation status only/,
      `Credentials of ${EDITION}`,
    ],
  ] as const)(
    'in %s offers suspension only where the credential has a suspension entry, and says why',
    async (lang, suspend, revoke, why, caption) => {
      for (const width of [1280, 375]) {
        const page = await e2e.open(`/manage/${DEMO_SLUG}/awarding?edition=${EDITION}`, {
          as: REGISTRAR,
          lang,
          width,
        });
        const table = page.getByRole('table', { name: caption });
        const onlyRevoke = table.getByRole('row').filter({ hasText: 'alleen.intrekken@lerende.example' });
        const both = table.getByRole('row').filter({ hasText: 'ook.schorsen@lerende.example' });
        await onlyRevoke.waitFor();
        await expect(
          onlyRevoke.getByRole('button', { name: new RegExp(`^${revoke}:`) }).count(),
        ).resolves.toBe(1);
        await expect(
          onlyRevoke.getByRole('button', { name: new RegExp(`^${suspend}:`) }).count(),
        ).resolves.toBe(0);
        await expect(onlyRevoke.getByText(why).count()).resolves.toBe(1);
        await expect(both.getByRole('button', { name: new RegExp(`^${suspend}:`) }).count()).resolves.toBe(1);
        await expect(both.getByText(why).count()).resolves.toBe(0);
        expect(await accessibilityViolations(page)).toEqual([]);
      }
    },
  );
});
