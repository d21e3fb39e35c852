import type { FastifyPluginAsync } from 'fastify';
import { Type, type Static, type TSchema } from '@sinclair/typebox';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { AppContext } from '../core/app-context.ts';
import { staffOf, type RoutePolicy } from '../core/auth.ts';
import { runRequestCommand } from '../core/route-command.ts';
import type { Command } from '../core/command.ts';
import type { Db } from '../core/database.ts';
import type { Institution } from '../core/institution.ts';
import { route, type TypedApp } from '../core/route-spec.ts';
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
  BadgeImageInputSchema,
  BadgeImageViewSchema,
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
import {
  NO_BADGE_ART,
  getBadgeImage,
  publicBadge,
  removeBadgeImage,
  setBadgeImage,
  type BadgeArt,
} from './badge-images.ts';
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
  /** How badge images are drawn and uploads checked (the Open Badges documents'). */
  badgeArt?: BadgeArt | undefined;
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
  { context, qualityRecords = NO_QUALITY_RECORDS, badgeArt = NO_BADGE_ART },
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

  // ---- staff: micro-credentials (designed as course units are, and with versions of their own)

  designedKindRoutes(app, context, {
    path: 'micro-credentials',
    view: MicroCredentialViewSchema,
    input: MicroCredentialInputSchema,
    update: MicroCredentialUpdateSchema,
    listed: MicroCredentialSummarySchema,
    summaries: {
      list: 'All micro-credentials, drafts included',
      create: 'Create a micro-credential (version 1, draft)',
      get: 'The latest version, draft or published',
      replace:
        'Replace the draft; editing a published version starts a new draft; a version in review is refused',
      publish: 'Publish the approved version (only a version approved by quality review)',
    },
    list: (db, institution) => listAllMicroCredentials(db, institution.id),
    create: createMicroCredential,
    get: getMicroCredential,
    replace: updateMicroCredential,
    publish: publishVersion,
    location: (view) => `/api/v1/manage/${view.institution.slug}/micro-credentials/${view.code}`,
  });

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

  // ---- badge images: public once published, uploaded by designers on a draft

  // Untyped, as the platform's documents are: the answer is bytes, which Fastify sends without serialising.
  fastify.get<{ Params: { id: string } }>(
    '/achievements/:id/image',
    route(
      'public',
      'catalogue',
      "The badge image of a published micro-credential version (an achievement's image)",
      {
        description:
          'SVG (generated, or uploaded by its designer) or PNG (uploaded). The image of a published version never ' +
          'changes, so it may be cached for good; a draft has none here.',
        params: Type.Object({ id: Type.String() }),
        response: {
          200: Type.String({
            description: 'The image: image/svg+xml or image/png.',
            contentMediaType: 'image/*',
          }),
        },
      },
    ),
    async (request, reply) => {
      const badge = await publicBadge(db, request.params.id, badgeArt);
      void reply
        .header('content-type', badge.mediaType)
        .header('cache-control', 'public, max-age=31536000, immutable')
        // An SVG opened on its own is a document: nothing in it may run or load (uploads are checked too).
        .header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'; img-src data:")
        .header('x-content-type-options', 'nosniff');
      return reply.send(Buffer.from(badge.bytes));
    },
  );

  const BadgeParams = CodeParams;
  app.get(
    '/api/v1/manage/:slug/micro-credentials/:code/badge-image',
    route('institution-staff', 'design', "The latest version's badge image, generated or uploaded", {
      params: BadgeParams,
      response: { 200: BadgeImageViewSchema },
    }),
    async (request) =>
      getBadgeImage(db, staffOf(request), {
        code: request.params.code,
        publicUrl: context.settings.publicUrl,
        art: badgeArt,
      }),
  );

  app.put(
    '/api/v1/manage/:slug/micro-credentials/:code/badge-image',
    route(designers, 'design', "Upload the draft's badge image (SVG or PNG as a data: URL, at most 512 KB)", {
      description:
        'Only a draft version takes a new image. An SVG with scripts, event attributes or references to other ' +
        'files is refused, as is any other type or a larger file; nothing is stored then.',
      params: BadgeParams,
      body: BadgeImageInputSchema,
      response: { 200: BadgeImageViewSchema },
    }),
    async (request) =>
      runRequestCommand(request, context, (cmd) =>
        setBadgeImage(cmd, staffOf(request), {
          code: request.params.code,
          image: request.body.image,
          publicUrl: context.settings.publicUrl,
          art: badgeArt,
        }),
      ),
  );

  app.delete(
    '/api/v1/manage/:slug/micro-credentials/:code/badge-image',
    route(designers, 'design', "Remove the draft's uploaded badge image: it gets the generated one again", {
      params: BadgeParams,
      response: { 200: BadgeImageViewSchema },
    }),
    async (request) =>
      runRequestCommand(request, context, (cmd) =>
        removeBadgeImage(cmd, staffOf(request), {
          code: request.params.code,
          publicUrl: context.settings.publicUrl,
          art: badgeArt,
        }),
      ),
  );

  // ---- staff: course units

  designedKindRoutes(app, context, {
    path: 'course-units',
    view: CourseUnitViewSchema,
    input: CourseUnitInputSchema,
    update: CourseUnitUpdateSchema,
    listed: CourseUnitViewSchema,
    summaries: {
      list: 'Course units (latest version of each)',
      create: 'Create a course unit',
      get: 'A course unit',
      replace: 'Replace the draft, or start a new version',
      publish: 'Publish the course unit draft',
    },
    list: listCourseUnits,
    create: createCourseUnit,
    get: getCourseUnit,
    replace: updateCourseUnit,
    publish: publishCourseUnit,
  });
};

