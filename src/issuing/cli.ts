import fs from 'node:fs';
import type { Command } from 'commander';
import { runCommand } from '../core/command.ts';
import { StapelError, ValidationError } from '../core/errors.ts';
import {
  getInstitution,
  getInstitutionById,
  listInstitutions,
  type Institution,
} from '../institutions/store.ts';
import { rotateIssuerKey } from '../credentials/keys.ts';
import { institutionDid } from '../credentials/did.ts';
import type { IssuingContext } from './context.ts';
import { runAward, awardRefusalIn, checkAwardInput, operatorLang, type AwardResult } from './award.ts';
import { parseAwardCsvBytes } from './csv.ts';
import { assessmentMessage } from '../assessment/messages.ts';
import { STATUS_TRANSACTION, findCredential, type StatusAction } from './status.ts';
import { changeStatusAndNotify } from './manage-credentials.ts';
import { ISSUING_MESSAGES, inBothLanguages } from './messages.ts';
import type { AppContext } from '../core/app-context.ts';

export interface IssuingCliOptions {
  /** Opens the database and runs `fn`; closes afterwards. */
  withContext: <T>(fn: (context: AppContext) => Promise<T>) => Promise<T>;
  print: (line: string) => void;
  printError: (line: string) => void;
  setExitCode: (code: number) => void;
  /** Thrown for input the operator must fix (exit 2). */
  usageError: (message: string) => Error;
}

async function institutionFor(
  context: IssuingContext,
  slug: string | undefined,
  code: string,
): Promise<Institution> {
  if (slug) return getInstitution(context.database.db, slug);
  const owners = await context.database.db
    .selectFrom('micro_credentials as m')
    .innerJoin('institutions as i', 'i.id', 'm.institution_id')
    .select('i.slug')
    .where('m.code', '=', code)
    .execute();
  if (owners.length === 1) return getInstitution(context.database.db, owners[0]!.slug);
  const all = await listInstitutions(context.database.db);
  if (owners.length === 0)
    throw new ValidationError(
      [
        {
          field: 'micro-credential',
          rule: 'award-micro-credential-unknown',
          params: { code },
          message: `no institution has a micro-credential ${code}`,
        },
      ],
      'The award is not valid.',
      { key: 'award-invalid' },
    );
  throw new ValidationError(
    [
      {
        field: 'institution',
        rule: 'award-institution-ambiguous',
        params: { code, institutions: all.map((i) => i.slug).join(', ') },
        message: `several institutions have ${code}; say which with --institution (${all.map((i) => i.slug).join(', ')})`,
      },
    ],
    'The award is not valid.',
    { key: 'award-invalid' },
  );
}

/** A refusal of issuing as the command line shows it: in Dutch and in English. */
function inOperatorsWords(error: unknown): unknown {
  const known = (key: string | undefined): key is keyof typeof ISSUING_MESSAGES =>
    key !== undefined && key in ISSUING_MESSAGES;
  if (error instanceof ValidationError)
    return new ValidationError(
      error.problems.map((p) =>
        known(p.rule) ? { ...p, message: inBothLanguages(p.rule, p.params).replace('\n', ' / ') } : p,
      ),
      error.message,
    );
  if (!(error instanceof StapelError) || !known(error.key)) return error;
  return new StapelError(error.code, inBothLanguages(error.key, error.params), {
    key: error.key,
    params: error.params,
  });
}

