/**
 * Domain errors carry a stable `code`; the HTTP layer maps codes to status in one table (see http.ts)
 * and renders RFC 9457 problem+json. Messages are for people; codes are for programs.
 */

export interface FieldProblem {
  /** JSON path of the offending field, e.g. `ects` or `title.nl` or `courseUnits[1]`. */
  field: string;
  /** Stable rule identifier, e.g. `ects-below-60`. */
  rule: string;
  message: string;
}

export class StapelError extends Error {
  readonly code: string;
  constructor(code: string, message: string) {
    super(message);
    this.code = code;
    this.name = new.target.name;
  }
}

export class ValidationError extends StapelError {
  readonly problems: FieldProblem[];
  constructor(problems: FieldProblem[], message = 'The request is not valid.') {
    super('validation-failed', message);
    this.problems = problems;
  }
}

export class NotFoundError extends StapelError {
  constructor(message = 'Not found.') {
    super('not-found', message);
  }
}

export class ConflictError extends StapelError {
  constructor(code: string, message: string) {
    super(code, message);
  }
}

export class UnauthorizedError extends StapelError {
  constructor(message = 'Authentication is required.') {
    super('unauthorized', message);
  }
}

export class ForbiddenError extends StapelError {
  constructor(message = 'You may not do this.') {
    super('forbidden', message);
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
