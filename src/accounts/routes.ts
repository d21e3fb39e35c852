import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { Type } from '@sinclair/typebox';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { route } from '../core/route-spec.ts';
import type { DatabaseHandle } from '../core/database.ts';
import type { Settings } from '../core/config.ts';
import type { Actor } from '../core/actor.ts';
import { clearSessionCookie, setSessionCookie, staffOf, SESSION_COOKIE } from '../core/auth.ts';
import { runCommand, type Command } from '../core/command.ts';
import type { MailSettings } from '../core/mail.ts';
import { ForbiddenError, TooManyRequestsError, UnauthorizedError } from '../core/errors.ts';
import { requestLang } from '../core/http.ts';
import { runRequestCommand } from '../core/route-command.ts';
import { assertReadableText } from '../core/text-rules.ts';
import { guardResetRequest, guardSignIn, guardSignUp } from './attempt-limits.ts';
import { accountMessage } from './messages.ts';
import {
  AcceptedInvitationSchema,
  AcceptInvitationBody,
  CreatedInvitationSchema,
  EmailChangeAnswerSchema,
  EmailChangeBody,
  InvitationBody,
  MemberSchema,
  PasswordChangeBody,
  ProfileBody,
  ProfileSchema,
  ResetConfirmBody,
  ResetRequestBody,
  ResetRequestedSchema,
  SessionSchema,
  SignInBody,
  SignUpAnswerSchema,
  SignUpBody,
  TokenBody,
  VerifiedEmailSchema,
  type SessionView,
} from './schemas.ts';
import { acceptInvitation, inviteToRole } from './invitations.ts';
import { listMembers, removeMembership } from './memberships.ts';
import { finishPasswordReset, startPasswordReset } from './password-reset.ts';
import { createSession, deleteSession, sessionFromToken, type NewSession } from './sessions.ts';
import { authenticatePassword, signUp, verifyEmail, type User } from './users.ts';
import { changePassword, readProfile, renameAccount } from './profile.ts';
import { checkPassword } from './password-check.ts';
import { hashPassword } from './passwords.ts';
import { confirmEmailChange, requestEmailChange } from './email-change.ts';
import { userOf } from '../core/route-user.ts';

export interface AccountRoutesOptions {
  database: DatabaseHandle;
  settings: Settings;
  mail: MailSettings;
}

/**
 * Whoever asks without a session: the public account routes (sign-up, links from e-mail) are for people who
 * have no account or are not signed in yet. Their records name the account the change is about as its actor.
 */
const VISITOR: Actor = { kind: 'system', label: 'visitor' };

const SlugParams = Type.Object({ slug: Type.String() });
const problems = { 401: Type.Ref('Problem'), 403: Type.Ref('Problem'), 404: Type.Ref('Problem') } as const;

