import type { Actor } from '../core/actor.ts';

/** A held proof the results no longer earn, named by its credential URL. */
export interface HeldProof {
  id: string;
}

/** What happened after results were recorded for one enrolment, as the routes report it. */
export interface ResultsFollowUp {
  enrolmentId: string;
  /** Held proofs the results that count no longer earn (after a correction). */
  heldNotOwed: HeldProof[];
}

/**
 * What other domains do when results are recorded. Assessment only signals; issuing answers (issuing the
 * proofs now owed). Passed in at startup so that assessment never imports the domains that react to it.
 *
 * @example
 * await app.register(assessmentRoutes, { context, hooks: { onResultsRecorded: (ids, actor) => issueAfterResults(context, ids, actor) } });
 */
export interface AssessmentHooks {
  /** Called after the results' transaction committed; answers one follow-up per enrolment, in order. */
  onResultsRecorded(enrolmentIds: readonly string[], recordedBy: Actor): Promise<ResultsFollowUp[]>;
}

/** Hooks that do nothing: results are recorded and nothing follows. */
export const NO_ASSESSMENT_HOOKS: AssessmentHooks = {
  onResultsRecorded: (enrolmentIds) =>
    Promise.resolve(enrolmentIds.map((enrolmentId) => ({ enrolmentId, heldNotOwed: [] }))),
};
