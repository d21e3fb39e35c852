import { extractAttachedCredential } from '../credentials/pdf-attachment.ts';
import { MalformedImageError, unbakePng, unbakeSvg } from '../credentials/baking.ts';
import { isPdf, isPng, svgRootStart } from '../credentials/file-kinds.ts';
import { UnreadableCredentialError, parseCredentialInput } from './credential-input.ts';
import { InputLimitError, MAX_CREDENTIAL_FILE_BYTES } from './input-limits.ts';
import type { JsonObject } from './values.ts';

/** The kinds of file a credential comes in, by what their first bytes say. */
export type CredentialFileKind = 'json' | 'png' | 'svg' | 'pdf' | 'unknown';

function decodeText(bytes: Uint8Array): string | undefined {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return undefined;
  }
}

/**
 * What kind of credential file the bytes are: a PNG or PDF by its signature, an SVG by its `<svg>` root,
 * JSON for any other UTF-8 text (whose parser then says what is wrong with it), unknown otherwise.
 *
 * @example
 * credentialFileKind(fs.readFileSync('badge.png')); // 'png'
 */
export function credentialFileKind(bytes: Uint8Array): CredentialFileKind {
  if (isPng(bytes)) return 'png';
  if (isPdf(bytes)) return 'pdf';
  const text = decodeText(bytes);
  if (text === undefined) return 'unknown';
  const trimmed = text.trimStart();
  if (trimmed.startsWith('<')) return svgRootStart(trimmed) === undefined ? 'unknown' : 'svg';
  return 'json';
}

const imageProblem = (key: 'png-malformed' | 'svg-malformed', error: unknown): never => {
  if (error instanceof MalformedImageError)
    throw new UnreadableCredentialError({ key, params: { reason: error.reason } });
  throw error;
};

/**
 * Reads a credential from a file as people have it: the credential's JSON (with or without a byte order
 * mark), a baked badge image (PNG or SVG) or a PDF certificate with the credential attached. The credential
 * taken out of an image or PDF passes the same parser and limits as JSON sent directly. Throws
 * UnreadableCredentialError (400) naming what is wrong, or InputLimitError for a file over the limit.
 *
 * @example
 * const credential = await credentialFromFile(await fs.promises.readFile('badge.png'));
 * const result = await verify(credential);
 */
export async function credentialFromFile(bytes: Uint8Array): Promise<JsonObject> {
  if (bytes.length > MAX_CREDENTIAL_FILE_BYTES)
    throw new InputLimitError({ rule: 'input-too-large', limit: MAX_CREDENTIAL_FILE_BYTES });
  const kind = credentialFileKind(bytes);
  if (kind === 'png') {
    let text: string | undefined;
    try {
      text = unbakePng(bytes);
    } catch (error) {
      imageProblem('png-malformed', error);
    }
    if (text === undefined) throw new UnreadableCredentialError({ key: 'png-no-credential' });
    return parseCredentialInput(text);
  }
  if (kind === 'svg') {
    let text: string | undefined;
    try {
      text = unbakeSvg(decodeText(bytes)!.replace(/^\uFEFF/, ''));
    } catch (error) {
      imageProblem('svg-malformed', error);
    }
    if (text === undefined) throw new UnreadableCredentialError({ key: 'svg-no-credential' });
    return parseCredentialInput(text);
  }
  if (kind === 'pdf') {
    let text: string | undefined;
    try {
      text = await extractAttachedCredential(bytes);
    } catch {
      // pdf-lib's own words are English and technical; the reader needs to know only that it is unreadable.
      throw new UnreadableCredentialError({ key: 'pdf-unreadable' });
    }
    if (text === undefined) throw new UnreadableCredentialError({ key: 'pdf-no-credential' });
    return parseCredentialInput(text);
  }
  if (kind === 'json') return parseCredentialInput(decodeText(bytes)!);
  throw new UnreadableCredentialError({ key: 'not-a-credential-file' });
}
