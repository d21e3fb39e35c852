import { Type, type Static } from '@sinclair/typebox';
import { ROLES } from '../core/actor.ts';

/**
 * The shapes of the account routes: sign-up, sessions, password reset, invitations and members. The server's
 * view types are `Static<>` of them, and the web takes its types from here, never from the store.
 */

const Email = Type.String({ maxLength: 254 });
const Password = Type.String({ maxLength: 256 });
const LinkToken = Type.String({ maxLength: 200 });
const RoleSchema = Type.Union(ROLES.map((r) => Type.Literal(r)));

// ---- requests

export const SignUpBody = Type.Object(
  { email: Email, name: Type.String({ maxLength: 200 }), password: Password },
  { additionalProperties: false },
);
export const TokenBody = Type.Object({ token: LinkToken });
export const SignInBody = Type.Object({ email: Email, password: Password }, { additionalProperties: false });
export const ResetRequestBody = Type.Object({ email: Email });
export const ResetConfirmBody = Type.Object({ token: LinkToken, password: Password });
export const AcceptInvitationBody = Type.Object({
  token: LinkToken,
  name: Type.Optional(Type.String({ maxLength: 200 })),
  password: Type.Optional(Password),
});
export const InvitationBody = Type.Object(
  { email: Email, role: RoleSchema },
  { additionalProperties: false },
);

// ---- answers

/** An account as the API shows it: never its password. */
export const UserSchema = Type.Object(
  {
    id: Type.String(),
    email: Type.String(),
    name: Type.String(),
    emailVerified: Type.Boolean(),
  },
  { additionalProperties: false },
);

/** A role someone holds at an institution. */
export const MembershipSchema = Type.Object(
  { institutionId: Type.String(), slug: Type.String(), role: RoleSchema },
  { additionalProperties: false },
);

/** The signed-in account, its roles, and the CSRF token its writes carry (header x-csrf-token). */
export const SessionSchema = Type.Object(
  { user: UserSchema, memberships: Type.Array(MembershipSchema), csrfToken: Type.String() },
  { additionalProperties: false },
);

/** A confirmed address; with a session when the link signed the account in (it was not signed in yet). */
export const VerifiedEmailSchema = Type.Object(
  {
    user: UserSchema,
    memberships: Type.Optional(Type.Array(MembershipSchema)),
    csrfToken: Type.Optional(Type.String()),
  },
  { additionalProperties: false },
);

/** The answer to a sign-up: the same, byte for byte, whether or not the address had an account. */
export const SignUpAnswerSchema = Type.Object(
  { status: Type.Literal('check-email'), message: Type.String() },
  { additionalProperties: false },
);

/** The answer to a request for a reset link: the same whether or not the account exists. */
export const ResetRequestedSchema = Type.Object({ status: Type.String() }, { additionalProperties: false });

export const AcceptedInvitationSchema = Type.Object(
  { user: UserSchema, institutionId: Type.String(), role: RoleSchema },
  { additionalProperties: false },
);

export const CreatedInvitationSchema = Type.Object(
  { id: Type.String(), email: Type.String(), role: RoleSchema },
  { additionalProperties: false },
);

/** A member of an institution's staff: one per role a person holds there. */
export const MemberSchema = Type.Object(
  {
    id: Type.String({ description: 'The membership: one person holds one per role.' }),
    email: Type.String(),
    name: Type.String(),
    role: RoleSchema,
    since: Type.String(),
  },
  { additionalProperties: false },
);

export type UserView = Static<typeof UserSchema>;
/** An account as the API shows it (the web's name for it). */
export type User = UserView;
export type MembershipView = Static<typeof MembershipSchema>;
export type SessionView = Static<typeof SessionSchema>;
export type VerifiedEmailView = Static<typeof VerifiedEmailSchema>;
export type SignUpAnswer = Static<typeof SignUpAnswerSchema>;
export type AcceptedInvitationView = Static<typeof AcceptedInvitationSchema>;
export type CreatedInvitationView = Static<typeof CreatedInvitationSchema>;
export type MemberView = Static<typeof MemberSchema>;

// The names the web uses for the same answers.
export type Membership = MembershipView;
export type SessionData = SessionView;
export type AcceptedInvitation = AcceptedInvitationView;
export type Member = MemberView;
