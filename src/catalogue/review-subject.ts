import type { Db, Tx } from '../core/database.ts';
import { NotFoundError } from '../core/errors.ts';
import type { Institution } from '../core/institution.ts';
import type { MicroCredentialVersionRow } from '../core/schema.ts';
import { courseUnitFacts, issuerFacts } from './facts.ts';
import { microCredentialNotFound } from './refusals.ts';
import { definitionFromRow, linkedCodes } from './rows.ts';
import type { CourseUnitFacts, IssuerFacts, MicroCredentialDefinition } from './rules.ts';

/** One micro-credential version with everything the quality procedure needs to assess it. */
export interface ReviewSubject {
  row: MicroCredentialVersionRow;
  code: string;
  def: MicroCredentialDefinition;
  courseUnits: Map<string, CourseUnitFacts>;
  issuer: IssuerFacts;
}

/**
 * Loads a version for the quality procedure: the latest version of a code, or a version by its id. Only
 * versions of `institution` are found, so another institution's version is simply not there.
 *
 * @example
 * const subject = await loadReviewSubject(tx, institution, { code: 'MC-DATA' });
 */
export async function loadReviewSubject(
  db: Db | Tx,
  institution: Institution,
  which: { code: string } | { versionId: string },
): Promise<ReviewSubject> {
  let query = db
    .selectFrom('micro_credential_versions as v')
    .innerJoin('micro_credentials as m', 'm.id', 'v.micro_credential_id')
    .selectAll('v')
    .select('m.code')
    .where('m.institution_id', '=', institution.id)
    .orderBy('v.version', 'desc');
  query =
    'code' in which ? query.where('m.code', '=', which.code) : query.where('v.id', '=', which.versionId);
  const found = await query.executeTakeFirst();
  if (!found) {
    throw 'code' in which
      ? microCredentialNotFound(which.code)
      : new NotFoundError('There is no such version.', { key: 'version-not-found' });
  }
  const { code, ...row } = found;
  const def = definitionFromRow(code, row, await linkedCodes(db, row.id));
  const facts = await courseUnitFacts(db, institution.id, def.courseUnits ?? []);
  return { row, code, def, courseUnits: facts, issuer: issuerFacts(institution) };
}
