import { ROLES, type Role } from '../core/actor.ts';

/** The time zone a calendar date of expiry is read in: the institutions this platform serves are Flemish. */
export const EXPIRY_TIME_ZONE = 'Europe/Brussels';
/** The longest expiry given as a number of days ("90d"). */
export const MAX_EXPIRY_DAYS = 3650;
export const MAX_TOKEN_NAME = 80;

/** Why a request for a new API token is refused, with what the message needs. */
export type TokenProblem =
  | { field: 'name'; rule: 'token-name-required' }
  | { field: 'name'; rule: 'token-name-length'; params: { max: number } }
  | { field: 'name'; rule: 'token-name-characters' }
  | { field: 'expires'; rule: 'token-expiry-format'; params: { value: string } }
  | { field: 'expires'; rule: 'token-expiry-days'; params: { max: number } }
  | { field: 'expires'; rule: 'token-expiry-past'; params: { value: string } }
  | { field: 'roles'; rule: 'token-roles-empty' }
  | { field: 'roles'; rule: 'token-role-unknown'; params: { role: string; known: string } };

/** What someone asks for: every part as typed (CLI options, form fields). */
export interface TokenRequest {
  name?: string | undefined;
  /** `2027-06-30` (the token works through that day, Brussels time), `90d`, or an ISO date-time with zone. */
  expires?: string | undefined;
  /** Absent: every role, as tokens always had. */
  roles?: readonly string[] | undefined;
}

/** A request that passed the rules. */
export interface TokenSpec {
  name: string;
  roles: Role[];
  expiresAt: string | null;
}

export type TokenState = 'active' | 'expired' | 'revoked';

// Control characters (C0, DEL, C1) and bidi controls would let a name lie about itself in lists and logs.
// eslint-disable-next-line no-control-regex
const UNSAFE_NAME = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAYS = /^(\d{1,6})\s*d$/i;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;
const DAY_MS = 24 * 60 * 60 * 1000;

/** Minutes that `timeZone` is ahead of UTC at `instant`. */
function offsetMinutes(instant: number, timeZone: string): number {
  const name =
    new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' })
      .formatToParts(new Date(instant))
      .find((part) => part.type === 'timeZoneName')?.value ?? 'GMT';
  const match = /GMT([+-])(\d{2}):(\d{2})/.exec(name);
  if (!match) return 0;
  const minutes = Number(match[2]) * 60 + Number(match[3]);
  return match[1] === '-' ? -minutes : minutes;
}

/** The instant a calendar day starts in `timeZone` (midnight local time). */
export function startOfDay(year: number, month: number, day: number, timeZone = EXPIRY_TIME_ZONE): Date {
  const guess = Date.UTC(year, month - 1, day);
  let instant = guess - offsetMinutes(guess, timeZone) * 60_000;
  // Across a daylight-saving change the offset at the guess can differ from the offset at midnight.
  const settled = guess - offsetMinutes(instant, timeZone) * 60_000;
  if (settled !== instant) instant = settled;
  return new Date(instant);
}

/**
 * Reads an expiry as people type it. A calendar date means the token works through that whole day in
 * Brussels, so it expires when the next day starts there.
 *
 * @example
 * parseExpiry('2027-06-30', new Date('2026-12-01T00:00:00Z')) // → { ok: true, expiresAt: '2027-06-30T22:00:00.000Z' }
 * parseExpiry('90d', now) // → now + 90 days
 */
