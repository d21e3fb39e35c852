import type { Db } from '../core/database.ts';
import { ForbiddenError } from '../core/errors.ts';
import { credentialUrl } from '../credentials/platform-documents.ts';
import { isShared } from './shares.ts';

/**
 * A link reader that follows a link to a credential of this platform only when its holder shares it:
 * verifying or importing by link must not reveal what the credential's own page keeps private. Other links
 * are read as before.
 *
 * @example
 * const fetchCredential = sharedLinksOnly(verifier.fetchCredential, db, settings.publicUrl);
 * await fetchCredential(`${publicUrl}/credentials/${id}`); // ForbiddenError credential-private unless shared
 */
export function sharedLinksOnly(
  fetchCredential: (url: string) => Promise<unknown>,
  db: Db,
  publicUrl: string,
): (url: string) => Promise<unknown> {
  const ownPrefix = credentialUrl(publicUrl, '');
  return async (url) => {
    if (url.startsWith(ownPrefix)) {
      const id = url.slice(ownPrefix.length).split(/[?#]/)[0] ?? '';
      if (!(await isShared(db, id)))
        throw new ForbiddenError('This credential exists, but its holder does not share it.', {
          key: 'credential-private',
        });
    }
    return fetchCredential(url);
  };
}
