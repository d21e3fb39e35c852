import { randomUUID } from 'node:crypto';
import type { Command } from '../core/command.ts';
import type { Db, Tx } from '../core/database.ts';
import { nowIso } from '../core/database.ts';
import { ConflictError, refuse } from '../core/errors.ts';
import type { TuitionReductionRow } from '../core/schema.ts';
import type { Institution } from '../institutions/store.ts';
import { checkReduction, reductionsFor } from './rules.ts';
import type { ReductionInput, ReductionView } from './schemas.ts';
import { toReductionView } from './views.ts';

/**
 * The reduction rows a learner of an institution may claim: the platform-wide ones and the institution's
 * own, an own one replacing a platform-wide one of the same code.
 */
export async function reductionRows(db: Db | Tx, institutionId: string): Promise<TuitionReductionRow[]> {
  const rows = await db
    .selectFrom('tuition_reductions')
    .selectAll()
    .where((eb) => eb.or([eb('institution_id', '=', institutionId), eb('institution_id', 'is', null)]))
    .execute();
  return reductionsFor(
    rows.map((r) => ({ ...r, institutionId: r.institution_id })),
    institutionId,
  );
}

/**
 * The reductions staff of an institution can see and learners of it can ask for.
 *
 * @example
 * const reductions = await listReductions(db, institution);
 */
export async function listReductions(db: Db | Tx, institution: Institution): Promise<ReductionView[]> {
  return (await reductionRows(db, institution.id)).map(toReductionView);
}

/**
 * Adds a tuition reduction for one institution, or for every institution when `institution` is null
 * (platform operators and the demo). Learners claim it when they enrol; staff check the claim when deciding.
 *
 * @example
 * await createReduction(cmd, institution, { code: 'job-seeker', label: { nl: 'Werkzoekende', en: 'Job seeker' }, percent: 50 });
 */
export async function createReduction(
  cmd: Command,
  institution: Institution | null,
  input: ReductionInput,
): Promise<ReductionView> {
  const { tx } = cmd;
  const problems = checkReduction(input);
  if (problems.length) refuse(problems, { key: 'reduction-invalid', params: { code: input.code } });
  let query = tx.selectFrom('tuition_reductions').select('id').where('code', '=', input.code);
  query = institution
    ? query.where('institution_id', '=', institution.id)
    : query.where('institution_id', 'is', null);
  if (await query.executeTakeFirst()) {
    throw new ConflictError('already-exists', `Reduction ${input.code} already exists.`, {
      key: 'reduction-exists',
      params: { code: input.code },
    });
  }
  const row: TuitionReductionRow = {
    id: randomUUID(),
    institution_id: institution?.id ?? null,
    code: input.code,
    label_nl: input.label.nl.trim(),
    label_en: input.label.en.trim(),
    percent: input.percent,
    created_at: nowIso(),
  };
  await tx.insertInto('tuition_reductions').values(row).execute();
  await cmd.audit({
    action: 'reduction.create',
    objectType: 'tuition-reduction',
    objectId: row.id,
    institutionId: row.institution_id,
    after: { code: row.code, percent: row.percent, label: input.label },
  });
  return toReductionView(row);
}
