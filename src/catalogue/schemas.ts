import { Type, type Static } from '@sinclair/typebox';
import { DateTime, Nullable, literalUnion } from '../core/schema-types.ts';
import { InstitutionSchema } from '../core/institution.ts';
import { FORMS, PARTICIPATION_FORMS, QA_TYPES, SUPERVISION_OPTIONS } from './rules.ts';
import type { VersionState } from './version-states.ts';

/**
 * JSON schemas of the catalogue's public contract. The same schemas validate HTTP bodies, the CLI import
 * file and feed the OpenAPI document. They check shape only: the framework rules (ECTS limits, forms,
 * mandatory EU elements) live in rules.ts, so that a refusal always names the rule.
 */

export const LocalizedTextSchema = Type.Object(
  { nl: Type.String({ maxLength: 4000 }), en: Type.Optional(Type.String({ maxLength: 4000 })) },
  { additionalProperties: false },
);

export const PartnerSchema = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 200 }),
    kind: Type.Optional(
      literalUnion(['company', 'sector-organisation', 'public-body', 'education', 'other'] as const),
    ),
    url: Type.Optional(Type.String({ maxLength: 500 })),
  },
  { additionalProperties: false },
);

const definitionProperties = {
  title: LocalizedTextSchema,
  description: Type.Optional(LocalizedTextSchema),
  form: literalUnion(FORMS),
  ects: Type.Number(),
  vksLevel: Type.Integer(),
  learningOutcomes: Type.Optional(Type.Array(LocalizedTextSchema, { maxItems: 50 })),
  courseUnits: Type.Optional(Type.Array(Type.String({ maxLength: 40 }), { maxItems: 30 })),
  assessmentType: Type.Optional(LocalizedTextSchema),
  participationForm: Type.Optional(literalUnion(PARTICIPATION_FORMS)),
  supervision: Type.Optional(literalUnion(SUPERVISION_OPTIONS)),
  prerequisites: Type.Optional(LocalizedTextSchema),
  language: Type.String({ maxLength: 10 }),
  qaType: Type.Optional(literalUnion(QA_TYPES)),
  tuitionEur: Type.Optional(Type.Number()),
  partners: Type.Optional(Type.Array(PartnerSchema, { maxItems: 20 })),
  stackability: Type.Optional(LocalizedTextSchema),
  fieldOfStudy: Type.Optional(Type.String({ maxLength: 200 })),
  workloadHours: Type.Optional(Type.Number()),
  furtherInfoUrl: Type.Optional(Type.String({ maxLength: 500 })),
};

/** Body of PUT (a full replacement of the working version). */
export const MicroCredentialUpdateSchema = Type.Object(definitionProperties, { additionalProperties: false });
/** Body of POST, and one entry of a `catalog import` file. */
export const MicroCredentialInputSchema = Type.Object(
  {
    code: Type.String({ maxLength: 40 }),
    ...definitionProperties,
    /** Import only: publish the entry straight away (it must then pass every publishing rule). */
    status: Type.Optional(literalUnion(['draft', 'published'] as const)),
  },
  { additionalProperties: false },
);
export type MicroCredentialInput = Static<typeof MicroCredentialInputSchema>;
export type MicroCredentialUpdate = Static<typeof MicroCredentialUpdateSchema>;

export const CourseUnitUpdateSchema = Type.Object(
  {
    title: LocalizedTextSchema,
    ects: Type.Number(),
    vksLevel: Type.Integer(),
    learningOutcomes: Type.Optional(Type.Array(LocalizedTextSchema, { maxItems: 50 })),
    qaInternal: Type.Boolean(),
    qaExternal: Type.Boolean(),
  },
  { additionalProperties: false },
);
export const CourseUnitInputSchema = Type.Object(
  {
    code: Type.String({ maxLength: 40 }),
    ...CourseUnitUpdateSchema.properties,
    status: Type.Optional(literalUnion(['draft', 'published'] as const)),
  },
  { additionalProperties: false },
);
export type CourseUnitInput = Static<typeof CourseUnitInputSchema>;
export type CourseUnitUpdate = Static<typeof CourseUnitUpdateSchema>;

