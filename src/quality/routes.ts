import type { FastifyPluginAsync } from 'fastify';
import { Type } from '@sinclair/typebox';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { AppContext } from '../core/app-context.ts';
import { actorOf, staffOf, type RoutePolicy } from '../core/auth.ts';
import { runRequestCommand } from '../core/route-command.ts';
import { route } from '../core/route-spec.ts';
import { decideReview } from './decisions.ts';
import { getReview, reviewHistory, reviewQueue } from './review-views.ts';
import {
  CodeParams,
  DecisionBody,
  ReviewDetailSchema,
  ReviewParams,
  ReviewViewSchema,
  SlugParams,
} from './schemas.ts';
import { submitMicroCredential } from './submissions.ts';

export interface QualityRoutesOptions {
  context: AppContext;
}

const designers: RoutePolicy = { capability: 'catalogue.design' };
const reviewers: RoutePolicy = { capability: 'quality.review' };

/** The quality procedure: designers submit, QA reviewers assess and decide, staff read the history. */
export const qualityRoutes: FastifyPluginAsync<QualityRoutesOptions> = async (fastify, { context }) => {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { db } = context.database;

  app.post(
    '/api/v1/manage/:slug/micro-credentials/:code/submit',
    route(
      designers,
      'quality',
      'Submit the current draft for quality review (records the automatic pre-check)',
      { params: CodeParams, response: { 201: ReviewViewSchema } },
    ),
    async (request, reply) => {
      const institution = staffOf(request);
      const review = await runRequestCommand(request, context, (cmd) =>
        submitMicroCredential(cmd, institution, { code: request.params.code }),
      );
      return reply
        .status(201)
        .header('location', `/api/v1/manage/${institution.slug}/qa/reviews/${review.id}`)
        .send(review);
    },
  );

  app.get(
    '/api/v1/manage/:slug/qa/queue',
    route(reviewers, 'quality', 'Submitted versions awaiting a decision, with their pre-check results', {
      params: SlugParams,
      response: { 200: Type.Array(ReviewViewSchema) },
    }),
    async (request) => reviewQueue(db, staffOf(request), actorOf(request)),
  );

  app.get(
    '/api/v1/manage/:slug/qa/reviews/:id',
    route(reviewers, 'quality', 'One review with the version under review', {
      params: ReviewParams,
      response: { 200: ReviewDetailSchema },
    }),
    async (request) => getReview(db, staffOf(request), request.params.id, actorOf(request)),
  );

  app.post(
    '/api/v1/manage/:slug/qa/reviews/:id/decision',
    route(
      reviewers,
      'quality',
      'Approve, request changes or reject, with a written rationale and the checklist',
      { params: ReviewParams, body: DecisionBody, response: { 200: ReviewViewSchema } },
    ),
    async (request) =>
      runRequestCommand(request, context, (cmd) =>
        decideReview(cmd, staffOf(request), {
          reviewId: request.params.id,
          request: {
            decision: request.body.decision,
            rationale: request.body.rationale,
            checklist: request.body.checklist ?? [],
          },
        }),
      ),
  );

  app.get(
    '/api/v1/manage/:slug/micro-credentials/:code/qa',
    route('institution-staff', 'quality', 'Quality review history of a micro-credential, newest first', {
      params: CodeParams,
      response: { 200: Type.Array(ReviewViewSchema) },
    }),
    async (request) => reviewHistory(db, staffOf(request), request.params.code, actorOf(request)),
  );
};
