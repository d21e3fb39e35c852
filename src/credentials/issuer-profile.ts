import type { Institution } from '../institutions/store.ts';
import { OB_CONTEXT, VC_V2_CONTEXT } from './contexts.ts';
import { institutionDid } from './did.ts';
import type { IssuerProfile } from './open-badge.ts';

/** The awarding body as an Open Badges Profile, identified by the institution's did:web. */
export function issuerProfileFor(
  institution: Institution,
  publicUrl: string,
  withContext = false,
): IssuerProfile & Record<string, unknown> {
  return {
    ...(withContext ? { '@context': [VC_V2_CONTEXT, OB_CONTEXT], type: ['Profile'] } : {}),
    id: institutionDid(publicUrl, institution.slug),
    name: institution.name.nl,
    url: institution.url,
    email: institution.email,
    address: institution.address,
  };
}
