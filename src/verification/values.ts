/** Small readers for JSON-LD shaped values, which may be a string, an object with `id`, or a list of them. */

export type JsonObject = Record<string, unknown>;

/**
 * A plain JSON object (not an array, not null).
 *
 * @example
 * isJsonObject({ id: 'x' }); // true; isJsonObject([1]) is false
 */
export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * A value or a list of values, always as a list (JSON-LD allows both for most properties).
 *
 * @example
 * valuesOf(credential.proof); // [proof] for one proof object, [] when absent
 */
export function valuesOf(value: unknown): unknown[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}

/**
 * The identifier of a node that may be written as a plain IRI or as an object with `id`.
 *
 * @example
 * idOf(credential.issuer); // 'did:web:…' for "did:web:…" and for { id: "did:web:…", name: … }
 */
export function idOf(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (isJsonObject(value) && typeof value.id === 'string') return value.id;
  return undefined;
}

/**
 * The value when it is a string, otherwise undefined.
 *
 * @example
 * stringOf(credential.validFrom); // '2026-06-30T12:00:00Z'
 */
export function stringOf(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/**
 * The `type` values of a node, as a list of strings.
 *
 * @example
 * typesOf(credential); // ['VerifiableCredential', 'OpenBadgeCredential']
 */
export function typesOf(value: unknown): string[] {
  if (!isJsonObject(value)) return [];
  return valuesOf(value.type).filter((t): t is string => typeof t === 'string');
}
