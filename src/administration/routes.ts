import type { FastifyPluginAsync } from 'fastify';
import { Type } from '@sinclair/typebox';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { DatabaseHandle } from '../core/database.ts';
import { staffOf } from '../core/auth.ts';
import type { FieldProblem } from '../core/errors.ts';
import { csvDocument } from '../core/csv-cell.ts';
import { PROBLEM_TYPE_BASE, requestLang } from '../core/http.ts';
import { parseInstantStrict } from '../core/instant.ts';
import { administrationMessage } from './messages.ts';

export interface AdministrationRoutesOptions {
  database: DatabaseHandle;
}

const INSTANT_DESCRIPTION = 'ISO 8601 date and time with a time zone, e.g. 2026-01-31T23:00:00Z';

const AuditQuery = Type.Object(
  {
    // Checked in the handler rather than with `format: 'date-time'`: the schema format lets through what
    // Date cannot place (a leap second) and answers 422; an impossible instant is a bad query (400).
    from: Type.Optional(Type.String({ maxLength: 40, description: INSTANT_DESCRIPTION })),
    to: Type.Optional(Type.String({ maxLength: 40, description: INSTANT_DESCRIPTION })),
    action: Type.Optional(Type.String({ maxLength: 80 })),
    format: Type.Optional(Type.Union([Type.Literal('json'), Type.Literal('csv')])),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000, default: 500 })),
  },
  { additionalProperties: false },
);

const AuditEntrySchema = Type.Object({
  id: Type.String(),
  at: Type.String(),
  actor: Type.Object({
    type: Type.String(),
    id: Type.Union([Type.String(), Type.Null()]),
    label: Type.String(),
  }),
  role: Type.Union([Type.String(), Type.Null()]),
  action: Type.String(),
  object: Type.Object({ type: Type.String(), id: Type.String() }),
  before: Type.Unknown(),
  after: Type.Unknown(),
});

const ProblemResponse = Type.Object({
  type: Type.String(),
  title: Type.String(),
  status: Type.Integer(),
  detail: Type.String(),
  instance: Type.Optional(Type.String()),
  code: Type.String(),
  errors: Type.Optional(
    Type.Array(Type.Object({ field: Type.String(), rule: Type.String(), message: Type.String() })),
  ),
});

const CSV_HEADER = [
  'at',
  'actor_type',
  'actor',
  'role',
  'action',
  'object_type',
  'object_id',
  'before',
  'after',
];

/** Administrators browse and export the append-only audit log of their institution. */
export const administrationRoutes: FastifyPluginAsync<AdministrationRoutesOptions> = async (
  fastify,
  { database },
) => {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  app.get(
    '/api/v1/manage/:slug/audit',
    {
      config: { policy: { capability: 'institution.administer' } },
      schema: {
        tags: ['administration'],
        summary: 'The audit log, newest first; ?format=csv to export',
        params: Type.Object({ slug: Type.String() }),
        querystring: AuditQuery,
        response: { 200: Type.Union([Type.Array(AuditEntrySchema), Type.String()]), 400: ProblemResponse },
      },
    },
    async (request, reply) => {
      const lang = requestLang(request);
      const bounds: Partial<Record<'from' | 'to', string>> = {};
      const errors: FieldProblem[] = [];
      for (const parameter of ['from', 'to'] as const) {
        const value = request.query[parameter];
        if (value === undefined) continue;
        const instant = parseInstantStrict(value);
        if (instant) bounds[parameter] = instant.toISOString();
        else
          errors.push({
            field: `querystring.${parameter}`,
            rule: 'instant-format',
            message: administrationMessage('instant-format', lang, { value }),
          });
      }
      if (errors.length > 0) {
        const parameters = errors.map((e) => e.field.slice('querystring.'.length)).join(', ');
        return reply
          .status(400)
          .type('application/problem+json')
          .send({
            type: `${PROBLEM_TYPE_BASE}bad-request`,
            title: 'Bad Request',
            status: 400,
            detail: administrationMessage('audit-query-invalid', lang, { parameters }),
            instance: request.url,
            code: 'bad-request',
            errors,
          });
      }
      let query = database.db
        .selectFrom('audit_log')
        .selectAll()
        .where('institution_id', '=', staffOf(request).id);
      if (bounds.from) query = query.where('at', '>=', bounds.from);
      if (bounds.to) query = query.where('at', '<=', bounds.to);
      if (request.query.action) query = query.where('action', '=', request.query.action);
      const rows = await query
        .orderBy('at', 'desc')
        .orderBy('id')
        .limit(request.query.limit ?? 500)
        .execute();
      const entries = rows.map((r) => ({
        id: r.id,
        at: r.at,
        actor: { type: r.actor_type, id: r.actor_id, label: r.actor_label },
        role: r.role,
        action: r.action,
        object: { type: r.object_type, id: r.object_id },
        before: r.before === null ? null : JSON.parse(r.before),
        after: r.after === null ? null : JSON.parse(r.after),
      }));
      if (request.query.format !== 'csv') return entries;
      const cells = rows.map((r) => [
        r.at,
        r.actor_type,
        r.actor_label,
        r.role,
        r.action,
        r.object_type,
        r.object_id,
        r.before,
        r.after,
      ]);
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="audit-${staffOf(request).slug}.csv"`)
        .send(csvDocument(CSV_HEADER, cells));
    },
  );
};
