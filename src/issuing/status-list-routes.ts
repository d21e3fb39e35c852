import { createHash } from 'node:crypto';
import type { FastifyPluginAsync } from 'fastify';
import { Type } from '@sinclair/typebox';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { NotFoundError } from '../core/errors.ts';
import type { IssuingContext } from './context.ts';
import { STATUS_LIST_TTL_MS } from './status-lists.ts';

export interface StatusListRoutesOptions {
  context: IssuingContext;
}

const vcJson = 'application/vc+ld+json; charset=utf-8';

/** What issuing publishes for verifiers anywhere: the signed status lists and the issued credentials. */
export const statusListRoutes: FastifyPluginAsync<StatusListRoutesOptions> = async (fastify, { context }) => {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { db } = context.database;

  app.get(
    '/status-lists/:id',
    {
      config: { policy: 'public' },
      schema: {
        tags: ['credentials'],
        summary: 'A signed Bitstring Status List credential',
        params: Type.Object({ id: Type.String() }),
      },
    },
    async (request, reply) => {
      const row = await db
        .selectFrom('status_lists')
        .select(['credential', 'updated_at'])
        .where('id', '=', request.params.id)
        .executeTakeFirst();
      if (!row?.credential) throw new NotFoundError('There is no such status list.');
      const etag = `"${createHash('sha256').update(row.credential).digest('base64url').slice(0, 27)}"`;
      reply
        .header('cache-control', `public, max-age=${Math.floor(STATUS_LIST_TTL_MS / 1000)}`)
        .header('etag', etag)
        .header('last-modified', new Date(row.updated_at).toUTCString());
      if (request.headers['if-none-match'] === etag) return reply.status(304).send();
      return reply.type(vcJson).send(row.credential);
    },
  );

  app.get(
    '/credentials/:id',
    {
      config: { policy: 'public' },
      schema: {
        tags: ['credentials'],
        summary: 'A credential issued here, by its id (the share link)',
        params: Type.Object({ id: Type.String() }),
      },
    },
    async (request, reply) => {
      const row = await db
        .selectFrom('credentials')
        .select('document')
        .where('id', '=', request.params.id)
        .executeTakeFirst();
      if (!row) throw new NotFoundError('There is no such credential.');
      return reply.type(vcJson).header('cache-control', 'no-cache').send(row.document);
    },
  );
};
