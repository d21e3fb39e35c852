import type { Command } from '../core/command.ts';
import { nowIso } from '../core/database.ts';
import { ConflictError, ForbiddenError, refuse } from '../core/errors.ts';
import type { Institution } from '../core/institution.ts';
import { loadReviewSubject } from '../catalogue/review-subject.ts';
import { transitionVersion } from '../catalogue/version-lifecycle.ts';
import { nextState, versionRefused } from '../catalogue/version-states.ts';
import {
  REVIEW_STATUS_BY_DECISION,
  checkDecision,
  fourEyesAllows,
  partyOf,
  preCheck,
  recordChecklist,
  type DecidingRole,
  type Decision,
  type DecisionRequest,
  type RecordedCriterion,
  type StoredChecklist,
  type VersionState,
} from './rules.ts';
import { reviewRow, reviewView, storedChecklist, type ReviewRow, type ReviewView } from './review-views.ts';

/** A reviewer's decision on one submission. */
export interface DecideReviewInput {
  reviewId: string;
  request: DecisionRequest;
}

/** The role a decision is recorded under: the command's, as a deciding role. */
function decidingRoleOf(cmd: Command): DecidingRole {
  return cmd.role === 'administrator' ? 'administrator' : 'qa-reviewer';
}

/**
 * Records a reviewer's decision on a submission. Refused when the review is not pending (409), when the
 * decider submitted it themselves (403, four eyes), and when the decision breaks the procedure (422: no
 * rationale, an unknown criterion, or an approval with a failing automatic criterion or a judgement
 * criterion not marked met). The automatic criteria are computed again now, so that what is approved is
 * what holds at the moment of approval.
 *
 * @example
 * await decideReview(cmd, institution, { reviewId, request: { decision: 'request-changes', rationale: 'State the workload in hours.', checklist: [] } });
 */
export async function decideReview(
  cmd: Command,
  institution: Institution,
  input: DecideReviewInput,
): Promise<ReviewView> {
  const { tx } = cmd;
  const { request } = input;
  const review = await reviewRow(tx, institution, input.reviewId);
  if (review.status !== 'pending') {
    throw new ConflictError(
      'invalid-state',
      `This review of ${review.code} version ${review.version} was already decided (${review.status}).`,
      { key: 'review-already-decided', params: { code: review.code, version: review.version } },
    );
  }
  const state = review.version_status as VersionState;
  if (!nextState(state, request.decision)) {
    throw versionRefused(review.code, review.version, state, request.decision);
  }
  if (!fourEyesAllows(review.submitted_by, cmd.actor)) {
    throw new ForbiddenError(
      'You submitted this version yourself: another reviewer must decide on it (four-eyes principle).',
      { key: 'four-eyes' },
    );
  }
  const subject = await loadReviewSubject(tx, institution, { versionId: review.micro_credential_version_id });
  const check = preCheck(subject.def, { courseUnits: subject.courseUnits, issuer: subject.issuer });
  const problems = checkDecision(subject.def.form, request, check);
  if (problems.length > 0) {
    const failing = check.criteria.filter((c) => !c.met).map((c) => c.criterion);
    const params = { code: review.code, version: review.version, failing: failing.join(', ') };
    refuse(problems, {
      key:
        request.decision === 'approve' && failing.length > 0 ? 'approval-blocked' : 'decision-not-recordable',
      params,
    });
  }
  return recordDecision(cmd, institution, review, {
    decision: request.decision,
    role: decidingRoleOf(cmd),
    rationale: (request.rationale ?? '').trim(),
    criteria: recordChecklist(subject.def.form, request.checklist, check),
  });
}

/** A decision as it is recorded: who decided in which role, why, and the checklist. */
export interface RecordedDecision {
  decision: Decision;
  /** The role stored with the public QA record (the institution's own procedure for an import). */
  role: DecidingRole;
  rationale: string;
  criteria: RecordedCriterion[];
}

/**
 * Writes a decision on a pending review and asks catalogue to move the version accordingly, in the
 * command's transaction. A second decision racing this one finds the review no longer pending (409).
 */
export async function recordDecision(
  cmd: Command,
  institution: Institution,
  review: ReviewRow,
  decided: RecordedDecision,
): Promise<ReviewView> {
  const { tx } = cmd;
  const status = REVIEW_STATUS_BY_DECISION[decided.decision];
  const stored: StoredChecklist = { ...storedChecklist(review), criteria: decided.criteria };
  const updated = await tx
    .updateTable('qa_reviews')
    .set({
      status,
      decided_by: partyOf(cmd.actor),
      decided_role: decided.role,
      decided_at: nowIso(),
      rationale: decided.rationale,
      checklist: JSON.stringify(stored),
    })
    .where('id', '=', review.id)
    .where('status', '=', 'pending')
    .executeTakeFirst();
  if (Number(updated.numUpdatedRows) !== 1) {
    throw new ConflictError('invalid-state', `This review of ${review.code} was already decided.`, {
      key: 'review-already-decided',
      params: { code: review.code, version: review.version },
    });
  }
  const move = await transitionVersion(cmd, institution, {
    code: review.code,
    version: review.version,
    action: decided.decision,
    audited: false,
  });
  await cmd.audit({
    action: `quality.${decided.decision}`,
    objectType: 'qa-review',
    objectId: review.id,
    institutionId: institution.id,
    before: { code: review.code, version: review.version, status: 'pending', versionStatus: move.from },
    after: {
      code: review.code,
      version: review.version,
      status,
      versionStatus: move.to,
      decidedRole: decided.role,
      rationale: decided.rationale,
      criteria: decided.criteria.map((c) => ({ criterion: c.criterion, met: c.met })),
    },
  });
  return reviewView(tx, institution, review.id, cmd.actor);
}
