import type { DocumentLoader } from '@digitalbazaar/vc';
import type { Tx } from '../core/database.ts';
import { createDocumentLoader } from '../credentials/document-loader.ts';
import { platformDocuments } from '../credentials/platform-documents.ts';
import type { IssuingContext } from './context.ts';

/**
 * The loader used while signing: offline, and reading our own documents through the open transaction, so
 * that a key created a moment ago in the same transaction is already known.
 */
export function signingLoader(tx: Tx, context: IssuingContext): DocumentLoader {
  return createDocumentLoader({ local: platformDocuments(tx, context.settings.publicUrl) });
}
