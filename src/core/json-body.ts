import type { FastifyInstance } from 'fastify';
import { requestLang } from './http.ts';
import type { Lang } from './i18n.ts';

/**
 * Deepest JSON body any route accepts. The API's own bodies are a few levels deep; JSON.parse, the schema
 * validator and the domain code behind it may recurse per level, so an unbounded depth could exhaust the
 * stack (a 500) or hold the event loop. Equal to the credential limit, so a credential fits everywhere.
 */
export const MAX_JSON_BODY_DEPTH = 64;

/** Limits a JSON text is measured against before it is parsed. */
export interface JsonTextLimits {
  maxBytes: number;
  maxDepth: number;
  maxValues: number;
}

export interface JsonBodyGuardOptions<V> {
  /** Measures the text without parsing it; a violation when it is over a limit. */
  scan(text: string, limits: JsonTextLimits): V | undefined;
  /** The error (422) a violation is answered with, in the request's language. */
  refuse(violation: V, lang: Lang): Error;
  maxDepth?: number;
}

/**
 * Replaces the JSON body parser of the application with one that first measures the nesting depth of the
 * text, without recursion, and refuses a deeper body with 422 before anything parses it. Call before the
 * routes are registered, so that every plugin inherits it; a plugin may still install its own parser.
 *
 * @example
 * installJsonBodyGuard(app, { scan: scanJsonText, refuse }); // [[[[…]]]] 20,000 levels deep → 422
 */
export function installJsonBodyGuard<V>(app: FastifyInstance, options: JsonBodyGuardOptions<V>): void {
  const limits = {
    maxBytes: Infinity,
    maxDepth: options.maxDepth ?? MAX_JSON_BODY_DEPTH,
    maxValues: Infinity,
  };
  const parse = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    const violation = options.scan(body as string, limits);
    if (violation) {
      done(options.refuse(violation, requestLang(request)), undefined);
      return;
    }
    parse(request, body as string, done);
  });
}
