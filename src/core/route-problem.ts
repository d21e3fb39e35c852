import type { FastifyReply, FastifyRequest } from 'fastify';
import { PROBLEM_TYPE_BASE, type Problem } from './http.ts';

/** What a route says of a refusal it words itself; `type` and `instance` follow from the code and the request. */
export type RouteProblem = Pick<Problem, 'status' | 'title' | 'code' | 'detail'>;

/**
 * Answers an RFC 9457 problem that a route words itself, because it carries more than a thrown error can
 * (every field problem at once, a report by line): shaped as the error handler shapes the others, its own
 * members after the standard ones.
 *
 * @example
 * return sendProblem(request, reply, { status: 400, title: 'Bad Request', code: 'bad-request', detail }, { errors });
 */
export function sendProblem(
  request: FastifyRequest,
  reply: FastifyReply,
  problem: RouteProblem,
  members: Readonly<Record<string, unknown>> = {},
): FastifyReply {
  const { status, title, code, detail } = problem;
  return reply
    .status(status)
    .type('application/problem+json')
    .send({
      type: `${PROBLEM_TYPE_BASE}${code}`,
      title,
      status,
      detail,
      instance: request.url,
      code,
      ...members,
    });
}
