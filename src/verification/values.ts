/** Small readers for JSON-LD shaped values, which may be a string, an object with `id`, or a list of them. */

export type JsonObject = Record<string, unknown>;

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A value or a list of values, always as a list (JSON-LD allows both for most properties). */
export function valuesOf(value: unknown): unknown[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}

/** The identifier of a node that may be written as a plain IRI or as an object with `id`. */
export function idOf(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (isJsonObject(value) && typeof value.id === 'string') return value.id;
  return undefined;
}

export function stringOf(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

export function typesOf(value: unknown): string[] {
  if (!isJsonObject(value)) return [];
  return valuesOf(value.type).filter((t): t is string => typeof t === 'string');
}
