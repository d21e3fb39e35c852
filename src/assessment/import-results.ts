import type { Command } from '../core/command.ts';
import type { AssessmentMessage } from './messages.ts';
import type { MessageParams } from '../core/errors.ts';
import { checkResult, requirementKey, type ValidResult } from './rules.ts';
import { lineProblem, parseResultsCsv, type CsvLineProblem } from './results-csv.ts';
import {
  ASSESSED_ENROLMENT_STATUS,
  enrolmentsOfEdition,
  evaluationsOf,
  type EditionFacts,
  type FoundEnrolment,
} from './edition-facts.ts';
import { insertEvaluation, rulesContext, unitVersionId, type RecordingSettings } from './record-results.ts';

/** The answer to a results import: written all at once, or nothing with every problem by line. */
export interface ImportReport {
  ok: boolean;
  imported: number;
  /** Each by its message key and parameters: the HTTP layer renders them in the request's language. */
  problems: CsvLineProblem[];
  /** Enrolments that received a result, to issue what they are owed. */
  enrolmentIds: string[];
}

const CSV_FIELDS: Record<string, string> = {
  courseUnit: 'course_unit',
  assessedOn: 'assessed_on',
  assessmentType: 'assessment_type',
};
const csvField = (field: string) => CSV_FIELDS[field] ?? field;

/**
 * Imports a results file for an edition, all or nothing: every line is checked first (the file's shape,
 * the rules, the learner's enrolment, results recorded before, duplicate lines), and only a file without
 * problems is written, one evaluation record (and audit record) per line.
 *
 * @example
 * const report = await runCommand(options, (cmd) => importResults(cmd, edition, csvText, { passMark: 10 }));
 */
export async function importResults(
  cmd: Command,
  edition: EditionFacts,
  text: string,
  settings: RecordingSettings,
): Promise<ImportReport> {
  const parsed = parseResultsCsv(text, edition.microCredential.form);
  const problems: CsvLineProblem[] = [...parsed.problems];
  const context = rulesContext(edition, settings);
  const enrolments = new Map((await enrolmentsOfEdition(cmd.tx, edition.id)).map((e) => [e.email, e]));
  const records = await evaluationsOf(
    cmd.tx,
    [...enrolments.values()].map((e) => e.id),
  );
  const seen = new Map<string, number>();
  const accepted: Array<{ enrolment: FoundEnrolment; result: ValidResult }> = [];
  for (const row of parsed.rows) {
    const add = (field: string, key: AssessmentMessage, params: MessageParams = {}) =>
      problems.push(lineProblem(row.line, field, key, params));
    const checked = checkResult(row.input, context);
    if (!checked.ok) for (const p of checked.problems) add(csvField(p.field), p.key, p.params);
    const enrolment = enrolments.get(row.email);
    if (!row.email) add('email', 'csv-email-empty');
    else if (!enrolment) add('email', 'csv-not-enrolled', { email: row.email, edition: edition.code });
    else if (enrolment.status !== ASSESSED_ENROLMENT_STATUS)
      add('email', 'csv-enrolment-not-assessed', { email: row.email, status: enrolment.status });
    if (!checked.ok || !enrolment || enrolment.status !== ASSESSED_ENROLMENT_STATUS) continue;
    const unit = checked.result.courseUnit;
    const key = `${enrolment.id}|${requirementKey(unit)}`;
    const who = { email: row.email, courseUnit: unit ?? '' };
    const other = seen.get(key);
    if (other !== undefined) {
      add(unit ? 'course_unit' : 'email', 'csv-duplicate-result', { ...who, other });
      continue;
    }
    seen.set(key, row.line);
    const versionId = unitVersionId(edition, unit);
    if (records.some((r) => r.enrolment_id === enrolment.id && r.course_unit_version_id === versionId)) {
      add(unit ? 'course_unit' : 'email', 'csv-result-exists', who);
      continue;
    }
    accepted.push({ enrolment, result: checked.result });
  }
  problems.sort((a, b) => a.line - b.line);
  if (problems.length > 0) return { ok: false, imported: 0, problems, enrolmentIds: [] };
  for (const { enrolment, result } of accepted) await insertEvaluation(cmd, edition, enrolment, result);
  return {
    ok: true,
    imported: accepted.length,
    problems: [],
    enrolmentIds: [...new Set(accepted.map((a) => a.enrolment.id))],
  };
}
