import type { Db, Tx } from '../core/database.ts';
import type { EvaluationRow } from '../core/schema.ts';
import { currentResults, requiredResults, requirementKey } from './rules.ts';
import {
  ASSESSED_ENROLMENT_STATUS,
  courseUnitCode,
  enrolmentsOfEdition,
  enrolmentsWithLearner,
  evaluationsOf,
  getEditionFactsById,
  owedByDirectResult,
  owedFor,
  versionFacts,
  type EditionFacts,
  type FoundEnrolment,
  type VersionFacts,
} from './edition-facts.ts';
import { directEvaluationsOf } from './direct-evaluations.ts';
import type { DirectResults, LearnerResults, MyResults, RequirementResults, ResultView } from './schemas.ts';

/**
 * Evaluation records as staff and learners see them: who assessed, the reason of a correction, and which
 * record corrected each.
 *
 * @example
 * const [view] = await viewsOf(tx, edition, [row]);
 */
export async function viewsOf(
  db: Db | Tx,
  facts: VersionFacts,
  rows: readonly EvaluationRow[],
): Promise<ResultView[]> {
  const ids = [...new Set(rows.map((r) => r.assessor_id))];
  const labels = new Map<string, string>();
  if (ids.length > 0) {
    for (const u of await db.selectFrom('users').select(['id', 'name']).where('id', 'in', ids).execute())
      labels.set(u.id, u.name);
    for (const t of await db
      .selectFrom('api_tokens')
      .select(['id', 'label'])
      .where('id', 'in', ids)
      .execute())
      labels.set(t.id, `API token "${t.label}"`);
  }
  const corrections = rows.filter((r) => r.supersedes_id !== null).map((r) => r.id);
  const reasons = new Map<string, string>();
  if (corrections.length > 0) {
    // The reason of a correction lives in its audit record, written in the same transaction.
    const entries = await db
      .selectFrom('audit_log')
      .select(['object_id', 'after'])
      .where('action', '=', 'evaluation.correct')
      .where('object_id', 'in', corrections)
      .execute();
    for (const e of entries) {
      const after = e.after ? (JSON.parse(e.after) as { reason?: string }) : {};
      if (after.reason) reasons.set(e.object_id, after.reason);
    }
  }
  const supersededBy = new Map(
    rows.filter((r) => r.supersedes_id !== null).map((r) => [r.supersedes_id!, r.id] as const),
  );
  return rows.map((r) => ({
    id: r.id,
    enrolmentId: r.enrolment_id,
    courseUnit: r.course_unit_version_id ? courseUnitCode(facts, r.course_unit_version_id) : null,
    score: r.score,
    passed: r.passed === 1,
    assessedOn: r.assessed_on,
    assessmentType: r.assessment_type,
    supervision: r.supervision,
    assessor: { id: r.assessor_id, label: labels.get(r.assessor_id) ?? r.assessor_id },
    supersedes: r.supersedes_id,
    correctionReason: reasons.get(r.id) ?? null,
    supersededBy: supersededBy.get(r.id) ?? null,
    recordedAt: r.created_at,
  }));
}

async function resultsOf(
  db: Db | Tx,
  edition: EditionFacts,
  enrolments: readonly FoundEnrolment[],
): Promise<LearnerResults[]> {
  const rows = await evaluationsOf(
    db,
    enrolments.map((e) => e.id),
  );
  const views = await viewsOf(db, edition, rows);
  const requirements = requiredResults(
    edition.microCredential.form,
    edition.courseUnits.map((u) => u.code),
  );
  return enrolments.map((enrolment) => {
    const mine = views.filter((v) => v.enrolmentId === enrolment.id);
    const current = currentResults(
      mine.map((v) => ({ ...v, supersedesId: v.supersedes, createdAt: v.recordedAt })),
    );
    return {
      enrolmentId: enrolment.id,
      learner: { email: enrolment.email, name: enrolment.name },
      requirements: requirements.map((r) => {
        const current_ = current.get(requirementKey(r.courseUnit));
        return {
          courseUnit: r.courseUnit,
          title: r.courseUnit
            ? (edition.courseUnits.find((u) => u.code === r.courseUnit)?.title ?? { nl: r.courseUnit })
            : edition.microCredential.title,
          current: current_ ? (mine.find((v) => v.id === current_.id) ?? null) : null,
          history: mine.filter((v) => v.courseUnit === r.courseUnit),
        };
      }),
      owed: owedFor(
        edition,
        rows.filter((row) => row.enrolment_id === enrolment.id),
      ),
    };
  });
}

