import fs from 'node:fs';
import { Command, CommanderError } from 'commander';
import { buildApp } from '../app.ts';
import { StapelError, ValidationError } from '../core/errors.ts';
import { renderError, renderProblem } from '../core/http.ts';
import { langFromHeader } from '../core/i18n.ts';
import { MESSAGES } from '../messages.ts';
import { migrateToLatest } from '../../migrations/index.ts';
import { IMPORTER, formatImportProblem, importCatalogue } from '../quality/catalogue-import.ts';
import { listAllMicroCredentials } from '../catalogue/views.ts';
import { setDecreeTuition } from '../tuition/decree-tuition.ts';
import { loadDemoIfEmpty } from '../demo/load-demo.ts';
import {
  getInstitution,
  issueApiToken,
  listApiTokens,
  listInstitutions,
  revokeApiToken,
  type Institution,
} from '../institutions/store.ts';
import { runCommand, type Command as Change } from '../core/command.ts';
import type { Actor } from '../core/actor.ts';
import type { DatabaseHandle } from '../core/database.ts';
import { issuingContextOf, openRuntime, type OpenRuntimeOptions, type Runtime } from './runtime.ts';
import { changePublicUrl, pinPublicUrl } from '../core/installation.ts';
import { registerIssuingCommands } from '../issuing/cli.ts';
import { registerCertificateCommands } from '../certificates/cli.ts';
import { createSourceReader, runVerifyCommand } from '../verification/cli.ts';
import { platformVerifier } from '../verification/platform-verifier.ts';
import { credentialUrl } from '../credentials/platform-documents.ts';

/** Exit codes: 0 success, 1 failure or "not valid", 2 unusable input or configuration. */
export const EXIT = { ok: 0, failed: 1, badInput: 2 } as const;

class UsageError extends Error {}

async function withRuntime<T>(
  fn: (runtime: Runtime) => Promise<T>,
  options: OpenRuntimeOptions = {},
): Promise<T> {
  const runtime = await openRuntime(options);
  try {
    return await fn(runtime);
  } finally {
    await runtime.database.close();
  }
}

async function pickInstitution(database: DatabaseHandle, slug: string | undefined): Promise<Institution> {
  if (slug) return getInstitution(database.db, slug);
  const all = await listInstitutions(database.db);
  if (all.length === 1) return all[0]!;
  throw new UsageError(
    all.length === 0
      ? 'There is no institution yet. Start the server once to load the demo, or create one.'
      : `Say which institution with --institution (one of: ${all.map((i) => i.slug).join(', ')}).`,
  );
}

/** What a listing command (`stapel token list`, `stapel catalog list`) lists, and how it prints an item. */
interface ListingOptions<T> {
  /** What `--help` says the command lists. */
  description: string;
  /** The items, of one institution when `--institution` names one. */
  list: (database: DatabaseHandle, institution: Institution | undefined) => Promise<T[]>;
  /** What `--json` prints of an item; the item as it is without. */
  json?: (item: T) => unknown;
  /** An item as one line of tab-separated fields. */
  fields: (item: T) => Array<string | number>;
}

/**
 * Runs one change from the command line, as `actor` (audited as such), its mail queued in the outbox like
 * the server's.
 */
function runCliCommand<T>(
  { config, database }: Runtime,
  actor: Actor,
  fn: (cmd: Change) => Promise<T>,
): Promise<T> {
  const mail = { smtpUrl: config.secrets.smtpUrl, from: config.settings.mailFrom };
  return runCommand({ database, mail, actor }, fn);
}

/** The operator at the command line, as `stapel <command>` is audited. */
const operator = (command: string): Actor => ({ kind: 'cli', label: `stapel ${command}` });

/**
 * The `stapel` command line. Returns the exit code instead of exiting, so that tests can call it.
 *
 * @example
 * process.exitCode = await main(['node', 'stapel', 'catalog', 'list', '--json']);
 */
