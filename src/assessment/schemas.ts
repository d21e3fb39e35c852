import { Type, type Static } from '@sinclair/typebox';
import { Nullable, literalUnion } from '../core/schema-types.ts';
import { FORMS, SUPERVISION_OPTIONS, type ProofKind } from '../catalogue/rules.ts';

/**
 * The shapes of evaluation's HTTP contract: what assessors send, and every 2xx body the results routes
 * answer. The routes serialise with these schemas (a property missing here never leaves the server), the
 * OpenAPI document shows them, and the view types below derive from them, so the web takes its types from
 * here and never from the store.
 */

const PROOF_KINDS: readonly ProofKind[] = ['credit-certificate', 'micro-credential-certificate'];

// ---------------------------------------------------------------------------------------------------
// Requests

export const EditionParams = Type.Object({ slug: Type.String(), code: Type.String() });
export const ResultParams = Type.Object({ slug: Type.String(), code: Type.String(), id: Type.String() });

const resultFields = {
  // Type lists rather than unions: with type coercion on, a union's first branch would turn null into 0.
  score: Type.Optional(Type.Unsafe<number | null>({ type: ['number', 'null'], description: 'Score on 20' })),
  passed: Type.Optional(Type.Boolean({ description: 'Derived from the score when absent' })),
  assessedOn: Type.String({ maxLength: 10, description: 'Date of the assessment, YYYY-MM-DD' }),
  assessmentType: Type.String({ maxLength: 300 }),
  supervision: Type.String({
    maxLength: 40,
    description: `Supervision and identity verification: ${SUPERVISION_OPTIONS.join(', ')}`,
  }),
};

/** One result, for a learner named by enrolment or e-mail address. */
export const ResultInputSchema = Type.Object(
  {
    enrolmentId: Type.Optional(Type.String({ maxLength: 64 })),
    email: Type.Optional(Type.String({ maxLength: 254 })),
    courseUnit: Type.Optional(Type.Unsafe<string | null>({ type: ['string', 'null'], maxLength: 40 })),
    ...resultFields,
  },
  { additionalProperties: false },
);

/** A correction of a result: its new fields and why. */
export const CorrectionInputSchema = Type.Object(
  { ...resultFields, reason: Type.String({ maxLength: 1000 }) },
  { additionalProperties: false },
);

/** A results file, as the CSV body itself or as JSON `{ csv }`. */
export const ImportInputSchema = Type.Union([
  Type.String({ maxLength: 2_000_000 }),
  Type.Object({ csv: Type.String({ maxLength: 2_000_000 }) }, { additionalProperties: false }),
]);

// ---------------------------------------------------------------------------------------------------
// Responses

const LocalizedText = Type.Object({ nl: Type.String(), en: Type.Optional(Type.String()) });

const MicroCredentialRef = Type.Object({
  code: Type.String(),
  version: Type.Integer(),
  form: literalUnion(FORMS),
  title: LocalizedText,
});

/** A recorded result, as staff and learners see it. */
export const ResultViewSchema = Type.Object({
  id: Type.String(),
  /** The enrolment the result is for; null for a result awarded without an edition. */
  enrolmentId: Nullable(Type.String()),
  courseUnit: Nullable(Type.String()),
  score: Nullable(Type.Number()),
  passed: Type.Boolean(),
  assessedOn: Type.String({ description: 'YYYY-MM-DD' }),
  assessmentType: Type.String(),
  supervision: Type.String(),
  assessor: Type.Object({ id: Type.String(), label: Type.String() }),
  supersedes: Nullable(Type.String({ description: 'The record this one corrects' })),
  correctionReason: Nullable(Type.String()),
  supersededBy: Nullable(Type.String({ description: 'The record that corrected this one' })),
  recordedAt: Type.String(),
});

/** A proof of learning the results earn now. */
export const OwedProofSchema = Type.Object({
  kind: literalUnion(PROOF_KINDS),
  courseUnit: Nullable(Type.String()),
});

/** One requirement (a course unit, or the whole): the result that counts and every record, oldest first. */
export const RequirementResultsSchema = Type.Object({
  courseUnit: Nullable(Type.String()),
  title: LocalizedText,
  current: Nullable(ResultViewSchema),
  history: Type.Array(ResultViewSchema),
});

