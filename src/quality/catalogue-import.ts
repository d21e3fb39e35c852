import type { Actor } from '../core/actor.ts';
import type { Command } from '../core/command.ts';
import type { MessageParams } from '../core/errors.ts';
import { schemaProblems } from '../core/http.ts';
import { compileSchema } from '../core/json-schema.ts';
import type { Lang } from '../core/i18n.ts';
import type { Institution } from '../core/institution.ts';
import {
  checkMicroCredential,
  hasErrors,
  type CourseUnitFacts,
  type RuleProblem,
} from '../catalogue/rules.ts';
import { MicroCredentialInputSchema, type MicroCredentialInput } from '../catalogue/schemas.ts';
import { catalogueText } from '../catalogue/messages.ts';
import { courseUnitFacts } from '../catalogue/facts.ts';
import { createMicroCredential } from '../catalogue/micro-credentials.ts';
import { publishApprovedElsewhere } from './approved-elsewhere.ts';

export interface ImportProblem {
  /** The entry's code, or `entry N` (1-based) when it has none. */
  entry: string;
  field: string;
  rule: string;
  /** What the rule's message needs; the report renders it in the reader's language. */
  params?: MessageParams | undefined;
  /** The English words, for a rule without a message of its own. */
  message: string;
}

export type ImportResult = { ok: true; imported: string[] } | { ok: false; problems: ImportProblem[] };

const validateEntry = compileSchema(MicroCredentialInputSchema);

/** Who brings the catalogue in (the command's actor), and who records that the institution's own quality procedure approved it. */
export const IMPORTER: Actor = { kind: 'cli', label: 'catalog import' };
const INSTITUTION_PROCEDURE: Actor = { kind: 'system', label: 'catalogue import' };

/**
 * Imports micro-credential definitions, all or nothing: every entry is checked first (shape, the
 * framework rules, codes already present) and nothing is written unless every entry passes.
 * Entries with `"status": "published"` must pass the publishing rules; they are published through the
 * quality procedure at once, with a recorded approval that says the institution's own procedure took it.
 *
 * @example
 * const result = await runCommand({ database, mail, actor: IMPORTER }, (cmd) => importCatalogue(cmd, institution, JSON.parse(text)));
 * if (!result.ok) for (const p of result.problems) console.error(formatImportProblem(p, 'en'));
 */
export async function importCatalogue(
  cmd: Command,
  institution: Institution,
  data: unknown,
): Promise<ImportResult> {
  const { tx } = cmd;
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
  const units: ReadonlyMap<string, CourseUnitFacts> = await courseUnitFacts(tx, institution.id, [...codes]);
  const existing = new Set(
    (
      await tx
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
      problems.push({
        entry: code,
        field: p.field,
        rule: p.rule,
        params: p.params,
        message: catalogueText(p.rule, 'en', p.params),
      });
    }
    if (!hasErrors(ruleProblems)) valid.push({ ...entry, status: status ?? 'published' });
  });
  if (problems.length > 0) return { ok: false, problems };

  const imported: string[] = [];
  for (const { status, ...entry } of valid) {
    await createMicroCredential(cmd, institution, entry);
    if (status === 'published') {
      await publishApprovedElsewhere(cmd, institution, { code: entry.code, decider: INSTITUTION_PROCEDURE });
    }
    imported.push(entry.code);
  }
  return { ok: true, imported };
}

/**
 * One line of an import report: `CODE: field: message [rule]`, in `lang` where the rule has words of its own.
 *
 * @example formatImportProblem({ entry: 'PV-X', field: 'ects', rule: 'ects-below-60', params: { limit: 60 }, message: '…' }, 'nl');
 */
export function formatImportProblem(p: ImportProblem, lang: Lang = 'en'): string {
  const words = catalogueText(p.rule, lang, { message: p.message, ...p.params });
  return `${p.entry}: ${p.field}: ${words === p.rule ? p.message : words} [${p.rule}]`;
}
