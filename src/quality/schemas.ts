import { Type, type Static } from '@sinclair/typebox';
import { DateTime, Nullable } from '../core/schema-types.ts';
import { MicroCredentialViewSchema, VersionStatusSchema } from '../catalogue/schemas.ts';
import { DECISIONS } from './rules.ts';

/** The shapes of the quality procedure's routes; the web takes its types from here. */

const Bilingual = Type.Object({ nl: Type.String(), en: Type.String() });
const DecisionSchema = Type.Union(DECISIONS.map((d) => Type.Literal(d)));

export const CodeParams = Type.Object({ slug: Type.String(), code: Type.String() });
export const SlugParams = Type.Object({ slug: Type.String() });
export const ReviewParams = Type.Object({ slug: Type.String(), id: Type.String({ maxLength: 64 }) });

// Rationale and checklist are optional in the shape so that the procedure's own rules refuse a decision
// without them, with one message that names the rule.
export const DecisionBody = Type.Object(
  {
    decision: DecisionSchema,
    rationale: Type.Optional(Type.String({ maxLength: 10_000 })),
    checklist: Type.Optional(
      Type.Array(
        Type.Object(
          {
            criterion: Type.String({ maxLength: 80 }),
            met: Type.Boolean(),
            note: Type.Optional(Type.String({ maxLength: 4000 })),
          },
          { additionalProperties: false },
        ),
        { maxItems: 20 },
      ),
    ),
  },
  { additionalProperties: false },
);

/** One finding of the automatic check, in both languages. */
export const FindingSchema = Type.Object(
  {
    field: Type.String(),
    rule: Type.String(),
    params: Type.Optional(Type.Record(Type.String(), Type.Union([Type.String(), Type.Number()]))),
    message: Bilingual,
  },
  { additionalProperties: false },
);

/** The automatic pre-check as recorded with a submission. */
export const PreCheckSchema = Type.Object(
  {
    passed: Type.Boolean(),
    criteria: Type.Array(
      Type.Object(
        { criterion: Type.String(), met: Type.Boolean(), findings: Type.Array(FindingSchema) },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);

/** One criterion as staff see it: pending reviews show the automatic results and leave judgement open. */
export const ReviewCriterionSchema = Type.Object(
  {
    id: Type.String(),
    label: Bilingual,
    kind: Type.Union([Type.Literal('automatic'), Type.Literal('judgement')]),
    /** `null`: a judgement criterion no reviewer has marked yet. */
    met: Nullable(Type.Boolean()),
    note: Type.Optional(Type.String()),
    findings: Type.Optional(Type.Array(FindingSchema)),
  },
  { additionalProperties: false },
);

const reviewProperties = {
  id: Type.String(),
  microCredential: Type.Object(
    {
      code: Type.String(),
      version: Type.Integer(),
      versionStatus: VersionStatusSchema,
      title: Type.Object({ nl: Type.String(), en: Type.Optional(Type.String()) }),
      form: Type.Union([Type.Literal('regular'), Type.Literal('outside-regular')]),
      ects: Type.Number(),
      vksLevel: Type.Integer(),
    },
    { additionalProperties: false },
  ),
  status: Type.Union([
    Type.Literal('pending'),
    Type.Literal('approved'),
    Type.Literal('changes-requested'),
    Type.Literal('rejected'),
  ]),
  decision: Nullable(DecisionSchema),
  submittedAt: DateTime,
  submittedBy: Type.String(),
  preCheck: PreCheckSchema,
  decidedAt: Nullable(DateTime),
  decidedRole: Nullable(Type.String()),
  decidedBy: Nullable(Type.String()),
  rationale: Nullable(Type.String()),
  criteria: Type.Array(ReviewCriterionSchema),
  /** Whether the one asking may decide on it now (pending, and not their own submission). */
  mayDecide: Type.Boolean(),
};

/** A submission and its decision, for the staff of the institution (names included; the public sees roles). */
export const ReviewViewSchema = Type.Object(reviewProperties, { additionalProperties: false });

/** A review with the version under review, in full, so the reviewer can judge outcomes and level. */
export const ReviewDetailSchema = Type.Object(
  { ...reviewProperties, definition: MicroCredentialViewSchema },
  { additionalProperties: false },
);

export type ReviewCriterionView = Static<typeof ReviewCriterionSchema>;
export type ReviewView = Static<typeof ReviewViewSchema>;
export type ReviewDetail = Static<typeof ReviewDetailSchema>;
