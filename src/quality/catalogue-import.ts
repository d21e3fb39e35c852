import type { Actor } from '../core/actor.ts';
import type { DatabaseHandle } from '../core/database.ts';
import { schemaProblems } from '../core/http.ts';
import { compileSchema } from '../core/json-schema.ts';
import type { Lang } from '../core/i18n.ts';
import { t } from '../core/i18n.ts';
import type { Institution } from '../core/institution.ts';
import {
  checkMicroCredential,
  hasErrors,
  type CourseUnitFacts,
  type RuleProblem,
} from '../catalogue/rules.ts';
import { MicroCredentialInputSchema, type MicroCredentialInput } from '../catalogue/schemas.ts';
import { courseUnitFacts, createMicroCredential } from '../catalogue/store.ts';
import { publishApprovedElsewhere } from './store.ts';

export interface ImportProblem {
  /** The entry's code, or `entry N` (1-based) when it has none. */
  entry: string;
  field: string;
  rule: string;
  message: string;
}

export type ImportResult = { ok: true; imported: string[] } | { ok: false; problems: ImportProblem[] };

const validateEntry = compileSchema(MicroCredentialInputSchema);

/** Who brings the catalogue in, and who records that the institution's own quality procedure approved it. */
const IMPORTER: Actor = { kind: 'cli', label: 'catalog import' };
const INSTITUTION_PROCEDURE: Actor = { kind: 'system', label: 'catalogue import' };

/**
 * Imports micro-credential definitions, all or nothing: every entry is checked first (shape, the
 * framework rules, codes already present) and nothing is written unless every entry passes.
 * Entries with `"status": "published"` must pass the publishing rules; they are published through the
 * quality procedure at once, with a recorded approval that says the institution's own procedure took it.
 *
 * @example
 * const result = await importCatalogue(database, institution, JSON.parse(text), 'en');
 * if (!result.ok) for (const p of result.problems) console.error(formatImportProblem(p));
 */
export async function importCatalogue(
  database: DatabaseHandle,
  institution: Institution,
  data: unknown,
  lang: Lang,
): Promise<ImportResult> {
  if (!Array.isArray(data)) {
    return {
      ok: false,
      problems: [
        {
          entry: 'file',
          field: '(root)',
          rule: 'schema',
          message: 'must be a JSON array of micro-credential definitions',
        },
      ],
    };
  }
  const problems: ImportProblem[] = [];
  const valid: MicroCredentialInput[] = [];
  // The same facts the write will check against (published version, else latest), so that the report
  // says everything and the transaction never refuses what the report let through.
  const codes = new Set<string>();
  for (const entry of data) {
    const listed = (entry as { courseUnits?: unknown } | null)?.courseUnits;
    if (Array.isArray(listed)) for (const code of listed) if (typeof code === 'string') codes.add(code);
  }
  const units: ReadonlyMap<string, CourseUnitFacts> = await courseUnitFacts(database.db, institution.id, [
    ...codes,
  ]);
  const existing = new Set(
    (
      await database.db
        .selectFrom('micro_credentials')
        .select('code')
        .where('institution_id', '=', institution.id)
        .execute()
    ).map((r) => r.code),
  );
  const seen = new Set<string>();
  data.forEach((entry: unknown, index) => {
    const code =
      typeof entry === 'object' && entry !== null && typeof (entry as { code?: unknown }).code === 'string'
        ? (entry as { code: string }).code
        : `entry ${index + 1}`;
    if (!validateEntry(entry)) {
      for (const p of schemaProblems(validateEntry.errors ?? [])) problems.push({ entry: code, ...p });
      return;
    }
    if (seen.has(entry.code)) {
      problems.push({
        entry: code,
        field: 'code',
        rule: 'duplicate-in-file',
        message: 'appears more than once in this file',
      });
    }
    seen.add(entry.code);
    if (existing.has(entry.code)) {
      problems.push({
        entry: code,
        field: 'code',
        rule: 'already-exists',
        message: `already exists at ${institution.slug}`,
      });
    }
    const { status, ...def } = entry;
    const ruleProblems: RuleProblem[] = checkMicroCredential(def, {
      phase: status === 'published' || status === undefined ? 'publish' : 'save',
      courseUnits: units,
      issuer: {
        name: institution.name.nl,
        country: institution.address.country,
        region: institution.address.region,
      },
    });
    for (const p of ruleProblems.filter((r) => r.severity === 'error')) {
      problems.push({ entry: code, field: p.field, rule: p.rule, message: t(p.rule, lang, p.params) });
    }
    if (!hasErrors(ruleProblems)) valid.push({ ...entry, status: status ?? 'published' });
  });
  if (problems.length > 0) return { ok: false, problems };

  const imported = await database.transaction(async (tx) => {
    const codes: string[] = [];
    for (const { status, ...entry } of valid) {
      await createMicroCredential(tx, IMPORTER, institution, entry, lang);
      if (status === 'published') {
        await publishApprovedElsewhere(
          tx,
          institution,
          entry.code,
          { submitter: IMPORTER, decider: INSTITUTION_PROCEDURE },
          lang,
        );
      }
      codes.push(entry.code);
    }
    return codes;
  });
  return { ok: true, imported };
}

export function formatImportProblem(p: ImportProblem): string {
  return `${p.entry}: ${p.field}: ${p.message} [${p.rule}]`;
}
