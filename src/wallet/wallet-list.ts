import type { Db, Tx } from '../core/database.ts';
import { localizedText } from '../catalogue/rows.ts';
import { learnerCredentials } from '../issuing/manage-credentials.ts';
import { listImports } from './imports.ts';
import { sharedCredentialIds } from './shares.ts';
import type { Wallet } from './wallet-schemas.ts';

/**
 * Everything a learner holds: the credentials of this platform's institutions (with the institution's name
 * and whether the holder shares each one) and the credentials they added from elsewhere, as last checked.
 *
 * @example
 * const { issued, imported } = await walletOf(db, user.userId);
 */
export async function walletOf(db: Db | Tx, userId: string): Promise<Wallet> {
  const [credentials, shared, imported] = await Promise.all([
    learnerCredentials(db, userId),
    sharedCredentialIds(db, userId),
    listImports(db, userId),
  ]);
  const slugs = [...new Set(credentials.map((c) => c.institution))];
  const institutions =
    slugs.length === 0
      ? []
      : await db
          .selectFrom('institutions')
          .select(['slug', 'name_nl', 'name_en'])
          .where('slug', 'in', slugs)
          .execute();
  const names = new Map(institutions.map((i) => [i.slug, localizedText(i.name_nl, i.name_en)]));
  return {
    // The signed documents are not listed: each has its own download.
    issued: credentials.map(({ document: _document, ...item }) => ({
      ...item,
      institutionName: names.get(item.institution) ?? { nl: item.institution },
      shared: shared.has(item.credentialId),
    })),
    imported,
  };
}
