import { Ajv2019 } from 'ajv/dist/2019.js';
import * as addFormatsModule from 'ajv-formats';
import schema from './schema/ob3-achievementcredential.schema.json' with { type: 'json' };

// ajv-formats is CommonJS; under NodeNext its default export arrives as the module object.
const addFormats = addFormatsModule.default as unknown as (instance: Ajv2019) => Ajv2019;

const ajv = new Ajv2019({ allErrors: true, strict: false });
addFormats(ajv);
const validate = ajv.compile(schema);

export interface SchemaProblem {
  path: string;
  message: string;
}

/**
 * Validates a credential against the Open Badges 3.0 AchievementCredential JSON schema. The schema wants
 * `proof` as an array, while Data Integrity libraries write one proof as an object: both are accepted.
 */
export function validateOpenBadgeSchema(credential: unknown): SchemaProblem[] {
  const copy = structuredClone(credential) as Record<string, unknown>;
  if (copy && typeof copy === 'object' && copy.proof && !Array.isArray(copy.proof)) copy.proof = [copy.proof];
  if (validate(copy)) return [];
  return (validate.errors ?? []).map((e) => ({
    path: e.instancePath || '/',
    message: e.message ?? 'is not valid',
  }));
}
