import jsQRModule from 'jsqr';
import {
  PDFArray,
  PDFDocument,
  PDFName,
  PDFNumber,
  PDFRawStream,
  decodePDFRawStream,
  type PDFObject,
} from 'pdf-lib';

// jsqr's module is the function itself (UMD), while its types describe an ES module with a default export.
type ReadQr = (data: Uint8ClampedArray, width: number, height: number) => { data: string } | null;
const jsQR = jsQRModule as unknown as ReadQr;

/** The number a PDF dictionary holds under `key`, or undefined. */
function numberAt(stream: PDFRawStream, key: string): number | undefined {
  const value = stream.dict.lookup(PDFName.of(key));
  return value instanceof PDFNumber ? value.asNumber() : undefined;
}

/** How many colour components an image's colour space has (DeviceGray 1, DeviceRGB 3, DeviceCMYK 4). */
function componentsOf(colorSpace: PDFObject | undefined): number | undefined {
  const name = colorSpace instanceof PDFArray ? colorSpace.get(0) : colorSpace;
  if (!(name instanceof PDFName)) return undefined;
  return { '/DeviceGray': 1, '/DeviceRGB': 3, '/DeviceCMYK': 4 }[name.toString()];
}

/** An 8-bit image XObject as RGBA pixels for jsQR; undefined for images it cannot rebuild. */
function rgbaOf(
  stream: PDFRawStream,
): { data: Uint8ClampedArray; width: number; height: number } | undefined {
  const width = numberAt(stream, 'Width');
  const height = numberAt(stream, 'Height');
  const components = componentsOf(stream.dict.lookup(PDFName.of('ColorSpace')));
  if (!width || !height || !components || numberAt(stream, 'BitsPerComponent') !== 8) return undefined;
  const pixels = decodePDFRawStream(stream).decode();
  if (pixels.length < width * height * components) return undefined;
  const data = new Uint8ClampedArray(width * height * 4);
  for (let i = 0; i < width * height; i++) {
    const p = i * components;
    const [r, g, b] =
      components === 1
        ? [pixels[p]!, pixels[p]!, pixels[p]!]
        : components === 3
          ? [pixels[p]!, pixels[p + 1]!, pixels[p + 2]!]
          : [0, 1, 2].map((c) => 255 - Math.min(255, pixels[p + c]! + pixels[p + 3]!));
    data.set([r!, g!, b!, 255], i * 4);
  }
  return { data, width, height };
}

/**
 * The texts of every QR code among a PDF's images: each image XObject is inflated, rebuilt as RGBA pixels
 * and read with jsQR, the way a phone's camera would read the printed page.
 *
 * @example
 * expect(await qrTextsInPdf(await certificatePdf(text, options))).toEqual([options.pageUrl]);
 */
export async function qrTextsInPdf(bytes: Uint8Array): Promise<string[]> {
  const pdf = await PDFDocument.load(bytes, { updateMetadata: false });
  const texts: string[] = [];
  for (const [, object] of pdf.context.enumerateIndirectObjects()) {
    if (!(object instanceof PDFRawStream)) continue;
    if (object.dict.get(PDFName.of('Subtype')) !== PDFName.of('Image')) continue;
    const image = rgbaOf(object);
    if (!image) continue;
    const code = jsQR(image.data, image.width, image.height);
    if (code) texts.push(code.data);
  }
  return texts;
}
