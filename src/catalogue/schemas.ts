import { Type, type Static } from '@sinclair/typebox';
import { FORMS, PARTICIPATION_FORMS, QA_TYPES, SUPERVISION_OPTIONS } from './rules.ts';

/**
 * JSON schemas of the catalogue's public contract. The same schemas validate HTTP bodies, the CLI import
 * file and feed the OpenAPI document. They check shape only: the framework rules (ECTS limits, forms,
 * mandatory EU elements) live in rules.ts, so that a refusal always names the rule.
 */

const literalUnion = <T extends string>(values: readonly T[]) =>
  Type.Union(values.map((v) => Type.Literal(v)));

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
