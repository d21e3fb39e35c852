import { randomBytes, randomUUID } from 'node:crypto';
import type { TransactionOptions, Tx } from '../core/database.ts';
import { nowIso } from '../core/database.ts';
import { ValidationError } from '../core/errors.ts';
import { getPublishedMicroCredential, type MicroCredentialView } from '../catalogue/store.ts';
import type { LocalizedText, ProofKind } from '../catalogue/rules.ts';
import { STATUS } from '../credentials/bitstring.ts';
import { institutionDid } from '../credentials/did.ts';
import { ensureIssuerKey, loadSigningKey } from '../credentials/keys.ts';
import { buildOpenBadgeCredential, type AchievementFacts } from '../credentials/open-badge.ts';
import { issuerProfileFor } from '../credentials/issuer-profile.ts';
import { credentialUrl } from '../credentials/platform-documents.ts';
import { signCredential } from '../credentials/sign.ts';
import type { Institution } from '../institutions/store.ts';
import type { IssuingContext } from './context.ts';
import { upsertLearner } from './learners.ts';
import { pickStatusSlot } from './status-lists.ts';
import { signingLoader } from './signing.ts';

export interface AwardRequest {
  institution: Institution;
  /** Code of a published micro-credential; its current published version is awarded. */
  code: string;
  learner: { email: string; name?: string | undefined };
  /** Score on 20; without one the evaluation is recorded as a plain pass. */
  score?: number | undefined;
  /** Who recorded the result, for the record (e.g. `cli`). */
  recordedBy: string;
}

export interface IssuedCredential {
  /** The credential's `id`, a URL on this platform. */
  id: string;
  kind: ProofKind;
  courseUnit?: string | undefined;
  document: Record<string, unknown>;
}

export interface AwardResult {
  learner: string;
  microCredential: { code: string; version: number };
  /** False when everything had been issued before: nothing new was made. */
  issuedNow: boolean;
  credentials: IssuedCredential[];
}

/**
 * Awards rest on unique constraints (one proof per award key, one credential per status slot), which hold
 * under read committed; serializable would only turn concurrent cohorts into retries.
 */
export const AWARD_TRANSACTION: TransactionOptions = { isolation: 'read committed' };

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Checks the parts of an award that do not need the database; throws ValidationError naming each field. */
export function checkAwardInput(
  learner: AwardRequest['learner'],
  score: number | undefined,
  passMark: number,
): void {
  const problems = [];
  if (!EMAIL.test(learner.email.trim()))
    problems.push({
      field: 'email',
      rule: 'email-format',
      message: `"${learner.email}" is not an e-mail address`,
    });
  if (score !== undefined) {
    if (!Number.isFinite(score) || score < 0 || score > 20) {
      problems.push({
        field: 'score',
        rule: 'score-range',
        message: 'the score must be a number from 0 to 20',
      });
    } else if (score < passMark) {
      problems.push({
        field: 'score',
        rule: 'score-below-pass-mark',
        message: `${score}/20 is below the pass mark of ${passMark}: no proof of learning without a passed evaluation`,
      });
    }
  }
  if (problems.length) throw new ValidationError(problems, 'The award is not valid.');
}

interface PlannedProof {
  kind: ProofKind;
  courseUnitVersionId: string | null;
  courseUnitCode?: string;
  achievement: AchievementFacts;
}

async function plannedProofs(tx: Tx, view: MicroCredentialView, publicUrl: string): Promise<PlannedProof[]> {
  const base = `${publicUrl}/api/v1/institutions/${view.institution.slug}`;
  const mcAchievement: AchievementFacts = {
    id: `${base}/micro-credentials/${encodeURIComponent(view.code)}/versions/${view.version}`,
    kind: 'micro-credential-certificate',
    form: view.form,
    title: view.title,
    description: view.description,
    ects: view.ects,
    vksLevel: view.vksLevel,
    language: view.language,
    learningOutcomes: view.learningOutcomes ?? [],
    assessmentType: view.assessmentType,
    participationForm: view.participationForm,
    supervision: view.supervision,
    prerequisites: view.prerequisites,
    qaType: view.qaType,
    stackability: view.stackability,
    fieldOfStudy: view.fieldOfStudy,
    workloadHours: view.workloadHours,
    furtherInfoUrl: view.furtherInfoUrl,
    version: view.version,
  };
  const proofs: PlannedProof[] = [];
  if (view.proofOfLearning.includes('credit-certificate')) {
    const units = await tx
      .selectFrom('micro_credential_course_units as l')
      .innerJoin('course_unit_versions as v', 'v.id', 'l.course_unit_version_id')
      .innerJoin('course_units as u', 'u.id', 'v.course_unit_id')
      .selectAll('v')
      .select('u.code')
      .where('l.version_id', '=', view.id)
      .orderBy('l.position')
      .execute();
    for (const unit of units) {
      const title: LocalizedText = { nl: unit.title_nl, ...(unit.title_en ? { en: unit.title_en } : {}) };
      proofs.push({
        kind: 'credit-certificate',
        courseUnitVersionId: unit.id,
        courseUnitCode: unit.code,
        achievement: {
          ...mcAchievement,
          id: `${base}/course-units/${encodeURIComponent(unit.code)}/versions/${unit.version}`,
          kind: 'credit-certificate',
          title,
          description: undefined,
          ects: unit.ects,
          vksLevel: unit.vks_level,
          learningOutcomes: JSON.parse(unit.learning_outcomes) as LocalizedText[],
          workloadHours: undefined,
          stackability: undefined,
          version: unit.version,
          courseUnitCode: unit.code,
          partOf: { id: mcAchievement.id, title: view.title },
        },
      });
    }
  }
  proofs.push({
    kind: 'micro-credential-certificate',
    courseUnitVersionId: null,
    achievement: mcAchievement,
  });
  return proofs;
}

