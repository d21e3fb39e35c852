import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { Type } from '@sinclair/typebox';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { route } from '../core/route-spec.ts';
import type { DatabaseHandle } from '../core/database.ts';
import { actorOf, staffOf } from '../core/auth.ts';
import { ForbiddenError } from '../core/errors.ts';
import type { MailSettings } from '../core/mail.ts';
import { runRequestCommand } from '../core/route-command.ts';
import { institutionMessage } from './messages.ts';
import { issueApiToken, listApiTokens, revokeApiToken } from './store.ts';
import { ApiTokenSchema, CreateApiTokenBody, CreatedApiToken } from './schemas.ts';

export interface ApiTokenRoutesOptions {
  database: DatabaseHandle;
  mail: MailSettings;
}

const Params = Type.Object({ slug: Type.String() });
const TokenParams = Type.Object({ slug: Type.String(), id: Type.String({ maxLength: 64 }) });
const problems = {
  401: Type.Ref('Problem'),
  403: Type.Ref('Problem'),
  404: Type.Ref('Problem'),
} as const;

/**
 * A token that could mint tokens would survive its own revocation by making a successor first: only
 * people create tokens. A token may still list and revoke (incident scripts), which never adds power.
 */
function refuseTokenCreator(request: FastifyRequest): void {
  if (actorOf(request).kind === 'token')
    throw new ForbiddenError(institutionMessage('token-by-token', 'en'), { key: 'token-by-token' });
}

/** Administrators list, create and revoke their institution's API tokens. */
export const apiTokenRoutes: FastifyPluginAsync<ApiTokenRoutesOptions> = async (fastify, options) => {
  const { database } = options;
  fastify.addSchema(ApiTokenSchema);
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();

  app.get(
    '/api/v1/manage/:slug/api-tokens',
    route(
      { capability: 'institution.administer' },
      'administration',
      "The institution's API tokens, newest first (never their secrets)",
      { params: Params, response: { 200: Type.Array(Type.Ref('ApiToken')), ...problems } },
    ),
    async (request) => listApiTokens(database.db, { institutionId: staffOf(request).id }),
  );

  app.post(
    '/api/v1/manage/:slug/api-tokens',
    route(
      { capability: 'institution.administer' },
      'administration',
      'Create an API token with a name, an optional expiry and a set of roles',
      {
        params: Params,
        body: CreateApiTokenBody,
        response: { 201: CreatedApiToken, 422: Type.Ref('Problem'), ...problems },
      },
    ),
    async (request, reply) => {
      refuseTokenCreator(request);
      const created = await runRequestCommand(request, options, (cmd) =>
        issueApiToken(cmd, staffOf(request), request.body),
      );
      return reply.status(201).send({ token: created.token, apiToken: created.view });
    },
  );

  app.post(
    '/api/v1/manage/:slug/api-tokens/:id/revoke',
    route(
      { capability: 'institution.administer' },
      'administration',
      'Revoke an API token: every later request with it is refused',
      { params: TokenParams, response: { 200: Type.Ref('ApiToken'), 409: Type.Ref('Problem'), ...problems } },
    ),
    async (request) =>
      runRequestCommand(request, options, (cmd) =>
        revokeApiToken(cmd, staffOf(request), { id: request.params.id }),
      ),
  );
};
