import { Type, type Static } from '@sinclair/typebox';
import { Nullable, literalUnion } from '../core/schema-types.ts';
import { EDITION_MODES, ENROLMENT_STATUSES } from './rules.ts';

/**
 * The shapes of enrolment's HTTP contract: what staff and learners send, and every 2xx body the routes
 * answer. The routes serialise with these schemas (a property missing here never leaves the server), the
 * OpenAPI document shows them, and the view types below derive from them, so the web takes its types from
 * here and never from the store.
 */

// ---------------------------------------------------------------------------------------------------
// Requests

const editionFields = {
  startsOn: Type.String({ maxLength: 10, description: 'First day, YYYY-MM-DD' }),
  endsOn: Type.String({ maxLength: 10, description: 'Last day, YYYY-MM-DD' }),
  enrolmentOpensAt: Type.String({ maxLength: 40, description: 'ISO date-time with offset' }),
  enrolmentClosesAt: Type.String({ maxLength: 40, description: 'ISO date-time with offset' }),
  capacity: Type.Integer(),
  mode: Type.Optional(literalUnion(EDITION_MODES)),
  language: Type.Optional(Type.String({ maxLength: 10 })),
  location: Type.Optional(Type.String({ maxLength: 300 })),
};

/** What staff send to create an edition; mode and language default to the micro-credential's. */
export const EditionInputSchema = Type.Object(
  { code: Type.String({ maxLength: 40 }), microCredential: Type.String({ maxLength: 40 }), ...editionFields },
  { additionalProperties: false },
);

/** What staff send to change an edition; an absent mode, language or location keeps the current one. */
export const EditionUpdateSchema = Type.Object(editionFields, { additionalProperties: false });

export const ReductionInputSchema = Type.Object(
  {
    code: Type.String({ maxLength: 40 }),
    label: Type.Object(
      { nl: Type.String({ maxLength: 200 }), en: Type.String({ maxLength: 200 }) },
      { additionalProperties: false },
    ),
    percent: Type.Number(),
  },
  { additionalProperties: false },
);

export const DecisionInputSchema = Type.Object(
  {
    decision: literalUnion(['accept', 'refuse'] as const),
    reason: Type.Optional(Type.String({ maxLength: 2000 })),
  },
  { additionalProperties: false },
);

export const EnrolInputSchema = Type.Object(
  { confirmPrerequisites: Type.Boolean(), reduction: Type.Optional(Type.String({ maxLength: 40 })) },
  { additionalProperties: false },
);

export const SlugParams = Type.Object({ slug: Type.String() });
export const EditionParams = Type.Object({ slug: Type.String(), code: Type.String() });
export const DecisionParams = Type.Object({ slug: Type.String(), code: Type.String(), id: Type.String() });
export const IdParams = Type.Object({ id: Type.String({ maxLength: 64 }) });

export type EditionInput = Static<typeof EditionInputSchema>;
export type EditionUpdate = Static<typeof EditionUpdateSchema>;
export type ReductionInput = Static<typeof ReductionInputSchema>;
export type DecisionInput = Static<typeof DecisionInputSchema>;
export type EnrolInput = Static<typeof EnrolInputSchema>;

// ---------------------------------------------------------------------------------------------------
// Responses

const LocalizedText = Type.Object({ nl: Type.String(), en: Type.Optional(Type.String()) });
const BothLanguages = Type.Object({ nl: Type.String(), en: Type.String() });
const InstitutionRef = Type.Object({ slug: Type.String(), name: BothLanguages });
const EnrolmentStatus = literalUnion(ENROLMENT_STATUSES);
const ClaimedReduction = Nullable(Type.Object({ code: Type.String(), percent: Type.Number() }));

const EditionPrice = Type.Object({
  cents: Type.Integer(),
  currency: Type.Literal('EUR'),
  basis: literalUnion(['decree', 'institution'] as const),
});

const editionViewFields = {
  id: Type.String(),
  code: Type.String(),
  institution: InstitutionRef,
  microCredential: Type.Object({
    code: Type.String(),
    version: Type.Integer(),
    title: LocalizedText,
    form: Type.String(),
    ects: Type.Number(),
  }),
  startsOn: Type.String({ description: 'YYYY-MM-DD' }),
  endsOn: Type.String({ description: 'YYYY-MM-DD' }),
  enrolmentOpensAt: Type.String({ format: 'date-time' }),
  enrolmentClosesAt: Type.String({ format: 'date-time' }),
  enrolmentOpen: Type.Boolean({ description: 'Enrolment is possible right now.' }),
  capacity: Type.Integer(),
  placesLeft: Type.Integer(),
  waitlisted: Type.Integer(),
  mode: literalUnion(EDITION_MODES),
  language: Type.String(),
  location: Nullable(Type.String()),
  academicYear: Type.String(),
  price: EditionPrice,
  status: Type.String(),
};

/** An edition as staff and the public catalogue see it. */
export const EditionViewSchema = Type.Object(editionViewFields, { additionalProperties: false });

export const ReductionViewSchema = Type.Object(
  {
    code: Type.String(),
    label: BothLanguages,
    percent: Type.Number(),
    scope: literalUnion(['institution', 'platform'] as const),
  },
  { additionalProperties: false },
);

/** The public detail of an edition: what to confirm, and what each reduction would leave to pay. */
export const EditionDetailSchema = Type.Object(
  {
    ...editionViewFields,
    prerequisites: Nullable(LocalizedText),
    reductions: Type.Array(
      Type.Object({ ...ReductionViewSchema.properties, amountDueCents: Type.Integer() }),
    ),
  },
  { additionalProperties: false },
);

/** An enrolment of an edition, as staff see it (and as a decision answers). */
export const StaffEnrolmentViewSchema = Type.Object(
  {
    id: Type.String(),
    learner: Type.Object({ name: Type.String(), email: Type.String() }),
    status: EnrolmentStatus,
    waitlistPosition: Nullable(Type.Integer()),
    prerequisitesConfirmedAt: Nullable(Type.String({ format: 'date-time' })),
    reduction: ClaimedReduction,
    amountDueCents: Type.Integer(),
    decisionReason: Nullable(Type.String()),
    createdAt: Type.String({ format: 'date-time' }),
    updatedAt: Type.String({ format: 'date-time' }),
  },
  { additionalProperties: false },
);

/** A learner's own enrolment. */
export const MyEnrolmentViewSchema = Type.Object(
  {
    id: Type.String(),
    status: EnrolmentStatus,
    waitlistPosition: Nullable(Type.Integer()),
    amountDueCents: Type.Integer(),
    currency: Type.Literal('EUR'),
    reduction: ClaimedReduction,
    decisionReason: Nullable(Type.String()),
    edition: Type.Pick(EditionViewSchema, [
      'id',
      'code',
      'startsOn',
      'endsOn',
      'mode',
      'language',
      'location',
      'price',
    ]),
    microCredential: Type.Object({ code: Type.String(), version: Type.Integer(), title: LocalizedText }),
    institution: InstitutionRef,
    createdAt: Type.String({ format: 'date-time' }),
    updatedAt: Type.String({ format: 'date-time' }),
  },
  { additionalProperties: false },
);

export type EditionView = Static<typeof EditionViewSchema>;
export type EditionDetail = Static<typeof EditionDetailSchema>;
export type ReductionView = Static<typeof ReductionViewSchema>;
export type StaffEnrolmentView = Static<typeof StaffEnrolmentViewSchema>;
export type MyEnrolmentView = Static<typeof MyEnrolmentViewSchema>;
