import type { FastifyPluginAsync } from 'fastify';
import { Type } from '@sinclair/typebox';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { AppContext } from '../core/app-context.ts';
import type { Role } from '../core/actor.ts';
import { actingRole, actorOf, staffOf } from '../core/auth.ts';
import { NotFoundError, UnauthorizedError } from '../core/errors.ts';
import { getEditionFacts } from '../assessment/store.ts';
import { issueForEdition, issueForEnrolment, previewEdition } from './issue-from-evaluation.ts';
import { changeStatusAndNotify, learnerCredentials, listCredentials } from './manage-credentials.ts';

export interface IssuingRoutesOptions {
  context: AppContext;
}

/** Registrars issue, revoke and suspend; assessors record results and cannot issue. */
const REGISTRARS: readonly Role[] = ['registrar', 'administrator'];

const EditionParams = Type.Object({ slug: Type.String(), code: Type.String() });
const IdParams = Type.Object({ slug: Type.String(), id: Type.String({ maxLength: 300 }) });
const staff = { security: [{ apiToken: [] }] };

/** Issuing proofs of learning from evaluations, their status from the UI, and a learner's credentials. */
export const issuingRoutes: FastifyPluginAsync<IssuingRoutesOptions> = async (fastify, { context }) => {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { database } = context;
  const issuer = (request: Parameters<typeof actorOf>[0]) => ({
    actor: actorOf(request),
    role: actingRole(request, REGISTRARS),
  });

  app.get(
    '/api/v1/manage/:slug/editions/:code/issue/preview',
    {
      config: { policy: { roles: REGISTRARS } },
      schema: {
        tags: ['issuing'],
        summary: 'What issuing the cohort would do now, learner by learner',
        params: EditionParams,
        ...staff,
      },
    },
    async (request) => {
      const edition = await getEditionFacts(database.db, staffOf(request), request.params.code);
      return previewEdition(database.db, edition);
    },
  );

  app.post(
    '/api/v1/manage/:slug/editions/:code/issue',
    {
      config: { policy: { roles: REGISTRARS } },
      schema: {
        tags: ['issuing'],
        summary:
          'Issue what every accepted learner of the edition is owed (idempotent; resumes after a failure)',
        params: EditionParams,
        ...staff,
      },
    },
    async (request) => {
      const edition = await getEditionFacts(database.db, staffOf(request), request.params.code);
      return issueForEdition(context, edition, issuer(request));
    },
  );

  app.post(
    '/api/v1/manage/:slug/enrolments/:id/issue',
    {
      config: { policy: { roles: REGISTRARS } },
      schema: {
        tags: ['issuing'],
        summary: 'Issue what one learner is owed (a UI issuing a cohort learner by learner shows progress)',
        params: IdParams,
        ...staff,
      },
    },
    async (request) => {
      const institution = staffOf(request);
      const enrolment = await database.db
        .selectFrom('enrolments as n')
        .innerJoin('editions as e', 'e.id', 'n.edition_id')
        .select('n.id')
        .where('n.id', '=', request.params.id)
        .where('e.institution_id', '=', institution.id)
        .executeTakeFirst();
      if (!enrolment)
        throw new NotFoundError(`There is no enrolment ${request.params.id} at ${institution.slug}.`);
      return issueForEnrolment(context, enrolment.id, issuer(request));
    },
  );

  app.get(
    '/api/v1/manage/:slug/credentials',
    {
      config: { policy: { roles: REGISTRARS } },
      schema: {
        tags: ['issuing'],
        summary: 'Credentials issued by the institution, newest first; ?edition=CODE for one edition',
        params: Type.Object({ slug: Type.String() }),
        querystring: Type.Object(
          {
            edition: Type.Optional(Type.String({ maxLength: 80 })),
            limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000, default: 500 })),
          },
          { additionalProperties: false },
        ),
        ...staff,
      },
    },
    async (request) => listCredentials(database.db, staffOf(request), request.query),
  );

  app.post(
    '/api/v1/manage/:slug/credentials/:id/status',
    {
      config: { policy: { roles: REGISTRARS } },
      schema: {
        tags: ['issuing'],
        summary: 'Revoke, suspend or reinstate a credential (a reason is required to revoke or suspend)',
        params: IdParams,
        body: Type.Object(
          {
            action: Type.Union([Type.Literal('revoke'), Type.Literal('suspend'), Type.Literal('unsuspend')]),
            reason: Type.Optional(Type.String({ maxLength: 1000 })),
          },
          { additionalProperties: false },
        ),
        ...staff,
      },
    },
    async (request) =>
      database.transaction((tx, afterCommit) =>
        changeStatusAndNotify(
          tx,
          afterCommit,
          context,
          staffOf(request),
          request.params.id,
          request.body.action,
          request.body.reason,
          { ...issuer(request), reasonRequired: true },
        ),
      ),
  );

  app.get(
    '/api/v1/me/credentials',
    {
      config: { policy: 'signed-in' },
      schema: {
        tags: ['issuing'],
        summary: 'My proofs of learning, with their status and the signed document',
      },
    },
    async (request) => {
      const actor = actorOf(request);
      if (actor.kind !== 'user') throw new UnauthorizedError('Sign in with an account.');
      return learnerCredentials(database.db, actor.userId);
    },
  );
};
