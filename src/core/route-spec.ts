import type { FastifySchema } from 'fastify';
import type { RoutePolicy } from './auth.ts';

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
