import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { StapelError, ValidationError, statusForCode, type FieldProblem } from './errors.ts';
import { langFromHeader, type Lang } from './i18n.ts';
import { MessageCatalogue } from './messages.ts';
import { CORE_MESSAGES } from './core-messages.ts';

export const PROBLEM_TYPE_BASE = 'https://stapel.dev/problems/';

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  code: string;
  errors?: FieldProblem[];
}

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

export function requestLang(request: FastifyRequest): Lang {
  return langFromHeader(request.headers['accept-language']);
}

/** JSON pointer `/title/nl` or `/courseUnits/1` → `title.nl`, `courseUnits[1]`. */
function fieldFromPointer(pointer: string, missing?: string): string {
  const parts = pointer.split('/').filter(Boolean);
  if (missing) parts.push(missing);
  return parts.reduce(
    (acc, part) => (/^\d+$/.test(part) ? `${acc}[${part}]` : acc ? `${acc}.${part}` : part),
    '',
  );
}

interface AjvLikeError {
  instancePath: string;
  keyword: string;
  message?: string;
  params: Record<string, unknown>;
}

/** Turns JSON-schema errors into one problem per field, in words a person can act on. */
export function schemaProblems(errors: readonly AjvLikeError[], prefix = ''): FieldProblem[] {
  const seen = new Set<string>();
  const problems: FieldProblem[] = [];
  for (const e of errors) {
    let field = fieldFromPointer(e.instancePath);
    let message = e.message ?? 'is not valid';
    let params: Record<string, string> = { kind: 'other', message };
    if (e.keyword === 'required') {
      field = fieldFromPointer(e.instancePath, String(e.params.missingProperty));
      message = 'is required';
      params = { kind: 'required' };
    } else if (e.keyword === 'additionalProperties') {
      field = fieldFromPointer(e.instancePath, String(e.params.additionalProperty));
      message = 'is not a known field';
      params = { kind: 'unknown-field' };
    } else if (e.keyword === 'anyOf' || e.keyword === 'const') {
      continue; // the literal-union branches each report; keep the summary below
    } else if (e.keyword === 'enum' && Array.isArray(e.params.allowedValues)) {
      message = `must be one of: ${e.params.allowedValues.join(', ')}`;
      params = { kind: 'one-of', allowed: e.params.allowedValues.join(', ') };
    } else if (e.keyword === 'type') {
      params = { kind: 'type', type: String(e.params.type) };
    } else if (e.keyword === 'maxLength' || e.keyword === 'minLength') {
      params = { kind: e.keyword, limit: String(e.params.limit) };
    } else if (e.keyword === 'maximum' || e.keyword === 'minimum') {
      params = { kind: e.keyword, limit: String(e.params.limit) };
    }
    const key = `${field}|${message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    problems.push({ field: prefix + (field || '(body)'), rule: 'schema', params, message });
  }
  // A literal union that matched nothing only leaves const/anyOf errors: name the field once.
  for (const e of errors) {
    if (e.keyword !== 'anyOf') continue;
    const field = prefix + fieldFromPointer(e.instancePath);
    if (problems.some((p) => p.field === field)) continue;
    const allowed = errors
      .filter((x) => x.keyword === 'const' && x.instancePath === e.instancePath)
      .map((x) => String(x.params.allowedValue));
    problems.push({
      field,
      rule: 'schema',
      params: allowed.length ? { kind: 'one-of', allowed: allowed.join(', ') } : { kind: 'other' },
      message: allowed.length ? `must be one of: ${allowed.join(', ')}` : 'is not valid',
    });
  }
  return problems;
}

/** Renders a field problem in `lang`: the table's message for its rule, else the message it carries. */
export function renderProblem(problem: FieldProblem, lang: Lang, messages: MessageCatalogue): FieldProblem {
  const message = messages.render(problem.key ?? problem.rule, lang, {
    message: problem.message,
    ...problem.params,
  });
  return { field: problem.field, rule: problem.rule, message: message ?? problem.message };
}

/** Renders an error's message in `lang` from the tables; its English fallback when no table has its key. */
export function renderError(error: StapelError, lang: Lang, messages: MessageCatalogue): string {
  return (error.key && messages.render(error.key, lang, error.params)) || error.message;
}

function problemFor(error: unknown, request: FastifyRequest, messages: MessageCatalogue): Problem {
  const lang = requestLang(request);
  const problem = (status: number, code: string, detail: string, more: Partial<Problem> = {}): Problem => ({
    type: PROBLEM_TYPE_BASE + code,
    title: TITLES[status] ?? 'Error',
    status,
    detail,
    instance: request.url,
    code,
    ...more,
  });
  const rendered = (problems: readonly FieldProblem[]) =>
    problems.map((p) => renderProblem(p, lang, messages));
  if (error instanceof StapelError) {
    const extra = error instanceof ValidationError ? { errors: rendered(error.problems) } : {};
    return problem(statusForCode(error.code), error.code, renderError(error, lang, messages), extra);
  }
  const fe = error as FastifyError & { validation?: AjvLikeError[]; validationContext?: string };
  if (fe.validation) {
    const where = fe.validationContext && fe.validationContext !== 'body' ? `${fe.validationContext}.` : '';
    const detail = messages.render('validation-failed', lang) ?? 'The request is not valid.';
    return problem(422, 'validation-failed', detail, {
      errors: rendered(schemaProblems(fe.validation, where)),
    });
  }
  if (typeof fe.statusCode === 'number' && fe.statusCode >= 400 && fe.statusCode < 500) {
    // Fastify's own client errors (bad JSON, wrong content type, body too large) are safe to explain.
    const code = fe.code === 'FST_ERR_CTP_BODY_TOO_LARGE' ? 'payload-too-large' : 'bad-request';
    const detail = messages.render(`http-${fe.statusCode}`, lang) ?? fe.message;
    return problem(fe.statusCode, code, detail, { type: PROBLEM_TYPE_BASE + 'bad-request' });
  }
  const detail = messages.render('internal', lang) ?? 'Something went wrong on our side. It has been logged.';
  return problem(500, 'internal', detail);
}

/**
 * The one error handler: every error leaves as RFC 9457 problem+json in the request's language, rendered from
 * the domains' message tables, and a 500 shows no internals.
 *
 * @example installProblemHandler(app, new MessageCatalogue(ALL_MESSAGES));
 */
export function installProblemHandler(
  app: FastifyInstance,
  messages: MessageCatalogue = new MessageCatalogue([CORE_MESSAGES]),
): void {
  app.setErrorHandler((error, request, reply: FastifyReply) => {
    const problem = problemFor(error, request, messages);
    if (problem.status >= 500) request.log.error({ err: error }, 'unhandled error');
    void reply.status(problem.status).type('application/problem+json').send(problem);
  });
  app.setNotFoundHandler((request, reply) => {
    void reply
      .status(404)
      .type('application/problem+json')
      .send({
        type: PROBLEM_TYPE_BASE + 'not-found',
        title: 'Not Found',
        status: 404,
        detail:
          messages.render('no-route', requestLang(request), {
            method: request.method,
            path: request.url.split('?')[0] ?? '/',
          }) ?? `No route ${request.method} ${request.url.split('?')[0]}.`,
        instance: request.url,
        code: 'not-found',
      } satisfies Problem);
  });
}

export const ProblemSchema = {
  $id: 'Problem',
  type: 'object',
  properties: {
    type: { type: 'string' },
    title: { type: 'string' },
    status: { type: 'integer' },
    detail: { type: 'string' },
    instance: { type: 'string' },
    code: { type: 'string' },
    errors: {
      type: 'array',
      items: {
        type: 'object',
        properties: { field: { type: 'string' }, rule: { type: 'string' }, message: { type: 'string' } },
      },
    },
  },
} as const;

/** Hides the values of secret query parameters (`token`, `password`) in a URL before it is logged. */
export function redactSecrets(url: string): string {
  return url.replace(/([?&](?:token|password)=)[^&#]*/gi, '$1[redacted]');
}
