import { createHash } from 'node:crypto';
import type { FastifyPluginAsync } from 'fastify';
import { Type } from '@sinclair/typebox';
import { NotFoundError } from '../core/errors.ts';
import { publicDocumentRoute } from '../credentials/schemas.ts';
import type { IssuingContext } from './context.ts';
import { StatusListCredentialSchema } from './schemas.ts';
import { STATUS_LIST_TTL_MS } from './status-lists.ts';

export interface StatusListRoutesOptions {
  context: IssuingContext;
}

const vcJson = 'application/vc+ld+json; charset=utf-8';
const IdParams = Type.Object({ id: Type.String() });

/**
 * What issuing publishes for verifiers anywhere: the signed status lists, sent as the stored text, byte for
 * byte as signed: the response schema describes them, and Fastify does not serialise a string again. (An
 * issued credential is answered at its id by the credential's page, which knows who may read it.)
 */
export const statusListRoutes: FastifyPluginAsync<StatusListRoutesOptions> = async (fastify, { context }) => {
  const { db } = context.database;

  fastify.get<{ Params: { id: string } }>(
    '/status-lists/:id',
    publicDocumentRoute('A signed Bitstring Status List credential', StatusListCredentialSchema, IdParams),
    async (request, reply) => {
      const row = await db
        .selectFrom('status_lists')
        .select(['credential', 'updated_at'])
        .where('id', '=', request.params.id)
        .executeTakeFirst();
      if (!row?.credential)
        throw new NotFoundError('There is no such status list.', { key: 'status-list-unknown' });
      const etag = `"${createHash('sha256').update(row.credential).digest('base64url').slice(0, 27)}"`;
      reply
        .header('cache-control', `public, max-age=${Math.floor(STATUS_LIST_TTL_MS / 1000)}`)
        .header('etag', etag)
        .header('last-modified', new Date(row.updated_at).toUTCString());
      if (request.headers['if-none-match'] === etag) return reply.status(304).send();
      return reply.type(vcJson).send(row.credential);
    },
  );
};
