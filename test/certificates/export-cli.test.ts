import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Command } from 'commander';
import { databaseKinds } from '../support/databases.ts';
import { startIssuing, type IssuingFixture } from '../support/issuing.ts';
import { runCli } from '../support/cli.ts';
import { qrTextsInPdf } from '../support/pdf-qr.ts';
import { pdfTextPages } from './pdf-text.ts';
import { getInstitution } from '../../src/institutions/store.ts';
import { runAward } from '../../src/issuing/award.ts';
import { extractAttachedCredential } from '../../src/credentials/pdf-attachment.ts';
import { parseCredentialInput } from '../../src/verification/credential-input.ts';
import { platformVerifier } from '../../src/verification/platform-verifier.ts';
import { StapelError, ValidationError, NotFoundError } from '../../src/core/errors.ts';
import { renderError } from '../../src/core/http.ts';
import { MESSAGES } from '../../src/messages.ts';
import {
  registerCertificateCommands,
  runExportCommand,
  type ExportFlags,
} from '../../src/certificates/cli.ts';
import { exportCredential } from '../../src/certificates/export.ts';
import { downloadName } from '../../src/certificates/download-names.ts';

describe.each(databaseKinds())('stapel export on $name', (kind) => {
  let f: IssuingFixture;
  let dir: string;
  /** The micro-credential certificate of a form-A award, as stored. */
  let id: string;
  let stored: string;
  let creditId: string;

  beforeAll(async () => {
    f = await startIssuing(kind);
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stapel-export-'));
    const award = await runAward(f.context, async (tx) => ({
      institution: await getInstitution(tx, 'hogeschool-schelde'),
      code: 'MC-DATA',
      learner: { email: 'export@example.org', name: 'Elif Ünal' },
      score: 14,
      recordedBy: 'test',
    }));
    id = award.credentials[2]!.id;
    creditId = award.credentials[0]!.id;
    stored = (
      await f.db.handle.db
        .selectFrom('credentials')
        .select('document')
        .where('credential_url', '=', id)
        .executeTakeFirstOrThrow()
    ).document;
  });
  afterAll(async () => {
    await f?.db.dispose();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  /** Runs the export in-process, collecting what it writes to standard output and prints. */
  async function exportOf(ref: string, flags: ExportFlags, operatorLang?: 'nl' | 'en') {
    const chunks: Uint8Array[] = [];
    const printed: string[] = [];
    const file = await runExportCommand(ref, flags, {
      db: f.db.handle.db,
      cwd: dir,
      operatorLang,
      write: (bytes) => chunks.push(bytes),
      print: (line) => printed.push(line),
    });
    return { file, stdout: Buffer.concat(chunks), printed };
  }

  const verify = (text: string) =>
    platformVerifier(f.db.handle, f.context.settings).verify(parseCredentialInput(text));

  it('writes the signed JSON exactly as stored to a file named after the title and date, which verifies', async () => {
    const { file, printed } = await exportOf(id, { format: 'json' });
    const date = (JSON.parse(stored) as { validFrom: string }).validFrom.slice(0, 10);
    expect(file).toBe(path.join(dir, `data-analyse-met-python-${date}.json`));
    expect(printed).toEqual([file]);
    expect(fs.readFileSync(file!, 'utf8')).toBe(stored);
    expect((await verify(fs.readFileSync(file!, 'utf8'))).verified).toBe(true);
    // A second export never overwrites the first.
    const again = await exportOf(id, { format: 'json' });
    expect(again.file).toBe(path.join(dir, `data-analyse-met-python-${date}-2.json`));
  });

  it('prints the JSON to standard output without --format or --out, as it always did', async () => {
    const { file, stdout } = await exportOf(id, {});
    expect(file).toBeUndefined();
    expect(stdout.toString('utf8')).toBe(stored + '\n');
  });

  it('finds the credential by the UUID at the end of its id', async () => {
    const uuid = id.split('/').pop()!;
    const { stdout } = await exportOf(uuid, { out: '-' });
    expect(stdout.toString('utf8')).toBe(stored + '\n');
  });

  it('writes a PDF certificate that carries the credential, whose QR code leads to its id', async () => {
    const out = path.join(dir, 'certificaat.pdf');
    const { file } = await exportOf(id, { out }); // the format follows the extension
    expect(file).toBe(out);
    const pdf = fs.readFileSync(out);
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const attached = await extractAttachedCredential(pdf);
    expect(attached).toBe(stored);
    expect((await verify(attached!)).verified).toBe(true);
    expect(await qrTextsInPdf(pdf)).toEqual([id]);
    const lines = (await pdfTextPages(pdf)).flat();
    // Dutch by default (the credential's language), the institution named from its own record.
    expect(lines).toEqual(expect.arrayContaining(['Micro-credentialcertificaat', 'Elif Ünal', id]));
  });

  it('writes the PDF in the language of --lang, else of STAPEL_LANG', async () => {
    const english = await exportOf(id, { format: 'pdf', lang: 'en', out: '-' });
    expect((await pdfTextPages(english.stdout)).flat()).toContain('Micro-credential certificate');
    expect((await pdfTextPages(english.stdout)).flat()).toContain('LEARNING OUTCOMES');
    const operator = await exportOf(id, { format: 'pdf', out: '-' }, 'en');
    expect((await pdfTextPages(operator.stdout)).flat()).toContain('LEARNING OUTCOMES');
  });

  it('leads the PDF to the credential’s public page when one is given', async () => {
    const file = await exportCredential(f.db.handle.db, id, {
      format: 'pdf',
      lang: 'en',
      pageUrl: 'http://localhost:3000/c/page',
    });
    expect(file.mediaType).toBe('application/pdf');
    expect(file.credentialUrl).toBe(id);
    expect(await qrTextsInPdf(file.bytes)).toEqual(['http://localhost:3000/c/page']);
    expect((await pdfTextPages(file.bytes)).flat()).toEqual(
      expect.arrayContaining(['http://localhost:3000/c/page', id]),
    );
  });

  it('gives a credit certificate its own PDF', async () => {
    const { file } = await exportOf(creditId, { format: 'pdf' });
    expect(path.basename(file!)).toMatch(/^inleiding-tot-data-analyse-met-python-\d{4}-\d{2}-\d{2}\.pdf$/);
    const pdf = fs.readFileSync(file!);
    expect(await qrTextsInPdf(pdf)).toEqual([creditId]);
    expect((await pdfTextPages(pdf)).flat()).toEqual(expect.arrayContaining(['Creditbewijs', 'DATA101']));
  });

  it('writes the baked PNG and SVG badges with the credential inside', async () => {
    for (const format of ['png', 'svg'] as const) {
      const { file } = await exportOf(id, { format });
      expect(file!.endsWith(`.${format}`)).toBe(true);
      const bytes = fs.readFileSync(file!);
      if (format === 'png') expect([...bytes.subarray(1, 4)]).toEqual([0x50, 0x4e, 0x47]);
      else expect(bytes.toString('utf8')).toMatch(/<svg[\s>]/);
      // Baking keeps the exact signed text (as characters in the SVG, escaped in XML).
      expect(bytes.toString('utf8')).toContain(format === 'png' ? stored : 'proofValue');
    }
  });

  it('refuses an unknown id, format or language in Dutch and English, writing nothing', async () => {
    const before = fs.readdirSync(dir).length;
    const unknown = await exportOf('http://localhost:3000/credentials/nope', { format: 'pdf' }).catch(
      (e: unknown) => e,
    );
    expect(unknown).toBeInstanceOf(NotFoundError);
    expect((unknown as Error).message).toContain('Er is geen leerbewijs');
    expect((unknown as Error).message).toContain('There is no credential');
    expect(renderError(unknown as StapelError, 'nl', MESSAGES)).toMatch(/^Er is geen leerbewijs/);

    const format = await exportOf(id, { format: 'docx' }).catch((e: unknown) => e);
    expect(format).toBeInstanceOf(ValidationError);
    expect(renderError(format as StapelError, 'nl', MESSAGES)).toBe(
      'Het formaat "docx" bestaat niet voor een export; kies uit json, pdf, png, svg.',
    );
    expect(renderError(format as StapelError, 'en', MESSAGES)).toBe(
      'There is no export format "docx"; choose one of json, pdf, png, svg.',
    );
    const lang = await exportOf(id, { format: 'pdf', lang: 'fr' }).catch((e: unknown) => e);
    expect(renderError(lang as StapelError, 'en', MESSAGES)).toBe(
      'There is no certificate language "fr"; choose nl or en.',
    );
    expect(fs.readdirSync(dir)).toHaveLength(before);
  });

  it('is wired as a command: id, --format, --out and --lang reach the export', async () => {
    const program = new Command().exitOverride();
    const printed: string[] = [];
    registerCertificateCommands(program, {
      withContext: (fn) =>
        fn({ ...f.context, mail: { smtpUrl: undefined, from: f.context.settings.mailFrom } }),
      print: (line) => printed.push(line),
      write: () => undefined,
      cwd: dir,
    });
    await program.parseAsync(['export', id, '--format', 'pdf', '--lang', 'en', '--out', 'x.pdf'], {
      from: 'user',
    });
    expect(printed).toEqual([path.join(dir, 'x.pdf')]);
    const pdf = fs.readFileSync(path.join(dir, 'x.pdf'));
    expect((await pdfTextPages(pdf)).flat()).toContain('LEARNING OUTCOMES');
  });

  it('runs as `stapel export`: a PDF to a file, a badge to standard output, refusals in STAPEL_LANG', async () => {
    const out = path.join(dir, 'cli.pdf');
    const pdf = await runCli(['export', id, '--format', 'pdf', '--out', out, '--lang', 'en'], f.env);
    expect(pdf.stderr).toBe('');
    expect([pdf.code, pdf.stdout.trim()]).toEqual([0, out]);
    expect(await extractAttachedCredential(fs.readFileSync(out))).toBe(stored);
    expect((await pdfTextPages(fs.readFileSync(out))).flat()).toContain('LEARNING OUTCOMES');

    const badge = await runCli(['export', id.split('/').pop()!, '--format', 'svg', '--out', '-'], f.env);
    expect(badge.code, badge.stderr).toBe(0);
    expect(badge.stdout).toMatch(/<svg[\s>]/);

    const refused = await runCli(['export', id, '--format', 'docx'], { ...f.env, STAPEL_LANG: 'nl' });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toBe(
      'stapel: Het formaat "docx" bestaat niet voor een export; kies uit json, pdf, png, svg.\n',
    );
  });

  it('exports a PDF that `stapel verify` accepts', async () => {
    const { file } = await exportOf(id, { format: 'pdf', out: 'verify-me.pdf' });
    const result = await runCli(['verify', file!, '--json'], f.env);
    expect(result.code, result.stderr).toBe(0);
    expect((JSON.parse(result.stdout) as { verified: boolean }).verified).toBe(true);
  });
});

describe('the file name of an export', () => {
  it('is the title as a slug and the date of issue', () => {
    expect(downloadName('Data-analyse met Python', '2026-12-04T19:07:23Z', 'pdf')).toBe(
      'data-analyse-met-python-2026-12-04.pdf',
    );
    expect(downloadName('Éducation & Société — niveau 2', '2027-01-31T23:30:00Z', 'png')).toBe(
      'education-societe-niveau-2-2027-01-31.png',
    );
    expect(downloadName('学', null, 'json')).toBe('credential.json');
  });
});