/** Registers award, revoke, suspend, unsuspend and keys on the `stapel` command. */
export function registerIssuingCommands(program: Command, cli: IssuingCliOptions): void {
  program
    .command('award')
    .description(
      'record a passed evaluation and issue the proofs of learning (idempotent per learner and version)',
    )
    .requiredOption('--micro-credential <code>', 'code of a published micro-credential')
    .option('--institution <slug>', 'institution (needed when several have the code)')
    .option('--learner <email>', 'the learner’s e-mail address')
    .option('--name <name>', 'the learner’s name, shown on the credential')
    .option('--score <n>', 'score on 20')
    .option('--csv <file>', 'a file of learners: email,name,score')
    .option('--json', 'print the issued credentials as a JSON array')
    .action(
      (opts: {
        microCredential: string;
        institution?: string;
        learner?: string;
        name?: string;
        score?: string;
        csv?: string;
        json?: boolean;
      }) =>
        cli.withContext(async (context) => {
          const lang = operatorLang();
          if (Boolean(opts.learner) === Boolean(opts.csv))
            throw cli.usageError(assessmentMessage('award-learner-or-csv', lang));
          if (opts.csv && (opts.name || opts.score))
            throw cli.usageError(assessmentMessage('award-csv-own-columns', lang));
          const institution = await institutionFor(context, opts.institution, opts.microCredential).catch(
            (error: unknown) => {
              throw awardRefusalIn(error, lang);
            },
          );
          let requests: Array<{ email: string; name?: string | undefined; score?: number | undefined }>;
          if (opts.csv) {
            let bytes: Buffer;
            try {
              bytes = fs.readFileSync(opts.csv);
            } catch (error) {
              throw cli.usageError(
                assessmentMessage('award-file-unreadable', lang, {
                  file: opts.csv,
                  detail: (error as Error).message,
                }),
              );
            }
            const parsed = parseAwardCsvBytes(bytes, context.settings.passMark);
            if (!parsed.ok) {
              for (const p of parsed.problems)
                cli.printError(`line ${p.line}: ${p.field}: ${assessmentMessage(p.key, lang, p.params)}`);
              cli.printError(
                assessmentMessage('award-refused', lang, { count: parsed.problems.length, file: opts.csv }),
              );
              cli.setExitCode(2);
              return;
            }
            requests = parsed.rows;
          } else {
            const score = opts.score === undefined ? undefined : Number(opts.score.replace(',', '.'));
            requests = [{ email: opts.learner!, name: opts.name, score }];
            try {
              checkAwardInput({ email: opts.learner!, name: opts.name }, score, context.settings.passMark);
            } catch (error) {
              throw awardRefusalIn(error, lang);
            }
          }
          // One learner per transaction: a failure later in a long file keeps what was issued before it,
          // and running the command again completes the rest without duplicates.
          const results: AwardResult[] = [];
          for (const r of requests) {
            results.push(
              await runAward(context, () => ({
                institution,
                code: opts.microCredential,
                learner: { email: r.email, name: r.name },
                score: r.score,
                recordedBy: 'cli',
              })).catch((error: unknown) => {
                throw awardRefusalIn(error, lang);
              }),
            );
          }
          if (opts.json) {
            cli.print(
              JSON.stringify(
                results.flatMap((r) => r.credentials.map((c) => c.document)),
                null,
                2,
              ),
            );
            return;
          }
          for (const r of results) {
            const verb = r.issuedNow ? 'Issued' : 'Already issued';
            cli.print(`${verb} to ${r.learner}: ${r.microCredential.code} v${r.microCredential.version}`);
            for (const c of r.credentials)
              cli.print(`  ${c.kind}${c.courseUnit ? ` ${c.courseUnit}` : ''}\t${c.id}`);
          }
        }),
    );

  const statusCommand = (name: StatusAction, description: string, reasonRequired: boolean) => {
    const command = program
      .command(name)
      .description(description)
      .argument('<id>', 'the credential’s id (its URL)');
    if (reasonRequired) command.requiredOption('--reason <text>', 'why; kept with the credential');
    else command.option('--reason <text>', 'why; kept with the credential');
    command.action((id: string, opts: { reason?: string }) =>
      cli.withContext(async (context) => {
        const row = await findCredential(context.database.db, id);
        const institution = await getInstitutionById(context.database.db, row.institution_id);
        // Same path as the web UI: audited, and the learner is told by e-mail.
        const change = await runCommand(
          {
            database: context.database,
            mail: context.mail,
            actor: { kind: 'cli', label: `stapel ${name}` },
            transaction: STATUS_TRANSACTION,
          },
          (cmd) =>
            changeStatusAndNotify(cmd, context, institution, {
              credential: row.id,
              action: name,
              reason: opts.reason,
              reasonRequired: name === 'revoke',
            }),
        ).catch((error: unknown) => {
          throw inOperatorsWords(error);
        });
        cli.print(`${change.id}: ${change.status}${change.reason ? ` (${change.reason})` : ''}`);
      }),
    );
  };
  statusCommand('revoke', 'revoke a credential for good', true);
  statusCommand(
    'suspend',
    'suspend a credential until it is reinstated (only credentials with a suspension entry)',
    false,
  );
  statusCommand('unsuspend', 'lift a suspension', false);

  program
    .command('keys')
    .description('signing keys of an institution')
    .command('rotate')
    .description('create a new signing key; credentials signed with the old one still verify')
    .requiredOption('--institution <slug>', 'institution')
    .action((opts: { institution: string }) =>
      cli.withContext(async (context) => {
        const institution = await getInstitution(context.database.db, opts.institution);
        const result = await runCommand(
          {
            database: context.database,
            mail: context.mail,
            actor: { kind: 'cli', label: 'stapel keys rotate' },
          },
          (cmd) => rotateIssuerKey(cmd, institution, { masterKey: context.masterKey }),
        );
        const did = institutionDid(context.settings.publicUrl, institution.slug);
        cli.print(`New signing key ${did}#${result.active.fragment}`);
        if (result.retired.length)
          cli.print(`Retired (still verifiable): ${result.retired.map((f) => `#${f}`).join(', ')}`);
      }),
    );
}
