/**
 * Domain errors carry a stable `code`; the HTTP layer maps codes to status in one table (see http.ts)
 * and renders RFC 9457 problem+json. Messages are for people; codes are for programs.
 */

export type MessageParams = Readonly<Record<string, string | number>>;

export interface FieldProblem {
  /** JSON path of the offending field, e.g. `ects` or `title.nl` or `courseUnits[1]`. */
  field: string;
  /** Stable rule identifier, e.g. `ects-below-60`: also the key of its message in the domain's table. */
  rule: string;
  /** The message's key when it differs from the rule id (two domains may name different rules alike). */
  key?: string | undefined;
  /** What the message needs (`{ limit: 60 }`); the HTTP layer and the CLI render it in the reader's language. */
  params?: MessageParams | undefined;
  /** A message already written out; the table's message for `rule` wins when there is one. */
  message: string;
}

/** A refusal as a rule id with its parameters: `core/http.ts` renders it in the request's language. */
export interface RuleProblem {
  field: string;
  rule: string;
  /** The message's key when it differs from the rule id. */
  key?: string | undefined;
  params?: MessageParams | undefined;
}

export interface StapelErrorOptions {
  /** Key of the message in a domain's table (`version-not-editable`); the code when absent. */
  key?: string | undefined;
  /** Parameters of that message (`{ version: 2 }`). */
  params?: MessageParams | undefined;
}

/** Without a message of its own, an error says the table's words for its code. */
function tableWordsUnless(
  message: string | undefined,
  key: string,
  options: StapelErrorOptions,
): StapelErrorOptions {
  return message === undefined ? { key, ...options } : options;
}

export class StapelError extends Error {
  readonly code: string;
  /** The message's key in the domain tables (see `core/messages.ts`); without one the message is shown as is. */
  readonly key: string | undefined;
  readonly params: MessageParams;
  /**
   * @param message English fallback, for logs and for a code that has no entry in the message tables.
   * @example throw new ConflictError('invalid-state', 'Version 2 is submitted.', { key: 'version-not-editable', params: { version: 2 } });
   */
  constructor(code: string, message: string, options: StapelErrorOptions = {}) {
    super(message);
    this.code = code;
    this.key = options.key;
    this.params = options.params ?? {};
    this.name = new.target.name;
  }
}

export class ValidationError extends StapelError {
  readonly problems: FieldProblem[];
  constructor(problems: FieldProblem[], message?: string, options: StapelErrorOptions = {}) {
    super(
      'validation-failed',
      message ?? 'The request is not valid.',
      tableWordsUnless(message, 'validation-failed', options),
    );
    this.problems = problems;
  }
}

/**
 * Refuses with problems named by rule id; their words come from the message tables at render time.
 *
 * @example refuse([{ field: 'ects', rule: 'ects-below-60', params: { limit: 60 } }]);
 */
export function refuse(
  problems: readonly RuleProblem[],
  summary: StapelErrorOptions = { key: 'validation-failed' },
): never {
  throw new ValidationError(
    problems.map((p) => ({ field: p.field, rule: p.rule, key: p.key, params: p.params, message: p.rule })),
    undefined,
    summary,
  );
}

export class NotFoundError extends StapelError {
  constructor(message?: string, options: StapelErrorOptions = {}) {
    super('not-found', message ?? 'Not found.', tableWordsUnless(message, 'not-found', options));
  }
}

export class ConflictError extends StapelError {
  constructor(code: string, message: string, options: StapelErrorOptions = {}) {
    super(code, message, options);
  }
}

export class UnauthorizedError extends StapelError {
  constructor(message?: string, options: StapelErrorOptions = {}) {
    super(
      'unauthorized',
      message ?? 'Authentication is required.',
      tableWordsUnless(message, 'unauthorized', options),
    );
  }
}

export class ForbiddenError extends StapelError {
  constructor(message?: string, options: StapelErrorOptions = {}) {
    super('forbidden', message ?? 'You may not do this.', tableWordsUnless(message, 'forbidden', options));
  }
}

/** Too many attempts in a window; the HTTP layer answers 429 and the route sets `Retry-After`. */
export class TooManyRequestsError extends StapelError {
  readonly retryAfterSeconds: number;
  constructor(retryAfterSeconds: number, message: string) {
    super('too-many-requests', message);
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

export class ConfigError extends StapelError {
  constructor(message: string) {
    super('config-invalid', message);
  }
}

/** One place that decides the HTTP status of every error code. Unknown codes are 500. */
export const STATUS_BY_CODE: Readonly<Record<string, number>> = {
  'validation-failed': 422,
  'bad-request': 400,
  'not-found': 404,
  unauthorized: 401,
  forbidden: 403,
  'already-exists': 409,
  'version-immutable': 409,
  'not-publishable': 422,
  'invalid-state': 409,
  'suspension-not-available': 409,
  'status-busy': 503,
  'payload-too-large': 413,
  'input-too-complex': 422,
  'verification-busy': 503,
  'too-many-requests': 429,
  'token-expired': 401,
  'token-revoked': 401,
};

export function statusForCode(code: string): number {
  return STATUS_BY_CODE[code] ?? 500;
}
