import type { FastifyPluginAsync } from 'fastify';
import { Type } from '@sinclair/typebox';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { route, routesOf } from '../core/route-spec.ts';
import type { AppContext } from '../core/app-context.ts';
import { staffOf } from '../core/auth.ts';
import type { TransactionOptions } from '../core/database.ts';
import { runRequestCommand } from '../core/route-command.ts';
import { userOf } from '../core/route-user.ts';
import {
  createEdition,
  getEdition,
  getPublicEdition,
  listEditions,
  listPublicEditions,
  updateEdition,
} from './editions.ts';
import {
  cancelEnrolment,
  decideEnrolment,
  enrol,
  listEditionEnrolments,
  listMyEnrolments,
} from './enrolments.ts';
import { createReduction, listReductions } from './reductions.ts';
import {
  DecisionInputSchema,
  DecisionParams,
  EditionDetailSchema,
  EditionInputSchema,
  EditionParams,
  EditionUpdateSchema,
  EditionViewSchema,
  EnrolInputSchema,
  IdParams,
  MyEnrolmentViewSchema,
  ReductionInputSchema,
  ReductionViewSchema,
  SlugParams,
  StaffEnrolmentViewSchema,
} from './schemas.ts';

export interface EnrolmentRoutesOptions {
  context: AppContext;
}

/**
 * Capacity holds only if counting the places taken and taking one never interleave: serializable, with
 * room for the retries a crowd racing for the last place causes.
 */
export const ENROLMENT_TX: TransactionOptions = { isolation: 'serializable', retries: 40 };

/** Offering editions and reductions and deciding enrolments: the registrars' routes. */
const managing = routesOf({ capability: 'enrolment.manage' }, 'enrolment');

/**
 * Editions, tuition reductions and enrolment: staff offer editions and decide, anyone may look, a
 * signed-in learner with a verified e-mail address enrols.
 */
export const enrolmentRoutes: FastifyPluginAsync<EnrolmentRoutesOptions> = async (fastify, { context }) => {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { db } = context.database;

  // ---- staff: editions

  app.post(
    '/api/v1/manage/:slug/editions',
    managing('Offer an edition of a published micro-credential (priced by the rules of its form)', {
      params: SlugParams,
      body: EditionInputSchema,
      response: { 201: EditionViewSchema },
    }),
    async (request, reply) => {
      const view = await runRequestCommand(request, context, (cmd) =>
        createEdition(cmd, staffOf(request), request.body),
      );
      return reply
        .status(201)
        .header('location', `/api/v1/manage/${view.institution.slug}/editions/${view.code}`)
        .send(view);
    },
  );

  app.get(
    '/api/v1/manage/:slug/editions',
    route({ capability: 'enrolment.read' }, 'enrolment', 'Every edition of the institution', {
      params: SlugParams,
      response: { 200: Type.Array(EditionViewSchema) },
    }),
    async (request) => listEditions(db, staffOf(request)),
  );

  app.get(
    '/api/v1/manage/:slug/editions/:code',
    route({ capability: 'enrolment.read' }, 'enrolment', 'One edition', {
      params: EditionParams,
      response: { 200: EditionViewSchema },
    }),
    async (request) => getEdition(db, staffOf(request), request.params.code),
  );

  app.put(
    '/api/v1/manage/:slug/editions/:code',
    managing('Change an edition; a larger capacity moves the waiting list up', {
      params: EditionParams,
      body: EditionUpdateSchema,
      response: { 200: EditionViewSchema },
    }),
    async (request) =>
      runRequestCommand(
        request,
        context,
        (cmd) => updateEdition(cmd, staffOf(request), { code: request.params.code, edition: request.body }),
        ENROLMENT_TX,
      ),
  );

  app.get(
    '/api/v1/manage/:slug/editions/:code/enrolments',
    managing('The enrolments of an edition, with waiting-list positions', {
      params: EditionParams,
      response: { 200: Type.Array(StaffEnrolmentViewSchema) },
    }),
    async (request) => listEditionEnrolments(db, staffOf(request), request.params.code),
  );

  app.post(
    '/api/v1/manage/:slug/editions/:code/enrolments/:id/decision',
    managing('Accept or refuse (with a reason) an enrolment; the learner is told by e-mail', {
      params: DecisionParams,
      body: DecisionInputSchema,
      response: { 200: StaffEnrolmentViewSchema },
    }),
    async (request) =>
      runRequestCommand(
        request,
        context,
        (cmd) =>
          decideEnrolment(cmd, staffOf(request), {
            ...request.body,
            editionCode: request.params.code,
            enrolmentId: request.params.id,
          }),
        ENROLMENT_TX,
      ),
  );

  // ---- staff: reductions

  app.get(
    '/api/v1/manage/:slug/reductions',
    managing('Tuition reductions: the institution’s own and the platform-wide ones', {
      params: SlugParams,
      response: { 200: Type.Array(ReductionViewSchema) },
    }),
    async (request) => listReductions(db, staffOf(request)),
  );

  app.post(
    '/api/v1/manage/:slug/reductions',
    managing('Add a tuition reduction (a percentage) of the institution', {
      params: SlugParams,
      body: ReductionInputSchema,
      response: { 201: ReductionViewSchema },
    }),
    async (request, reply) =>
      reply
        .status(201)
        .send(
          await runRequestCommand(request, context, (cmd) =>
            createReduction(cmd, staffOf(request), request.body),
          ),
        ),
  );

  // ---- public

  app.get(
    '/api/v1/institutions/:slug/micro-credentials/:code/editions',
    route(
      'public',
      'enrolment',
      'Open and upcoming editions of a published micro-credential: price, places left, window',
      { params: EditionParams, response: { 200: Type.Array(EditionViewSchema) } },
    ),
    async (request) => listPublicEditions(db, request.params.slug, request.params.code),
  );

  app.get(
    '/api/v1/editions/:id',
    route(
      'public',
      'enrolment',
      'One edition: prerequisites to confirm and the reductions a learner may ask for',
      { params: IdParams, response: { 200: EditionDetailSchema } },
    ),
    async (request) => getPublicEdition(db, request.params.id),
  );

  // ---- learners: the signed-in person acts for themselves (`cmd.actor`)

  app.post(
    '/api/v1/editions/:id/enrolments',
    route(
      'signed-in',
      'enrolment',
      'Enrol (needs a verified e-mail address); without a free place you join the waiting list',
      { params: IdParams, body: EnrolInputSchema, response: { 201: MyEnrolmentViewSchema } },
    ),
    async (request, reply) =>
      reply
        .status(201)
        .send(
          await runRequestCommand(
            request,
            context,
            (cmd) => enrol(cmd, { ...request.body, editionId: request.params.id }),
            ENROLMENT_TX,
          ),
        ),
  );

  app.get(
    '/api/v1/me/enrolments',
    route('signed-in', 'enrolment', 'My enrolments: status, waiting-list position and amount due', {
      response: { 200: Type.Array(MyEnrolmentViewSchema) },
    }),
    async (request) => listMyEnrolments(db, userOf(request).userId),
  );

  app.delete(
    '/api/v1/me/enrolments/:id',
    route('signed-in', 'enrolment', 'Cancel my enrolment; the place goes to the waiting list', {
      params: IdParams,
      response: { 200: MyEnrolmentViewSchema },
    }),
    async (request) =>
      runRequestCommand(request, context, (cmd) => cancelEnrolment(cmd, request.params.id), ENROLMENT_TX),
  );
};
