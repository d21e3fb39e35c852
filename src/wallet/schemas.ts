import { Type, type Static } from '@sinclair/typebox';
import { Nullable, literalUnion } from '../core/schema-types.ts';
import {
  CredentialListItemSchema,
  CredentialStatusNameSchema,
  ProofKindSchema,
  TitlesSchema,
} from '../issuing/schemas.ts';
import type { VerificationResult } from '../verification/verify.ts';

/**
 * What the credential page's and the collections' routes answer: the response schemas Fastify serialises
 * with, and the types the server and the web take from them (`Static<>`).
 */

export const CredentialAccessSchema = literalUnion(['holder', 'staff', 'public', 'private'] as const);

/**
 * A verification result as `POST /api/v1/verify` answers it (its checks worded in the request's language).
 * Open here: the verification routes describe it in full.
 */
export const VerificationResultViewSchema = Type.Unsafe<VerificationResult>(
  Type.Object(
    {
      verified: Type.Boolean(),
      checks: Type.Array(Type.Object({}, { additionalProperties: true })),
      issuer: Type.Object({}, { additionalProperties: true }),
      credential: Type.Object({}, { additionalProperties: true }),
    },
    { additionalProperties: true, description: 'The verification result, as POST /api/v1/verify gives it.' },
  ),
);

/** Another credential of the same holder, linked from this one (a form A micro-credential's credits). */
export const RelatedCredentialSchema = Type.Object({
  id: Type.String({ description: 'The credential id (a UUID): its page is /credentials/<id>.' }),
  url: Type.String({ description: "The credential's `id`, a URL on this platform." }),
  kind: ProofKindSchema,
  title: TitlesSchema,
  courseUnit: Nullable(Type.String()),
  issuedAt: Type.String(),
  status: CredentialStatusNameSchema,
});
export type RelatedCredential = Static<typeof RelatedCredentialSchema>;

/** Where a readable credential can be downloaded; the same access as its JSON. */
export const CredentialDownloadsSchema = Type.Object({
  json: Type.String(),
  pdfNl: Type.String(),
  pdfEn: Type.String(),
  png: Type.String(),
  svg: Type.String(),
});

/** LinkedIn's "add to profile" link, and the same fields to copy by hand. */
export const LinkedInLinkSchema = Type.Object({
  url: Type.String(),
  fields: Type.Record(Type.String(), Type.String()),
});

/** What a readable credential's page shows, in both languages where the catalogue has them. */
export const CredentialDetailsSchema = Type.Object({
  kind: ProofKindSchema,
  form: literalUnion(['regular', 'outside-regular'] as const),
  title: CredentialListItemSchema.properties.titles,
  courseUnit: CredentialListItemSchema.properties.courseUnit,
  microCredential: Type.Object({
    code: Type.String(),
    version: Type.Integer(),
    title: TitlesSchema,
  }),
  institution: Type.Object({ slug: Type.String(), name: TitlesSchema }),
  issuer: Type.Object({
    name: Type.Optional(Type.String({ description: 'As the verifier names it at its trust level.' })),
    trust: literalUnion(['recognised', 'unrecognised', 'unconfirmed'] as const),
  }),
  learnerName: Nullable(Type.String()),
  issuedAt: Type.String(),
  ects: Type.Number(),
  vksLevel: Type.Integer({ description: 'VKS level, the same number as the EQF level.' }),
  learningOutcomes: Type.Array(TitlesSchema),
  assessmentType: Nullable(TitlesSchema),
  supervision: Nullable(
    literalUnion(['unsupervised-no-id-check', 'supervised-no-id-check', 'supervised-with-id-check'] as const),
  ),
  qaType: literalUnion(['internal-and-external', 'institution'] as const),
  badgeImage: Nullable(Type.String({ description: "The achievement's image (a URL or a data: URL)." })),
  status: CredentialStatusNameSchema,
  statusChangedAt: Nullable(Type.String()),
  statusReason: Nullable(Type.String()),
  creditCertificates: Type.Array(RelatedCredentialSchema, {
    description: 'Form A: the same holder’s credit certificates of the same micro-credential version.',
  }),
  downloads: CredentialDownloadsSchema,
  linkedIn: Nullable(
    Type.Object(
      { nl: LinkedInLinkSchema, en: LinkedInLinkSchema },
      { description: 'For the holder only: adding it to their LinkedIn profile, in either language.' },
    ),
  ),
  verification: VerificationResultViewSchema,
});
export type CredentialDetails = Static<typeof CredentialDetailsSchema>;

