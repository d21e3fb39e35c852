import type { FastifyRequest } from 'fastify';
import type { Db } from '../core/database.ts';
import { ForbiddenError } from '../core/errors.ts';
import { credentialUrl } from '../credentials/platform-documents.ts';
import { canRead } from './credential-access.ts';
import { accessTo, findStoredCredential } from './credential-view.ts';
import { viewerOf } from './viewer.ts';

/** Reads a credential from a link, for the one who asks (a verifier, a learner importing it). */
export type LinkReader = (url: string, request?: FastifyRequest) => Promise<unknown>;

/**
 * A link reader that follows a link to a credential of this platform only for those its page would show it
 * to: its holder, the issuing institution's staff, and anyone once the holder shares it. Verifying or
 * importing by link must not reveal what the credential's own page keeps private. Other links are read as
 * before.
 *
 * @example
 * const fetchCredential = readableLinksOnly(verifier.fetchCredential, db, settings.publicUrl);
 * await fetchCredential(`${publicUrl}/credentials/${id}`, request); // ForbiddenError credential-private
 */
export function readableLinksOnly(
  fetchCredential: (url: string) => Promise<unknown>,
  db: Db,
  publicUrl: string,
): LinkReader {
  const ownPrefix = credentialUrl(publicUrl, '');
  return async (url, request) => {
    if (url.startsWith(ownPrefix)) {
      const stored = await findStoredCredential(db, url.slice(ownPrefix.length).split(/[?#]/)[0] ?? '');
      // An unknown id is left to the reader, which says there is no credential at the link.
      if (stored) {
        const viewer = request ? await viewerOf(request, db) : undefined;
        const { access } = await accessTo(db, stored, viewer);
        if (!canRead(access))
          throw new ForbiddenError('This credential exists, but its holder does not share it.', {
            key: 'credential-private',
          });
      }
    }
    return fetchCredential(url);
  };
}
