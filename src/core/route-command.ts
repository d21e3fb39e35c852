import type { FastifyRequest } from 'fastify';
import type { AppContext } from './app-context.ts';
import { actorOf, policyRole } from './auth.ts';
import { runCommand, type Command } from './command.ts';
import type { TransactionOptions } from './database.ts';

/**
 * The one way a route changes something: builds the request's command (actor, the role its policy lets it
 * act in, the outbox) and runs `fn` in one transaction; mail and other side effects leave after commit.
 *
 * @example
 * const view = await runRequestCommand(request, context, (cmd) => createEdition(cmd, staffOf(request), request.body));
 */
export function runRequestCommand<T>(
  request: FastifyRequest,
  context: Pick<AppContext, 'database' | 'mail'>,
  fn: (cmd: Command) => Promise<T>,
  transaction?: TransactionOptions,
): Promise<T> {
  return runCommand(
    {
      database: context.database,
      mail: context.mail,
      actor: actorOf(request),
      role: policyRole(request),
      transaction,
    },
    fn,
  );
}
