import type { FastifyPluginAsync } from 'fastify';
import { Type } from '@sinclair/typebox';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { AppContext } from '../core/app-context.ts';
import { clearSessionCookie } from '../core/auth.ts';
import { TooManyRequestsError } from '../core/errors.ts';
import { runRequestCommand } from '../core/route-command.ts';
import { routesOf } from '../core/route-spec.ts';
import { userOf } from '../core/route-user.ts';
import { checkPassword } from '../accounts/password-check.ts';
import { exportPersonalData } from './data-export.ts';
import { eraseAccount } from './erasure.ts';
import { DataExportSchema, EraseBody, ErasedSchema } from './schemas.ts';

export interface PrivacyRoutesOptions {
  context: AppContext;
}

const problems = { 401: Type.Ref('Problem'), 403: Type.Ref('Problem'), 404: Type.Ref('Problem') } as const;

/** The file name of an export: the day it was made, so that several downloads sort and do not collide. */
export function exportFileName(at: Date): string {
  return `stapel-gegevens-${at.toISOString().slice(0, 10)}.json`;
}

/** A person's own data: the full export and the erasure of their account. */
export const privacyRoutes: FastifyPluginAsync<PrivacyRoutesOptions> = async (fastify, { context }) => {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { database, settings } = context;
  const own = routesOf('signed-in', 'privacy');
  const secure = settings.publicUrl.startsWith('https:');
  // A refusal for too many password attempts says when to come back, as sign-in does.
  app.addHook('onError', async (_request, reply, error) => {
    if (error instanceof TooManyRequestsError)
      void reply.header('retry-after', String(error.retryAfterSeconds));
  });

  app.get(
    '/api/v1/me/data-export',
    own('Everything Stapel holds about the signed-in person, as a JSON download', {
      response: { 200: DataExportSchema, ...problems },
    }),
    async (request, reply) => {
      const data = await exportPersonalData(database.db, userOf(request).userId);
      return reply
        .header('content-disposition', `attachment; filename="${exportFileName(new Date())}"`)
        .header('cache-control', 'no-store')
        .send(data);
    },
  );

  app.post(
    '/api/v1/me/erase',
    own(
      'Erase the signed-in account: name and address become a pseudonym, shares and collections go; issued credentials stay valid',
      {
        body: EraseBody,
        response: {
          200: ErasedSchema,
          409: Type.Ref('Problem'),
          422: Type.Ref('Problem'),
          429: Type.Ref('Problem'),
          ...problems,
        },
      },
    ),
    async (request, reply) => {
      // The password is counted like a sign-in: a stolen session cannot guess its way to an erasure.
      const user = await checkPassword(database.db, request, request.body.password, 'password');
      const erased = await runRequestCommand(request, context, (cmd) =>
        eraseAccount(cmd, user.userId, { confirmation: request.body.confirmation }),
      );
      clearSessionCookie(reply, secure);
      return reply.send({ erasedAt: erased.erasedAt });
    },
  );
};
