import { PDFArray, PDFDocument, PDFName, PDFRawStream, decodePDFRawStream, type PDFPage } from 'pdf-lib';

/** The content streams of a page, decoded. */
function contentsOf(page: PDFPage): Uint8Array[] {
  const contents = page.node.get(PDFName.of('Contents'));
  const resolved = contents ? page.doc.context.lookup(contents) : undefined;
  const streams =
    resolved instanceof PDFArray ? resolved.asArray().map((ref) => page.doc.context.lookup(ref)) : [resolved];
  return streams
    .filter((s): s is PDFRawStream => s instanceof PDFRawStream)
    .map((s) => decodePDFRawStream(s).decode());
}

/**
 * The text a PDF shows, one array of lines per page: every string drawn with `Tj` in pdf-lib's output
 * (hex strings in WinAnsi for the standard fonts), in drawing order.
 *
 * @example
 * const [first] = await pdfTextPages(bytes);
 * expect(first).toContain('Leerresultaten'.toUpperCase());
 */
export async function pdfTextPages(bytes: Uint8Array): Promise<string[][]> {
  const pdf = await PDFDocument.load(bytes, { updateMetadata: false });
  const winAnsi = new TextDecoder('windows-1252');
  return pdf
    .getPages()
    .map((page) =>
      contentsOf(page).flatMap((content) =>
        [...new TextDecoder('latin1').decode(content).matchAll(/<([0-9A-Fa-f]*)>\s*Tj/g)].map((m) =>
          winAnsi.decode(Buffer.from(m[1]!, 'hex')),
        ),
      ),
    );
}
