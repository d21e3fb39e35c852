import type { FastifyPluginAsync } from 'fastify';
import { Type } from '@sinclair/typebox';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { getInstitution } from '../institutions/store.ts';
import { getPublishedCourseUnit } from '../catalogue/store.ts';
import type { Settings } from '../core/config.ts';
import type { DatabaseHandle } from '../core/database.ts';
import { STAPEL_CONTEXT_DOCUMENT, STAPEL_CONTEXT_PATH } from './contexts.ts';
import { didDocument, institutionDid } from './did.ts';
import { ensureIssuerKey, issuerPublicKeys } from './keys.ts';
import { issuerProfileFor } from './issuer-profile.ts';

/** What the credential documents need from the running installation (issuing's context satisfies it). */
export interface CredentialRoutesContext {
  database: DatabaseHandle;
  settings: Settings;
  /** Decrypts the institutions' signing keys. */
  masterKey: Buffer;
}

export interface CredentialRoutesOptions {
  context: CredentialRoutesContext;
}

const ldJson = 'application/ld+json; charset=utf-8';

/** What a verifier anywhere needs from this platform: DID documents, issuer profiles, the extension context. */
export const credentialRoutes: FastifyPluginAsync<CredentialRoutesOptions> = async (fastify, { context }) => {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { db } = context.database;

  app.get(
    STAPEL_CONTEXT_PATH,
    {
      config: { policy: 'public' },
      schema: { tags: ['credentials'], summary: 'The Stapel JSON-LD extension context (v1)' },
    },
    async (_request, reply) =>
      reply.type(ldJson).header('cache-control', 'public, max-age=86400').send(STAPEL_CONTEXT_DOCUMENT),
  );

  app.get(
    '/institutions/:slug/did.json',
    {
      config: { policy: 'public' },
      schema: {
        tags: ['credentials'],
        summary: 'The did:web DID document of an institution',
        params: Type.Object({ slug: Type.String() }),
      },
    },
    async (request, reply) => {
      const institution = await getInstitution(db, request.params.slug);
      let keys = await issuerPublicKeys(db, institution.id);
      if (keys.length === 0) {
        await context.database.transaction((tx) => ensureIssuerKey(tx, institution.id, context.masterKey));
        keys = await issuerPublicKeys(db, institution.id);
      }
      const did = institutionDid(context.settings.publicUrl, institution.slug);
      return reply
        .type('application/did+json; charset=utf-8')
        .header('cache-control', 'public, max-age=300')
        .send(didDocument(did, keys));
    },
  );

  app.get(
    '/institutions/:slug/profile.json',
    {
      config: { policy: 'public' },
      schema: {
        tags: ['credentials'],
        summary: 'The Open Badges issuer Profile of an institution',
        params: Type.Object({ slug: Type.String() }),
      },
    },
    async (request, reply) => {
      const institution = await getInstitution(db, request.params.slug);
      return reply.type(ldJson).send(issuerProfileFor(institution, context.settings.publicUrl, true));
    },
  );

  app.get(
    '/api/v1/institutions/:slug/course-units/:code/versions/:version',
    {
      config: { policy: 'public' },
      schema: {
        tags: ['catalogue'],
        summary: 'A published course unit version (the achievement of a credit certificate)',
        params: Type.Object({
          slug: Type.String(),
          code: Type.String(),
          version: Type.Integer({ minimum: 1 }),
        }),
      },
    },
    async (request) => {
      const institution = await getInstitution(db, request.params.slug);
      return getPublishedCourseUnit(db, institution, request.params.code, request.params.version);
    },
  );
};
