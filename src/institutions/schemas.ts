import { Type, type Static } from '@sinclair/typebox';
import { Nullable } from '../core/schema-types.ts';
import { ROLES } from '../core/actor.ts';

/** The shapes of the API-token routes; the web takes its types from here, never from the store. */

/** An API token as the administration API shows it: never its secret. */
export const ApiTokenSchema = Type.Object(
  {
    id: Type.String(),
    institution: Type.String(),
    name: Type.String(),
    roles: Type.Array(Type.Union(ROLES.map((r) => Type.Literal(r)))),
    createdAt: Type.String({ format: 'date-time' }),
    createdBy: Nullable(Type.String()),
    expiresAt: Nullable(Type.String({ format: 'date-time' })),
    lastUsedAt: Nullable(Type.String({ format: 'date-time' })),
    revokedAt: Nullable(Type.String({ format: 'date-time' })),
    revokedBy: Nullable(Type.String()),
    state: Type.Union([Type.Literal('active'), Type.Literal('expired'), Type.Literal('revoked')]),
  },
  { $id: 'ApiToken', additionalProperties: false },
);

export const CreateApiTokenBody = Type.Object(
  {
    name: Type.String({ maxLength: 400, description: 'What the token is for (at most 80 characters).' }),
    expires: Type.Optional(
      Type.String({
        maxLength: 40,
        description:
          'Empty or absent: never. A date such as 2027-06-30 (works through that day, Belgian time), a number of days such as 90d, or a date-time with time zone.',
      }),
    ),
    roles: Type.Optional(
      Type.Array(Type.String({ maxLength: 40 }), {
        maxItems: 20,
        description: 'The institution roles the token acts with; absent: every role.',
      }),
    ),
  },
  { additionalProperties: false },
);

export const CreatedApiToken = Type.Object(
  {
    token: Type.String({
      description: 'The secret, shown this once: send it as Authorization: Bearer stp_…',
    }),
    apiToken: Type.Ref('ApiToken'),
  },
  { additionalProperties: false },
);

/** An API token as the administration API answers it. */
export type ApiTokenResponse = Static<typeof ApiTokenSchema>;

/** An institution as every domain and the web receive it. */
export type { Institution } from '../core/institution.ts';