/** A credential's page: to a viewer who may not read it, only that it exists and is private. */
export const CredentialViewSchema = Type.Object({
  id: Type.String(),
  url: Type.String(),
  access: CredentialAccessSchema,
  shared: Type.Boolean({ description: 'Whether the holder shares it (anyone with the link may see it).' }),
  credential: Nullable(CredentialDetailsSchema),
});
export type CredentialView = Static<typeof CredentialViewSchema>;

export const ShareBodySchema = Type.Object({ shared: Type.Boolean() }, { additionalProperties: false });
export const ShareStateSchema = Type.Object({ id: Type.String(), shared: Type.Boolean() });
export type ShareState = Static<typeof ShareStateSchema>;

export const CollectionItemKindSchema = literalUnion(['issued', 'imported'] as const);
export type CollectionItemKind = Static<typeof CollectionItemKindSchema>;

export const CollectionItemRefSchema = Type.Object(
  {
    kind: CollectionItemKindSchema,
    id: Type.String({
      maxLength: 100,
      description: 'A credential id (issued) or an imported credential id.',
    }),
  },
  { additionalProperties: false },
);
export type CollectionItemRef = Static<typeof CollectionItemRefSchema>;

/** A collection as its owner writes it: every field, in the order the items are shown. */
export const CollectionInputSchema = Type.Object(
  {
    title: Type.String({ maxLength: 200 }),
    description: Type.Optional(Nullable(Type.String({ maxLength: 2000 }))),
    shared: Type.Optional(Type.Boolean({ default: false })),
    items: Type.Optional(Type.Array(CollectionItemRefSchema, { maxItems: 200 })),
  },
  { additionalProperties: false },
);
export type CollectionInput = Static<typeof CollectionInputSchema>;

/** A collection as its owner sees it. */
export const CollectionSchema = Type.Object({
  id: Type.String(),
  publicId: Type.String({ description: 'The unguessable part of its public link /collections/<publicId>.' }),
  title: Type.String(),
  description: Nullable(Type.String()),
  shared: Type.Boolean(),
  items: Type.Array(Type.Object({ kind: CollectionItemKindSchema, id: Type.String() })),
  createdAt: Type.String(),
  updatedAt: Type.String(),
});
export type Collection = Static<typeof CollectionSchema>;

/** One credential of a shared collection, as anyone with its link sees it. */
export const PublicCollectionItemSchema = Type.Object({
  kind: CollectionItemKindSchema,
  id: Type.String(),
  title: Type.String(),
  institution: Nullable(Type.String({ description: 'The issuer, as the verifier names it.' })),
  issuerTrust: literalUnion(['recognised', 'unrecognised', 'unconfirmed'] as const),
  issuedAt: Nullable(Type.String()),
  status: CredentialStatusNameSchema,
  verified: Type.Boolean({ description: 'The live verification verdict.' }),
  page: Nullable(Type.String({ description: "The credential's page, when its holder shares it." })),
  json: Type.String({ description: 'The signed credential, through the collection.' }),
});
export type PublicCollectionItem = Static<typeof PublicCollectionItemSchema>;

export const PublicCollectionSchema = Type.Object({
  publicId: Type.String(),
  title: Type.String(),
  description: Nullable(Type.String()),
  owner: Nullable(Type.String({ description: 'The name of the one who shares it.' })),
  updatedAt: Type.String(),
  items: Type.Array(PublicCollectionItemSchema),
});
export type PublicCollection = Static<typeof PublicCollectionSchema>;
