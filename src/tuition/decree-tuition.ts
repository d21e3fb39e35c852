import type { Command } from '../core/command.ts';
import type { Db, Tx } from '../core/database.ts';
import { refuse } from '../core/errors.ts';
import type { DecreeTuitionYear } from './decree-tuition-year.ts';

/**
 * The decree tuition of every academic year entered so far (form-A prices follow it).
 *
 * @example
 * const table = await decreeTable(db);
 */
export async function decreeTable(db: Db | Tx): Promise<DecreeTuitionYear[]> {
  const rows = await db.selectFrom('decree_tuition').selectAll().execute();
  return rows.map((r) => ({
    academicYear: r.academic_year,
    fixedCents: r.fixed_cents,
    perCreditCents: r.per_credit_cents,
  }));
}

/**
 * Sets (or corrects) the decree tuition of one academic year.
 *
 * @example
 * await setDecreeTuition(cmd, { year: { academicYear: '2026-27', fixedCents: 30000, perCreditCents: 1500 }, source: 'decree 2026' });
 */
export async function setDecreeTuition(
  cmd: Command,
  input: { year: DecreeTuitionYear; source: string },
): Promise<void> {
  const { tx } = cmd;
  const { year, source } = input;
  if (!/^\d{4}-\d{2}$/.test(year.academicYear)) {
    // Its words are in the enrolment message table, which prices editions from this table.
    refuse([{ field: 'academicYear', rule: 'academic-year' }]);
  }
  const before = await tx
    .selectFrom('decree_tuition')
    .selectAll()
    .where('academic_year', '=', year.academicYear)
    .executeTakeFirst();
  await tx.deleteFrom('decree_tuition').where('academic_year', '=', year.academicYear).execute();
  await tx
    .insertInto('decree_tuition')
    .values({
      academic_year: year.academicYear,
      fixed_cents: year.fixedCents,
      per_credit_cents: year.perCreditCents,
      source,
    })
    .execute();
  // Decree amounts set every form-A price: platform-wide, so no institution on the record.
  await cmd.audit({
    action: 'decree-tuition.set',
    objectType: 'decree-tuition',
    objectId: year.academicYear,
    before: before ?? null,
    after: { ...year, source },
  });
}
