import type { FastifyPluginAsync } from 'fastify';
import { Type } from '@sinclair/typebox';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { DatabaseHandle } from '../core/database.ts';
import { actorOf, staffOf, type RoutePolicy } from '../core/auth.ts';
import { requestLang } from '../core/http.ts';
import { getInstitution, listInstitutions } from '../institutions/store.ts';
import {
  CatalogueQuerySchema,
  CourseUnitInputSchema,
  CourseUnitUpdateSchema,
  MicroCredentialInputSchema,
  MicroCredentialUpdateSchema,
} from './schemas.ts';
import {
  createCourseUnit,
  createMicroCredential,
  getCourseUnit,
  getMicroCredential,
  getPublishedMicroCredential,
  listAllMicroCredentials,
  listCourseUnits,
  listMicroCredentialVersions,
  newMicroCredentialVersion,
  publishCourseUnit,
  publishMicroCredential,
  searchCatalogue,
  updateCourseUnit,
  updateMicroCredential,
} from './store.ts';

export interface CatalogueRoutesOptions {
  database: DatabaseHandle;
}

const SlugParams = Type.Object({ slug: Type.String() });
const CodeParams = Type.Object({ slug: Type.String(), code: Type.String() });
const VersionParams = Type.Object({
  slug: Type.String(),
  code: Type.String(),
  version: Type.Integer({ minimum: 1 }),
});
const staff = { security: [{ apiToken: [] }] };
// Designing changes the catalogue; reading it is open to every role of the institution.
const designers: RoutePolicy = { capability: 'catalogue.design' };

