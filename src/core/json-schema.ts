import { Ajv, type ValidateFunction } from 'ajv';
import type { TSchema, Static } from '@sinclair/typebox';

const ajv = new Ajv({ allErrors: true, strict: false });

/** Compiles a TypeBox schema once for validating files and other input that does not come over HTTP. */
export function compileSchema<T extends TSchema>(schema: T): ValidateFunction<Static<T>> {
  return ajv.compile<Static<T>>(schema);
}
