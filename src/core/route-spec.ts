import type {
  FastifyBaseLogger,
  FastifyInstance,
  FastifySchema,
  RawReplyDefaultExpression,
  RawRequestDefaultExpression,
  RawServerDefault,
} from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { RoutePolicy } from './auth.ts';

/**
 * The app as a routes plugin declares on it (`fastify.withTypeProvider<TypeBoxTypeProvider>()`): the
 * TypeBox schemas of a declaration type its handler. Named so that a plugin's helpers can take it.
 */
export type TypedApp = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  TypeBoxTypeProvider
>;

/** What every route declares besides its handler: who may call it, and the shapes it takes and gives. */
export interface RouteDeclaration<S extends FastifySchema> {
  config: { policy: RoutePolicy };
  schema: S & { tags: string[]; summary: string };
}

/**
 * A route's declaration in one line: its policy, its OpenAPI tag and summary, and its schemas (params,
 * body, `response` for every 2xx answer). The schemas' types flow into the handler as they would inline.
 *
 * @example
 * app.get('/api/v1/manage/:slug/course-units',
 *   route('institution-staff', 'design', 'Course units', { params: SlugParams, response: { 200: Type.Array(CourseUnitViewSchema) } }),
 *   async (request) => listCourseUnits(db, staffOf(request)));
 */
export function route<S extends FastifySchema>(
  policy: RoutePolicy,
  tag: string,
  summary: string,
  schema: S,
): RouteDeclaration<S> {
  return { config: { policy }, schema: { ...schema, tags: [tag], summary } };
}

/**
 * `route` for the routes of a file that share one policy and one tag (the staff who manage enrolment, the
 * public account routes): stated once, so that each route says only its summary and schemas.
 *
 * @example
 * const managing = routesOf({ capability: 'enrolment.manage' }, 'enrolment');
 * app.get('/api/v1/manage/:slug/reductions', managing('Tuition reductions', { params: SlugParams, response: { 200: Type.Array(ReductionViewSchema) } }), …);
 */
export function routesOf(
  policy: RoutePolicy,
  tag: string,
): <S extends FastifySchema>(summary: string, schema: S) => RouteDeclaration<S> {
  return (summary, schema) => route(policy, tag, summary, schema);
}
