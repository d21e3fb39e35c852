import {
  AFRelationship,
  PDFArray,
  PDFDict,
  PDFDocument,
  PDFName,
  PDFRawStream,
  PDFRef,
  decodePDFRawStream,
  type PDFObject,
} from 'pdf-lib';

/** The media type of a signed credential (VC 2.0), which PDF readers show next to the attachment. */
const CREDENTIAL_MEDIA_TYPE = 'application/vc+ld+json';

/**
 * An attached file larger than this is not a credential: we stop inflating there, so that a small uploaded PDF
 * cannot expand into gigabytes (a deflate bomb) inside the verifier.
 */
const MAX_ATTACHMENT_BYTES = 4 * 1024 * 1024;

/** Name-tree depth and fan-out limits: a crafted PDF must not make the walk loop or run for ever. */
const MAX_TREE_DEPTH = 16;
const MAX_TREE_NODES = 1024;

/**
 * Attaches the signed credential to a PDF as an embedded file (PDF/A-3 style: AFRelationship Source, since the
 * credential is what the printed certificate is made from), so that the PDF alone can be verified. The text is
 * attached byte for byte as given: the signature covers it. pdf-lib writes the attachment when the PDF is saved.
 *
 * @example
 * const pdf = await PDFDocument.create();
 * await attachCredential(pdf, signedText, 'credential.json');
 * const bytes = await pdf.save();
 */
export async function attachCredential(
  pdf: PDFDocument,
  credentialText: string,
  fileName: string,
): Promise<void> {
  await pdf.attach(new TextEncoder().encode(credentialText), fileName, {
    mimeType: CREDENTIAL_MEDIA_TYPE,
    description: 'Verifiable credential (Open Badges 3.0)',
    afRelationship: AFRelationship.Source,
  });
}

/**
 * The first file attached to a PDF that is a JSON object with an `@context` — the credential a certificate
 * carries — as its exact text; undefined when the PDF has none. Throws a plain Error when the bytes are not a
 * PDF pdf-lib can read; the caller words that for the user.
 *
 * @example
 * const text = await extractAttachedCredential(await readFile('certificate.pdf'));
 * if (text) await verify(text);
 */
export async function extractAttachedCredential(pdf: Uint8Array): Promise<string | undefined> {
  if (!startsWithPdfHeader(pdf)) throw new Error('The file is not a PDF (no %PDF header).');
  const document = await PDFDocument.load(pdf, {
    ignoreEncryption: true,
    updateMetadata: false,
    throwOnInvalidObject: false,
  });
  const names = document.catalog.lookupMaybe(PDFName.of('Names'), PDFDict);
  const tree = names?.lookupMaybe(PDFName.of('EmbeddedFiles'), PDFDict);
  if (!tree) return undefined;
  for (const fileSpec of embeddedFileSpecs(tree)) {
    const bytes = embeddedFileBytes(fileSpec);
    if (!bytes) continue;
    const text = credentialTextOf(bytes);
    if (text !== undefined) return text;
  }
  return undefined;
}

function startsWithPdfHeader(bytes: Uint8Array): boolean {
  // The header may follow a little junk (PDF 1.7 §7.5.2 readers look in the first 1024 bytes).
  const marker = [0x25, 0x50, 0x44, 0x46, 0x2d]; // "%PDF-"
  const end = Math.min(bytes.length, 1024) - marker.length;
  for (let i = 0; i <= end; i++) if (marker.every((byte, j) => bytes[i + j] === byte)) return true;
  return false;
}

/** The file specifications of a name tree, in tree order, with guards against cycles and huge trees. */
function embeddedFileSpecs(root: PDFDict): PDFDict[] {
  const found: PDFDict[] = [];
  const seen = new Set<PDFDict>();
  const walk = (node: PDFDict, depth: number): void => {
    if (depth > MAX_TREE_DEPTH || seen.has(node) || seen.size >= MAX_TREE_NODES) return;
    seen.add(node);
    const pairs = node.lookupMaybe(PDFName.of('Names'), PDFArray);
    if (pairs) {
      // [key1 value1 key2 value2 ...]: the values are at the odd positions.
      for (let i = 1; i < pairs.size(); i += 2) {
        const value = pairs.lookup(i);
        if (value instanceof PDFDict) found.push(value);
      }
    }
    const kids = node.lookupMaybe(PDFName.of('Kids'), PDFArray);
    if (kids) {
      for (let i = 0; i < kids.size(); i++) {
        const kid = kids.lookup(i);
        if (kid instanceof PDFDict) walk(kid, depth + 1);
      }
    }
  };
  walk(root, 0);
  return found;
}

/** The decoded bytes of a file specification's embedded file (`/EF /F`, or `/UF`), bounded in size. */
function embeddedFileBytes(fileSpec: PDFDict): Uint8Array | undefined {
  const ef = fileSpec.lookupMaybe(PDFName.of('EF'), PDFDict);
  if (!ef) return undefined;
  const stream = streamOf(ef, 'F') ?? streamOf(ef, 'UF');
  if (!stream) return undefined;
  const decoded = decodePDFRawStream(stream);
  // Read one byte past the limit: getting it back means the file is too large to be a credential.
  const bytes = decoded.getBytes(MAX_ATTACHMENT_BYTES + 1);
  if (bytes.length > MAX_ATTACHMENT_BYTES) return undefined;
  return new Uint8Array(bytes);
}

function streamOf(dict: PDFDict, key: string): PDFRawStream | undefined {
  const value: PDFObject | undefined = dict.get(PDFName.of(key));
  const resolved = value instanceof PDFRef ? dict.context.lookup(value) : value;
  return resolved instanceof PDFRawStream ? resolved : undefined;
}

/** The text when the bytes are UTF-8 JSON of an object with `@context`; otherwise undefined. */
function credentialTextOf(bytes: Uint8Array): string | undefined {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
  // A UTF-8 byte order mark is not part of the JSON the signature covers; drop it before parsing only.
  const json = text.startsWith('\uFEFF') ? text.slice(1) : text;
  try {
    const value: unknown = JSON.parse(json);
    if (typeof value === 'object' && value !== null && !Array.isArray(value) && '@context' in value)
      return json;
  } catch {
    return undefined;
  }
  return undefined;
}
