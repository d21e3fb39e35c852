import type { FastifyPluginAsync } from 'fastify';
import { Type } from '@sinclair/typebox';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { getInstitution } from '../institutions/store.ts';
import { getPublishedCourseUnit } from '../catalogue/course-units.ts';
import { CourseUnitViewSchema } from '../catalogue/schemas.ts';
import type { Settings } from '../core/config.ts';
import type { DatabaseHandle } from '../core/database.ts';
import { route } from '../core/route-spec.ts';
import { STAPEL_CONTEXT_DOCUMENT, STAPEL_CONTEXT_PATH } from './contexts.ts';
import { didDocument, institutionDid } from './did.ts';
import { publishedIssuerKeys } from './keys.ts';
import { issuerProfileFor } from './issuer-profile.ts';
import {
  DidDocumentSchema,
  IssuerProfileSchema,
  JsonLdContextSchema,
  publicDocumentRoute,
} from './schemas.ts';

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
const SlugParams = Type.Object({ slug: Type.String() });

/**
 * What a verifier anywhere needs from this platform: DID documents, issuer profiles, the extension context.
 * Each document is sent as its JSON text, in its own order: the response schemas describe them, and Fastify
 * does not serialise (and so cannot drop or reorder) a string.
 */
export const credentialRoutes: FastifyPluginAsync<CredentialRoutesOptions> = async (fastify, { context }) => {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { db } = context.database;

  const contextText = JSON.stringify(STAPEL_CONTEXT_DOCUMENT);
  fastify.get(
    STAPEL_CONTEXT_PATH,
    publicDocumentRoute('The Stapel JSON-LD extension context (v1)', JsonLdContextSchema),
    async (_request, reply) =>
      reply.type(ldJson).header('cache-control', 'public, max-age=86400').send(contextText),
  );

  fastify.get<{ Params: { slug: string } }>(
    '/institutions/:slug/did.json',
    publicDocumentRoute('The did:web DID document of an institution', DidDocumentSchema, SlugParams),
    async (request, reply) => {
      const institution = await getInstitution(db, request.params.slug);
      const keys = await publishedIssuerKeys(context.database, institution.id, context.masterKey);
      const did = institutionDid(context.settings.publicUrl, institution.slug);
      return reply
        .type('application/did+json; charset=utf-8')
        .header('cache-control', 'public, max-age=300')
        .send(JSON.stringify(didDocument(did, keys)));
    },
  );

  fastify.get<{ Params: { slug: string } }>(
    '/institutions/:slug/profile.json',
    publicDocumentRoute('The Open Badges issuer Profile of an institution', IssuerProfileSchema, SlugParams),
    async (request, reply) => {
      const institution = await getInstitution(db, request.params.slug);
      return reply
        .type(ldJson)
        .send(JSON.stringify(issuerProfileFor(institution, context.settings.publicUrl, true)));
    },
  );

  app.get(
    '/api/v1/institutions/:slug/course-units/:code/versions/:version',
    route(
      'public',
      'catalogue',
      'A published course unit version (the achievement of a credit certificate)',
      {
        params: Type.Object({
          slug: Type.String(),
          code: Type.String(),
          version: Type.Integer({ minimum: 1 }),
        }),
        response: { 200: CourseUnitViewSchema },
      },
    ),
    async (request) => {
      const institution = await getInstitution(db, request.params.slug);
      return getPublishedCourseUnit(db, institution, request.params.code, request.params.version);
    },
  );
};
