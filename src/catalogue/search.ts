import { sql } from 'kysely';
import type { Db, Tx } from '../core/database.ts';
import type { CataloguePage, CatalogueQuery } from './schemas.ts';
import { summaryFromRow } from './views.ts';

export type { CataloguePage } from './schemas.ts';

/**
 * The public catalogue: published versions only, filtered and paged, ordered by title.
 *
 * @example
 * const page = await searchCatalogue(db, { q: 'data', vksLevel: 6, page: 1 });
 */
export async function searchCatalogue(db: Db | Tx, query: CatalogueQuery): Promise<CataloguePage> {
  const page = query.page ?? 1;
  const pageSize = query.pageSize ?? 20;
  let base = db
    .selectFrom('micro_credential_versions as v')
    .innerJoin('micro_credentials as m', 'm.id', 'v.micro_credential_id')
    .innerJoin('institutions as i', 'i.id', 'm.institution_id')
    .where('v.status', '=', 'published');
  if (query.q?.trim()) {
    const pattern = `%${query.q
      .trim()
      .toLowerCase()
      .replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    base = base.where((eb) =>
      eb.or(
        [
          'v.title_nl',
          'v.title_en',
          'v.description_nl',
          'v.description_en',
          'm.code',
          'v.learning_outcomes',
        ].map((column) => sql<boolean>`lower(coalesce(${sql.ref(column)}, '')) like ${pattern} escape '\\'`),
      ),
    );
  }
  if (query.vksLevel !== undefined) base = base.where('v.vks_level', '=', query.vksLevel);
  if (query.ectsMin !== undefined) base = base.where('v.ects', '>=', query.ectsMin);
  if (query.ectsMax !== undefined) base = base.where('v.ects', '<=', query.ectsMax);
  if (query.form) base = base.where('v.form', '=', query.form);
  if (query.language) base = base.where('v.language', '=', query.language);
  if (query.institution) base = base.where('i.slug', '=', query.institution);

  const countRow = await base.select((eb) => eb.fn.countAll().as('n')).executeTakeFirst();
  const rows = await base
    .selectAll('v')
    .select(['m.code', 'i.slug', 'i.name_nl', 'i.name_en'])
    .orderBy('v.title_nl')
    .orderBy('m.code')
    .limit(pageSize)
    .offset((page - 1) * pageSize)
    .execute();
  return { items: rows.map(summaryFromRow), page, pageSize, total: Number(countRow?.n ?? 0) };
}
