import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { PDFArray, PDFDict, PDFDocument, PDFName, PDFStream, PDFString } from 'pdf-lib';
import { deflateSync } from 'node:zlib';
import {
  MAX_ATTACHMENT_BYTES,
  MAX_EMBEDDED_FILES,
  MAX_INFLATED_BYTES,
  attachCredential,
  extractAttachedCredential,
} from '../../src/credentials/pdf-attachment.ts';

const credentialText = readFileSync(
  new URL('../fixtures/standards/1edtech-ob3-test-vector.signed.json', import.meta.url),
  'utf8',
);

async function pdfWith(...files: Array<{ name: string; bytes: Uint8Array; mimeType?: string }>) {
  const pdf = await PDFDocument.create();
  pdf.addPage();
  for (const file of files)
    await pdf.attach(file.bytes, file.name, { mimeType: file.mimeType ?? 'application/json' });
  return pdf;
}

const utf8 = (text: string) => new TextEncoder().encode(text);

describe('a credential attached to a PDF', () => {
  it('comes back as the exact text, byte for byte', async () => {
    const pdf = await PDFDocument.create();
    pdf.addPage();
    await attachCredential(pdf, credentialText, 'credential.json');
    const bytes = await pdf.save();
    expect(await extractAttachedCredential(bytes)).toBe(credentialText);
  });

  it('is named and typed as a verifiable credential in the PDF', async () => {
    const pdf = await PDFDocument.create();
    pdf.addPage();
    await attachCredential(pdf, credentialText, 'credential.json');
    const loaded = await PDFDocument.load(await pdf.save());
    const tree = loaded.catalog
      .lookup(PDFName.of('Names'), PDFDict)
      .lookup(PDFName.of('EmbeddedFiles'), PDFDict);
    const pairs = tree.lookup(PDFName.of('Names'), PDFArray);
    expect((pairs.lookup(0) as PDFString).decodeText()).toBe('credential.json');
    const spec = pairs.lookup(1, PDFDict);
    expect(spec.get(PDFName.of('AFRelationship'))).toBe(PDFName.of('Source'));
    const stream = spec.lookup(PDFName.of('EF'), PDFDict).lookup(PDFName.of('F'), PDFStream);
    expect(stream.dict.get(PDFName.of('Subtype'))).toBe(PDFName.of('application/vc+ld+json'));
  });

  it('keeps accented and non-Latin text intact (UTF-8)', async () => {
    const text = JSON.stringify({ '@context': ['x'], name: 'Zoë Ünal — 学习' });
    const pdf = await PDFDocument.create();
    pdf.addPage();
    await attachCredential(pdf, text, 'c.json');
    expect(await extractAttachedCredential(await pdf.save())).toBe(text);
  });

  it('comes back unchanged for any JSON credential text, whatever its characters and layout', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.string({ unit: 'grapheme', maxLength: 60 }),
        fc.constantFrom(0, 2),
        async (name, indent) => {
          const text = JSON.stringify(
            { '@context': ['https://www.w3.org/ns/credentials/v2'], name },
            null,
            indent,
          );
          const pdf = await PDFDocument.create();
          pdf.addPage();
          await attachCredential(pdf, text, 'credential.json');
          expect(await extractAttachedCredential(await pdf.save())).toBe(text);
        },
      ),
      { numRuns: 25 },
    );
  });

  it('is found past other attachments that are not credentials', async () => {
    const pdf = await pdfWith(
      { name: 'photo.png', bytes: new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0xff, 0xfe]) },
      { name: 'data.json', bytes: utf8('{"name":"no context"}') },
      { name: 'list.json', bytes: utf8('[{"@context":"x"}]') },
      { name: 'credential.json', bytes: utf8(credentialText) },
    );
    expect(await extractAttachedCredential(await pdf.save())).toBe(credentialText);
  });

  it('is found in a name tree split over kids', async () => {
    const pdf = await PDFDocument.create();
    pdf.addPage();
    await attachCredential(pdf, credentialText, 'credential.json');
    const saved = await PDFDocument.load(await pdf.save());
    // Move the flat /Names array into a child node, as larger PDFs (and other producers) do.
    const names = saved.catalog.lookup(PDFName.of('Names'), PDFDict);
    const tree = names.lookup(PDFName.of('EmbeddedFiles'), PDFDict);
    const leaf = saved.context.obj({ Names: tree.lookup(PDFName.of('Names'), PDFArray) });
    const root = saved.context.obj({ Kids: [saved.context.register(leaf)] });
    names.set(PDFName.of('EmbeddedFiles'), saved.context.register(root));
    expect(await extractAttachedCredential(await saved.save())).toBe(credentialText);
  });

  it('drops a byte order mark before the JSON', async () => {
    const pdf = await pdfWith({ name: 'c.json', bytes: utf8('\uFEFF' + credentialText) });
    expect(await extractAttachedCredential(await pdf.save())).toBe(credentialText);
  });
});

