import type { Db } from '../core/database.ts';
import { NotFoundError, StapelError, type MessageParams } from '../core/errors.ts';
import { findCredential } from '../issuing/status.ts';
import { bakedBadge } from '../issuing/baked-badge.ts';
import { NotACertificateError, certificatePdf } from './certificate-pdf.ts';
import { certificateFacts } from './certificate-facts.ts';
import type { CertificateLang } from './certificate-labels.ts';
import { certificateMessageInBoth, type CertificateMessageKey } from './messages.ts';
import { downloadName } from './download-names.ts';

export type ExportFormat = 'json' | 'pdf' | 'png' | 'svg';

export const EXPORT_FORMATS: readonly ExportFormat[] = ['json', 'pdf', 'png', 'svg'];

const MEDIA_TYPES: Readonly<Record<ExportFormat, string>> = {
  json: 'application/vc+ld+json',
  pdf: 'application/pdf',
  png: 'image/png',
  svg: 'image/svg+xml',
};

/** One credential as a file: its bytes, their media type and the name the file gets by default. */
export interface ExportedCredential {
  credentialUrl: string;
  format: ExportFormat;
  mediaType: string;
  bytes: Uint8Array;
  fileName: string;
}

/**
 * A refusal by its key (the API and STAPEL_LANG render it from the table), with Dutch and English together as
 * its own message, which the command line shows when no language was chosen.
 */
const refusal = (key: CertificateMessageKey, params: MessageParams) =>
  new StapelError(key, certificateMessageInBoth(key, params), { key, params });

/**
 * A credential of this platform as a file: the signed JSON exactly as stored, a PDF certificate (its QR code
 * and printed link lead to `pageUrl`, else the credential's id; it carries the JSON and names the institution
 * from its own record, in the certificate's language), or the baked PNG or SVG badge.
 * `ref` is the credential's id (its URL) or the UUID at its end. The PDF's language is `lang`, else the
 * credential's own.
 *
 * @example
 * const file = await exportCredential(db, 'https://stapel.example/credentials/9c1…', { format: 'pdf', lang: 'en' });
 * await writeFile(file.fileName, file.bytes);
 */
export async function exportCredential(
  db: Db,
  ref: string,
  input: {
    format: ExportFormat;
    lang?: CertificateLang | undefined;
    /** Where the PDF's QR code and link lead: the credential's public page; its id when absent. */
    pageUrl?: string | undefined;
  },
): Promise<ExportedCredential> {
  const row = await findCredential(db, ref).catch((error: unknown) => {
    if (error instanceof NotFoundError)
      throw new NotFoundError(certificateMessageInBoth('export-credential-unknown', { id: ref.trim() }), {
        key: 'export-credential-unknown',
        params: { id: ref.trim() },
      });
    throw error;
  });
  const facts = certificateFacts(JSON.parse(row.document));
  const id = row.credential_url;
  const named = (bytes: Uint8Array, format: ExportFormat, mediaType = MEDIA_TYPES[format]) => ({
    credentialUrl: id,
    format,
    mediaType,
    bytes,
    fileName: downloadName(facts?.title ?? 'credential', facts?.issuedAt ?? row.issued_at, format),
  });

  switch (input.format) {
    case 'json':
      return named(new TextEncoder().encode(row.document), 'json');
    case 'pdf': {
      const institution = await db
        .selectFrom('institutions')
        .select(['name_nl', 'name_en'])
        .where('id', '=', row.institution_id)
        .executeTakeFirst();
      const lang = input.lang ?? (facts?.language === 'en' ? 'en' : 'nl');
      try {
        const pdf = await certificatePdf(row.document, {
          lang,
          pageUrl: input.pageUrl ?? id,
          institutionName: institution ? { nl: institution.name_nl, en: institution.name_en } : undefined,
        });
        return named(pdf, 'pdf');
      } catch (error) {
        if (error instanceof NotACertificateError) throw refusal('export-not-a-certificate', { id });
        throw error;
      }
    }
    case 'png':
    case 'svg': {
      const baked = await bakedBadge(db, id, input.format);
      if (!baked) throw refusal('export-badge-unavailable', { id });
      return named(baked.bytes, input.format, baked.mediaType);
    }
  }
}