export function parseExpiry(
  text: string,
  now: Date,
): { ok: true; expiresAt: string } | { ok: false; problem: TokenProblem } {
  const value = text.trim();
  let expires: Date | undefined;
  const days = DAYS.exec(value);
  const date = DATE.exec(value);
  if (days) {
    const n = Number(days[1]);
    if (n < 1 || n > MAX_EXPIRY_DAYS)
      return {
        ok: false,
        problem: { field: 'expires', rule: 'token-expiry-days', params: { max: MAX_EXPIRY_DAYS } },
      };
    expires = new Date(now.getTime() + n * DAY_MS);
  } else if (date) {
    const [year, month, day] = [Number(date[1]), Number(date[2]), Number(date[3])];
    const check = new Date(Date.UTC(year, month - 1, day));
    if (check.getUTCFullYear() === year && check.getUTCMonth() === month - 1 && check.getUTCDate() === day) {
      const next = new Date(Date.UTC(year, month - 1, day + 1));
      expires = startOfDay(next.getUTCFullYear(), next.getUTCMonth() + 1, next.getUTCDate());
    }
  } else if (DATE_TIME.test(value)) {
    const parsed = new Date(value);
    if (!Number.isNaN(parsed.getTime())) expires = parsed;
  }
  if (!expires || Number.isNaN(expires.getTime()))
    return { ok: false, problem: { field: 'expires', rule: 'token-expiry-format', params: { value } } };
  if (expires.getTime() <= now.getTime())
    return { ok: false, problem: { field: 'expires', rule: 'token-expiry-past', params: { value } } };
  return { ok: true, expiresAt: expires.toISOString() };
}

/**
 * Checks a request for a new API token against the rules: a name without control characters, an expiry in
 * the future, and roles that exist (at least one). Every problem is reported, not only the first.
 *
 * @example
 * checkTokenRequest({ name: 'sync', expires: '90d', roles: ['registrar'] }, new Date())
 * // → { ok: true, spec: { name: 'sync', roles: ['registrar'], expiresAt: '…' } }
 */
export function checkTokenRequest(
  request: TokenRequest,
  now: Date,
): { ok: true; spec: TokenSpec } | { ok: false; problems: TokenProblem[] } {
  const problems: TokenProblem[] = [];
  const name = (request.name ?? '').trim();
  if (name === '') problems.push({ field: 'name', rule: 'token-name-required' });
  else if ([...name].length > MAX_TOKEN_NAME)
    problems.push({ field: 'name', rule: 'token-name-length', params: { max: MAX_TOKEN_NAME } });
  else if (UNSAFE_NAME.test(name)) problems.push({ field: 'name', rule: 'token-name-characters' });

  let expiresAt: string | null = null;
  if (request.expires !== undefined && request.expires.trim() !== '') {
    const parsed = parseExpiry(request.expires, now);
    if (parsed.ok) expiresAt = parsed.expiresAt;
    else problems.push(parsed.problem);
  }

  let roles: Role[] = [...ROLES];
  if (request.roles !== undefined) {
    const asked = request.roles.map((r) => r.trim()).filter((r) => r !== '');
    const unknown = asked.filter((r) => !(ROLES as readonly string[]).includes(r));
    for (const role of unknown)
      problems.push({
        field: 'roles',
        rule: 'token-role-unknown',
        params: { role, known: ROLES.join(', ') },
      });
    if (asked.length === 0) problems.push({ field: 'roles', rule: 'token-roles-empty' });
    // Kept in the order of ROLES, without repeats, so that equal sets read the same everywhere.
    roles = ROLES.filter((r) => asked.includes(r));
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, spec: { name, roles, expiresAt } };
}

/** Whether a token still works at `now`: revocation wins over expiry, since it was a decision. */
export function tokenState(
  token: { revokedAt: string | null; expiresAt: string | null },
  now: Date,
): TokenState {
  if (token.revokedAt !== null) return 'revoked';
  if (token.expiresAt !== null && new Date(token.expiresAt).getTime() <= now.getTime()) return 'expired';
  return 'active';
}

/** The roles stored with a token; anything unreadable counts as no role at all (fail closed). */
export function storedRoles(json: string): Role[] {
  try {
    const parsed: unknown = JSON.parse(json);
    if (!Array.isArray(parsed)) return [];
    return ROLES.filter((r) => parsed.includes(r));
  } catch {
    return [];
  }
}
