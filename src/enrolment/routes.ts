import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { Type } from '@sinclair/typebox';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { AppContext } from '../core/app-context.ts';
import type { Actor, Role } from '../core/actor.ts';
import { actingRole, actorOf, staffOf } from '../core/auth.ts';
import { UnauthorizedError } from '../core/errors.ts';
import { requestLang } from '../core/http.ts';
import type { AfterCommit, TransactionOptions } from '../core/database.ts';
import { EDITION_MODES } from './rules.ts';
import {
  cancelEnrolment,
  createEdition,
  createReduction,
  decideEnrolment,
  enrol,
  getEdition,
  getPublicEdition,
  listEditionEnrolments,
  listEditions,
  listMyEnrolments,
  listPublicEditions,
  listReductions,
  updateEdition,
} from './store.ts';

export interface EnrolmentRoutesOptions {
  context: AppContext;
}

const STAFF_ROLES: readonly Role[] = ['registrar', 'administrator'];
const staffPolicy = { policy: { capability: 'enrolment.manage' as const } };
// Assessors record results per edition, so they may read the editions (not change them).
const readerPolicy = { policy: { capability: 'enrolment.read' as const } };
const staffSecurity = { security: [{ apiToken: [] }] };

// Capacity holds only if counting the places taken and taking one never interleave: serializable, with
// room for the retries a crowd racing for the last place causes.
const ENROLMENT_TX: TransactionOptions = { isolation: 'serializable', retries: 40 };

