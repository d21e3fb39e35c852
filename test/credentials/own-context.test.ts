import { describe, expect, it } from 'vitest';
import { createDocumentLoader } from '../../src/credentials/document-loader.ts';
import { platformDocuments } from '../../src/credentials/platform-documents.ts';
import { SafeFetcher } from '../../src/credentials/safe-fetch.ts';
import { STAPEL_CONTEXT_DOCUMENT, stapelContextUrl } from '../../src/credentials/contexts.ts';
import type { Db } from '../../src/core/database.ts';

describe('the extension context of this installation', () => {
  it('is served from our own copy, never fetched from our own host', async () => {
    const publicUrl = 'https://stapel.example';
    const lookups: string[] = [];
    const fetcher = new SafeFetcher({
      lookup: async (host) => {
        lookups.push(host);
        throw new Error('no network here');
      },
    });
    const sources: string[] = [];
    // The context needs no database: a db that would throw on use proves it is not asked either.
    const db = new Proxy(
      {},
      {
        get: () => () => {
          throw new Error('no database');
        },
      },
    ) as unknown as Db;
    const loader = createDocumentLoader({
      local: platformDocuments(db, publicUrl),
      fetcher,
      onLoad: (_url, source) => sources.push(source),
    });
    const { document } = await loader(stapelContextUrl(publicUrl));
    expect(document).toEqual(STAPEL_CONTEXT_DOCUMENT);
    expect(lookups).toEqual([]);
    expect(sources).toEqual(['local']);
  });
});
