import type { FastifyPluginAsync } from 'fastify';
import { Type } from '@sinclair/typebox';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { AppContext } from '../core/app-context.ts';
import { staffOf, type RoutePolicy } from '../core/auth.ts';
import { runRequestCommand } from '../core/route-command.ts';
import { route } from '../core/route-spec.ts';
import { getInstitution, listInstitutions } from '../institutions/store.ts';
import {
  createCourseUnit,
  getCourseUnit,
  listCourseUnits,
  publishCourseUnit,
  updateCourseUnit,
} from './course-units.ts';
import {
  createMicroCredential,
  newMicroCredentialVersion,
  updateMicroCredential,
} from './micro-credentials.ts';
import {
  CatalogueQuerySchema,
  CataloguePageSchema,
  CourseUnitInputSchema,
  CourseUnitUpdateSchema,
  CourseUnitViewSchema,
  MicroCredentialInputSchema,
  MicroCredentialSummarySchema,
  MicroCredentialUpdateSchema,
  MicroCredentialViewSchema,
  PublicInstitutionSchema,
  VersionSummarySchema,
} from './schemas.ts';
import { searchCatalogue } from './search.ts';
import { publishVersion } from './version-lifecycle.ts';
import {
  getMicroCredential,
  getPublishedMicroCredential,
  listAllMicroCredentials,
  listMicroCredentialVersions,
  NO_QUALITY_RECORDS,
  type QualityRecords,
} from './views.ts';

export interface CatalogueRoutesOptions {
  context: AppContext;
  /** Where the public view reads the QA record of a published version (the quality procedure's). */
  qualityRecords?: QualityRecords | undefined;
}

const SlugParams = Type.Object({ slug: Type.String() });
const CodeParams = Type.Object({ slug: Type.String(), code: Type.String() });
const VersionParams = Type.Object({
  slug: Type.String(),
  code: Type.String(),
  version: Type.Integer({ minimum: 1 }),
});
// Designing changes the catalogue; reading it is open to every role of the institution.
const designers: RoutePolicy = { capability: 'catalogue.design' };