export const CatalogueQuerySchema = Type.Object(
  {
    q: Type.Optional(Type.String({ maxLength: 200 })),
    vksLevel: Type.Optional(Type.Integer({ minimum: 1, maximum: 8 })),
    ectsMin: Type.Optional(Type.Number({ minimum: 0 })),
    ectsMax: Type.Optional(Type.Number({ minimum: 0 })),
    form: Type.Optional(literalUnion(FORMS)),
    language: Type.Optional(Type.String({ pattern: '^[a-z]{2}$' })),
    institution: Type.Optional(Type.String({ maxLength: 80 })),
    page: Type.Optional(Type.Integer({ minimum: 1, default: 1 })),
    pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
  },
  { additionalProperties: false },
);
export type CatalogueQuery = Static<typeof CatalogueQuerySchema>;

// ---------------------------------------------------------------------------------------------------
// Answers: what the catalogue's routes send back. The view types derive from these schemas, and the web
// takes its types from here.

const VERSION_STATES: readonly VersionState[] = [
  'draft',
  'submitted',
  'approved',
  'rejected',
  'published',
  'superseded',
];

export const VersionStatusSchema = literalUnion(VERSION_STATES);
/** Course units use draft/published/superseded; micro-credential versions also pass through quality review. */
export type VersionStatus = Static<typeof VersionStatusSchema>;

/** A rule's finding in both languages (warnings on a view, or the problems of a draft). */
export const LocalizedMessageSchema = Type.Object(
  {
    field: Type.String(),
    rule: Type.String(),
    message: Type.Object({ nl: Type.String(), en: Type.String() }),
  },
  { additionalProperties: false },
);
export type LocalizedMessage = Static<typeof LocalizedMessageSchema>;

export const CourseUnitViewSchema = Type.Object(
  {
    code: Type.String(),
    ...CourseUnitUpdateSchema.properties,
    version: Type.Integer(),
    status: VersionStatusSchema,
    publishedAt: Nullable(DateTime),
    updatedAt: DateTime,
  },
  { additionalProperties: false },
);
/** The stored version of a course unit, as staff and the rules read it. */
export type CourseUnitView = Static<typeof CourseUnitViewSchema>;

/** The public QA record of a published version: roles, date, criteria and rationale, never names. */
export const PublicQualityRecordSchema = Type.Object(
  {
    decision: literalUnion(['approve', 'request-changes', 'reject'] as const),
    decidedAt: DateTime,
    decidedRole: Type.String(),
    submittedAt: DateTime,
    criteria: Type.Array(
      Type.Object(
        {
          id: Type.String(),
          label: Type.Object({ nl: Type.String(), en: Type.String() }),
          met: Type.Boolean(),
          note: Type.Optional(Type.String()),
        },
        { additionalProperties: false },
      ),
    ),
    rationale: Type.String(),
  },
  { additionalProperties: false },
);
export type PublicQualityRecord = Static<typeof PublicQualityRecordSchema>;

const InstitutionNameSchema = Type.Object(
  { slug: Type.String(), name: Type.Object({ nl: Type.String(), en: Type.String() }) },
  { additionalProperties: false },
);

const summaryProperties = {
  id: Type.String(),
  code: Type.String(),
  version: Type.Integer(),
  status: VersionStatusSchema,
  title: LocalizedTextSchema,
  description: Type.Optional(LocalizedTextSchema),
  form: literalUnion(FORMS),
  ects: Type.Number(),
  vksLevel: Type.Integer(),
  language: Type.String(),
  participationForm: Type.Optional(literalUnion(PARTICIPATION_FORMS)),
  publishedAt: Nullable(DateTime),
};

/** One entry of the catalogue or of an institution's list. */
export const MicroCredentialSummarySchema = Type.Object(
  { ...summaryProperties, institution: InstitutionNameSchema },
  { additionalProperties: false },
);
export type MicroCredentialSummary = Static<typeof MicroCredentialSummarySchema>;