/** The results of one learner in one edition. */
export const LearnerResultsSchema = Type.Object({
  enrolmentId: Type.String(),
  learner: Type.Object({ email: Type.String(), name: Type.String() }),
  requirements: Type.Array(RequirementResultsSchema),
  owed: Type.Array(OwedProofSchema),
});

/** A learner's results of the edition's micro-credential version awarded without an edition. */
export const DirectResultsSchema = Type.Object({
  learner: Type.Object({ email: Type.String(), name: Nullable(Type.String()) }),
  requirements: Type.Array(RequirementResultsSchema),
  owed: Type.Array(OwedProofSchema),
});

/** The results page of an edition. */
export const EditionResultsSchema = Type.Object({
  edition: Type.Object({ code: Type.String(), microCredential: MicroCredentialRef }),
  passMark: Type.Number(),
  courseUnits: Type.Array(Type.Object({ code: Type.String(), title: LocalizedText })),
  learners: Type.Array(LearnerResultsSchema),
  /** Learners awarded the same micro-credential version without an edition (`stapel award`). */
  awardedWithoutEdition: Type.Array(DirectResultsSchema),
});

/** A learner's own results: per edition, or (edition null) awarded without one. */
export const MyResultsSchema = Type.Object({
  institution: Type.String(),
  /** The edition's code; null for a result awarded without an edition. */
  edition: Nullable(Type.String()),
  microCredential: MicroCredentialRef,
  /** The enrolment's status; null without an edition. */
  enrolmentStatus: Nullable(Type.String()),
  requirements: Type.Array(RequirementResultsSchema),
  owed: Type.Array(OwedProofSchema),
});

const HeldProofSchema = Type.Object({
  id: Type.String({ description: "The credential's URL" }),
  credentialId: Type.Optional(Type.String()),
  kind: Type.Optional(literalUnion(PROOF_KINDS)),
  courseUnit: Type.Optional(Nullable(Type.String())),
  issuedAt: Type.Optional(Type.String()),
});

/**
 * What followed the results for one enrolment: what issuing did (when it is wired, every field below; the
 * enrolment and the held proofs no longer earned otherwise).
 */
export const FollowUpSchema = Type.Object({
  enrolmentId: Type.String(),
  learner: Type.Optional(Type.Object({ email: Type.String(), name: Type.String() })),
  edition: Type.Optional(Type.String()),
  status: Type.Optional(literalUnion(['issued', 'already-issued', 'not-eligible', 'failed'] as const)),
  issued: Type.Optional(Type.Array(HeldProofSchema)),
  alreadyIssued: Type.Optional(Type.Array(HeldProofSchema)),
  toIssue: Type.Optional(Type.Array(OwedProofSchema)),
  heldNotOwed: Type.Array(HeldProofSchema),
  error: Type.Optional(Type.String()),
});

/** The answer to recording one result. */
export const RecordedSchema = Type.Object({
  result: ResultViewSchema,
  issuance: Type.Optional(FollowUpSchema),
});

/** The answer to a correction, with a warning per held proof the results no longer earn. */
export const CorrectedSchema = Type.Object({
  result: ResultViewSchema,
  issuance: Type.Optional(FollowUpSchema),
  warnings: Type.Array(Type.String()),
});

/** The answer to an imported results file (a refused file is a 422 problem with every problem by line). */
export const ImportedSchema = Type.Object({
  ok: Type.Literal(true),
  imported: Type.Integer(),
  problems: Type.Array(Type.Object({ line: Type.Integer(), field: Type.String(), message: Type.String() })),
  issuance: Type.Array(FollowUpSchema),
});

export type ResultView = Static<typeof ResultViewSchema>;
/** One problem of a refused or partly imported results file, by line. */
export type ImportProblem = Static<typeof ImportedSchema>['problems'][number];
export type RequirementResults = Static<typeof RequirementResultsSchema>;
export type LearnerResults = Static<typeof LearnerResultsSchema>;
export type DirectResults = Static<typeof DirectResultsSchema>;
export type EditionResults = Static<typeof EditionResultsSchema>;
export type MyResults = Static<typeof MyResultsSchema>;
export type FollowUp = Static<typeof FollowUpSchema>;
