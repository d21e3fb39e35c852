import type { FastifyPluginAsync } from 'fastify';
import { Type } from '@sinclair/typebox';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { AppContext } from '../core/app-context.ts';
import { actingRole, actorOf, staffOf, type RoutePolicy } from '../core/auth.ts';
import { requestLang } from '../core/http.ts';
import { DECISIONS, type DecidingRole } from './rules.ts';
import { decideReview, getReview, reviewHistory, reviewQueue, submitMicroCredential } from './store.ts';

export interface QualityRoutesOptions {
  context: AppContext;
}

const CodeParams = Type.Object({ slug: Type.String(), code: Type.String() });
const SlugParams = Type.Object({ slug: Type.String() });
const ReviewParams = Type.Object({ slug: Type.String(), id: Type.String({ maxLength: 64 }) });

// Rationale and checklist are optional in the shape so that the procedure's own rules refuse a decision
// without them, with one message that names the rule.
const DecisionBody = Type.Object(
  {
    decision: Type.Union(DECISIONS.map((d) => Type.Literal(d))),
    rationale: Type.Optional(Type.String({ maxLength: 10_000 })),
    checklist: Type.Optional(
      Type.Array(
        Type.Object(
          {
            criterion: Type.String({ maxLength: 80 }),
            met: Type.Boolean(),
            note: Type.Optional(Type.String({ maxLength: 4000 })),
          },
          { additionalProperties: false },
        ),
        { maxItems: 20 },
      ),
    ),
  },
  { additionalProperties: false },
);

const DESIGNER_ROLES = ['designer', 'administrator'] as const;
const REVIEWER_ROLES = ['qa-reviewer', 'administrator'] as const;
const designers: RoutePolicy = { capability: 'catalogue.design' };
const reviewers: RoutePolicy = { capability: 'quality.review' };
const staff = { security: [{ apiToken: [] }] };

/** The quality procedure: designers submit, QA reviewers assess and decide, staff read the history. */
export const qualityRoutes: FastifyPluginAsync<QualityRoutesOptions> = async (fastify, { context }) => {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { database } = context;

  app.post(
    '/api/v1/manage/:slug/micro-credentials/:code/submit',
    {
      config: { policy: designers },
      schema: {
        tags: ['quality'],
        summary: 'Submit the current draft for quality review (records the automatic pre-check)',
        params: CodeParams,
        ...staff,
      },
    },
    async (request, reply) => {
      const institution = staffOf(request);
      const review = await database.transaction((tx) =>
        submitMicroCredential(tx, actorOf(request), institution, request.params.code, requestLang(request), {
          role: actingRole(request, DESIGNER_ROLES),
        }),
      );
      return reply
        .status(201)
        .header('location', `/api/v1/manage/${institution.slug}/qa/reviews/${review.id}`)
        .send(review);
    },
  );

  app.get(
    '/api/v1/manage/:slug/qa/queue',
    {
      config: { policy: reviewers },
      schema: {
        tags: ['quality'],
        summary: 'Submitted versions awaiting a decision, with their pre-check results',
        params: SlugParams,
        ...staff,
      },
    },
    async (request) => reviewQueue(database.db, staffOf(request), actorOf(request)),
  );

  app.get(
    '/api/v1/manage/:slug/qa/reviews/:id',
    {
      config: { policy: reviewers },
      schema: {
        tags: ['quality'],
        summary: 'One review with the version under review',
        params: ReviewParams,
        ...staff,
      },
    },
    async (request) => getReview(database.db, staffOf(request), request.params.id, actorOf(request)),
  );

  app.post(
    '/api/v1/manage/:slug/qa/reviews/:id/decision',
    {
      config: { policy: reviewers },
      schema: {
        tags: ['quality'],
        summary: 'Approve, request changes or reject, with a written rationale and the checklist',
        params: ReviewParams,
        body: DecisionBody,
        ...staff,
      },
    },
    async (request) => {
      // The policy guarantees one of the reviewer roles; the fallback only satisfies the type.
      const role: DecidingRole =
        actingRole(request, REVIEWER_ROLES) === 'administrator' ? 'administrator' : 'qa-reviewer';
      return database.transaction((tx) =>
        decideReview(
          tx,
          actorOf(request),
          staffOf(request),
          request.params.id,
          {
            decision: request.body.decision,
            rationale: request.body.rationale,
            checklist: request.body.checklist ?? [],
          },
          { role },
          requestLang(request),
        ),
      );
    },
  );

  app.get(
    '/api/v1/manage/:slug/micro-credentials/:code/qa',
    {
      config: { policy: 'institution-staff' },
      schema: {
        tags: ['quality'],
        summary: 'Quality review history of a micro-credential, newest first',
        params: CodeParams,
        ...staff,
      },
    },
    async (request) => reviewHistory(database.db, staffOf(request), request.params.code, actorOf(request)),
  );
};