describe('a PDF without a credential', () => {
  it('gives undefined when it has no attachments', async () => {
    const pdf = await PDFDocument.create();
    pdf.addPage();
    expect(await extractAttachedCredential(await pdf.save())).toBeUndefined();
  });

  it('gives undefined when no attachment is a JSON object with @context', async () => {
    const pdf = await pdfWith(
      { name: 'notes.txt', bytes: utf8('hello'), mimeType: 'text/plain' },
      { name: 'bad.json', bytes: utf8('{"@context": ') },
    );
    expect(await extractAttachedCredential(await pdf.save())).toBeUndefined();
  });

  it('survives a name tree whose kids point back at themselves', async () => {
    const pdf = await PDFDocument.create();
    pdf.addPage();
    const node = pdf.context.obj({});
    const ref = pdf.context.register(node);
    node.set(PDFName.of('Kids'), pdf.context.obj([ref]));
    pdf.catalog.set(PDFName.of('Names'), pdf.context.obj({ EmbeddedFiles: ref }));
    expect(await extractAttachedCredential(await pdf.save())).toBeUndefined();
  });
});

describe('bytes that are not a readable PDF', () => {
  it('throw a plain Error for a JSON file', async () => {
    await expect(extractAttachedCredential(utf8(credentialText))).rejects.toThrow(Error);
  });

  it('throw a plain Error for an empty file', async () => {
    await expect(extractAttachedCredential(new Uint8Array())).rejects.toThrow(Error);
  });

  it('throw or give undefined for a truncated PDF, never hang', async () => {
    const pdf = await PDFDocument.create();
    pdf.addPage();
    await attachCredential(pdf, credentialText, 'credential.json');
    const bytes = await pdf.save();
    const truncated = bytes.subarray(0, 40);
    const outcome = await extractAttachedCredential(truncated).then(
      (text) => text ?? 'none',
      (error: unknown) => (error instanceof Error ? 'error' : 'not an Error'),
    );
    expect(['none', 'error']).toContain(outcome);
  });
});

describe('a PDF built to expand (a deflate bomb)', () => {
  // 64 MiB of zeros deflate to about 64 KB: small to send, huge to unpack.
  const bomb = deflateSync(Buffer.alloc(64 * 1024 * 1024), { level: 9 });

  /** A PDF with the credential attached last, after the streams `add` puts in. */
  async function pdfAfter(add: (pdf: PDFDocument) => void): Promise<Uint8Array> {
    const pdf = await PDFDocument.create();
    pdf.addPage();
    add(pdf);
    await attachCredential(pdf, credentialText, 'credential.json');
    return pdf.save();
  }

  /** An embedded file stream, found by the scan of the raw bytes wherever it is in the file. */
  function embed(pdf: PDFDocument, contents: Uint8Array, filtered: boolean): void {
    const dictionary = { Type: 'EmbeddedFile', ...(filtered ? { Filter: 'FlateDecode' } : {}) };
    pdf.context.register(pdf.context.stream(contents, dictionary));
  }

  it('never unpacks an object stream, however far it would expand', async () => {
    const bytes = await pdfAfter((pdf) => {
      pdf.context.register(
        pdf.context.stream(bomb, { Type: 'ObjStm', N: 1, First: 0, Filter: 'FlateDecode' }),
      );
    });
    const before = process.memoryUsage().arrayBuffers;
    expect(await extractAttachedCredential(bytes)).toBe(credentialText);
    expect(process.memoryUsage().arrayBuffers - before).toBeLessThan(16 * 1024 * 1024);
  });

  it('stops inflating an embedded file at the limit, which spends what one PDF may inflate', async () => {
    const bytes = await pdfAfter((pdf) => {
      pdf.context.register(pdf.context.stream(bomb, { Type: 'EmbeddedFile', Filter: 'FlateDecode' }));
    });
    const before = process.memoryUsage().arrayBuffers;
    expect(await extractAttachedCredential(bytes)).toBeUndefined();
    expect(process.memoryUsage().arrayBuffers - before).toBeLessThan(16 * 1024 * 1024);
    expect(MAX_ATTACHMENT_BYTES).toBeLessThanOrEqual(4 * 1024 * 1024);
  });

  it('examines a bounded number of embedded files, and inflates a bounded total', async () => {
    const many = await pdfAfter((pdf) => {
      for (let i = 0; i < MAX_EMBEDDED_FILES; i++) embed(pdf, utf8('not json'), false);
    });
    expect(await extractAttachedCredential(many)).toBeUndefined();
    // Three files of 1.5 MiB each pass the limit of one file, not the limit of all together.
    const large = deflateSync(Buffer.alloc(1.5 * 1024 * 1024, 0x20));
    const heavy = await pdfAfter((pdf) => {
      for (let i = 0; i < 3; i++) embed(pdf, large, true);
    });
    expect(MAX_INFLATED_BYTES).toBeLessThan(4.5 * 1024 * 1024);
    expect(await extractAttachedCredential(heavy)).toBeUndefined();
  });

  it('reads a stream whose length is indirect, and one cut short', async () => {
    const text = JSON.stringify({ '@context': ['https://www.w3.org/ns/credentials/v2'], name: 'Indirect' });
    const data = deflateSync(utf8(text));
    const pdf = (dictionary: string, body: Uint8Array, tail: string) =>
      new Uint8Array(
        Buffer.concat([
          Buffer.from(
            `%PDF-1.7\n1 0 obj\n<</Type/EmbeddedFile/Filter/FlateDecode${dictionary}>>\nstream\n`,
            'latin1',
          ),
          body,
          Buffer.from(tail, 'latin1'),
        ]),
      );
    expect(await extractAttachedCredential(pdf('/Length 2 0 R', data, '\nendstream\nendobj\n'))).toBe(text);
    expect(await extractAttachedCredential(pdf('', data.subarray(0, data.length - 4), ''))).toBe(text);
  });
});
