import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { Type, type TSchema } from '@sinclair/typebox';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { AppContext } from '../core/app-context.ts';
import { staffOf, type RoutePolicy } from '../core/auth.ts';
import { StapelError } from '../core/errors.ts';
import { runRequestCommand } from '../core/route-command.ts';
import { route } from '../core/route-spec.ts';
import { userOf } from '../core/route-user.ts';
import {
  issueForEdition,
  issueForEnrolment,
  previewEdition,
  type CommandRunner,
} from './issue-from-evaluation.ts';
import { changeStatusAndNotify, learnerCredentials, listCredentials } from './manage-credentials.ts';
import {
  CohortIssuanceSchema,
  CredentialListItemSchema,
  EnrolmentIssuanceSchema,
  LearnerCredentialSchema,
  StatusChangeSchema,
} from './schemas.ts';
import { STATUS_TRANSACTION } from './status.ts';

export interface IssuingRoutesOptions {
  context: AppContext;
}

const EditionParams = Type.Object({ slug: Type.String(), code: Type.String() });
const IdParams = Type.Object({ slug: Type.String(), id: Type.String({ maxLength: 300 }) });
const staff = { security: [{ apiToken: [] }] };

const registrars: RoutePolicy = { capability: 'issuing.manage' };

/** The declaration of a registrar's issuing route: its parameters and answer. */
const issuingRoute = <P extends TSchema, R extends TSchema>(summary: string, params: P, response: R) =>
  route(registrars, 'issuing', summary, { params, response: { 200: response }, ...staff });

/** Conflicts the database transaction retried and still met: another change held the list too long. */
function isStillConflicting(error: unknown): boolean {
  const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  return code === '40001' || code === '40P01' || code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED';
}

/** Issuing proofs of learning from evaluations, their status from the UI, and a learner's credentials. */
export const issuingRoutes: FastifyPluginAsync<IssuingRoutesOptions> = async (fastify, { context }) => {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { database } = context;
  // Each proof is issued in a transaction of its own, as the request's command.
  const runner =
    (request: FastifyRequest): CommandRunner =>
    (fn, transaction) =>
      runRequestCommand(request, context, fn, transaction);

  app.get(
    '/api/v1/manage/:slug/editions/:code/issue/preview',
    issuingRoute(
      'What issuing the cohort would do now, learner by learner',
      EditionParams,
      CohortIssuanceSchema,
    ),
    async (request) => previewEdition(database.db, staffOf(request), { edition: request.params.code }),
  );

  app.post(
    '/api/v1/manage/:slug/editions/:code/issue',
    issuingRoute(
      'Issue what every accepted learner of the edition is owed (idempotent; resumes after a failure)',
      EditionParams,
      CohortIssuanceSchema,
    ),
    async (request) =>
      issueForEdition(runner(request), context, staffOf(request), { edition: request.params.code }),
  );

  app.post(
    '/api/v1/manage/:slug/enrolments/:id/issue',
    issuingRoute(
      'Issue what one learner is owed (a UI issuing a cohort learner by learner shows progress)',
      IdParams,
      EnrolmentIssuanceSchema,
    ),
    async (request) =>
      issueForEnrolment(runner(request), context, staffOf(request), { enrolmentId: request.params.id }),
  );

  app.get(
    '/api/v1/manage/:slug/credentials',
    route(
      registrars,
      'issuing',
      'Credentials issued by the institution, newest first; ?edition=CODE for one edition',
      {
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
    ),
    async (request) => listCredentials(database.db, staffOf(request), request.query),
  );

  app.post(
    '/api/v1/manage/:slug/credentials/:id/status',
    route(
      registrars,
      'issuing',
      'Revoke, suspend or reinstate a credential (a reason is required to revoke or suspend)',
      {
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
    ),
    async (request, reply) => {
      try {
        return await runRequestCommand(
          request,
          context,
          (cmd) =>
            changeStatusAndNotify(cmd, context, staffOf(request), {
              credential: request.params.id,
              action: request.body.action,
              reason: request.body.reason,
              reasonRequired: true,
            }),
          STATUS_TRANSACTION,
        );
      } catch (error) {
        if (!isStillConflicting(error)) throw error;
        void reply.header('retry-after', '1');
        throw new StapelError(
          'status-busy',
          'The status list is being updated by another change right now. Nothing was changed; try again in a moment.',
          {
            key: 'status-busy',
          },
        );
      }
    },
  );

  app.get(
    '/api/v1/me/credentials',
    route('signed-in', 'issuing', 'My proofs of learning, with their status and the signed document', {
      response: { 200: Type.Array(LearnerCredentialSchema) },
    }),
    async (request) => learnerCredentials(database.db, userOf(request).userId),
  );
};
