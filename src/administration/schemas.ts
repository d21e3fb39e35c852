import { Type, type Static } from '@sinclair/typebox';

/** The shapes of the administration routes: the audit log and the outbox. */

const INSTANT_DESCRIPTION = 'ISO 8601 date and time with a time zone, e.g. 2026-01-31T23:00:00Z';

export const AuditQuery = Type.Object(
  {
    // Checked in the handler rather than with `format: 'date-time'`: the schema format lets through what
    // Date cannot place (a leap second) and answers 422; an impossible instant is a bad query (400).
    from: Type.Optional(Type.String({ maxLength: 40, description: INSTANT_DESCRIPTION })),
    to: Type.Optional(Type.String({ maxLength: 40, description: INSTANT_DESCRIPTION })),
    action: Type.Optional(Type.String({ maxLength: 80 })),
    format: Type.Optional(Type.Union([Type.Literal('json'), Type.Literal('csv')])),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000, default: 500 })),
  },
  { additionalProperties: false },
);

/** One record of the audit log: who did what, in which role, to which object, before and after. */
export const AuditEntrySchema = Type.Object({
  id: Type.String(),
  at: Type.String(),
  actor: Type.Object({
    type: Type.String(),
    id: Type.Union([Type.String(), Type.Null()]),
    label: Type.String(),
  }),
  role: Type.Union([Type.String(), Type.Null()]),
  action: Type.String(),
  object: Type.Object({ type: Type.String(), id: Type.String() }),
  before: Type.Unknown(),
  after: Type.Unknown(),
});

export const ProblemResponse = Type.Object({
  type: Type.String(),
  title: Type.String(),
  status: Type.Integer(),
  detail: Type.String(),
  instance: Type.Optional(Type.String()),
  code: Type.String(),
  errors: Type.Optional(
    Type.Array(Type.Object({ field: Type.String(), rule: Type.String(), message: Type.String() })),
  ),
});

/** A message of the institution's outbox; the secrets of links in its body are hidden. */
export const OutboxMessageSchema = Type.Object(
  {
    id: Type.String(),
    institution_id: Type.Union([Type.String(), Type.Null()]),
    recipient: Type.String(),
    subject: Type.String(),
    body: Type.String(),
    created_at: Type.String(),
    sent_at: Type.Union([Type.String(), Type.Null()]),
    error: Type.Union([Type.String(), Type.Null()]),
  },
  { additionalProperties: false },
);

export type AuditEntryView = Static<typeof AuditEntrySchema>;
export type OutboxMessageView = Static<typeof OutboxMessageSchema>;
/** The web's name for a message of the outbox. */
export type OutboxMessage = OutboxMessageView;