export async function main(
  argv: string[],
  out: NodeJS.WritableStream = process.stdout,
  err: NodeJS.WritableStream = process.stderr,
): Promise<number> {
  let exitCode: number = EXIT.ok;
  const print = (line: string) => out.write(line + '\n');
  const program = new Command()
    .name('stapel')
    .description('Stapel: micro-credentials for Flemish higher education')
    .exitOverride()
    .configureOutput({ writeOut: (s) => out.write(s), writeErr: (s) => err.write(s) });

  /** A listing command: every institution's items or those of `--institution`, as lines of fields or JSON. */
  const addListing = <T>(parent: Command, name: string, listing: ListingOptions<T>) =>
    parent
      .command(name)
      .description(listing.description)
      .option('--institution <slug>', 'only this institution')
      .option('--json', 'print JSON')
      .action((opts: { institution?: string; json?: boolean }) =>
        withRuntime(async ({ database }) => {
          const institution = opts.institution
            ? await getInstitution(database.db, opts.institution)
            : undefined;
          const items = await listing.list(database, institution);
          if (opts.json) print(JSON.stringify(listing.json ? items.map(listing.json) : items, null, 2));
          else for (const item of items) print(listing.fields(item).join('\t'));
        }),
      );

  program
    .command('serve')
    .description('run the API and web UI (loads the demo institutions into an empty database)')
    .action(async () => {
      const { config, database } = await openRuntime();
      if (config.settings.loadDemo) {
        const demo = await loadDemoIfEmpty(database);
        if (demo) {
          print('Demo institutions loaded. Staff API tokens (shown once):');
          for (const { institution, token } of demo.tokens) print(`  ${institution}: ${token}`);
          print('Demo staff accounts, every role (shown once):');
          for (const { institution, email, password } of demo.accounts)
            print(`  ${institution}: ${email} / ${password}`);
        }
      }
      const app = await buildApp({ config, database });
      const close = async () => {
        await app.close();
        await database.close();
        process.exit(0);
      };
      process.once('SIGINT', close);
      process.once('SIGTERM', close);
      const address = await app.listen({ port: config.settings.port, host: config.settings.host });
      print(
        `Stapel is listening on ${address} (${database.dialect}); public address ${config.settings.publicUrl}`,
      );
      await new Promise(() => undefined);
    });

  program
    .command('migrate')
    .description('bring the database schema up to date')
    .action(() =>
      withRuntime(
        async ({ config, database }) => {
          const applied = await migrateToLatest(database.db, database.dialect);
          print(applied.length ? `Applied: ${applied.join(', ')}` : 'The database is up to date.');
          // Like every start: record the public URL, or refuse one that differs from the recorded one.
          await pinPublicUrl(database, config);
        },
        { migrate: false },
      ),
    );

  program
    .command('config')
    .description("the installation's settings kept in the database")
    .command('set-public-url')
    .description(
      'move the installation to another public URL (audited). The did:web identifiers of every institution ' +
        'are derived from it: credentials issued before keep the old identifiers and verify only while the ' +
        'old address keeps serving their DID documents. Set STAPEL_PUBLIC_URL to the new URL (or leave it unset).',
    )
    .argument('<url>', 'the new public URL, e.g. https://badges.uni.example (no path)')
    .action((url: string) =>
      withRuntime(
        async ({ config, database }) => {
          const change = await changePublicUrl(database, url, {
            kind: 'cli',
            label: 'stapel config set-public-url',
          });
          if (change.before === change.after) {
            print(`The public URL is already ${change.after}.`);
          } else {
            print(
              change.before === undefined
                ? `Public URL set to ${change.after}.`
                : `Public URL changed from ${change.before} to ${change.after}. Institutions now have did:web identifiers on the new host; credentials issued before keep naming ${change.before}.`,
            );
          }
          if (
            config.settings.publicUrlExplicit &&
            new URL(config.settings.publicUrl).origin !== change.after
          ) {
            err.write(
              `stapel: STAPEL_PUBLIC_URL is still "${config.settings.publicUrl}": set it to "${change.after}" or unset it, or the next start refuses.\n`,
            );
          }
        },
        { pinPublicUrl: false },
      ),
    );

  const token = program.command('token').description('API tokens for institution staff');
  token
    .command('create')
    .description('create an API token and print it (it is shown only once)')
    .option('--institution <slug>', 'institution the token acts for')
    .option('--name <text>', 'what the token is for (default: cli)')
    .option('--label <text>', 'the same as --name (older spelling)')
    .option(
      '--expires <when>',
      'a date (2027-06-30: works through that day, Belgian time) or days (90d); default: never',
    )
    .option('--roles <list>', 'comma-separated roles, e.g. registrar,assessor; default: every role')
    .action(
      (opts: { institution?: string; name?: string; label?: string; expires?: string; roles?: string }) =>
        withRuntime(async (runtime) => {
          const institution = await pickInstitution(runtime.database, opts.institution);
          const created = await runCliCommand(runtime, operator('token create'), (cmd) =>
            issueApiToken(cmd, institution, {
              name: opts.name ?? opts.label ?? 'cli',
              expires: opts.expires,
              roles: opts.roles === undefined ? undefined : opts.roles.split(','),
            }),
          );
          // Only the secret goes to standard output, so that scripts can capture it as they always did.
          print(created.token);
          const { view } = created;
          err.write(
            `API token ${view.id} "${view.name}" for ${view.institution}: ${view.roles.join(', ')}; ${view.expiresAt ? `expires ${view.expiresAt}` : 'no expiry'}. Shown only once.\n`,
          );
        }),
    );
  addListing(token, 'list', {
    description: 'list API tokens (never their secrets), newest first',
    list: (database, institution) =>
      listApiTokens(database.db, institution ? { institutionId: institution.id } : {}),
    fields: (t) => [
      t.id,
      t.institution,
      t.state,
      t.name,
      `roles=${t.roles.join(',')}`,
      `created=${t.createdAt}`,
      `expires=${t.expiresAt ?? 'never'}`,
      `last-used=${t.lastUsedAt ?? 'never'}`,
      ...(t.revokedAt ? [`revoked=${t.revokedAt}`] : []),
    ],
  });
  token
    .command('revoke')
    .description('revoke an API token: every later request with it is refused')
    .argument('<id>', 'the token id, as `stapel token list` shows it')
    .action((id: string) =>
      withRuntime(async (runtime) => {
        const revoked = await runCliCommand(runtime, operator('token revoke'), (cmd) =>
          revokeApiToken(cmd, null, { id }),
        );
        print(
          `Revoked API token ${revoked.id} "${revoked.name}" (${revoked.institution}) at ${revoked.revokedAt}.`,
        );
      }),
    );

  const catalog = program.command('catalog').description('the micro-credential catalogue');
  addListing(catalog, 'list', {
    description: 'list micro-credentials (latest version of each, drafts included)',
    list: (database, institution) => listAllMicroCredentials(database.db, institution?.id),
    json: (m) => ({
      institution: m.institution.slug,
      code: m.code,
      title: m.title,
      ects: m.ects,
      vksLevel: m.vksLevel,
      form: m.form,
      language: m.language,
      version: m.version,
      status: m.status,
    }),
    fields: (m) => [
      m.institution.slug,
      m.code,
      `v${m.version}`,
      m.status,
      `${m.ects} ECTS`,
      `VKS ${m.vksLevel}`,
      m.form,
      m.title.nl,
    ],
  });
  catalog
    .command('import')
    .description('import micro-credential definitions from a JSON array, all or nothing')
    .argument('<file>', 'JSON file')
    .option('--institution <slug>', 'institution the definitions belong to')
    .action((file: string, opts: { institution?: string }) =>
      withRuntime(async (runtime) => {
        let data: unknown;
        try {
          data = JSON.parse(fs.readFileSync(file, 'utf8'));
        } catch (error) {
          throw new UsageError(`Cannot read ${file}: ${(error as Error).message}`);
        }
        const institution = await pickInstitution(runtime.database, opts.institution);
        const result = await runCliCommand(runtime, IMPORTER, (cmd) =>
          importCatalogue(cmd, institution, data),
        );
        if (!result.ok) {
          const lang = langFromHeader(process.env.STAPEL_LANG);
          for (const p of result.problems) err.write(formatImportProblem(p, lang) + '\n');
          err.write(`Nothing was imported: ${result.problems.length} problem(s).\n`);
          exitCode = EXIT.badInput;
          return;
        }
        print(
          `Imported ${result.imported.length} micro-credential(s) into ${institution.slug}: ${result.imported.join(', ')}`,
        );
      }),
    );

  const tuition = program.command('tuition').description('decree tuition per academic year (form A)');
  tuition
    .command('set')
    .description('set the decree amounts of an academic year')
    .requiredOption('--year <yyyy-yy>', 'academic year, e.g. 2026-27')
    .requiredOption('--fixed <euro>', 'fixed part in euro')
    .requiredOption('--per-credit <euro>', 'amount per credit in euro')
    .option('--source <text>', 'where the amounts come from', 'entered by an operator')
    .action((opts: { year: string; fixed: string; perCredit: string; source: string }) =>
      withRuntime(async (runtime) => {
        const fixed = Number(opts.fixed);
        const perCredit = Number(opts.perCredit);
        if (!(fixed >= 0) || !(perCredit >= 0))
          throw new UsageError('--fixed and --per-credit must be amounts in euro, 0 or more.');
        await runCliCommand(runtime, operator('tuition set'), (cmd) =>
          setDecreeTuition(cmd, {
            year: {
              academicYear: opts.year,
              fixedCents: Math.round(fixed * 100),
              perCreditCents: Math.round(perCredit * 100),
            },
            source: opts.source,
          }),
        );
        print(`Decree tuition ${opts.year}: €${fixed.toFixed(2)} + €${perCredit.toFixed(2)} per credit.`);
      }),
    );

  program
    .command('verify')
    .description('verify a credential: each check with its reason; exit 0 valid, 1 not valid, 2 unreadable')
    .argument('<source>', 'a file, an http(s) URL, or - for standard input')
    .option('--json', 'print {"verified", "checks", "issuer", "credential"} as JSON')
    .action((source: string, opts: { json?: boolean }) =>
      withRuntime(async ({ config, database }) => {
        const verifier = platformVerifier(database, config.settings);
        const read = createSourceReader({ fetcher: verifier.fetcher });
        exitCode = await runVerifyCommand(source, opts, {
          read: (s) =>
            s.startsWith(credentialUrl(config.settings.publicUrl, ''))
              ? verifier.fetchCredential(s).then((d) => JSON.stringify(d))
              : read(s),
          out: print,
          verify: verifier.verify,
        });
      }),
    );

  program
    .command('outbox')
    .description('print the e-mail waiting in (or sent from) the outbox, newest first, secrets included')
    .option('--limit <n>', 'how many messages', '20')
    .option('--to <email>', 'only messages to this address')
    .action((opts: { limit: string; to?: string }) =>
      withRuntime(async ({ database }) => {
        let query = database.db
          .selectFrom('outbox')
          .selectAll()
          .orderBy('created_at', 'desc')
          .limit(Number(opts.limit) || 20);
        if (opts.to) query = query.where('recipient', '=', opts.to.trim().toLowerCase());
        for (const m of await query.execute()) {
          print(
            `--- ${m.created_at} to ${m.recipient}${m.sent_at ? ` (sent ${m.sent_at})` : ' (not sent)'}${m.error ? ` error: ${m.error}` : ''}`,
          );
          print(`Subject: ${m.subject}`);
          print(m.body);
        }
      }),
    );

  registerCertificateCommands(program, {
    withContext: (fn) => withRuntime((runtime) => fn(issuingContextOf(runtime))),
    print,
    write: (bytes) => out.write(bytes),
    operatorLang: process.env.STAPEL_LANG ? langFromHeader(process.env.STAPEL_LANG) : undefined,
  });

  registerIssuingCommands(program, {
    withContext: (fn) => withRuntime((runtime) => fn(issuingContextOf(runtime))),
    print,
    printError: (line) => err.write(line + '\n'),
    setExitCode: (code) => {
      exitCode = code;
    },
    usageError: (message) => new UsageError(message),
  });

  try {
    await program.parseAsync(argv);
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.exitCode === 0 ? EXIT.ok : EXIT.badInput;
    }
    if (error instanceof UsageError) {
      err.write(`stapel: ${error.message}\n`);
      return EXIT.badInput;
    }
    // With `STAPEL_LANG`, refusals speak the operator's language from the same tables as the API; without
    // it, the error's own words (English; both languages where a command gives both).
    const lang = process.env.STAPEL_LANG ? langFromHeader(process.env.STAPEL_LANG) : undefined;
    const words = (e: StapelError) => (lang ? renderError(e, lang, MESSAGES) : e.message);
    if (error instanceof ValidationError) {
      err.write(`stapel: ${words(error)}\n`);
      for (const problem of error.problems) {
        const p = renderProblem(problem, lang ?? 'en', MESSAGES);
        err.write(`  ${p.field}: ${p.message} [${p.rule}]\n`);
      }
      return EXIT.badInput;
    }
    if (error instanceof StapelError) {
      err.write(`stapel: ${words(error)}\n`);
      return error.code === 'config-invalid' || error.code === 'not-found' ? EXIT.badInput : EXIT.failed;
    }
    err.write(`stapel: ${(error as Error).message ?? String(error)}\n`);
    return EXIT.failed;
  }
  return exitCode;
}
