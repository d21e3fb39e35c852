import { Type, type ObjectOptions, type TProperties, type TSchema } from '@sinclair/typebox';

/**
 * The small building blocks every domain's `schemas.ts` uses, so that a date-time or a nullable field reads
 * the same in every answer of the API.
 */

/** One of a fixed list of strings (an enum in the OpenAPI document). */
export const literalUnion = <T extends string>(values: readonly T[]) =>
  Type.Union(values.map((v) => Type.Literal(v)));

/** The schema, or null. */
export const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

/** An ISO-8601 UTC timestamp, as Stapel stores and answers them. */
export const DateTime = Type.String({ format: 'date-time' });

/**
 * An object with these properties and no others: a body with an unknown field is refused, and an answer
 * shows nothing its schema does not name.
 *
 * @example
 * export const SignInBody = closedObject({ email: Email, password: Password });
 */
export const closedObject = <T extends TProperties>(properties: T, options: ObjectOptions = {}) =>
  Type.Object(properties, { ...options, additionalProperties: false });
