import { NotFoundError, refuse } from '../core/errors.ts';
import type { RuleProblem } from './rules.ts';

/** What a refused catalogue write is about, for the summary line of the refusal. */
export type RefusalSummary =
  | 'course-unit-rules-broken'
  | 'course-unit-not-publishable'
  | 'micro-credential-rules-broken'
  | 'micro-credential-not-publishable';

/**
 * Refuses with the rule violations among `problems` (warnings pass), named by rule id; the words come from
 * the catalogue's message table in the reader's language.
 *
 * @example refuseBrokenRules(problems, 'micro-credential-rules-broken', 'PV-TEST');
 */
export function refuseBrokenRules(
  problems: readonly RuleProblem[],
  summary: RefusalSummary,
  code: string,
): never {
  return refuse(
    problems.filter((p) => p.severity === 'error'),
    { key: summary, params: { code } },
  );
}

/** A course unit (or one version of it) this institution does not have. */
export function courseUnitNotFound(code: string, version?: number): NotFoundError {
  return new NotFoundError(`Course unit ${code}${version ? ` version ${version}` : ''} does not exist.`, {
    key: version ? 'course-unit-version-not-found' : 'course-unit-not-found',
    params: { code, version: version ?? '' },
  });
}

/** A micro-credential (or one version of it) this institution does not have. */
export function microCredentialNotFound(code: string, version?: number): NotFoundError {
  return new NotFoundError(
    `Micro-credential ${code}${version ? ` version ${version}` : ''} does not exist.`,
    {
      key: version ? 'micro-credential-version-not-found' : 'micro-credential-not-found',
      params: { code, version: version ?? '' },
    },
  );
}
