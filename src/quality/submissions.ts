import { randomUUID } from 'node:crypto';
import type { Command } from '../core/command.ts';
import { nowIso } from '../core/database.ts';
import type { Institution } from '../core/institution.ts';
import { pinCourseUnitsForReview } from '../catalogue/course-unit-links.ts';
import { refuseBrokenRules } from '../catalogue/refusals.ts';
import { loadReviewSubject } from '../catalogue/review-subject.ts';
import { checkMicroCredential, hasErrors } from '../catalogue/rules.ts';
import { transitionVersion } from '../catalogue/version-lifecycle.ts';
import { nextState, versionRefused } from '../catalogue/version-states.ts';
import { partyOf, preCheck, type StoredChecklist, type VersionState } from './rules.ts';
import { reviewView, type ReviewView } from './review-views.ts';

/** Which micro-credential's current draft is submitted. */
export interface SubmissionInput {
  code: string;
}

/**
 * Submits the current draft of a micro-credential for quality review: the save-phase rules must hold, and
 * the automatic pre-check is recorded with the submission. Catalogue then moves the version to
 * `submitted`, where it stays frozen until a decision.
 *
 * @example
 * const review = await submitMicroCredential(cmd, institution, { code: 'PV-TEST' });
 * review.preCheck.passed; // false while, say, no workload in hours is stated
 */
export async function submitMicroCredential(
  cmd: Command,
  institution: Institution,
  input: SubmissionInput,
): Promise<ReviewView> {
  const { tx } = cmd;
  const subject = await loadReviewSubject(tx, institution, input);
  const { row, code, def } = subject;
  const state = row.status as VersionState;
  // The state is checked before the rules, so a version under review is told so (409), not its findings.
  if (!nextState(state, 'submit')) throw versionRefused(code, row.version, state, 'submit');
  const problems = checkMicroCredential(def, {
    phase: 'save',
    courseUnits: subject.courseUnits,
    issuer: subject.issuer,
  });
  if (hasErrors(problems)) refuseBrokenRules(problems, 'micro-credential-rules-broken', code);
  const check = preCheck(def, { courseUnits: subject.courseUnits, issuer: subject.issuer });
  const id = randomUUID();
  const stored: StoredChecklist = { preCheck: check };
  await tx
    .insertInto('qa_reviews')
    .values({
      id,
      micro_credential_version_id: row.id,
      submitted_by: partyOf(cmd.actor),
      submitted_at: nowIso(),
      status: 'pending',
      decided_by: null,
      decided_role: null,
      decided_at: null,
      rationale: null,
      checklist: JSON.stringify(stored),
    })
    .execute();
  const move = await transitionVersion(cmd, institution, {
    code,
    version: row.version,
    action: 'submit',
    audited: false,
  });
  // The reviewers judge these exact course unit versions; publishing keeps them.
  await pinCourseUnitsForReview(tx, institution, row.id);
  await cmd.audit({
    action: 'quality.submit',
    objectType: 'qa-review',
    objectId: id,
    institutionId: institution.id,
    before: { code, version: row.version, status: move.from },
    after: { code, version: row.version, status: move.to, reviewId: id, preCheckPassed: check.passed },
  });
  return reviewView(tx, institution, id, cmd.actor);
}