/**
 * What differs between the kinds that staff design alike (micro-credentials, course units): their path
 * under `/api/v1/manage/:slug/`, their schemas, the summaries of their routes and the functions behind them.
 */
interface DesignedKind<
  View extends TSchema,
  Input extends TSchema,
  Update extends TSchema,
  Listed extends TSchema,
> {
  path: string;
  view: View;
  input: Input;
  update: Update;
  /** What the list answers of each one. */
  listed: Listed;
  summaries: Record<'list' | 'create' | 'get' | 'replace' | 'publish', string>;
  list(db: Db, institution: Institution): Promise<Static<Listed>[]>;
  create(cmd: Command, institution: Institution, input: Static<Input>): Promise<Static<View>>;
  get(db: Db, institution: Institution, code: string): Promise<Static<View>>;
  replace(
    cmd: Command,
    institution: Institution,
    change: { code: string; update: Static<Update> },
  ): Promise<Static<View>>;
  publish(cmd: Command, institution: Institution, input: { code: string }): Promise<Static<View>>;
  /** Where a created one is found, when its answer says so (`Location`). */
  location?(view: Static<View>): string;
}

/**
 * The routes every designed kind has: staff list and read it, designers create one, replace its draft and
 * publish it.
 */
function designedKindRoutes<
  View extends TSchema,
  Input extends TSchema,
  Update extends TSchema,
  Listed extends TSchema,
>(app: TypedApp, context: AppContext, kind: DesignedKind<View, Input, Update, Listed>): void {
  const { db } = context.database;
  const base = `/api/v1/manage/:slug/${kind.path}`;
  const { summaries } = kind;
  // As a plain schema: Fastify cannot resolve the answer type of a generic one; `kind` types the answers.
  const view: TSchema = kind.view;

  app.get(
    base,
    route('institution-staff', 'design', summaries.list, {
      params: SlugParams,
      response: { 200: Type.Array(kind.listed) },
    }),
    async (request) => kind.list(db, staffOf(request)),
  );

  app.post(
    base,
    route(designers, 'design', summaries.create, {
      params: SlugParams,
      body: kind.input,
      response: { 201: view },
    }),
    async (request, reply) => {
      const created = await runRequestCommand(request, context, (cmd) =>
        kind.create(cmd, staffOf(request), request.body),
      );
      if (kind.location) void reply.header('location', kind.location(created));
      return reply.status(201).send(created);
    },
  );

  app.get(
    `${base}/:code`,
    route('institution-staff', 'design', summaries.get, { params: CodeParams, response: { 200: view } }),
    async (request) => kind.get(db, staffOf(request), request.params.code),
  );

  app.put(
    `${base}/:code`,
    route(designers, 'design', summaries.replace, {
      params: CodeParams,
      body: kind.update,
      response: { 200: view },
    }),
    async (request) =>
      runRequestCommand(request, context, (cmd) =>
        kind.replace(cmd, staffOf(request), { code: request.params.code, update: request.body }),
      ),
  );

  app.post(
    `${base}/:code/publish`,
    route(designers, 'design', summaries.publish, { params: CodeParams, response: { 200: view } }),
    async (request) =>
      runRequestCommand(request, context, (cmd) =>
        kind.publish(cmd, staffOf(request), { code: request.params.code }),
      ),
  );
}
