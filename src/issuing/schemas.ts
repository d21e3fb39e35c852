import { Type, type Static } from '@sinclair/typebox';
import { Nullable } from '../core/schema-types.ts';

/**
 * What issuing's routes answer: the response schemas Fastify serialises with, the OpenAPI document describes,
 * and the view types of the server and the web are `Static<>` of.
 */

export const ProofKindSchema = Type.Union([
  Type.Literal('credit-certificate'),
  Type.Literal('micro-credential-certificate'),
]);

export const CredentialStatusNameSchema = Type.Union([
  Type.Literal('valid'),
  Type.Literal('revoked'),
  Type.Literal('suspended'),
]);

/** A Dutch text and, when the catalogue has one, its English. */
export const TitlesSchema = Type.Object({ nl: Type.String(), en: Type.Optional(Type.String()) });

/** A credential as staff and its learner see it in lists. */
export const CredentialListItemSchema = Type.Object({
  id: Type.String({ description: "The credential's `id`, a URL on this platform." }),
  credentialId: Type.String(),
  kind: ProofKindSchema,
  titles: Type.Object(TitlesSchema.properties, {
    description:
      'What it was earned for: the course unit of a credit certificate, else the micro-credential.',
  }),
  courseUnit: Nullable(Type.String({ description: 'The course unit code of a credit certificate.' })),
  microCredential: Type.Object({
    code: Type.String(),
    version: Type.Integer(),
    title: Type.String({ description: 'The Dutch title (see titles).' }),
    titles: TitlesSchema,
  }),
  institution: Type.String(),
  learner: Type.Object({ email: Type.String(), name: Nullable(Type.String()) }),
  edition: Nullable(Type.String()),
  enrolmentId: Nullable(Type.String()),
  status: CredentialStatusNameSchema,
  suspendable: Type.Boolean({
    description: 'False when the credential has no suspension entry: it can be revoked, not suspended.',
  }),
  statusReason: Nullable(Type.String()),
  statusChangedAt: Nullable(Type.String()),
  issuedAt: Type.String(),
});
export type CredentialListItem = Static<typeof CredentialListItemSchema>;

/** A learner's own credential: the list item with the signed document. */
export const LearnerCredentialSchema = Type.Object({
  ...CredentialListItemSchema.properties,
  document: Type.Object({}, { additionalProperties: true, description: 'The signed credential.' }),
});
export type LearnerCredential = CredentialListItem & { document: Record<string, unknown> };

/** A status change as it was made. */
export const StatusChangeSchema = Type.Object({
  id: Type.String(),
  status: CredentialStatusNameSchema,
  reason: Nullable(Type.String()),
  changedAt: Type.String(),
});
export type StatusChange = Static<typeof StatusChangeSchema>;

/** A proof of learning held by a learner: what its list item says of the proof itself. */
export const ProofSummarySchema = Type.Pick(CredentialListItemSchema, [
  'id',
  'credentialId',
  'kind',
  'courseUnit',
  'issuedAt',
]);
export type ProofSummary = Static<typeof ProofSummarySchema>;

/** A proof an enrolment is owed by the results that count. */
export const OwedProofSchema = Type.Object({
  kind: ProofKindSchema,
  courseUnit: Nullable(Type.String({ description: 'The course unit of a credit certificate.' })),
});

export const IssuanceStatusSchema = Type.Union([
  Type.Literal('issued'),
  Type.Literal('already-issued'),
  Type.Literal('not-eligible'),
  Type.Literal('failed'),
]);
export type IssuanceStatus = Static<typeof IssuanceStatusSchema>;

/** What issuing did (or, in a preview, would do) for one enrolment. */
export const EnrolmentIssuanceSchema = Type.Object({
  enrolmentId: Type.String(),
  learner: Type.Object({ email: Type.String(), name: Type.String() }),
  edition: Type.String(),
  status: IssuanceStatusSchema,
  issued: Type.Array(ProofSummarySchema, { description: 'Issued in this run (empty in a preview).' }),
  alreadyIssued: Type.Array(ProofSummarySchema, { description: 'Owed and held already.' }),
  toIssue: Type.Array(OwedProofSchema, { description: 'Owed and not held yet: what a run issues.' }),
  heldNotOwed: Type.Array(ProofSummarySchema, {
    description: 'Held, but no longer earned by the results that count (a correction): revocable.',
  }),
  error: Type.Optional(Type.String({ description: 'Why issuing failed; running again resumes.' })),
});
export type EnrolmentIssuance = Static<typeof EnrolmentIssuanceSchema>;

/** What issuing an edition's cohort did (or would do), learners counted by outcome. */
export const CohortIssuanceSchema = Type.Object({
  issued: Type.Integer({ description: 'In a preview: the learners who would receive something.' }),
  alreadyIssued: Type.Integer(),
  notEligible: Type.Integer(),
  failed: Type.Integer(),
  learners: Type.Array(EnrolmentIssuanceSchema),
});
export type CohortIssuance = Static<typeof CohortIssuanceSchema>;

/**
 * A signed document as stored: open, so that nothing the signature covers is dropped or reordered (the
 * routes send the stored bytes; this schema only describes them).
 */
const signedDocument = (description: string) =>
  Type.Object(
    {
      '@context': Type.Array(Type.Unknown()),
      id: Type.String(),
      type: Type.Array(Type.String()),
      issuer: Type.Union([Type.String(), Type.Object({ id: Type.String() }, { additionalProperties: true })]),
      validFrom: Type.String(),
      credentialSubject: Type.Object({}, { additionalProperties: true }),
      proof: Type.Unknown(),
    },
    { additionalProperties: true, description },
  );

/** An Open Badges 3.0 credential issued here, signed (the share link's answer). */
export const SignedCredentialSchema = signedDocument(
  'The signed OpenBadgeCredential, byte for byte as issued.',
);

/** A signed Bitstring Status List credential. */
export const StatusListCredentialSchema = signedDocument(
  'The signed BitstringStatusListCredential, byte for byte as last signed.',
);
