import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { Type } from '@sinclair/typebox';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { DatabaseHandle } from '../core/database.ts';
import type { Settings } from '../core/config.ts';
import { ROLES } from '../core/actor.ts';
import { actorOf, clearSessionCookie, setSessionCookie, staffOf, SESSION_COOKIE } from '../core/auth.ts';
import { queueMail, type MailSettings } from '../core/mail.ts';
import { ForbiddenError, TooManyRequestsError, UnauthorizedError } from '../core/errors.ts';
import { requestLang } from '../core/http.ts';
import { assertReadableText } from '../core/text-rules.ts';
import { guardResetRequest, guardSignIn, guardSignUp } from './attempt-limits.ts';
import { accountMessage, knownAddressMail } from './messages.ts';
import {
  acceptInvitation,
  authenticatePassword,
  createInvitation,
  createSession,
  deleteSession,
  finishPasswordReset,
  listMembers,
  removeMembership,
  sessionFromToken,
  signUp,
  startPasswordReset,
  verifyEmail,
} from './store.ts';

export interface AccountRoutesOptions {
  database: DatabaseHandle;
  settings: Settings;
  mail: MailSettings;
}

const Email = Type.String({ maxLength: 254 });
const Password = Type.String({ maxLength: 256 });

/** Sign-up, e-mail verification, sessions, password reset, invitations and members. */
export const accountRoutes: FastifyPluginAsync<AccountRoutesOptions> = async (
  fastify,
  { database, settings, mail },
) => {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const secure = settings.publicUrl.startsWith('https:');
  const link = (path: string, token: string) =>
    `${settings.publicUrl}${path}?token=${encodeURIComponent(token)}`;
  const attempt = (request: FastifyRequest, email: string) => ({
    clientAddress: request.ip,
    email,
    now: new Date(),
    lang: requestLang(request),
    onLockout: (limits: readonly string[]) =>
      request.log.warn({ limits, route: request.routeOptions.url }, 'attempt limit reached'),
  });

  // A refusal for too many attempts says when to come back (RFC 9110 Retry-After, in seconds).
  app.addHook('onError', async (_request, reply, error) => {
    if (error instanceof TooManyRequestsError)
      void reply.header('retry-after', String(error.retryAfterSeconds));
  });

  app.post(
    '/api/v1/accounts',
    {
      config: { policy: 'public' },
      schema: {
        tags: ['accounts'],
        summary:
          'Sign up with an e-mail address and a password (anyone may); the answer is the same whether the address has an account',
        body: Type.Object(
          { email: Email, name: Type.String({ maxLength: 200 }), password: Password },
          { additionalProperties: false },
        ),
        response: {
          202: Type.Object({
            status: Type.Literal('check-email'),
            message: Type.String(),
          }),
        },
      },
    },
    async (request, reply) => {
      // Known and new addresses get the same answer, after the same work; only the e-mail differs. So the
      // answer signs nobody in: the link in the e-mail does, once it proves the address.
      await guardSignUp(database.db, attempt(request, request.body.email));
      const lang = requestLang(request);
      assertReadableText({ name: request.body.name }, lang);
      await database.transaction(async (tx, afterCommit) => {
        const outcome = await signUp(tx, request.body, lang);
        const message =
          outcome.kind === 'created'
            ? {
                subject: 'Bevestig je e-mailadres — Confirm your e-mail address',
                body: `Welkom bij Stapel, ${outcome.user.name}.\n\nBevestig je e-mailadres: ${link('/account/verify', outcome.verifyToken)}\n\nWelcome to Stapel. Confirm your e-mail address with the link above.\n\nHeb je geen account aangevraagd? Negeer dan dit bericht. — Did not sign up? Ignore this message.`,
              }
            : knownAddressMail({
                signIn: `${settings.publicUrl}/account/sign-in`,
                reset: `${settings.publicUrl}/account/forgot-password`,
              });
        await queueMail(tx, afterCommit, database.db, mail, { to: outcome.user.email, ...message });
      });
      // Not even the address is echoed: the answer is byte for byte the same.
      return reply
        .status(202)
        .send({ status: 'check-email' as const, message: accountMessage('sign-up-check-email', lang) });
    },
  );

  app.post(
    '/api/v1/accounts/verify-email',
    {
      config: { policy: 'public' },
      schema: {
        tags: ['accounts'],
        summary: 'Confirm an e-mail address with the token from the e-mail; signs the account in',
        body: Type.Object({ token: Type.String({ maxLength: 200 }) }),
      },
    },
    async (request, reply) => {
      const { user, session } = await database.transaction(async (tx) => {
        const user = await verifyEmail(tx, request.body.token, requestLang(request));
        // The link proves the address, so it signs in whoever follows it, unless they already are.
        const signedIn = request.actor?.kind === 'user' && request.actor.userId === user.id;
        return { user, session: signedIn ? undefined : await createSession(tx, user.id) };
      });
      if (!session) return { user };
      setSessionCookie(reply, session.token, session.expiresAt, secure);
      const current = await sessionFromToken(database.db, session.token);
      return { user, memberships: current?.actor.memberships ?? [], csrfToken: session.csrfToken };
    },
  );

  app.post(
    '/api/v1/session',
    {
      config: { policy: 'public' },
      schema: {
        tags: ['accounts'],
        summary: 'Sign in; sets an httpOnly session cookie',
        body: Type.Object({ email: Email, password: Password }, { additionalProperties: false }),
      },
    },
    async (request, reply) => {
      // Counted before the password is checked: a blocked attempt costs no Argon2 verification and is
      // refused even when the password is right.
      const counted = await guardSignIn(database.db, attempt(request, request.body.email));
      const user = await authenticatePassword(
        database.db,
        request.body.email,
        request.body.password,
        requestLang(request),
      );
      await counted.release();
      const session = await database.transaction((tx) => createSession(tx, user.id));
      setSessionCookie(reply, session.token, session.expiresAt, secure);
      const current = await sessionFromToken(database.db, session.token);
      return { user, memberships: current?.actor.memberships ?? [], csrfToken: session.csrfToken };
    },
  );

  app.get(
    '/api/v1/session',
    {
      config: { policy: 'public' },
      schema: { tags: ['accounts'], summary: 'The signed-in account, its roles and CSRF token' },
    },
    async (request) => {
      const token = request.cookies[SESSION_COOKIE];
      const session = token ? await sessionFromToken(database.db, token) : undefined;
      if (!session) throw new UnauthorizedError('Not signed in.');
      return { user: session.user, memberships: session.actor.memberships, csrfToken: session.csrfToken };
    },
  );

  app.delete(
    '/api/v1/session',
    { config: { policy: 'signed-in' }, schema: { tags: ['accounts'], summary: 'Sign out' } },
    async (request, reply) => {
      const token = request.cookies[SESSION_COOKIE];
      if (token) await deleteSession(database.db, token);
      clearSessionCookie(reply, secure);
      return reply.status(204).send();
    },
  );

  app.post(
    '/api/v1/password-reset',
    {
      config: { policy: 'public' },
      schema: {
        tags: ['accounts'],
        summary: 'Send a password reset link (the answer is the same whether the account exists)',
        body: Type.Object({ email: Email }),
      },
    },
    async (request, reply) => {
      await guardResetRequest(database.db, attempt(request, request.body.email));
      await database.transaction(async (tx, afterCommit) => {
        const reset = await startPasswordReset(tx, request.body.email);
        if (!reset) return;
        await queueMail(tx, afterCommit, database.db, mail, {
          to: reset.user.email,
          subject: 'Nieuw wachtwoord — Reset your password',
          body: `Kies een nieuw wachtwoord (2 uur geldig): ${link('/account/reset', reset.token)}\n\nChoose a new password with the link above (valid for 2 hours). Did not ask for this? Ignore this message.`,
        });
      });
      return reply.status(202).send({ status: 'If the address has an account, a link is on its way.' });
    },
  );

  app.post(
    '/api/v1/password-reset/confirm',
    {
      config: { policy: 'public' },
      schema: {
        tags: ['accounts'],
        summary: 'Set a new password with the token from the e-mail',
        body: Type.Object({ token: Type.String({ maxLength: 200 }), password: Password }),
      },
    },
    async (request, reply) => {
      await database.transaction((tx) =>
        finishPasswordReset(tx, request.body.token, request.body.password, requestLang(request)),
      );
      return reply.status(204).send();
    },
  );

  app.post(
    '/api/v1/invitations/accept',
    {
      config: { policy: 'public' },
      schema: {
        tags: ['accounts'],
        summary: 'Accept an invitation to a role (creates the account when the address is new)',
        body: Type.Object({
          token: Type.String({ maxLength: 200 }),
          name: Type.Optional(Type.String({ maxLength: 200 })),
          password: Type.Optional(Password),
        }),
      },
    },
    async (request, reply) => {
      // Public, because a new person has no session yet; a signed-in browser still proves it meant to.
      if (request.csrfToken && request.headers['x-csrf-token'] !== request.csrfToken) {
        throw new ForbiddenError('This request lacks the CSRF token of your session (header x-csrf-token).');
      }
      assertReadableText({ name: request.body.name }, requestLang(request));
      const result = await database.transaction((tx) =>
        acceptInvitation(tx, request.body.token, request.body, request.actor, requestLang(request)),
      );
      if (!request.actor) {
        const session = await database.transaction((tx) => createSession(tx, result.user.id));
        setSessionCookie(reply, session.token, session.expiresAt, secure);
      }
      return result;
    },
  );

  const SlugParams = Type.Object({ slug: Type.String() });

  app.post(
    '/api/v1/manage/:slug/invitations',
    {
      config: { policy: { capability: 'institution.administer' } },
      schema: {
        tags: ['administration'],
        summary: 'Invite someone by e-mail to a role',
        params: SlugParams,
        body: Type.Object(
          { email: Email, role: Type.Union(ROLES.map((r) => Type.Literal(r))) },
          { additionalProperties: false },
        ),
      },
    },
    async (request, reply) => {
      const institution = staffOf(request);
      const invitation = await database.transaction(async (tx, afterCommit) => {
        const created = await createInvitation(tx, actorOf(request), institution, request.body);
        await queueMail(tx, afterCommit, database.db, mail, {
          to: request.body.email.trim().toLowerCase(),
          institutionId: institution.id,
          subject: `Uitnodiging: ${institution.name.nl} — Invitation`,
          body: `Je bent uitgenodigd als ${request.body.role} bij ${institution.name.nl} op Stapel: ${link('/account/invitation', created.token)}\n\nYou are invited as ${request.body.role} at ${institution.name.en}. The link is valid for 7 days.`,
        });
        return created;
      });
      return reply
        .status(201)
        .send({ id: invitation.id, email: request.body.email.toLowerCase(), role: request.body.role });
    },
  );

  app.get(
    '/api/v1/manage/:slug/members',
    {
      config: { policy: { capability: 'institution.administer' } },
      schema: { tags: ['administration'], summary: 'Staff and their roles', params: SlugParams },
    },
    async (request) => listMembers(database.db, staffOf(request).id),
  );

  app.delete(
    '/api/v1/manage/:slug/members/:membershipId',
    {
      config: { policy: { capability: 'institution.administer' } },
      schema: {
        tags: ['administration'],
        summary: 'Take a role away',
        params: Type.Object({ slug: Type.String(), membershipId: Type.String() }),
      },
    },
    async (request, reply) => {
      await database.transaction((tx) =>
        removeMembership(tx, actorOf(request), staffOf(request).id, request.params.membershipId),
      );
      return reply.status(204).send();
    },
  );

  app.get(
    '/api/v1/manage/:slug/outbox',
    {
      config: { policy: { capability: 'institution.administer' } },
      schema: {
        tags: ['administration'],
        summary:
          "E-mail of this institution (sent, or waiting without SMTP); links' secret tokens are hidden",
        params: SlugParams,
      },
    },
    async (request) => {
      // Only the institution's own mail: account mail (verification, password reset) belongs to no
      // institution and is read by operators with `stapel outbox`. Tokens in links are hidden so that an
      // administrator cannot use someone else's invitation or reset link.
      const rows = await database.db
        .selectFrom('outbox')
        .selectAll()
        .where('institution_id', '=', staffOf(request).id)
        .orderBy('created_at', 'desc')
        .limit(200)
        .execute();
      return rows.map((row) => ({ ...row, body: hideTokens(row.body) }));
    },
  );
};

/** Replaces the secret of every `?token=` link in a message. */
export function hideTokens(body: string): string {
  return body.replace(/([?&]token=)[^\s&]+/g, '$1…');
}
