import type { Db, Tx } from '../core/database.ts';
import type { Institution } from '../core/institution.ts';
import {
  checkMicroCredential,
  type CourseUnitFacts,
  type IssuerFacts,
  type MicroCredentialDefinition,
  type Phase,
  type RuleProblem,
} from './rules.ts';

/** A course unit as the rules know it, with the version that stands for it. */
export type PinnableCourseUnitFacts = CourseUnitFacts & { versionId: string; version: number };

/**
 * What the rules know of each course unit: its published version, else its latest draft.
 *
 * @example
 * const facts = await courseUnitFacts(db, institution.id, ['DATA101', 'DATA102']);
 * facts.get('DATA101')?.published; // → true
 */
export async function courseUnitFacts(
  db: Db | Tx,
  institutionId: string,
  codes: readonly string[],
): Promise<Map<string, PinnableCourseUnitFacts>> {
  const facts = new Map<string, PinnableCourseUnitFacts>();
  if (codes.length === 0) return facts;
  const rows = await db
    .selectFrom('course_unit_versions as v')
    .innerJoin('course_units as u', 'u.id', 'v.course_unit_id')
    .selectAll('v')
    .select('u.code')
    .where('u.institution_id', '=', institutionId)
    .where('u.code', 'in', [...codes])
    .orderBy('v.version', 'desc')
    .execute();
  for (const code of codes) {
    const mine = rows.filter((r) => r.code === code);
    // A micro-credential stands on the published version of each course unit; drafts count only
    // until one is published.
    const row = mine.find((r) => r.status === 'published') ?? mine[0];
    if (!row) continue;
    facts.set(code, {
      code,
      ects: row.ects,
      qaInternal: row.qa_internal === 1,
      qaExternal: row.qa_external === 1,
      published: row.status === 'published',
      versionId: row.id,
      version: row.version,
    });
  }
  return facts;
}

/** What the rules know of the awarding institution. */
export function issuerFacts(institution: Institution): IssuerFacts {
  return {
    name: institution.name.nl,
    country: institution.address.country,
    region: institution.address.region,
  };
}

/** Runs the framework rules on a definition against the stored course units and the institution. */
export async function checkAgainstStore(
  db: Db | Tx,
  institution: Institution,
  def: MicroCredentialDefinition,
  phase: Phase,
): Promise<RuleProblem[]> {
  const courseUnits = await courseUnitFacts(db, institution.id, def.courseUnits ?? []);
  return checkMicroCredential(def, { phase, courseUnits, issuer: issuerFacts(institution) });
}
