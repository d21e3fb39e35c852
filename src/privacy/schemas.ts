import { Type, type Static } from '@sinclair/typebox';
import { closedObject, Nullable } from '../core/schema-types.ts';
import { MembershipSchema } from '../accounts/schemas.ts';
import { LearnerCredentialSchema } from '../issuing/schemas.ts';

/**
 * The shapes of a person's own data: the full export and the erasure request. The web takes its types from
 * here; the export is the documented answer of `GET /api/v1/me/data-export`.
 */

const Json = Type.Unknown({ description: 'A JSON value as it was stored.' });
const Iso = Type.String({ description: 'ISO-8601 UTC' });

// ---- requests

export const EraseBody = closedObject({
  password: Type.String({ maxLength: 256 }),
  confirmation: Type.String({ maxLength: 254, description: "The account's e-mail address, typed out." }),
});

// ---- the export

export const ExportedAccountSchema = closedObject({
  id: Type.String(),
  name: Type.String(),
  email: Type.String(),
  emailVerifiedAt: Nullable(Iso),
  pendingEmail: Nullable(Type.String()),
  createdAt: Iso,
});

export const ExportedEnrolmentSchema = closedObject({
  id: Type.String(),
  institution: Type.String({ description: 'The slug of the institution.' }),
  edition: Type.String({ description: 'The code of the edition.' }),
  microCredential: Type.String({ description: 'The code of the micro-credential.' }),
  startsOn: Type.String(),
  endsOn: Type.String(),
  status: Type.String(),
  waitlistSince: Nullable(Iso),
  prerequisitesConfirmedAt: Nullable(Iso),
  reduction: Nullable(Type.String({ description: 'The code of the tuition reduction.' })),
  amountDueCents: Type.Integer(),
  decisionReason: Nullable(Type.String()),
  createdAt: Iso,
  updatedAt: Iso,
});

export const ExportedEvaluationSchema = closedObject({
  id: Type.String(),
  enrolmentId: Nullable(Type.String()),
  microCredentialVersionId: Nullable(Type.String()),
  courseUnitVersionId: Nullable(Type.String()),
  score: Nullable(Type.Number()),
  passed: Type.Boolean(),
  assessedOn: Type.String(),
  assessmentType: Type.String(),
  supervision: Type.String(),
  supersedesId: Nullable(Type.String()),
  createdAt: Iso,
});

export const ExportedShareSchema = closedObject({ credentialId: Type.String(), sharedAt: Iso });

export const ExportedCollectionSchema = closedObject({
  id: Type.String(),
  publicId: Type.String(),
  title: Type.String(),
  description: Nullable(Type.String()),
  shared: Type.Boolean(),
  createdAt: Iso,
  updatedAt: Iso,
  items: Type.Array(
    closedObject({
      kind: Type.Union([Type.Literal('issued'), Type.Literal('imported')]),
      id: Type.String(),
      position: Type.Integer(),
    }),
  ),
});

export const ExportedImportSchema = closedObject({
  id: Type.String(),
  source: Type.String(),
  sourceUrl: Nullable(Type.String()),
  document: Type.Unknown({ description: 'The credential as received (parsed).' }),
  credentialId: Nullable(Type.String()),
  name: Nullable(Type.String()),
  issuerId: Nullable(Type.String()),
  issuerName: Nullable(Type.String()),
  validFrom: Nullable(Type.String()),
  identity: Type.String(),
  verification: Type.Unknown({ description: 'The last verification result.' }),
  verified: Type.Boolean(),
  checkedAt: Iso,
  importedAt: Iso,
});

/** Who acted in an audit entry, as the person may know it: the kind of actor, and whether it was they. */
export const ExportedActorSchema = closedObject({
  type: Type.String({ description: 'The kind of actor: user, token, cli or system.' }),
  self: Type.Boolean({ description: 'Whether the person acted; for anyone else, who it was is not given.' }),
});

export const ExportedAuditEntrySchema = closedObject({
  id: Type.String(),
  at: Iso,
  actor: ExportedActorSchema,
  role: Nullable(Type.String()),
  institutionId: Nullable(Type.String()),
  action: Type.String(),
  objectType: Type.String(),
  objectId: Type.String(),
  before: Json,
  after: Json,
});

/** Everything Stapel holds about a person, as a download. */
export const DataExportSchema = closedObject({
  format: Type.Literal('stapel-data-export'),
  version: Type.Literal(1),
  exportedAt: Iso,
  account: ExportedAccountSchema,
  memberships: Type.Array(MembershipSchema),
  enrolments: Type.Array(ExportedEnrolmentSchema),
  evaluations: Type.Array(ExportedEvaluationSchema),
  credentials: Type.Array(LearnerCredentialSchema, {
    description: 'The credentials as issued; `document` is the signed document as stored.',
  }),
  shares: Type.Array(ExportedShareSchema),
  collections: Type.Array(ExportedCollectionSchema),
  importedCredentials: Type.Array(ExportedImportSchema),
  audit: Type.Array(ExportedAuditEntrySchema, {
    description:
      'The audit entries about them: the object is their account, an enrolment, result, credential or learner record of theirs, or their wallet.',
  }),
});
export type DataExport = Static<typeof DataExportSchema>;

/** The answer to an erasure: the account is gone, the cookie cleared. */
export const ErasedSchema = closedObject({ erasedAt: Iso });
export type Erased = Static<typeof ErasedSchema>;
