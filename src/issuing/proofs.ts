import { randomBytes, randomUUID } from 'node:crypto';
import type { KeyPair } from '@digitalbazaar/ed25519-multikey';
import type { DocumentLoader } from '@digitalbazaar/vc';
import type { Db, Tx } from '../core/database.ts';
import { nowIso } from '../core/database.ts';
import type { Command } from '../core/command.ts';
import type { CredentialRow } from '../core/schema.ts';
import type { MicroCredentialView } from '../catalogue/schemas.ts';
import type { LocalizedText, ProofKind } from '../catalogue/rules.ts';
import { STATUS } from '../credentials/bitstring.ts';
import { institutionDid } from '../credentials/did.ts';
import { ensureIssuerKey, loadSigningKey } from '../credentials/keys.ts';
import {
  buildOpenBadgeCredential,
  type AchievementFacts,
  type IssuerProfile,
} from '../credentials/open-badge.ts';
import { issuerProfileFor } from '../credentials/issuer-profile.ts';
import { credentialUrl } from '../credentials/platform-documents.ts';
import { signCredential } from '../credentials/sign.ts';
import type { Institution } from '../institutions/store.ts';
import type { IssuingContext } from './context.ts';
import type { Learner } from './learners.ts';
import { pickStatusSlot } from './status-lists.ts';
import { signingLoader } from './signing.ts';
import { badgeImageUrl } from '../catalogue/badge-images.ts';

/** One proof of learning a micro-credential version yields, ready to be built for a learner. */
export interface PlannedProof {
  kind: ProofKind;
  courseUnitVersionId: string | null;
  courseUnitCode?: string | undefined;
  achievement: AchievementFacts;
}

/**
 * The proofs of learning of a micro-credential version, in the order they are issued: for form A one
 * credit certificate per course unit (in the version's order), then the micro-credential certificate.
 *
 * @example
 * const proofs = await plannedProofs(tx, view, context.settings.publicUrl);
 */
