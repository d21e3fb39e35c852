import type { FastifyPluginAsync } from 'fastify';
import { Type } from '@sinclair/typebox';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { route } from '../core/route-spec.ts';
import type { DatabaseHandle } from '../core/database.ts';
import { staffOf } from '../core/auth.ts';
import type { FieldProblem } from '../core/errors.ts';
import { requestLang } from '../core/http.ts';
import { parseInstantStrict } from '../core/instant.ts';
import { sendProblem } from '../core/route-problem.ts';
import { administrationMessage } from './messages.ts';
import { AuditEntrySchema, AuditQuery, OutboxMessageSchema, ProblemResponse } from './schemas.ts';
import { auditCsv, listAuditRecords, toAuditEntry } from './audit-log.ts';
import { listOutbox } from './outbox.ts';

export interface AdministrationRoutesOptions {
  database: DatabaseHandle;
}

/** Administrators browse and export the append-only audit log of their institution, and read its outbox. */
export const administrationRoutes: FastifyPluginAsync<AdministrationRoutesOptions> = async (
  fastify,
  { database },
) => {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  app.get(
    '/api/v1/manage/:slug/audit',
    route(
      { capability: 'institution.administer' },
      'administration',
      'The audit log, newest first; ?format=csv to export',
      {
        params: Type.Object({ slug: Type.String() }),
        querystring: AuditQuery,
        response: { 200: Type.Union([Type.Array(AuditEntrySchema), Type.String()]), 400: ProblemResponse },
      },
    ),
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
        const detail = administrationMessage('audit-query-invalid', lang, { parameters });
        return sendProblem(
          request,
          reply,
          { status: 400, title: 'Bad Request', code: 'bad-request', detail },
          { errors },
        );
      }
      const institution = staffOf(request);
      const rows = await listAuditRecords(database.db, institution, {
        ...bounds,
        action: request.query.action,
        limit: request.query.limit ?? 500,
      });
      if (request.query.format !== 'csv') return rows.map(toAuditEntry);
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="audit-${institution.slug}.csv"`)
        .send(auditCsv(rows));
    },
  );

  app.get(
    '/api/v1/manage/:slug/outbox',
    route(
      { capability: 'institution.administer' },
      'administration',
      "E-mail of this institution (sent, or waiting without SMTP); links' secret tokens are hidden",
      {
        params: Type.Object({ slug: Type.String() }),
        response: {
          200: Type.Array(OutboxMessageSchema),
          401: Type.Ref('Problem'),
          403: Type.Ref('Problem'),
          404: Type.Ref('Problem'),
        },
      },
    ),
    async (request) => listOutbox(database.db, staffOf(request)),
  );
};
