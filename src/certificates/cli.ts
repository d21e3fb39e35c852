import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import type { AppContext } from '../core/app-context.ts';
import type { Db } from '../core/database.ts';
import type { Lang } from '../core/i18n.ts';
import { StapelError, ValidationError, type MessageParams } from '../core/errors.ts';
import type { CertificateLang } from './certificate-labels.ts';
import { EXPORT_FORMATS, exportCredential, type ExportFormat } from './export.ts';
import { certificateMessageInBoth, type CertificateMessageKey } from './messages.ts';

/** Input the operator must correct: exit code 2, like every other command's bad input. */
const badInput = (key: CertificateMessageKey, params: MessageParams) =>
  new ValidationError([], certificateMessageInBoth(key, params), { key, params });

function formatOf(value: string): ExportFormat {
  const format = value.trim().toLowerCase();
  if ((EXPORT_FORMATS as readonly string[]).includes(format)) return format as ExportFormat;
  throw badInput('export-format-unknown', { format: value, formats: EXPORT_FORMATS.join(', ') });
}

function langOf(value: string): CertificateLang {
  const lang = value.trim().toLowerCase();
  if (lang === 'nl' || lang === 'en') return lang;
  throw badInput('export-lang-unknown', { lang: value });
}

/** The flags of `stapel export`, as commander gives them. */
export interface ExportFlags {
  format?: string | undefined;
  out?: string | undefined;
  lang?: string | undefined;
}

export interface ExportIo {
  db: Db;
  /** Where a file without --out is written. */
  cwd: string;
  /** STAPEL_LANG, when the operator set it: the PDF's language without --lang. */
  operatorLang?: Lang | undefined;
  /** Standard output, for `--out -` and for the JSON without --format or --out. */
  write: (bytes: Uint8Array) => void;
  print: (line: string) => void;
}

/** A free name in `dir` for `fileName`: the name itself, else with -2, -3 … before the extension. */
function freeName(dir: string, fileName: string): string {
  const ext = path.extname(fileName);
  const stem = fileName.slice(0, fileName.length - ext.length);
  for (let n = 1; ; n++) {
    const candidate = path.join(dir, n === 1 ? fileName : `${stem}-${n}${ext}`);
    if (!fs.existsSync(candidate)) return candidate;
  }
}

/**
 * `stapel export ID [--format json|pdf|png|svg] [--out FILE] [--lang nl|en]`. Without --format the format
 * follows the extension of --out, else JSON; without --out a file named after the title and the date of
 * issue is written to `io.cwd` (never over an existing file) and its path printed — except for JSON without
 * --format, which goes to standard output as it always did. `--out -` writes any format to standard output.
 * Returns the path written, undefined for standard output.
 *
 * @example
 * await runExportCommand(id, { format: 'pdf' }, { db, cwd: process.cwd(), write, print }); // 'data-analyse-met-python-2026-12-04.pdf'
 */
export async function runExportCommand(
  ref: string,
  flags: ExportFlags,
  io: ExportIo,
): Promise<string | undefined> {
  const extension = flags.out && flags.out !== '-' ? path.extname(flags.out).slice(1).toLowerCase() : '';
  const format = flags.format
    ? formatOf(flags.format)
    : (EXPORT_FORMATS as readonly string[]).includes(extension)
      ? (extension as ExportFormat)
      : 'json';
  const lang = flags.lang
    ? langOf(flags.lang)
    : io.operatorLang === 'en' || io.operatorLang === 'nl'
      ? io.operatorLang
      : undefined;
  const file = await exportCredential(io.db, ref, { format, lang });

  if (flags.out === '-' || (flags.out === undefined && flags.format === undefined)) {
    io.write(file.bytes);
    // A JSON on a terminal ends with a newline; binary formats are written exactly.
    if (format === 'json') io.write(new TextEncoder().encode('\n'));
    return undefined;
  }
  const target = flags.out ? path.resolve(io.cwd, flags.out) : freeName(io.cwd, file.fileName);
  try {
    fs.writeFileSync(target, file.bytes);
  } catch (error) {
    const params = { file: target, detail: (error as Error).message };
    throw new StapelError(
      'export-out-unwritable',
      certificateMessageInBoth('export-out-unwritable', params),
      {
        key: 'export-out-unwritable',
        params,
      },
    );
  }
  io.print(target);
  return target;
}

export interface CertificateCliOptions {
  /** Opens the database and runs `fn`; closes afterwards. */
  withContext: <T>(fn: (context: AppContext) => Promise<T>) => Promise<T>;
  print: (line: string) => void;
  /** Standard output as bytes. */
  write: (bytes: Uint8Array) => void;
  /** The operator's language (STAPEL_LANG), when set. */
  operatorLang?: Lang | undefined;
  /** The directory files are written to without --out; the current directory when absent. */
  cwd?: string | undefined;
}

/**
 * Registers `stapel export` on the command line.
 *
 * @example
 * registerCertificateCommands(program, { withContext, print, write: (b) => process.stdout.write(b) });
 */
export function registerCertificateCommands(program: Command, cli: CertificateCliOptions): void {
  program
    .command('export')
    .description(
      'write one credential to a file: the signed JSON, a PDF certificate, or the baked PNG or SVG badge',
    )
    .argument('<id>', 'the credential’s id (its URL) or its UUID')
    .option('--format <format>', `one of ${EXPORT_FORMATS.join(', ')} (default: from --out, else json)`)
    .option(
      '--out <file>',
      'where to write it; - for standard output (default: <title>-<yyyy-mm-dd>.<ext> here)',
    )
    .option('--lang <lang>', 'language of the PDF certificate: nl or en (default: the credential’s)')
    .action((id: string, flags: ExportFlags) =>
      cli.withContext(async (context) => {
        await runExportCommand(id, flags, {
          db: context.database.db,
          cwd: cli.cwd ?? process.cwd(),
          operatorLang: cli.operatorLang,
          write: cli.write,
          print: cli.print,
        });
      }),
    );
}
