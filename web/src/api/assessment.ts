import type {
  EditionResults,
  ImportProblem,
  LearnerResults,
  MyResults,
  ResultView,
} from '../../../src/assessment/schemas.ts';
import { ApiError, getJson, learnerList, manageUrl, sendJson, type LearnerList } from './http.ts';

/** The learner's results in one edition (or, edition null, awarded without one). */
export type LearnerResult = MyResults;
export type { EditionResults, ImportProblem, LearnerResults, ResultView };

/** The fields of one result, as the grid and the correction form send them. */
export interface ResultFields {
  score: number | null;
  passed?: boolean;
  assessedOn: string;
  assessmentType: string;
  supervision: string;
}

function editionUrl(slug: string, code: string): string {
  return `${manageUrl(slug)}/editions/${encodeURIComponent(code)}`;
}

export function fetchEditionResults(
  slug: string,
  code: string,
  signal?: AbortSignal,
): Promise<EditionResults> {
  return getJson<EditionResults>(`${editionUrl(slug, code)}/results`, signal);
}

export function recordResult(
  slug: string,
  code: string,
  body: ResultFields & { enrolmentId: string; courseUnit: string | null },
): Promise<{ result: ResultView }> {
  return sendJson<{ result: ResultView }>('POST', `${editionUrl(slug, code)}/results`, body);
}

export function correctResult(
  slug: string,
  code: string,
  id: string,
  body: ResultFields & { reason: string },
): Promise<{ result: ResultView; warnings: string[] }> {
  return sendJson('POST', `${editionUrl(slug, code)}/results/${encodeURIComponent(id)}/correction`, body);
}

/**
 * Imports a results file; a refused file comes back as its problems by line (nothing was written), any
 * other failure is thrown.
 */
export async function importResults(
  slug: string,
  code: string,
  csv: string,
): Promise<{ ok: true; imported: number } | { ok: false; problems: ImportProblem[] }> {
  try {
    const answer = await sendJson<{ imported: number }>('POST', `${editionUrl(slug, code)}/results/import`, {
      csv,
    });
    return { ok: true, imported: answer.imported };
  } catch (error) {
    if (!(error instanceof ApiError) || error.status !== 422) throw error;
    const problems: ImportProblem[] = [];
    for (const problem of error.problems) {
      const match = /^line (\d+): (.*)$/.exec(problem.field);
      if (match?.[1] !== undefined) {
        problems.push({ line: Number(match[1]), field: match[2] ?? '', message: problem.message });
      }
    }
    return { ok: false, problems };
  }
}

// ---- the learner's own results

export function fetchResults(signal?: AbortSignal): Promise<LearnerList<LearnerResult>> {
  return learnerList<LearnerResult>('/api/v1/me/results', signal);
}
