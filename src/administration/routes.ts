import type { FastifyPluginAsync } from 'fastify';
import { Type } from '@sinclair/typebox';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { DatabaseHandle } from '../core/database.ts';
import { staffOf } from '../core/auth.ts';

export interface AdministrationRoutesOptions {
  database: DatabaseHandle;
}

const AuditQuery = Type.Object(
  {
    from: Type.Optional(Type.String({ format: 'date-time' })),
    to: Type.Optional(Type.String({ format: 'date-time' })),
    action: Type.Optional(Type.String({ maxLength: 80 })),
    format: Type.Optional(Type.Union([Type.Literal('json'), Type.Literal('csv')])),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000, default: 500 })),
  },
  { additionalProperties: false },
);

function csvCell(value: unknown): string {
  const text = value === null || value === undefined ? '' : String(value);
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Administrators browse and export the append-only audit log of their institution. */
export const administrationRoutes: FastifyPluginAsync<AdministrationRoutesOptions> = async (
  fastify,
  { database },
) => {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  app.get(
    '/api/v1/manage/:slug/audit',
    {
      config: { policy: { roles: ['administrator'] } },
      schema: {
        tags: ['administration'],
        summary: 'The audit log, newest first; ?format=csv to export',
        params: Type.Object({ slug: Type.String() }),
        querystring: AuditQuery,
      },
    },
    async (request, reply) => {
      let query = database.db
        .selectFrom('audit_log')
        .selectAll()
        .where('institution_id', '=', staffOf(request).id);
      if (request.query.from) query = query.where('at', '>=', new Date(request.query.from).toISOString());
      if (request.query.to) query = query.where('at', '<=', new Date(request.query.to).toISOString());
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
      const header = [
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
      const lines = rows.map((r) =>
        [r.at, r.actor_type, r.actor_label, r.role, r.action, r.object_type, r.object_id, r.before, r.after]
          .map(csvCell)
          .join(','),
      );
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="audit-${staffOf(request).slug}.csv"`)
        .send([header.join(','), ...lines].join('\r\n') + '\r\n');
    },
  );
};