export async function plannedProofs(
  tx: Tx,
  view: MicroCredentialView,
  publicUrl: string,
): Promise<PlannedProof[]> {
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
    badgeImageUrl: badgeImageUrl(publicUrl, view.id),
  };
  const proofs: PlannedProof[] = [];
  if (view.proofOfLearning.includes('credit-certificate')) {
    for (const unit of await courseUnitsOf(tx, view.id)) {
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

/**
 * The course units of a micro-credential version, pinned to the version that was published with it, in
 * the version's order.
 *
 * @example
 * const units = await courseUnitsOf(db, view.id); // [{ code: 'DATA101', id, version, ... }, ...]
 */
export async function courseUnitsOf(db: Db | Tx, microCredentialVersionId: string) {
  return db
    .selectFrom('micro_credential_course_units as l')
    .innerJoin('course_unit_versions as v', 'v.id', 'l.course_unit_version_id')
    .innerJoin('course_units as u', 'u.id', 'v.course_unit_id')
    .selectAll('v')
    .select('u.code')
    .where('l.version_id', '=', microCredentialVersionId)
    .orderBy('l.position')
    .execute();
}

/**
 * The key that makes issuing idempotent: one proof per learner, micro-credential version, kind and course
 * unit, whichever way it was issued (a direct award or an evaluation).
 *
 * @example
 * awardKey(learner.id, view.id, 'credit-certificate', unitVersionId);
 */
export const awardKey = (
  learnerId: string,
  versionId: string,
  kind: ProofKind,
  courseUnitVersionId: string | null,
): string => `${learnerId}|${versionId}|${kind}|${courseUnitVersionId ?? ''}`;

/** What signing needs within one transaction: the institution's key, its issuer profile and a loader. */
export interface ProofSigner {
  institution: Institution;
  key: KeyPair;
  loader: DocumentLoader;
  issuer: IssuerProfile;
}

/**
 * Loads the institution's signing key (creating it on first use) for the open transaction.
 *
 * @example
 * const signer = await proofSigner(tx, context, institution);
 */
export async function proofSigner(
  tx: Tx,
  context: IssuingContext,
  institution: Institution,
): Promise<ProofSigner> {
  const did = institutionDid(context.settings.publicUrl, institution.slug);
  await ensureIssuerKey(tx, institution.id, context.masterKey);
  return {
    institution,
    key: await loadSigningKey(tx, institution.id, did, context.masterKey),
    loader: signingLoader(tx, context),
    issuer: issuerProfileFor(institution, context.settings.publicUrl),
  };
}

export interface StoreProofInput {
  signer: ProofSigner;
  learner: Learner;
  microCredentialVersionId: string;
  proof: PlannedProof;
  /** Score on 20 shown on this proof, when the evaluation gave one. */
  score?: number | null | undefined;
  /** The enrolment the proof was earned in; null for a direct award. */
  enrolmentId?: string | null | undefined;
}

export interface StoredProof {
  row: CredentialRow;
  /** False when the proof existed already (issued before, or a moment ago by another process). */
  issuedNow: boolean;
}

/**
 * Builds, signs and stores one proof of learning under its award key, with a random revocation slot (and
 * a suspension slot when the installation issues them, STAPEL_CREDENTIAL_STATUS), and
 * writes its audit record with the command's actor and role; does nothing when the award key is taken.
 * The caller checks beforehand that the learner earned the proof.
 *
 * @example
 * const { row, issuedNow } = await storeProof(cmd, context, { signer, learner, microCredentialVersionId, proof });
 */
export async function storeProof(
  cmd: Command,
  context: IssuingContext,
  options: StoreProofInput,
): Promise<StoredProof> {
  const { tx } = cmd;
  const { signer, learner, proof } = options;
  const versionId = options.microCredentialVersionId;
  const key = awardKey(learner.id, versionId, proof.kind, proof.courseUnitVersionId);
  const existing = await findByAwardKey(tx, key);
  if (existing) return { row: existing, issuedNow: false };
  const id = randomUUID();
  const url = credentialUrl(context.settings.publicUrl, id);
  const issuedAt = nowIso().replace(/\.\d{3}Z$/, 'Z');
  const tried = new Set<string>();
  const suspendable = context.settings.credentialStatus.includes('suspension');
  for (;;) {
    const slot = await pickStatusSlot(tx, context, signer.institution, 'revocation', tried);
    tried.add(`${slot.listId}:${slot.index}`);
    const suspension = suspendable
      ? await pickStatusSlot(tx, context, signer.institution, 'suspension', tried)
      : undefined;
    if (suspension) tried.add(`${suspension.listId}:${suspension.index}`);
    const unsigned = buildOpenBadgeCredential({
      id: url,
      publicUrl: context.settings.publicUrl,
      issuer: signer.issuer,
      achievement: proof.achievement,
      learner: { email: learner.email, name: learner.name, salt: randomBytes(16).toString('hex') },
      score: options.score ?? undefined,
      passMark: context.settings.passMark,
      issuedAt,
      status: { listUrl: slot.listUrl, index: slot.index },
      suspension: suspension ? { listUrl: suspension.listUrl, index: suspension.index } : undefined,
    });
    const document = await signCredential(unsigned, signer.key, signer.loader);
    const inserted = await tx
      .insertInto('credentials')
      .values({
        id,
        credential_url: url,
        institution_id: signer.institution.id,
        learner_id: learner.id,
        kind: proof.kind,
        micro_credential_version_id: versionId,
        course_unit_version_id: proof.courseUnitVersionId,
        award_key: key,
        document: JSON.stringify(document),
        status_list_id: slot.listId,
        status_index: slot.index,
        suspension_list_id: suspension?.listId ?? null,
        suspension_index: suspension?.index ?? null,
        status: STATUS.valid,
        status_reason: null,
        status_changed_at: null,
        issued_at: issuedAt,
        enrolment_id: options.enrolmentId ?? null,
      })
      .onConflict((oc) => oc.doNothing())
      .returning('id')
      .executeTakeFirst();
    if (inserted) break;
    // Either another process issued this very proof a moment ago (keep theirs), or it took the same
    // revocation or suspension index (take others and sign again).
    const raced = await findByAwardKey(tx, key);
    if (raced) return { row: raced, issuedNow: false };
  }
  await cmd.audit({
    action: 'credential.issue',
    objectType: 'credential',
    objectId: id,
    institutionId: signer.institution.id,
    after: {
      kind: proof.kind,
      courseUnit: proof.courseUnitCode ?? null,
      microCredentialVersionId: versionId,
      learnerId: learner.id,
      enrolmentId: options.enrolmentId ?? null,
    },
  });
  const row = await findByAwardKey(tx, key);
  if (!row) throw new Error(`Credential ${id} vanished within its own transaction.`);
  return { row, issuedNow: true };
}

/**
 * The credentials a learner holds for a micro-credential version, in the order they were issued: what an
 * award or an issue run compares with what the version yields.
 *
 * @example
 * const held = await heldCredentials(tx, learner.id, view.id);
 */
export function heldCredentials(db: Db | Tx, learnerId: string, versionId: string): Promise<CredentialRow[]> {
  return db
    .selectFrom('credentials')
    .selectAll()
    .where('learner_id', '=', learnerId)
    .where('micro_credential_version_id', '=', versionId)
    .orderBy('issued_at')
    .execute();
}

function findByAwardKey(tx: Tx, key: string): Promise<CredentialRow | undefined> {
  return tx.selectFrom('credentials').selectAll().where('award_key', '=', key).executeTakeFirst();
}
