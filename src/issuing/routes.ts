import type { FastifyPluginAsync } from 'fastify';
import { Type } from '@sinclair/typebox';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { AppContext } from '../core/app-context.ts';
import type { Role } from '../core/actor.ts';
import { actingRole, actorOf, staffOf } from '../core/auth.ts';
import { NotFoundError, StapelError, UnauthorizedError } from '../core/errors.ts';
import { requestLang } from '../core/http.ts';
import { getEditionFacts } from '../assessment/store.ts';
import { issueForEdition, issueForEnrolment, previewEdition } from './issue-from-evaluation.ts';
import { changeStatusAndNotify, learnerCredentials, listCredentials } from './manage-credentials.ts';
import { issuingMessage } from './messages.ts';
import { STATUS_TRANSACTION } from './status.ts';

export interface IssuingRoutesOptions {
  context: AppContext;
}

/** Registrars issue, revoke and suspend; assessors record results and cannot issue. */
const REGISTRARS: readonly Role[] = ['registrar', 'administrator'];

const EditionParams = Type.Object({ slug: Type.String(), code: Type.String() });
const IdParams = Type.Object({ slug: Type.String(), id: Type.String({ maxLength: 300 }) });
const staff = { security: [{ apiToken: [] }] };

const StatusName = Type.Union([Type.Literal('valid'), Type.Literal('revoked'), Type.Literal('suspended')]);
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) =>
  Type.Union([schema, Type.Null()]);

const TitlesSchema = Type.Object({ nl: Type.String(), en: Type.Optional(Type.String()) });

const CredentialListItemSchema = Type.Object({
  id: Type.String(),
  credentialId: Type.String(),
  kind: Type.String(),
  titles: Type.Object(TitlesSchema.properties, {
    description:
      'What it was earned for: the course unit of a credit certificate, else the micro-credential.',
  }),
  courseUnit: Nullable(Type.String({ description: 'The course unit code of a credit certificate.' })),
  microCredential: Type.Object({
    code: Type.String(),
    version: Type.Integer(),
    title: Type.String({ description: 'The Dutch title (see titles).' }),
    titles: TitlesSchema,
  }),
  institution: Type.String(),
  learner: Type.Object({ email: Type.String(), name: Nullable(Type.String()) }),
  edition: Nullable(Type.String()),
  enrolmentId: Nullable(Type.String()),
  status: StatusName,
  suspendable: Type.Boolean({
    description: 'False when the credential has no suspension entry: it can be revoked, not suspended.',
  }),
  statusReason: Nullable(Type.String()),
  statusChangedAt: Nullable(Type.String()),
  issuedAt: Type.String(),
});

const StatusChangeSchema = Type.Object({
  id: Type.String(),
  status: StatusName,
  reason: Nullable(Type.String()),
  changedAt: Type.String(),
});

/** Conflicts the database transaction retried and still met: another change held the list too long. */
function isStillConflicting(error: unknown): boolean {
  const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  return code === '40001' || code === '40P01' || code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED';
}

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
      config: { policy: { capability: 'issuing.manage' } },
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
      config: { policy: { capability: 'issuing.manage' } },
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
      config: { policy: { capability: 'issuing.manage' } },
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
      config: { policy: { capability: 'issuing.manage' } },
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
        response: { 200: Type.Array(CredentialListItemSchema) },
        ...staff,
      },
    },
    async (request) => listCredentials(database.db, staffOf(request), request.query),
  );

  app.post(
    '/api/v1/manage/:slug/credentials/:id/status',
    {
      config: { policy: { capability: 'issuing.manage' } },
      schema: {
        tags: ['issuing'],
        summary: 'Revoke, suspend or reinstate a credential (a reason is required to revoke or suspend)',
        description:
          'Suspending is refused (409, suspension-not-available) for a credential without a suspension ' +
          'entry. 503 with Retry-After when the status list stayed busy with other changes; nothing changed.',
        params: IdParams,
        body: Type.Object(
          {
            action: Type.Union([Type.Literal('revoke'), Type.Literal('suspend'), Type.Literal('unsuspend')]),
            reason: Type.Optional(Type.String({ maxLength: 1000 })),
          },
          { additionalProperties: false },
        ),
        response: {
          200: StatusChangeSchema,
          409: Type.Ref('Problem'),
          422: Type.Ref('Problem'),
          503: Type.Ref('Problem'),
        },
        ...staff,
      },
    },
    async (request, reply) => {
      const lang = requestLang(request);
      try {
        return await database.transaction(
          (tx, afterCommit) =>
            changeStatusAndNotify(
              tx,
              afterCommit,
              context,
              staffOf(request),
              request.params.id,
              request.body.action,
              request.body.reason,
              { ...issuer(request), reasonRequired: true, lang },
            ),
          STATUS_TRANSACTION,
        );
      } catch (error) {
        if (!isStillConflicting(error)) throw error;
        void reply.header('retry-after', '1');
        throw new StapelError('status-busy', issuingMessage('status-busy', lang));
      }
    },
  );

  app.get(
    '/api/v1/me/credentials',
    {
      config: { policy: 'signed-in' },
      schema: {
        tags: ['issuing'],
        summary: 'My proofs of learning, with their status and the signed document',
        response: {
          200: Type.Array(
            Type.Object({
              ...CredentialListItemSchema.properties,
              document: Type.Object(
                {},
                { additionalProperties: true, description: 'The signed credential.' },
              ),
            }),
          ),
        },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      if (actor.kind !== 'user') throw new UnauthorizedError('Sign in with an account.');
      return learnerCredentials(database.db, actor.userId);
    },
  );
};