/** Public catalogue and the staff routes that design it. */
export const catalogueRoutes: FastifyPluginAsync<CatalogueRoutesOptions> = async (
  fastify,
  { context, qualityRecords = NO_QUALITY_RECORDS },
) => {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { db } = context.database;

  app.get(
    '/api/v1/institutions',
    route('public', 'catalogue', 'Institutions on this platform', {
      response: { 200: Type.Array(PublicInstitutionSchema) },
    }),
    async () => {
      const institutions = await listInstitutions(db);
      return institutions.map(({ id: _id, ...rest }) => rest);
    },
  );

  app.get(
    '/api/v1/micro-credentials',
    route('public', 'catalogue', 'Search the public catalogue', {
      querystring: CatalogueQuerySchema,
      response: { 200: CataloguePageSchema },
    }),
    async (request) => searchCatalogue(db, request.query),
  );

  app.get(
    '/api/v1/institutions/:slug/micro-credentials/:code',
    route(
      'public',
      'catalogue',
      'A published micro-credential with every EU element and its public QA record',
      { params: CodeParams, response: { 200: MicroCredentialViewSchema } },
    ),
    async (request) => {
      const institution = await getInstitution(db, request.params.slug);
      return getPublishedMicroCredential(db, institution, request.params.code, undefined, qualityRecords);
    },
  );

  app.get(
    '/api/v1/institutions/:slug/micro-credentials/:code/versions/:version',
    route('public', 'catalogue', 'A published or superseded version', {
      params: VersionParams,
      response: { 200: MicroCredentialViewSchema },
    }),
    async (request) => {
      const institution = await getInstitution(db, request.params.slug);
      const { code, version } = request.params;
      return getPublishedMicroCredential(db, institution, code, version, qualityRecords);
    },
  );

  // ---- staff: micro-credentials

  app.get(
    '/api/v1/manage/:slug/micro-credentials',
    route('institution-staff', 'design', 'All micro-credentials, drafts included', {
      params: SlugParams,
      response: { 200: Type.Array(MicroCredentialSummarySchema) },
    }),
    async (request) => listAllMicroCredentials(db, staffOf(request).id),
  );

  app.post(
    '/api/v1/manage/:slug/micro-credentials',
    route(designers, 'design', 'Create a micro-credential (version 1, draft)', {
      params: SlugParams,
      body: MicroCredentialInputSchema,
      response: { 201: MicroCredentialViewSchema },
    }),
    async (request, reply) => {
      const view = await runRequestCommand(request, context, (cmd) =>
        createMicroCredential(cmd, staffOf(request), request.body),
      );
      return reply
        .status(201)
        .header('location', `/api/v1/manage/${view.institution.slug}/micro-credentials/${view.code}`)
        .send(view);
    },
  );

  app.get(
    '/api/v1/manage/:slug/micro-credentials/:code',
    route('institution-staff', 'design', 'The latest version, draft or published', {
      params: CodeParams,
      response: { 200: MicroCredentialViewSchema },
    }),
    async (request) => getMicroCredential(db, staffOf(request), request.params.code),
  );

  app.put(
    '/api/v1/manage/:slug/micro-credentials/:code',
    route(
      designers,
      'design',
      'Replace the draft; editing a published version starts a new draft; a version in review is refused',
      { params: CodeParams, body: MicroCredentialUpdateSchema, response: { 200: MicroCredentialViewSchema } },
    ),
    async (request) =>
      runRequestCommand(request, context, (cmd) =>
        updateMicroCredential(cmd, staffOf(request), { code: request.params.code, update: request.body }),
      ),
  );

  app.get(
    '/api/v1/manage/:slug/micro-credentials/:code/versions',
    route('institution-staff', 'design', 'Version history', {
      params: CodeParams,
      response: { 200: Type.Array(VersionSummarySchema) },
    }),
    async (request) => listMicroCredentialVersions(db, staffOf(request), request.params.code),
  );

  app.get(
    '/api/v1/manage/:slug/micro-credentials/:code/versions/:version',
    route('institution-staff', 'design', 'One version, draft included', {
      params: VersionParams,
      response: { 200: MicroCredentialViewSchema },
    }),
    async (request) => getMicroCredential(db, staffOf(request), request.params.code, request.params.version),
  );

  app.post(
    '/api/v1/manage/:slug/micro-credentials/:code/versions',
    route(designers, 'design', 'Start a new draft version from the published one', {
      params: CodeParams,
      response: { 201: MicroCredentialViewSchema },
    }),
    async (request, reply) => {
      const view = await runRequestCommand(request, context, (cmd) =>
        newMicroCredentialVersion(cmd, staffOf(request), { code: request.params.code }),
      );
      return reply.status(201).send(view);
    },
  );

  app.post(
    '/api/v1/manage/:slug/micro-credentials/:code/publish',
    route(designers, 'design', 'Publish the approved version (only a version approved by quality review)', {
      params: CodeParams,
      response: { 200: MicroCredentialViewSchema },
    }),
    async (request) =>
      runRequestCommand(request, context, (cmd) =>
        publishVersion(cmd, staffOf(request), { code: request.params.code }),
      ),
  );

  // ---- staff: course units

  app.get(
    '/api/v1/manage/:slug/course-units',
    route('institution-staff', 'design', 'Course units (latest version of each)', {
      params: SlugParams,
      response: { 200: Type.Array(CourseUnitViewSchema) },
    }),
    async (request) => listCourseUnits(db, staffOf(request)),
  );

  app.post(
    '/api/v1/manage/:slug/course-units',
    route(designers, 'design', 'Create a course unit', {
      params: SlugParams,
      body: CourseUnitInputSchema,
      response: { 201: CourseUnitViewSchema },
    }),
    async (request, reply) => {
      const view = await runRequestCommand(request, context, (cmd) =>
        createCourseUnit(cmd, staffOf(request), request.body),
      );
      return reply.status(201).send(view);
    },
  );

  app.get(
    '/api/v1/manage/:slug/course-units/:code',
    route('institution-staff', 'design', 'A course unit', {
      params: CodeParams,
      response: { 200: CourseUnitViewSchema },
    }),
    async (request) => getCourseUnit(db, staffOf(request), request.params.code),
  );

  app.put(
    '/api/v1/manage/:slug/course-units/:code',
    route(designers, 'design', 'Replace the draft, or start a new version', {
      params: CodeParams,
      body: CourseUnitUpdateSchema,
      response: { 200: CourseUnitViewSchema },
    }),
    async (request) =>
      runRequestCommand(request, context, (cmd) =>
        updateCourseUnit(cmd, staffOf(request), { code: request.params.code, update: request.body }),
      ),
  );

  app.post(
    '/api/v1/manage/:slug/course-units/:code/publish',
    route(designers, 'design', 'Publish the course unit draft', {
      params: CodeParams,
      response: { 200: CourseUnitViewSchema },
    }),
    async (request) =>
      runRequestCommand(request, context, (cmd) =>
        publishCourseUnit(cmd, staffOf(request), { code: request.params.code }),
      ),
  );
};
