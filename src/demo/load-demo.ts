import { randomBytes } from 'node:crypto';
import type { DatabaseHandle } from '../core/database.ts';
import { ROLES } from '../core/actor.ts';
import { grantRole } from '../accounts/memberships.ts';
import { createUser } from '../accounts/users.ts';
import { createCourseUnit } from '../catalogue/course-units.ts';
import { createMicroCredential } from '../catalogue/micro-credentials.ts';
import { publishApprovedElsewhere } from '../quality/approved-elsewhere.ts';
import { createInstitution, issueApiToken } from '../institutions/store.ts';
import { DEMO_CATALOGUE } from './demo-catalogue.ts';
import { academicYearOf, latestDecreeYear } from '../catalogue/rules.ts';
import { setDecreeTuition } from '../tuition/decree-tuition.ts';
import { getInstitution } from '../institutions/store.ts';
import { editionAcademicYear } from '../enrolment/rules.ts';
import { createEdition } from '../enrolment/editions.ts';
import { createReduction } from '../enrolment/reductions.ts';
import { commandIn, type Command } from '../core/command.ts';
import type { MailSettings } from '../core/mail.ts';

export interface DemoResult {
  tokens: Array<{ institution: string; token: string }>;
  /** Staff accounts holding every role of their institution, to sign in to the web UI. */
  accounts: Array<{ institution: string; email: string; password: string }>;
}

/**
 * Loads the demo institutions, but only into an empty database: a database that holds any institution
 * is left alone. Returns the staff API tokens created, to print once.
 */
export async function loadDemoIfEmpty(database: DatabaseHandle): Promise<DemoResult | undefined> {
  return database.transaction(async (tx, afterCommit) => {
    const any = await tx.selectFrom('institutions').select('id').limit(1).executeTakeFirst();
    if (any) return undefined;
    const tokens: DemoResult['tokens'] = [];
    const accounts: DemoResult['accounts'] = [];
    const system = { kind: 'system' as const, label: 'demo loader' };
    const cmd = commandIn(tx, afterCommit, database.db, { mail: DEMO_MAIL, actor: system });
    for (const demo of DEMO_CATALOGUE) {
      const institution = await createInstitution(tx, demo.institution);
      for (const unit of demo.courseUnits) await createCourseUnit(cmd, institution, unit);
      for (const { status, ...mc } of demo.microCredentials) {
        await createMicroCredential(cmd, institution, mc);
        // Published demo entries go through the quality procedure like any other, so each has a QA record.
        if (status === 'published') {
          await publishApprovedElsewhere(cmd, institution, { code: mc.code, decider: system });
        }
      }
      const { token } = await issueApiToken(cmd, institution, 'demo');
      tokens.push({ institution: institution.slug, token });
      const password = randomBytes(9).toString('base64url');
      const email = `demo@${institution.slug}.example`;
      const { user } = await createUser(tx, { email, name: `Demo ${institution.name.nl}`, password });
      await tx
        .updateTable('users')
        .set({ email_verified_at: new Date().toISOString() })
        .where('id', '=', user.id)
        .execute();
      for (const role of ROLES) await grantRole(cmd, { id: institution.id }, { userId: user.id, role: role });
      accounts.push({ institution: institution.slug, email, password });
    }
    await loadDemoEditions(cmd);
    return { tokens, accounts };
  });
}

const DEMO_EDITIONS: ReadonlyArray<{ institution: string; microCredential: string }> = [
  { institution: 'hogeschool-schelde', microCredential: 'MC-DATA' },
  { institution: 'hogeschool-schelde', microCredential: 'PV-LEAN' },
  { institution: 'universiteit-leie', microCredential: 'MC-AI' },
  { institution: 'universiteit-leie', microCredential: 'PV-KLIMAAT' },
];

// Loading the demo sends no mail: anything it queued would stay in the outbox.
const DEMO_MAIL: MailSettings = { smtpUrl: undefined, from: 'demo@stapel.invalid' };

/**
 * One open edition of a few demo micro-credentials (enrolment open now, start in four weeks) and two
 * tuition reductions. Form A needs the decree amounts of the edition's academic year: rather than invent
 * figures, the demo carries the latest known year forward and labels the row as demo data.
 */
async function loadDemoEditions(cmd: Command): Promise<void> {
  const { tx } = cmd;
  const now = new Date();
  const day = (offset: number) => new Date(now.getTime() + offset * 86_400_000).toISOString().slice(0, 10);
  const startsOn = day(28);
  const years = new Set([academicYearOf(now), editionAcademicYear(startsOn)]);
  const table = (await tx.selectFrom('decree_tuition').selectAll().execute()).map((r) => ({
    academicYear: r.academic_year,
    fixedCents: r.fixed_cents,
    perCreditCents: r.per_credit_cents,
  }));
  for (const academicYear of years) {
    if (table.some((r) => r.academicYear === academicYear)) continue;
    const latest = latestDecreeYear(table, academicYear);
    if (!latest) continue;
    await setDecreeTuition(cmd, {
      year: { ...latest, academicYear },
      source: `demo: amounts of ${latest.academicYear} carried forward`,
    });
  }
  const job = { code: 'werkzoekende', label: { nl: 'Werkzoekende', en: 'Job seeker' }, percent: 50 };
  await createReduction(cmd, null, job);
  for (const offer of DEMO_EDITIONS) {
    const institution = await getInstitution(tx, offer.institution);
    const location = [institution.address.street, institution.address.locality].filter(Boolean).join(', ');
    await createEdition(cmd, institution, {
      code: `${offer.microCredential}-${editionAcademicYear(startsOn)}`,
      microCredential: offer.microCredential,
      startsOn,
      endsOn: day(28 + 70),
      enrolmentOpensAt: new Date(now.getTime() - 86_400_000).toISOString(),
      enrolmentClosesAt: `${day(21)}T22:00:00Z`,
      capacity: 20,
      ...(location ? { location } : {}),
    });
  }
  const schelde = await getInstitution(tx, 'hogeschool-schelde');
  const alumni = { code: 'alumni', label: { nl: 'Alumnus van de hogeschool', en: 'Alumnus' }, percent: 20 };
  await createReduction(cmd, schelde, alumni);
}
