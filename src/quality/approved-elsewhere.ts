import type { Actor } from '../core/actor.ts';
import { actingAs, type Command } from '../core/command.ts';
import type { Institution } from '../core/institution.ts';
import { loadReviewSubject } from '../catalogue/review-subject.ts';
import { publishVersion } from '../catalogue/version-lifecycle.ts';
import type { MicroCredentialView } from '../catalogue/views.ts';
import { recordDecision } from './decisions.ts';
import { ATTESTED_RATIONALE, attestedChecklist, preCheck } from './rules.ts';
import { reviewRow } from './review-views.ts';
import { submitMicroCredential } from './submissions.ts';

/** Who records the institution's own approval (the command's actor submits and publishes). */
export interface ApprovedElsewhereInput {
  code: string;
  decider: Actor;
}

/**
 * Publishes a draft that the institution's own quality procedure already approved elsewhere (a catalogue
 * import, the demo): the submission, the approval and the publication are each recorded like any other,
 * with the rationale that says where the decision was taken, so that every published version has a QA
 * record. The approval records every criterion met; where the automatic check found something, the
 * criterion's note says so.
 *
 * @example
 * await publishApprovedElsewhere(cmd, institution, { code: 'MC-DATA', decider: { kind: 'system', label: 'catalogue import' } });
 */
export async function publishApprovedElsewhere(
  cmd: Command,
  institution: Institution,
  input: ApprovedElsewhereInput,
): Promise<MicroCredentialView> {
  const { tx } = cmd;
  const submitted = await submitMicroCredential(cmd, institution, { code: input.code });
  const review = await reviewRow(tx, institution, submitted.id);
  const subject = await loadReviewSubject(tx, institution, { versionId: review.micro_credential_version_id });
  const check = preCheck(subject.def, { courseUnits: subject.courseUnits, issuer: subject.issuer });
  await recordDecision(actingAs(cmd, input.decider, null), institution, review, {
    decision: 'approve',
    role: 'institution-procedure',
    rationale: ATTESTED_RATIONALE,
    criteria: attestedChecklist(subject.def.form, check),
  });
  return publishVersion(cmd, institution, { code: input.code });
}