/** Public catalogue and the staff routes that design it. */
export const catalogueRoutes: FastifyPluginAsync<CatalogueRoutesOptions> = async (fastify, { database }) => {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { db } = database;

  app.get(
    '/api/v1/institutions',
    {
      config: { policy: 'public' },
      schema: { tags: ['catalogue'], summary: 'Institutions on this platform' },
    },
    async () => {
      const institutions = await listInstitutions(db);
      return institutions.map(({ id: _id, ...rest }) => rest);
    },
  );

  app.get(
    '/api/v1/micro-credentials',
    {
      config: { policy: 'public' },
      schema: {
        tags: ['catalogue'],
        summary: 'Search the public catalogue',
        querystring: CatalogueQuerySchema,
      },
    },
    async (request) => searchCatalogue(db, request.query),
  );

  app.get(
    '/api/v1/institutions/:slug/micro-credentials/:code',
    {
      config: { policy: 'public' },
      schema: {
        tags: ['catalogue'],
        summary: 'A published micro-credential with every EU element and its public QA record',
        params: CodeParams,
      },
    },
    async (request) => {
      const institution = await getInstitution(db, request.params.slug);
      return getPublishedMicroCredential(db, institution, request.params.code);
    },
  );

  app.get(
    '/api/v1/institutions/:slug/micro-credentials/:code/versions/:version',
    {
      config: { policy: 'public' },
      schema: { tags: ['catalogue'], summary: 'A published or superseded version', params: VersionParams },
    },
    async (request) => {
      const institution = await getInstitution(db, request.params.slug);
      return getPublishedMicroCredential(db, institution, request.params.code, request.params.version);
    },
  );

  // ---- staff: micro-credentials

  app.get(
    '/api/v1/manage/:slug/micro-credentials',
    {
      config: { policy: 'institution-staff' },
      schema: {
        tags: ['design'],
        summary: 'All micro-credentials, drafts included',
        params: SlugParams,
        ...staff,
      },
    },
    async (request) => listAllMicroCredentials(db, staffOf(request).id),
  );

  app.post(
    '/api/v1/manage/:slug/micro-credentials',
    {
      config: { policy: designers },
      schema: {
        tags: ['design'],
        summary: 'Create a micro-credential (version 1, draft)',
        params: SlugParams,
        body: MicroCredentialInputSchema,
        ...staff,
      },
    },
    async (request, reply) => {
      const view = await database.transaction((tx) =>
        createMicroCredential(tx, actorOf(request), staffOf(request), request.body, requestLang(request)),
      );
      return reply
        .status(201)
        .header('location', `/api/v1/manage/${view.institution.slug}/micro-credentials/${view.code}`)
        .send(view);
    },
  );

  app.get(
    '/api/v1/manage/:slug/micro-credentials/:code',
    {
      config: { policy: 'institution-staff' },
      schema: {
        tags: ['design'],
        summary: 'The latest version, draft or published',
        params: CodeParams,
        ...staff,
      },
    },
    async (request) => getMicroCredential(db, staffOf(request), request.params.code),
  );

  app.put(
    '/api/v1/manage/:slug/micro-credentials/:code',
    {
      config: { policy: designers },
      schema: {
        tags: ['design'],
        summary:
          'Replace the draft; editing a published version starts a new draft; a version in review is refused',
        params: CodeParams,
        body: MicroCredentialUpdateSchema,
        ...staff,
      },
    },
    async (request) =>
      database.transaction((tx) =>
        updateMicroCredential(
          tx,
          actorOf(request),
          staffOf(request),
          request.params.code,
          request.body,
          requestLang(request),
        ),
      ),
  );

  app.get(
    '/api/v1/manage/:slug/micro-credentials/:code/versions',
    {
      config: { policy: 'institution-staff' },
      schema: { tags: ['design'], summary: 'Version history', params: CodeParams, ...staff },
    },
    async (request) => listMicroCredentialVersions(db, staffOf(request), request.params.code),
  );

  app.get(
    '/api/v1/manage/:slug/micro-credentials/:code/versions/:version',
    {
      config: { policy: 'institution-staff' },
      schema: { tags: ['design'], summary: 'One version, draft included', params: VersionParams, ...staff },
    },
    async (request) => getMicroCredential(db, staffOf(request), request.params.code, request.params.version),
  );

  app.post(
    '/api/v1/manage/:slug/micro-credentials/:code/versions',
    {
      config: { policy: designers },
      schema: {
        tags: ['design'],
        summary: 'Start a new draft version from the published one',
        params: CodeParams,
        ...staff,
      },
    },
    async (request, reply) => {
      const view = await database.transaction((tx) =>
        newMicroCredentialVersion(tx, actorOf(request), staffOf(request), request.params.code),
      );
      return reply.status(201).send(view);
    },
  );

  app.post(
    '/api/v1/manage/:slug/micro-credentials/:code/publish',
    {
      config: { policy: designers },
      schema: {
        tags: ['design'],
        summary: 'Publish the approved version (only a version approved by quality review)',
        params: CodeParams,
        ...staff,
      },
    },
    async (request) =>
      database.transaction((tx) =>
        publishMicroCredential(
          tx,
          actorOf(request),
          staffOf(request),
          request.params.code,
          requestLang(request),
        ),
      ),
  );

  // ---- staff: course units

  app.get(
    '/api/v1/manage/:slug/course-units',
    {
      config: { policy: 'institution-staff' },
      schema: {
        tags: ['design'],
        summary: 'Course units (latest version of each)',
        params: SlugParams,
        ...staff,
      },
    },
    async (request) => listCourseUnits(db, staffOf(request)),
  );

  app.post(
    '/api/v1/manage/:slug/course-units',
    {
      config: { policy: designers },
      schema: {
        tags: ['design'],
        summary: 'Create a course unit',
        params: SlugParams,
        body: CourseUnitInputSchema,
        ...staff,
      },
    },
    async (request, reply) => {
      const view = await database.transaction((tx) =>
        createCourseUnit(tx, actorOf(request), staffOf(request), request.body, requestLang(request)),
      );
      return reply.status(201).send(view);
    },
  );

  app.get(
    '/api/v1/manage/:slug/course-units/:code',
    {
      config: { policy: 'institution-staff' },
      schema: { tags: ['design'], summary: 'A course unit', params: CodeParams, ...staff },
    },
    async (request) => getCourseUnit(db, staffOf(request), request.params.code),
  );

  app.put(
    '/api/v1/manage/:slug/course-units/:code',
    {
      config: { policy: designers },
      schema: {
        tags: ['design'],
        summary: 'Replace the draft, or start a new version',
        params: CodeParams,
        body: CourseUnitUpdateSchema,
        ...staff,
      },
    },
    async (request) =>
      database.transaction((tx) =>
        updateCourseUnit(
          tx,
          actorOf(request),
          staffOf(request),
          request.params.code,
          request.body,
          requestLang(request),
        ),
      ),
  );

  app.post(
    '/api/v1/manage/:slug/course-units/:code/publish',
    {
      config: { policy: designers },
      schema: { tags: ['design'], summary: 'Publish the course unit draft', params: CodeParams, ...staff },
    },
    async (request) =>
      database.transaction((tx) =>
        publishCourseUnit(tx, actorOf(request), staffOf(request), request.params.code, requestLang(request)),
      ),
  );
};
