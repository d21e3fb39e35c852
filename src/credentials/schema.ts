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
 * Shapes that the Open Badges 3.0 schema as published refuses but Verifiable Credentials 2.0 allows, and
 * that other issuers write: one `proof` object (what Data Integrity libraries produce for one proof) and a
 * `credentialStatus` array (a revocation and a suspension entry).
 */
export type SchemaDeviation = 'proof-object' | 'credential-status-array';

export interface SchemaReport {
  /** Real schema failures, against the schema as published. */
  problems: SchemaProblem[];
  /** Deviations that a VC 2.0 verifier accepts; each is reported, none makes the credential fail. */
  deviations: SchemaDeviation[];
}

function run(document: unknown): SchemaProblem[] {
  if (validate(document)) return [];
  return (validate.errors ?? []).map((e) => ({
    path: e.instancePath || '/',
    message: e.message ?? 'is not valid',
  }));
}

/**
 * Validates a credential against the Open Badges 3.0 AchievementCredential JSON schema as published. A
 * single `proof` object and a `credentialStatus` array are not hidden: they come back as deviations, and
 * the rest of the document (each status entry included) is still held to the schema.
 *
 * @example
 * const { problems, deviations } = checkOpenBadgeSchema(credential);
 * if (problems.length === 0 && deviations.includes('proof-object')) console.warn('proof is not an array');
 */
export function checkOpenBadgeSchema(credential: unknown): SchemaReport {
  const asPublished = run(credential);
  if (asPublished.length === 0 || !credential || typeof credential !== 'object' || Array.isArray(credential))
    return { problems: asPublished, deviations: [] };

  const original = credential as Record<string, unknown>;
  const deviations: SchemaDeviation[] = [];
  // Shallow copies: only the two top-level members are replaced, so nested content is never duplicated.
  const base: Record<string, unknown> = { ...original };
  if (original.proof && typeof original.proof === 'object' && !Array.isArray(original.proof)) {
    deviations.push('proof-object');
    base.proof = [original.proof];
  }
  if (!Array.isArray(original.credentialStatus)) {
    return { problems: deviations.length ? run(base) : asPublished, deviations };
  }
  deviations.push('credential-status-array');
  const entries = original.credentialStatus as unknown[];
  const problems: SchemaProblem[] = [];
  if (entries.length === 0) {
    delete base.credentialStatus;
    problems.push(...run(base));
  }
  entries.forEach((entry, i) => {
    for (const problem of run({ ...base, credentialStatus: entry })) {
      // The same problem elsewhere in the document is reported once, not once per entry.
      const path = problem.path.startsWith('/credentialStatus')
        ? `/credentialStatus/${i}${problem.path.slice('/credentialStatus'.length)}`
        : problem.path;
      if (!problems.some((p) => p.path === path && p.message === problem.message))
        problems.push({ path, message: problem.message });
    }
  });
  return { problems, deviations };
}

/**
 * The schema problems only, deviations counted as problems: the strict reading other verifiers apply.
 *
 * @example
 * validateOpenBadgeSchema(credential); // [{ path: '/proof', message: 'must be array' }] for one proof object
 */
export function validateOpenBadgeSchema(credential: unknown): SchemaProblem[] {
  return run(credential);
}