/** A direct award's result as one requirement: the whole micro-credential, recorded once. */
async function directRequirements(
  db: Db | Tx,
  facts: VersionFacts,
  rows: readonly EvaluationRow[],
): Promise<{ requirements: RequirementResults[]; passed: boolean }> {
  const views = await viewsOf(db, facts, rows);
  const current = views.at(-1) ?? null;
  return {
    requirements: [{ courseUnit: null, title: facts.microCredential.title, current, history: views }],
    passed: current?.passed === true,
  };
}

/**
 * The results of an edition for staff: every accepted learner (and anyone else with a result), per
 * requirement the result that counts and its history.
 *
 * @example
 * const learners = await editionResults(db, edition);
 */
export async function editionResults(db: Db | Tx, edition: EditionFacts): Promise<LearnerResults[]> {
  const all = await enrolmentsOfEdition(db, edition.id);
  const withResults = new Set(
    (
      await evaluationsOf(
        db,
        all.map((e) => e.id),
      )
    ).map((r) => r.enrolment_id),
  );
  return resultsOf(
    db,
    edition,
    all.filter((e) => e.status === ASSESSED_ENROLMENT_STATUS || withResults.has(e.id)),
  );
}

/**
 * The results of the edition's micro-credential version recorded without an edition (awards from the
 * command line), per learner: staff see them beside the edition's learners.
 *
 * @example
 * const direct = await directResultsOfVersion(db, edition);
 */
export async function directResultsOfVersion(db: Db | Tx, facts: VersionFacts): Promise<DirectResults[]> {
  const rows = await db
    .selectFrom('evaluations as v')
    .innerJoin('learners as l', 'l.id', 'v.learner_id')
    .selectAll('v')
    .select(['l.email as learner_email', 'l.name as learner_name'])
    .where('v.enrolment_id', 'is', null)
    .where('v.micro_credential_version_id', '=', facts.microCredentialVersionId)
    .orderBy('l.email')
    .orderBy('v.created_at')
    .orderBy('v.id')
    .execute();
  const out: DirectResults[] = [];
  for (const email of [...new Set(rows.map((r) => r.learner_email))]) {
    const mine = rows.filter((r) => r.learner_email === email);
    const { requirements, passed } = await directRequirements(db, facts, mine);
    out.push({
      learner: { email, name: mine[0]!.learner_name },
      requirements,
      owed: owedByDirectResult(facts, passed),
    });
  }
  return out;
}

/**
 * The signed-in learner's results in every edition they were accepted in (or have a result in), and the
 * results awarded to their verified e-mail address without an edition.
 *
 * @example
 * const mine = await learnerResults(db, actor.userId);
 */
export async function learnerResults(db: Db | Tx, userId: string): Promise<MyResults[]> {
  const enrolments = await enrolmentsWithLearner(db)
    .innerJoin('editions as e', 'e.id', 'n.edition_id')
    .innerJoin('institutions as i', 'i.id', 'e.institution_id')
    .select('i.slug')
    .where('n.user_id', '=', userId)
    .orderBy('n.created_at')
    .execute();
  const out: MyResults[] = [];
  for (const enrolment of enrolments) {
    const edition = await getEditionFactsById(db, enrolment.edition_id);
    const [results] = await resultsOf(db, edition, [enrolment]);
    if (!results) continue;
    const hasAny = results.requirements.some((r) => r.history.length > 0);
    if (enrolment.status !== ASSESSED_ENROLMENT_STATUS && !hasAny) continue;
    out.push({
      institution: enrolment.slug,
      edition: edition.code,
      microCredential: edition.microCredential,
      enrolmentStatus: enrolment.status,
      requirements: results.requirements,
      owed: results.owed,
    });
  }
  return [...out, ...(await awardedResults(db, userId))];
}

/** Results awarded without an edition to the learner known by the user's e-mail address, once verified. */
async function awardedResults(db: Db | Tx, userId: string): Promise<MyResults[]> {
  const user = await db
    .selectFrom('users')
    .select(['email', 'email_verified_at'])
    .where('id', '=', userId)
    .executeTakeFirst();
  // The learners table is keyed by e-mail address: only its verified owner reads what was awarded to it.
  if (!user?.email_verified_at) return [];
  const learner = await db
    .selectFrom('learners')
    .select('id')
    .where('email', '=', user.email.trim().toLowerCase())
    .executeTakeFirst();
  if (!learner) return [];
  const rows = await directEvaluationsOf(db, learner.id);
  const out: MyResults[] = [];
  for (const versionId of [...new Set(rows.map((r) => r.micro_credential_version_id!))]) {
    const facts = await versionFacts(db, versionId);
    if (!facts) continue;
    const { requirements, passed } = await directRequirements(
      db,
      facts,
      rows.filter((r) => r.micro_credential_version_id === versionId),
    );
    out.push({
      institution: facts.institution,
      edition: null,
      microCredential: facts.microCredential,
      enrolmentStatus: null,
      requirements,
      owed: owedByDirectResult(facts, passed),
    });
  }
  return out;
}