const TuitionIndicative = { indicative: Type.Boolean() };
/** What a micro-credential costs: the decree amounts (form A) or the institution's own (form B). */
export const TuitionViewSchema = Type.Union([
  Type.Object({
    kind: Type.Literal('decree'),
    academicYear: Type.String(),
    fixedCents: Type.Integer(),
    perCreditCents: Type.Integer(),
    totalCents: Type.Integer(),
    ...TuitionIndicative,
  }),
  Type.Object({ kind: Type.Literal('decree-unknown'), academicYear: Type.String(), ...TuitionIndicative }),
  Type.Object({ kind: Type.Literal('institution'), totalCents: Type.Integer(), ...TuitionIndicative }),
  Type.Object({ kind: Type.Literal('institution-unset'), ...TuitionIndicative }),
]);

const { courseUnits: _codes, ...viewDefinition } = definitionProperties;

/** A micro-credential version with every EU element, as staff and (once published) the public see it. */
export const MicroCredentialViewSchema = Type.Object(
  {
    ...viewDefinition,
    ...summaryProperties,
    institution: InstitutionSchema,
    qaType: literalUnion(QA_TYPES),
    higherEducationCodeApplies: Type.Boolean(),
    proofOfLearning: Type.Array(
      literalUnion(['credit-certificate', 'micro-credential-certificate'] as const),
    ),
    tuition: TuitionViewSchema,
    courseUnits: Type.Array(
      Type.Object(
        {
          code: Type.String(),
          title: LocalizedTextSchema,
          ects: Type.Number(),
          vksLevel: Type.Integer(),
          version: Nullable(Type.Integer()),
        },
        { additionalProperties: false },
      ),
    ),
    warnings: Type.Array(LocalizedMessageSchema),
    updatedAt: DateTime,
    /** Public views only: the quality decision behind this version (null before the procedure existed). */
    qualityReview: Type.Optional(Nullable(PublicQualityRecordSchema)),
  },
  { additionalProperties: false },
);
export type MicroCredentialView = Static<typeof MicroCredentialViewSchema>;

export const VersionSummarySchema = Type.Object(
  {
    version: Type.Integer(),
    status: VersionStatusSchema,
    updatedAt: DateTime,
    publishedAt: Nullable(DateTime),
  },
  { additionalProperties: false },
);
export type VersionSummary = Static<typeof VersionSummarySchema>;

export const CataloguePageSchema = Type.Object(
  {
    items: Type.Array(MicroCredentialSummarySchema),
    page: Type.Integer(),
    pageSize: Type.Integer(),
    total: Type.Integer(),
  },
  { additionalProperties: false },
);
export type CataloguePage = Static<typeof CataloguePageSchema>;

/** An institution as the public list shows it (its internal id left out). */
export const PublicInstitutionSchema = Type.Omit(InstitutionSchema, ['id']);

/**
 * A badge image the designer uploads, as a `data:` URL (`data:image/svg+xml;base64,…` or
 * `data:image/png;base64,…`); 512 KB of image is about 700,000 characters of base64.
 */
export const BadgeImageInputSchema = Type.Object(
  {
    image: Type.String({ maxLength: 720_000, description: 'The image as a base64 data: URL (SVG or PNG).' }),
  },
  { additionalProperties: false },
);
export type BadgeImageInput = Static<typeof BadgeImageInputSchema>;

/** The badge image of a micro-credential's latest version, as its designers see it. */
export const BadgeImageViewSchema = Type.Object(
  {
    image: Type.String({ description: 'The image as a data: URL (a draft is not served publicly).' }),
    uploaded: Type.Boolean({
      description: 'True for an image the designer uploaded, false for the generated one.',
    }),
    url: Type.String({ description: 'Where issued credentials point to it once the version is published.' }),
    version: Type.Integer(),
  },
  { additionalProperties: false },
);
export type BadgeImageView = Static<typeof BadgeImageViewSchema>;
