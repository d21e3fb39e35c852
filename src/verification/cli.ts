import fs from 'node:fs';
import { SafeFetcher } from '../credentials/safe-fetch.ts';
import { UnreadableCredentialError, parseCredentialInput } from './credential-input.ts';
import { credentialFromFile } from './credential-file.ts';
import { MAX_CREDENTIAL_FILE_BYTES } from './input-limits.ts';
import type { VerificationCheck, VerificationResult } from './verify.ts';

/** Same meaning as the exit codes of the `stapel` command: 0 valid, 1 not valid, 2 unusable input. */
export const VERIFY_EXIT = { valid: 0, notValid: 1, unreadable: 2 } as const;

export interface VerifyCommandOptions {
  /** Print the result as one JSON document instead of lines for people. */
  json?: boolean;
}

export interface VerifyCommandIo {
  /**
   * The credential from a file path, an http(s) URL, or `-` for standard input: text (JSON), or the bytes
   * of a file, which may also be a baked badge image (PNG, SVG) or a PDF certificate.
   */
  read: (source: string) => Promise<string | Uint8Array>;
  out: (line: string) => void;
  verify: (input: unknown) => Promise<VerificationResult>;
}

const SYMBOL = { ok: '✓', failed: '✗', warning: '!', skipped: '–' } as const;
const NAME_WIDTH = 'issuer-recognised'.length;

/**
 * `stapel verify <file|url|->`: checks a credential (JSON, a baked PNG or SVG badge, or a PDF certificate)
 * and prints each check, then a verdict. Returns the exit
 * code: 0 valid, 1 not valid, 2 the input cannot be read (missing file, malformed JSON, fetch refused).
 *
 * @example
 * process.exitCode = await runVerifyCommand('badge.json', { json: false }, {
 *   read: createSourceReader(),
 *   out: (line) => process.stdout.write(line + '\n'),
 *   verify: (input) => verifyCredential(input, verifyOptions),
 * });
 */
export async function runVerifyCommand(
  source: string,
  options: VerifyCommandOptions,
  io: VerifyCommandIo,
): Promise<number> {
  let input: unknown;
  try {
    const read = await io.read(source);
    input = typeof read === 'string' ? parseCredentialInput(read) : await credentialFromFile(read);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    io.out(
      options.json
        ? JSON.stringify({ verified: false, error: message }, null, 2)
        : `Cannot read the credential: ${message}`,
    );
    return VERIFY_EXIT.unreadable;
  }

  const result = await io.verify(input);
  if (options.json) {
    io.out(
      JSON.stringify(
        {
          verified: result.verified,
          checks: result.checks.map(({ name, code, ok, detail, level, params, skipped }) => ({
            name,
            code,
            ok,
            detail,
            level,
            params,
            ...(skipped ? { skipped } : {}),
          })),
          issuer: result.issuer,
          credential: result.credential,
        },
        null,
        2,
      ),
    );
  } else {
    for (const check of result.checks) io.out(formatCheck(check));
    io.out(issuerLine(result));
    io.out(verdict(result));
  }
  return result.verified ? VERIFY_EXIT.valid : VERIFY_EXIT.notValid;
}

function formatCheck(check: VerificationCheck): string {
  const symbol = check.ok
    ? SYMBOL.ok
    : check.skipped
      ? SYMBOL.skipped
      : check.level === 'error'
        ? SYMBOL.failed
        : SYMBOL.warning;
  return `${symbol} ${check.name.padEnd(NAME_WIDTH)}  ${check.detail}`;
}

const TRUST_WORDS = {
  recognised: 'recognised',
  unrecognised: 'not recognised: the key belongs to its DID, but the issuer is not on the list',
  unconfirmed: 'not confirmed: nothing but the credential vouches for its key',
} as const;

function issuerLine({ issuer }: VerificationResult): string {
  const who =
    issuer.name && issuer.id ? `${issuer.name} (${issuer.id})` : (issuer.name ?? issuer.id ?? '(none)');
  return issuer.trust === 'recognised'
    ? `Issued by ${who}: ${TRUST_WORDS.recognised}.`
    : `Claims to be issued by ${who}: ${TRUST_WORDS[issuer.trust]}.`;
}

function verdict(result: VerificationResult): string {
  const failed = result.checks.filter((c) => !c.ok && c.level === 'error').map((c) => c.name);
  const warnings = result.checks.filter((c) => !c.ok && c.level === 'warning').length;
  if (!result.verified) return `NOT VALID: failed ${failed.join(', ')}.`;
  return warnings ? `VALID, with ${warnings} warning${warnings === 1 ? '' : 's'}.` : 'VALID.';
}

export interface SourceReaderOptions {
  /** For http(s) sources; a fetcher with the default (https only, no private addresses) rules otherwise. */
  fetcher?: SafeFetcher;
  /** For `-`; standard input otherwise. */
  stdin?: AsyncIterable<string | Uint8Array>;
  /** Larger inputs are refused; a credential is a few kilobytes, a baked badge or PDF certificate more. */
  maxBytes?: number;
}

/**
 * The `read` function for runVerifyCommand: a file path, an http(s) URL (fetched through the SafeFetcher,
 * so a URL cannot point the command at private addresses), or `-` for standard input.
 *
 * @example
 * const text = await createSourceReader()('https://uni.example/credentials/42');
 */
export function createSourceReader(
  options: SourceReaderOptions = {},
): (source: string) => Promise<string | Uint8Array> {
  const maxBytes = options.maxBytes ?? MAX_CREDENTIAL_FILE_BYTES;
  let fetcher = options.fetcher;
  const tooLarge = (what: string) =>
    new UnreadableCredentialError(`${what} is larger than ${maxBytes} bytes; that is not a credential.`);

  return async (source) => {
    if (source === '-') {
      const chunks: Buffer[] = [];
      let total = 0;
      for await (const chunk of options.stdin ?? process.stdin) {
        const bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : Buffer.from(chunk);
        total += bytes.length;
        if (total > maxBytes) throw tooLarge('The standard input');
        chunks.push(bytes);
      }
      return new Uint8Array(Buffer.concat(chunks));
    }
    if (/^https?:\/\//i.test(source)) {
      fetcher ??= new SafeFetcher({ maxBytes });
      // As text where the fetcher can, so that a link passes the same parser (duplicate keys included).
      const textFetcher = fetcher as SafeFetcher & { text?: (url: string) => Promise<string> };
      if (textFetcher.text) return textFetcher.text(source);
      return JSON.stringify(await fetcher.json(source));
    }
    let stat: fs.Stats;
    try {
      stat = await fs.promises.stat(source);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      throw new UnreadableCredentialError(
        code === 'ENOENT' ? `There is no file ${source}.` : `The file ${source} cannot be read (${code}).`,
      );
    }
    if (!stat.isFile()) throw new UnreadableCredentialError(`${source} is not a file.`);
    if (stat.size > maxBytes) throw tooLarge(`The file ${source}`);
    // As bytes: the file may be a baked image or a PDF as well as JSON (credentialFromFile tells them apart).
    return new Uint8Array(await fs.promises.readFile(source));
  };
}