const literalUnion = <T extends string>(values: readonly T[]) =>
  Type.Union(values.map((v) => Type.Literal(v)));

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
const EditionInputSchema = Type.Object(
  { code: Type.String({ maxLength: 40 }), microCredential: Type.String({ maxLength: 40 }), ...editionFields },
  { additionalProperties: false },
);
const EditionUpdateSchema = Type.Object(editionFields, { additionalProperties: false });
const ReductionInputSchema = Type.Object(
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
const DecisionSchema = Type.Object(
  {
    decision: literalUnion(['accept', 'refuse'] as const),
    reason: Type.Optional(Type.String({ maxLength: 2000 })),
  },
  { additionalProperties: false },
);
const EnrolSchema = Type.Object(
  { confirmPrerequisites: Type.Boolean(), reduction: Type.Optional(Type.String({ maxLength: 40 })) },
  { additionalProperties: false },
);

const SlugParams = Type.Object({ slug: Type.String() });
const EditionParams = Type.Object({ slug: Type.String(), code: Type.String() });
const DecisionParams = Type.Object({ slug: Type.String(), code: Type.String(), id: Type.String() });
const IdParams = Type.Object({ id: Type.String({ maxLength: 64 }) });

function learnerOf(request: FastifyRequest): Actor & { kind: 'user' } {
  const actor = actorOf(request);
  if (actor.kind !== 'user') throw new UnauthorizedError('Sign in with an account.');
  return actor;
}

/**
 * Editions, tuition reductions and enrolment: staff offer editions and decide, anyone may look, a
 * signed-in learner with a verified e-mail address enrols.
 */
export const enrolmentRoutes: FastifyPluginAsync<EnrolmentRoutesOptions> = async (fastify, { context }) => {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { database } = context;
  const { db } = database;
  const mailWith = (afterCommit: AfterCommit) => ({
    afterCommit,
    db,
    mail: context.mail,
  });
  const role = (request: FastifyRequest) => actingRole(request, STAFF_ROLES);

  // ---- staff: editions

  app.post(
    '/api/v1/manage/:slug/editions',
    {
      config: staffPolicy,
      schema: {
        tags: ['enrolment'],
        summary: 'Offer an edition of a published micro-credential (priced by the rules of its form)',
        params: SlugParams,
        body: EditionInputSchema,
        ...staffSecurity,
      },
    },
    async (request, reply) => {
      const view = await database.transaction((tx) =>
        createEdition(
          tx,
          actorOf(request),
          role(request),
          staffOf(request),
          request.body,
          requestLang(request),
        ),
      );
      return reply
        .status(201)
        .header('location', `/api/v1/manage/${view.institution.slug}/editions/${view.code}`)
        .send(view);
    },
  );

  app.get(
    '/api/v1/manage/:slug/editions',
    {
      config: readerPolicy,
      schema: {
        tags: ['enrolment'],
        summary: 'Every edition of the institution',
        params: SlugParams,
        ...staffSecurity,
      },
    },
    async (request) => listEditions(db, staffOf(request)),
  );

  app.get(
    '/api/v1/manage/:slug/editions/:code',
    {
      config: readerPolicy,
      schema: { tags: ['enrolment'], summary: 'One edition', params: EditionParams, ...staffSecurity },
    },
    async (request) => getEdition(db, staffOf(request), request.params.code),
  );

  app.put(
    '/api/v1/manage/:slug/editions/:code',
    {
      config: staffPolicy,
      schema: {
        tags: ['enrolment'],
        summary: 'Change an edition; a larger capacity moves the waiting list up',
        params: EditionParams,
        body: EditionUpdateSchema,
        ...staffSecurity,
      },
    },
    async (request) =>
      database.transaction(
        (tx, afterCommit) =>
          updateEdition(
            tx,
            mailWith(afterCommit),
            actorOf(request),
            role(request),
            staffOf(request),
            request.params.code,
            request.body,
            requestLang(request),
          ),
        ENROLMENT_TX,
      ),
  );

  app.get(
    '/api/v1/manage/:slug/editions/:code/enrolments',
    {
      config: staffPolicy,
      schema: {
        tags: ['enrolment'],
        summary: 'The enrolments of an edition, with waiting-list positions',
        params: EditionParams,
        ...staffSecurity,
      },
    },
    async (request) => listEditionEnrolments(db, staffOf(request), request.params.code),
  );

  app.post(
    '/api/v1/manage/:slug/editions/:code/enrolments/:id/decision',
    {
      config: staffPolicy,
      schema: {
        tags: ['enrolment'],
        summary: 'Accept or refuse (with a reason) an enrolment; the learner is told by e-mail',
        params: DecisionParams,
        body: DecisionSchema,
        ...staffSecurity,
      },
    },
    async (request) =>
      database.transaction(
        (tx, afterCommit) =>
          decideEnrolment(
            tx,
            mailWith(afterCommit),
            actorOf(request),
            role(request),
            staffOf(request),
            request.params.code,
            request.params.id,
            request.body,
            requestLang(request),
          ),
        ENROLMENT_TX,
      ),
  );

  // ---- staff: reductions

  app.get(
    '/api/v1/manage/:slug/reductions',
    {
      config: staffPolicy,
      schema: {
        tags: ['enrolment'],
        summary: 'Tuition reductions: the institution’s own and the platform-wide ones',
        params: SlugParams,
        ...staffSecurity,
      },
    },
    async (request) => listReductions(db, staffOf(request).id),
  );

  app.post(
    '/api/v1/manage/:slug/reductions',
    {
      config: staffPolicy,
      schema: {
        tags: ['enrolment'],
        summary: 'Add a tuition reduction (a percentage) of the institution',
        params: SlugParams,
        body: ReductionInputSchema,
        ...staffSecurity,
      },
    },
    async (request, reply) => {
      const view = await database.transaction((tx) =>
        createReduction(
          tx,
          actorOf(request),
          role(request),
          staffOf(request),
          request.body,
          requestLang(request),
        ),
      );
      return reply.status(201).send(view);
    },
  );

  // ---- public

  app.get(
    '/api/v1/institutions/:slug/micro-credentials/:code/editions',
    {
      config: { policy: 'public' },
      schema: {
        tags: ['enrolment'],
        summary: 'Open and upcoming editions of a published micro-credential: price, places left, window',
        params: EditionParams,
      },
    },
    async (request) => listPublicEditions(db, request.params.slug, request.params.code),
  );

  app.get(
    '/api/v1/editions/:id',
    {
      config: { policy: 'public' },
      schema: {
        tags: ['enrolment'],
        summary: 'One edition: prerequisites to confirm and the reductions a learner may ask for',
        params: IdParams,
      },
    },
    async (request) => getPublicEdition(db, request.params.id),
  );

  // ---- learners

  app.post(
    '/api/v1/editions/:id/enrolments',
    {
      config: { policy: 'signed-in' },
      schema: {
        tags: ['enrolment'],
        summary: 'Enrol (needs a verified e-mail address); without a free place you join the waiting list',
        params: IdParams,
        body: EnrolSchema,
      },
    },
    async (request, reply) => {
      const view = await database.transaction(
        (tx) => enrol(tx, learnerOf(request), request.params.id, request.body, requestLang(request)),
        ENROLMENT_TX,
      );
      return reply.status(201).send(view);
    },
  );

  app.get(
    '/api/v1/me/enrolments',
    {
      config: { policy: 'signed-in' },
      schema: {
        tags: ['enrolment'],
        summary: 'My enrolments: status, waiting-list position and amount due',
      },
    },
    async (request) => listMyEnrolments(db, learnerOf(request).userId),
  );

  app.delete(
    '/api/v1/me/enrolments/:id',
    {
      config: { policy: 'signed-in' },
      schema: {
        tags: ['enrolment'],
        summary: 'Cancel my enrolment; the place goes to the waiting list',
        params: IdParams,
      },
    },
    async (request) =>
      database.transaction(
        (tx, afterCommit) =>
          cancelEnrolment(tx, mailWith(afterCommit), learnerOf(request), request.params.id),
        ENROLMENT_TX,
      ),
  );
};