const awardKey = (
  learnerId: string,
  versionId: string,
  kind: ProofKind,
  courseUnitVersionId: string | null,
) => `${learnerId}|${versionId}|${kind}|${courseUnitVersionId ?? ''}`;

/**
 * Records a passed evaluation and issues the proofs of learning the form prescribes: the certificate,
 * and for form A one credit certificate per course unit. Idempotent per learner and micro-credential
 * version: awarding again issues nothing and returns the same credentials.
 *
 * @example
 * const result = await context.database.transaction((tx) => awardMicroCredential(tx, context, { institution, code: 'MC-DATA', learner: { email }, score: 15, recordedBy: 'cli' }));
 */
export async function awardMicroCredential(
  tx: Tx,
  context: IssuingContext,
  request: AwardRequest,
): Promise<AwardResult> {
  checkAwardInput(request.learner, request.score, context.settings.passMark);
  const view = await getPublishedMicroCredential(tx, request.institution, request.code);
  const learner = await upsertLearner(tx, request.learner);
  const planned = await plannedProofs(tx, view, context.settings.publicUrl);

  const existing = await tx
    .selectFrom('credentials')
    .selectAll()
    .where('learner_id', '=', learner.id)
    .where('micro_credential_version_id', '=', view.id)
    .execute();
  const byKey = new Map(existing.map((row) => [row.award_key, row]));
  const toIssue = planned.filter(
    (p) => !byKey.has(awardKey(learner.id, view.id, p.kind, p.courseUnitVersionId)),
  );

  if (toIssue.length > 0 && existing.length === 0) {
    await tx
      .insertInto('assessment_results')
      .values({
        id: randomUUID(),
        learner_id: learner.id,
        micro_credential_version_id: view.id,
        course_unit_version_id: null,
        score: request.score ?? null,
        passed: 1,
        assessed_at: nowIso(),
        recorded_by: request.recordedBy,
        created_at: nowIso(),
      })
      .execute();
  }

  const issued: IssuedCredential[] = [];
  if (toIssue.length > 0) {
    const did = institutionDid(context.settings.publicUrl, request.institution.slug);
    await ensureIssuerKey(tx, request.institution.id, context.masterKey);
    const key = await loadSigningKey(tx, request.institution.id, did, context.masterKey);
    const loader = signingLoader(tx, context);
    const issuer = issuerProfileFor(request.institution, context.settings.publicUrl);
    const tried = new Set<string>();
    for (const proof of toIssue) {
      const id = randomUUID();
      const url = credentialUrl(context.settings.publicUrl, id);
      const issuedAt = nowIso().replace(/\.\d{3}Z$/, 'Z');
      for (;;) {
        const slot = await pickStatusSlot(tx, context, request.institution, tried);
        tried.add(`${slot.listId}:${slot.index}`);
        const unsigned = buildOpenBadgeCredential({
          id: url,
          publicUrl: context.settings.publicUrl,
          issuer,
          achievement: proof.achievement,
          learner: { email: learner.email, name: learner.name, salt: randomBytes(16).toString('hex') },
          score: proof.kind === 'micro-credential-certificate' ? request.score : undefined,
          passMark: context.settings.passMark,
          issuedAt,
          status: { listUrl: slot.listUrl, index: slot.index },
        });
        const document = await signCredential(unsigned, key, loader);
        const inserted = await tx
          .insertInto('credentials')
          .values({
            id,
            credential_url: url,
            institution_id: request.institution.id,
            learner_id: learner.id,
            kind: proof.kind,
            micro_credential_version_id: view.id,
            course_unit_version_id: proof.courseUnitVersionId,
            award_key: awardKey(learner.id, view.id, proof.kind, proof.courseUnitVersionId),
            document: JSON.stringify(document),
            status_list_id: slot.listId,
            status_index: slot.index,
            status: STATUS.valid,
            status_reason: null,
            status_changed_at: null,
            issued_at: issuedAt,
          })
          .onConflict((oc) => oc.doNothing())
          .returning('id')
          .executeTakeFirst();
        if (inserted) break;
        // Either another process issued this very proof a moment ago (keep theirs), or it took the same
        // status index (take another one and sign again).
        const raced = await tx
          .selectFrom('credentials')
          .select('id')
          .where('award_key', '=', awardKey(learner.id, view.id, proof.kind, proof.courseUnitVersionId))
          .executeTakeFirst();
        if (raced) break;
      }
    }
  }

  const rows = await tx
    .selectFrom('credentials')
    .selectAll()
    .where('learner_id', '=', learner.id)
    .where('micro_credential_version_id', '=', view.id)
    .execute();
  const order = new Map(
    planned.map((p, i) => [awardKey(learner.id, view.id, p.kind, p.courseUnitVersionId), i]),
  );
  rows.sort((a, b) => (order.get(a.award_key) ?? 99) - (order.get(b.award_key) ?? 99));
  for (const row of rows) {
    const plan = planned.find(
      (p) => awardKey(learner.id, view.id, p.kind, p.courseUnitVersionId) === row.award_key,
    );
    issued.push({
      id: row.credential_url,
      kind: row.kind as ProofKind,
      courseUnit: plan?.courseUnitCode,
      document: JSON.parse(row.document),
    });
  }
  return {
    learner: learner.email,
    microCredential: { code: view.code, version: view.version },
    issuedNow: toIssue.length > 0,
    credentials: issued,
  };
}
