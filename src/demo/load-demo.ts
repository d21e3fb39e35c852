import type { DatabaseHandle } from '../core/database.ts';
import { createCourseUnit, createMicroCredential } from '../catalogue/store.ts';
import { createApiToken, createInstitution } from '../institutions/store.ts';
import { DEMO_CATALOGUE } from './demo-catalogue.ts';

export interface DemoResult {
  tokens: Array<{ institution: string; token: string }>;
}

/**
 * Loads the demo institutions, but only into an empty database: a database that holds any institution
 * is left alone. Returns the staff API tokens created, to print once.
 */
export async function loadDemoIfEmpty(database: DatabaseHandle): Promise<DemoResult | undefined> {
  return database.transaction(async (tx) => {
    const any = await tx.selectFrom('institutions').select('id').limit(1).executeTakeFirst();
    if (any) return undefined;
    const tokens: DemoResult['tokens'] = [];
    for (const demo of DEMO_CATALOGUE) {
      const institution = await createInstitution(tx, demo.institution);
      for (const unit of demo.courseUnits) await createCourseUnit(tx, institution, unit, 'en');
      for (const mc of demo.microCredentials) await createMicroCredential(tx, institution, mc, 'en');
      const { token } = await createApiToken(tx, institution.id, 'demo');
      tokens.push({ institution: institution.slug, token });
    }
    return { tokens };
  });
}
