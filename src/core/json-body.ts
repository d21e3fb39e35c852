import type { FastifyInstance } from 'fastify';
import { InputLimitError, scanJsonText } from '../verification/input-limits.ts';
import { requestLang } from './http.ts';

/**
 * Deepest JSON body any route accepts. The API's own bodies are a few levels deep; JSON.parse, the schema
 * validator and the domain code behind it may recurse per level, so an unbounded depth could exhaust the
 * stack (a 500) or hold the event loop. Equal to the credential limit, so a credential fits everywhere.
 */
export const MAX_JSON_BODY_DEPTH = 64;

export interface JsonBodyGuardOptions {
  maxDepth?: number;
}

/**
 * Replaces the JSON body parser of the application with one that first measures the nesting depth of the
 * text, without recursion, and refuses a deeper body with 422 before anything parses it. Call before the
 * routes are registered, so that every plugin inherits it; a plugin may still install its own parser.
 *
 * @example
 * installJsonBodyGuard(app); // POST with [[[[…]]]] 20,000 levels deep → 422 input-too-complex
 */
export function installJsonBodyGuard(app: FastifyInstance, options: JsonBodyGuardOptions = {}): void {
  const limits = {
    maxBytes: Infinity,
    maxDepth: options.maxDepth ?? MAX_JSON_BODY_DEPTH,
    maxValues: Infinity,
  };
  const parse = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    const violation = scanJsonText(body as string, limits);
    if (violation) {
      done(new InputLimitError(violation, requestLang(request), 'request'), undefined);
      return;
    }
    parse(request, body as string, done);
  });
}