/** Sign-up, e-mail verification, sessions, password reset, the account's own profile, invitations and members. */
export const accountRoutes: FastifyPluginAsync<AccountRoutesOptions> = async (fastify, options) => {
  const { database, settings } = options;
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const secure = settings.publicUrl.startsWith('https:');
  const { publicUrl } = settings;
  const attempt = (request: FastifyRequest, email: string) => ({
    clientAddress: request.ip,
    email,
    now: new Date(),
    onLockout: (limits: readonly string[]) =>
      request.log.warn({ limits, route: request.routeOptions.url }, 'attempt limit reached'),
  });
  // A public route runs for signed-in people and for visitors alike: `runRequestCommand` acts for the
  // request's actor and so needs one; without a session the change runs as a visitor, in no role.
  const run = <T>(request: FastifyRequest, fn: (cmd: Command) => Promise<T>): Promise<T> =>
    request.actor
      ? runRequestCommand(request, options, fn)
      : runCommand({ database, mail: options.mail, actor: VISITOR, role: null }, fn);
  /** Sets the cookie of a new session and answers it as `GET /api/v1/session` would. */
  const answerSession = async (
    reply: FastifyReply,
    user: User,
    session: NewSession,
  ): Promise<SessionView> => {
    setSessionCookie(reply, session.token, session.expiresAt, secure);
    const current = await sessionFromToken(database.db, session.token);
    return { user, memberships: current?.actor.memberships ?? [], csrfToken: session.csrfToken };
  };

  // A refusal for too many attempts says when to come back (RFC 9110 Retry-After, in seconds).
  app.addHook('onError', async (_request, reply, error) => {
    if (error instanceof TooManyRequestsError)
      void reply.header('retry-after', String(error.retryAfterSeconds));
  });

  app.post(
    '/api/v1/accounts',
    route(
      'public',
      'accounts',
      'Sign up with an e-mail address and a password (anyone may); the answer is the same whether the address has an account',
      { body: SignUpBody, response: { 202: SignUpAnswerSchema } },
    ),
    async (request, reply) => {
      // Known and new addresses get the same answer, after the same work; only the e-mail differs. So the
      // answer signs nobody in: the link in the e-mail does, once it proves the address.
      await guardSignUp(database.db, attempt(request, request.body.email));
      const lang = requestLang(request);
      assertReadableText({ name: request.body.name });
      await run(request, (cmd) => signUp(cmd, { ...request.body, publicUrl }));
      // Not even the address is echoed: the answer is byte for byte the same.
      return reply
        .status(202)
        .send({ status: 'check-email' as const, message: accountMessage('sign-up-check-email', lang) });
    },
  );

  app.post(
    '/api/v1/accounts/verify-email',
    route(
      'public',
      'accounts',
      'Confirm an e-mail address with the token from the e-mail; signs the account in',
      { body: TokenBody, response: { 200: VerifiedEmailSchema, 422: Type.Ref('Problem') } },
    ),
    async (request, reply) => {
      const { user, session } = await run(request, async (cmd) => {
        const user = await verifyEmail(cmd, request.body);
        // The link proves the address, so it signs in whoever follows it, unless they already are.
        const signedIn = cmd.actor.kind === 'user' && cmd.actor.userId === user.id;
        return { user, session: signedIn ? undefined : await createSession(cmd, user.id) };
      });
      if (!session) return { user };
      return answerSession(reply, user, session);
    },
  );

  app.post(
    '/api/v1/session',
    route('public', 'accounts', 'Sign in; sets an httpOnly session cookie', {
      body: SignInBody,
      response: { 200: SessionSchema, 401: Type.Ref('Problem'), 429: Type.Ref('Problem') },
    }),
    async (request, reply) => {
      // Counted before the password is checked: a blocked attempt costs no Argon2 verification and is
      // refused even when the password is right.
      const counted = await guardSignIn(database.db, attempt(request, request.body.email));
      const user = await authenticatePassword(database.db, request.body.email, request.body.password);
      await counted.release();
      const session = await run(request, (cmd) => createSession(cmd, user.id));
      return answerSession(reply, user, session);
    },
  );

  app.get(
    '/api/v1/session',
    route('public', 'accounts', 'The signed-in account, its roles and CSRF token', {
      response: { 200: SessionSchema, 401: Type.Ref('Problem') },
    }),
    async (request) => {
      const token = request.cookies[SESSION_COOKIE];
      const session = token ? await sessionFromToken(database.db, token) : undefined;
      if (!session) throw new UnauthorizedError('Not signed in.', { key: 'not-signed-in' });
      return { user: session.user, memberships: session.actor.memberships, csrfToken: session.csrfToken };
    },
  );

  app.delete(
    '/api/v1/session',
    route('signed-in', 'accounts', 'Sign out', { response: { 204: Type.Null(), ...problems } }),
    async (request, reply) => {
      const token = request.cookies[SESSION_COOKIE];
      if (token) await runRequestCommand(request, options, (cmd) => deleteSession(cmd, token));
      clearSessionCookie(reply, secure);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/api/v1/password-reset',
    route(
      'public',
      'accounts',
      'Send a password reset link (the answer is the same whether the account exists)',
      { body: ResetRequestBody, response: { 202: ResetRequestedSchema, 429: Type.Ref('Problem') } },
    ),
    async (request, reply) => {
      await guardResetRequest(database.db, attempt(request, request.body.email));
      await run(request, (cmd) => startPasswordReset(cmd, { email: request.body.email, publicUrl }));
      return reply.status(202).send({ status: accountMessage('reset-requested', requestLang(request)) });
    },
  );

  app.post(
    '/api/v1/password-reset/confirm',
    route('public', 'accounts', 'Set a new password with the token from the e-mail', {
      body: ResetConfirmBody,
      response: { 204: Type.Null(), 422: Type.Ref('Problem') },
    }),
    async (request, reply) => {
      await run(request, (cmd) => finishPasswordReset(cmd, request.body));
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/api/v1/me/profile',
    route(
      'signed-in',
      'accounts',
      'The signed-in account: name, address (and one waiting for its link), roles',
      {
        response: { 200: ProfileSchema, ...problems },
      },
    ),
    async (request) => readProfile(database.db, userOf(request).userId),
  );

  app.patch(
    '/api/v1/me/profile',
    route('signed-in', 'accounts', 'Change the name of the signed-in account', {
      body: ProfileBody,
      response: { 200: ProfileSchema, 422: Type.Ref('Problem'), ...problems },
    }),
    async (request) =>
      runRequestCommand(request, options, (cmd) => renameAccount(cmd, userOf(request).userId, request.body)),
  );

  app.post(
    '/api/v1/me/email',
    route(
      'signed-in',
      'accounts',
      'Move the account to a new address: a link goes to it, a notice to the old one; the old address stays until the link is opened',
      {
        body: EmailChangeBody,
        response: {
          202: EmailChangeAnswerSchema,
          409: Type.Ref('Problem'),
          422: Type.Ref('Problem'),
          429: Type.Ref('Problem'),
          ...problems,
        },
      },
    ),
    async (request, reply) => {
      const user = await checkPassword(database.db, request, request.body.password, 'password');
      const profile = await runRequestCommand(request, options, (cmd) =>
        requestEmailChange(cmd, user.userId, { email: request.body.email, publicUrl }),
      );
      return reply.status(202).send({ pendingEmail: profile.pendingEmail ?? request.body.email });
    },
  );

  app.post(
    '/api/v1/me/email/confirm',
    route('public', 'accounts', 'Confirm a new address with the token from the e-mail sent to it', {
      body: TokenBody,
      response: { 200: VerifiedEmailSchema, 409: Type.Ref('Problem'), 422: Type.Ref('Problem') },
    }),
    async (request) => {
      // Public: the link may be opened in another browser than the one that asked for the change.
      const profile = await run(request, (cmd) => confirmEmailChange(cmd, request.body));
      const { id, name, email, emailVerified } = profile;
      return { user: { id, name, email, emailVerified } };
    },
  );

  app.post(
    '/api/v1/me/password',
    route(
      'signed-in',
      'accounts',
      'Change the password of the signed-in account; its other sessions end and its address gets a notice',
      {
        body: PasswordChangeBody,
        response: { 204: Type.Null(), 422: Type.Ref('Problem'), 429: Type.Ref('Problem'), ...problems },
      },
    ),
    async (request, reply) => {
      const user = await checkPassword(database.db, request, request.body.currentPassword, 'currentPassword');
      const newPasswordHash = await hashPassword(request.body.newPassword);
      await runRequestCommand(request, options, (cmd) =>
        changePassword(cmd, user.userId, {
          newPassword: request.body.newPassword,
          newPasswordHash,
          keepSessionToken: request.cookies[SESSION_COOKIE],
          publicUrl,
        }),
      );
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/api/v1/invitations/accept',
    route(
      'public',
      'accounts',
      'Accept an invitation to a role (creates the account when the address is new)',
      {
        body: AcceptInvitationBody,
        response: { 200: AcceptedInvitationSchema, 401: Type.Ref('Problem'), 422: Type.Ref('Problem') },
      },
    ),
    async (request, reply) => {
      // Public, because a new person has no session yet; a signed-in browser still proves it meant to.
      if (request.csrfToken && request.headers['x-csrf-token'] !== request.csrfToken) {
        throw new ForbiddenError('This request lacks the CSRF token of your session (header x-csrf-token).', {
          key: 'csrf-missing',
        });
      }
      assertReadableText({ name: request.body.name });
      const { accepted, session } = await run(request, async (cmd) => {
        const accepted = await acceptInvitation(cmd, request.body);
        // Someone who was not signed in is, from now on, as the account that accepted.
        return { accepted, session: request.actor ? undefined : await createSession(cmd, accepted.user.id) };
      });
      if (session) setSessionCookie(reply, session.token, session.expiresAt, secure);
      return accepted;
    },
  );

  app.post(
    '/api/v1/manage/:slug/invitations',
    route({ capability: 'institution.administer' }, 'administration', 'Invite someone by e-mail to a role', {
      params: SlugParams,
      body: InvitationBody,
      response: { 201: CreatedInvitationSchema, 422: Type.Ref('Problem'), ...problems },
    }),
    async (request, reply) => {
      const institution = staffOf(request);
      const invitation = await runRequestCommand(request, options, (cmd) =>
        inviteToRole(cmd, institution, { ...request.body, publicUrl }),
      );
      return reply.status(201).send(invitation);
    },
  );

  app.get(
    '/api/v1/manage/:slug/members',
    route({ capability: 'institution.administer' }, 'administration', 'Staff and their roles', {
      params: SlugParams,
      response: { 200: Type.Array(MemberSchema), ...problems },
    }),
    async (request) => listMembers(database.db, staffOf(request)),
  );

  app.delete(
    '/api/v1/manage/:slug/members/:membershipId',
    route({ capability: 'institution.administer' }, 'administration', 'Take a role away', {
      params: Type.Object({ slug: Type.String(), membershipId: Type.String() }),
      response: { 204: Type.Null(), 409: Type.Ref('Problem'), ...problems },
    }),
    async (request, reply) => {
      await runRequestCommand(request, options, (cmd) =>
        removeMembership(cmd, staffOf(request), { membershipId: request.params.membershipId }),
      );
      return reply.status(204).send(null);
    },
  );
};
