import { Type, type Static } from '@sinclair/typebox';
import { ROLES } from '../core/actor.ts';
import { closedObject } from '../core/schema-types.ts';

/**
 * The shapes of the account routes: sign-up, sessions, password reset, invitations and members. Each answer is
 * followed by its type, `Static<>` of it, one name for the server and the web alike: the web takes its
 * types from here, never from the store.
 */

const Email = Type.String({ maxLength: 254 });
const Password = Type.String({ maxLength: 256 });
const LinkToken = Type.String({ maxLength: 200 });
const RoleSchema = Type.Union(ROLES.map((r) => Type.Literal(r)));

// ---- requests

export const SignUpBody = closedObject({
  email: Email,
  name: Type.String({ maxLength: 200 }),
  password: Password,
});
export const TokenBody = Type.Object({ token: LinkToken });
export const SignInBody = closedObject({ email: Email, password: Password });
export const ResetRequestBody = Type.Object({ email: Email });
export const ResetConfirmBody = Type.Object({ token: LinkToken, password: Password });
export const AcceptInvitationBody = Type.Object({
  token: LinkToken,
  name: Type.Optional(Type.String({ maxLength: 200 })),
  password: Type.Optional(Password),
});
export const InvitationBody = closedObject({ email: Email, role: RoleSchema });
export const ProfileBody = closedObject({ name: Type.String({ maxLength: 200 }) });
export const EmailChangeBody = closedObject({ email: Email, password: Password });
export const PasswordChangeBody = closedObject({ currentPassword: Password, newPassword: Password });

// ---- answers

/** An account as the API shows it: never its password. */
export const UserSchema = closedObject({
  id: Type.String(),
  email: Type.String(),
  name: Type.String(),
  emailVerified: Type.Boolean(),
});
export type User = Static<typeof UserSchema>;

/** A role someone holds at an institution. */
export const MembershipSchema = closedObject({
  institutionId: Type.String(),
  slug: Type.String(),
  role: RoleSchema,
});
export type Membership = Static<typeof MembershipSchema>;

/** The signed-in account, its roles, and the CSRF token its writes carry (header x-csrf-token). */
export const SessionSchema = closedObject({
  user: UserSchema,
  memberships: Type.Array(MembershipSchema),
  csrfToken: Type.String(),
});
export type SessionView = Static<typeof SessionSchema>;
/** The web's name for the session. */
export type SessionData = SessionView;

/** A confirmed address; with a session when the link signed the account in (it was not signed in yet). */
export const VerifiedEmailSchema = closedObject({
  user: UserSchema,
  memberships: Type.Optional(Type.Array(MembershipSchema)),
  csrfToken: Type.Optional(Type.String()),
});
export type VerifiedEmailView = Static<typeof VerifiedEmailSchema>;

/** The answer to a sign-up: the same, byte for byte, whether or not the address had an account. */
export const SignUpAnswerSchema = closedObject({
  status: Type.Literal('check-email'),
  message: Type.String(),
});
export type SignUpAnswer = Static<typeof SignUpAnswerSchema>;

/** The answer to a request for a reset link: the same whether or not the account exists. */
export const ResetRequestedSchema = closedObject({ status: Type.String() });

export const AcceptedInvitationSchema = closedObject({
  user: UserSchema,
  institutionId: Type.String(),
  role: RoleSchema,
});
export type AcceptedInvitation = Static<typeof AcceptedInvitationSchema>;

export const CreatedInvitationSchema = closedObject({
  id: Type.String(),
  email: Type.String(),
  role: RoleSchema,
});
export type CreatedInvitationView = Static<typeof CreatedInvitationSchema>;

/** A member of an institution's staff: one per role a person holds there. */
export const MemberSchema = closedObject({
  id: Type.String({ description: 'The membership: one person holds one per role.' }),
  email: Type.String(),
  name: Type.String(),
  role: RoleSchema,
  since: Type.String(),
});
export type Member = Static<typeof MemberSchema>;

/** The signed-in account's own profile: who it is, its address (and one waiting for confirmation), its roles. */
export const ProfileSchema = closedObject({
  id: Type.String(),
  name: Type.String(),
  email: Type.String(),
  emailVerified: Type.Boolean(),
  pendingEmail: Type.Union([Type.String(), Type.Null()], {
    description: 'A new address waiting for its confirmation link; the account keeps `email` until then.',
  }),
  since: Type.String({ description: 'When the account was made (ISO-8601 UTC).' }),
  memberships: Type.Array(MembershipSchema),
});
export type Profile = Static<typeof ProfileSchema>;

/** The answer to an address change: the address now waiting for its link. */
export const EmailChangeAnswerSchema = closedObject({ pendingEmail: Type.String() });
export type EmailChangeAnswer = Static<typeof EmailChangeAnswerSchema>;
