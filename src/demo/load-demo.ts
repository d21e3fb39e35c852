import { randomBytes } from 'node:crypto';
import type { DatabaseHandle } from '../core/database.ts';
import { ROLES } from '../core/actor.ts';
import { createUser, grantRole } from '../accounts/store.ts';
import { createCourseUnit, createMicroCredential } from '../catalogue/store.ts';
import { createApiToken, createInstitution } from '../institutions/store.ts';
import { DEMO_CATALOGUE } from './demo-catalogue.ts';

export interface DemoResult {
  tokens: Array<{ institution: string; token: string }>;
  /** Staff accounts holding every role of their institution, to sign in to the web UI. */
  accounts: Array<{ institution: string; email: string; password: string }>;
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
    const accounts: DemoResult['accounts'] = [];
    const system = { kind: 'system' as const, label: 'demo loader' };
    for (const demo of DEMO_CATALOGUE) {
      const institution = await createInstitution(tx, demo.institution);
      for (const unit of demo.courseUnits) await createCourseUnit(tx, institution, unit, 'en');
      for (const mc of demo.microCredentials) await createMicroCredential(tx, institution, mc, 'en');
      const { token } = await createApiToken(tx, institution.id, 'demo');
      tokens.push({ institution: institution.slug, token });
      const password = randomBytes(9).toString('base64url');
      const email = `demo@${institution.slug}.example`;
      const { user } = await createUser(tx, { email, name: `Demo ${institution.name.nl}`, password });
      await tx
        .updateTable('users')
        .set({ email_verified_at: new Date().toISOString() })
        .where('id', '=', user.id)
        .execute();
      for (const role of ROLES) await grantRole(tx, system, user.id, institution.id, role);
      accounts.push({ institution: institution.slug, email, password });
    }
    return { tokens, accounts };
  });
}
