import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Fastify, { type FastifyInstance } from 'fastify';
import swagger from '@fastify/swagger';
import fastifyStatic from '@fastify/static';
import fastifyCookie from '@fastify/cookie';
import type { Config } from './core/config.ts';
import type { DatabaseHandle } from './core/database.ts';
import type { AppContext } from './core/app-context.ts';
import { installAuth } from './core/auth.ts';
import { authenticateToken, checkApiToken, findInstitution } from './institutions/store.ts';
import { sessionFromToken } from './accounts/sessions.ts';
import { installSecurityHeaders } from './core/security-headers.ts';
import { installProblemHandler, ProblemSchema, redactSecrets } from './core/http.ts';
import { catalogueRoutes } from './catalogue/routes.ts';
import { qualityRoutes } from './quality/routes.ts';
import { QUALITY_RECORDS } from './quality/public-records.ts';
import { BADGE_ART } from './credentials/badge-image.ts';
import { accountRoutes } from './accounts/routes.ts';
import { administrationRoutes } from './administration/routes.ts';
import { apiTokenRoutes } from './institutions/routes.ts';
import { credentialRoutes } from './credentials/routes.ts';
import { verificationRoutes } from './verification/routes.ts';
import { enrolmentRoutes } from './enrolment/routes.ts';
import { assessmentRoutes } from './assessment/routes.ts';
import { issuingRoutes } from './issuing/routes.ts';
import { issuingAssessmentHooks } from './issuing/issue-from-evaluation.ts';
import { statusListRoutes } from './issuing/status-list-routes.ts';
import { platformVerifier } from './verification/platform-verifier.ts';
import { createVerificationPool } from './verification/verification-pool.ts';
import { installJsonBodyGuard } from './core/json-body.ts';
import { InputLimitError, scanJsonText } from './verification/input-limits.ts';
import { createAppContext } from './create-app-context.ts';
import { MESSAGES } from './messages.ts';
import { pinPublicUrl } from './core/installation.ts';
import { credentialPageRoutes } from './wallet/credential-page-routes.ts';
import { walletImportRoutes } from './wallet/import-routes.ts';
import { privacyRoutes } from './privacy/routes.ts';
import { readableLinksOnly } from './wallet/shared-links.ts';

export interface BuildAppOptions {
  config: Config;
  database: DatabaseHandle;
  /** Folder with the built web UI; defaults to dist/web. Absent folders are fine (API only). */
  webRoot?: string;
  logger?: boolean;
  /** Defaults to the key from the configuration (or the development key file). */
  masterKey?: Buffer;
}

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** STAPEL_TRUST_PROXY as Fastify takes it: a number of hops becomes "trust the nearest n". */
function trustedProxies(
  setting: false | number | string,
): boolean | string | ((address: string, hop: number) => boolean) {
  return typeof setting === 'number' ? (_address, hop) => hop < setting : setting;
}

/**
 * Builds the HTTP application: API, OpenAPI document and the web UI, on one Fastify instance.
 *
 * @example
 * const app = await buildApp({ config, database });
 * await app.listen({ port: config.settings.port });
 */
export async function buildApp(options: BuildAppOptions): Promise<FastifyInstance> {
  const { database } = options;
  // Every app serves the installation's public URL: the one stored at first start, or a refusal when
  // STAPEL_PUBLIC_URL names another (see src/core/installation.ts).
  const config = await pinPublicUrl(database, options.config);
  const app = Fastify({
    logger:
      options.logger === false
        ? false
        : {
            level: config.settings.logLevel,
            // One-time links (e-mail verification, password reset, invitations) carry their secret in the
            // query string: logs must never hold them.
            serializers: {
              req: (request: { method: string; url: string; hostname?: string; ip?: string }) => ({
                method: request.method,
                url: redactSecrets(request.url),
                host: request.hostname,
                remoteAddress: request.ip,
              }),
            },
          },
    bodyLimit: 2 * 1024 * 1024,
    // Behind a reverse proxy the client's address (which sign-in limits count by) comes from X-Forwarded-For.
    trustProxy: trustedProxies(config.settings.trustProxy),
    ajv: { customOptions: { allErrors: true, coerceTypes: 'array', removeAdditional: false } },
  });

  installProblemHandler(app, MESSAGES);
  // Before any route: every JSON body is measured for depth before it is parsed (422 when too deep).
  installJsonBodyGuard(app, {
    scan: scanJsonText,
    refuse: (violation, lang) => new InputLimitError(violation, lang, 'request'),
  });
  // First, so that every answer carries the headers: pages, JSON, problems and 404s alike.
  await installSecurityHeaders(app, config.settings.publicUrl);
  await app.register(fastifyCookie);
  installAuth(app, database, {
    findInstitution,
    checkApiToken: (db, bearer) => checkApiToken(db, bearer),
    authenticateToken,
    sessionFromToken,
  });
  app.addSchema(ProblemSchema);

  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Stapel API',
        version: '1',
        description:
          'Micro-credentials for Flemish higher education: catalogue, design and verifiable proofs of learning.',
      },
      components: {
        securitySchemes: {
          apiToken: { type: 'http', scheme: 'bearer', description: 'Institution API token (stp_…)' },
          session: {
            type: 'apiKey',
            in: 'cookie',
            name: 'stapel_session',
            description: 'Session cookie of a signed-in account; writes also send x-csrf-token',
          },
        },
      },
    },
  });

  app.get('/health', { config: { policy: 'public' }, schema: { hide: true } }, async () => ({
    status: 'ok',
  }));
  app.get('/api/openapi.json', { config: { policy: 'public' }, schema: { hide: true } }, async () =>
    app.swagger(),
  );

  const context: AppContext = createAppContext({ config, database, masterKey: options.masterKey });
  const { mail } = context;
  await app.register(accountRoutes, { database, settings: config.settings, mail });
  await app.register(administrationRoutes, { database });
  await app.register(apiTokenRoutes, { database, mail });
  await app.register(catalogueRoutes, { context, qualityRecords: QUALITY_RECORDS, badgeArt: BADGE_ART });
  await app.register(credentialRoutes, { context });
  await app.register(statusListRoutes, { context });
  const verifier = platformVerifier(database, config.settings);
  // Verification runs in worker threads: an expensive credential must not stall every other request.
  const verificationPool = createVerificationPool({ database, settings: config.settings });
  app.addHook('onListen', () => void verificationPool.warm().catch(() => undefined));
  app.addHook('onClose', () => verificationPool.close());
  // A link to a credential of this platform is followed only for those its page would show it to.
  const fetchSharedCredential = readableLinksOnly(
    verifier.fetchCredential,
    database.db,
    config.settings.publicUrl,
  );
  await app.register(verificationRoutes, {
    verify: verificationPool.verify,
    fetchCredential: fetchSharedCredential,
  });
  // Domain routes of the learning lifecycle, each a plugin taking the AppContext.
  await app.register(qualityRoutes, { context });
  await app.register(enrolmentRoutes, { context });
  // Recorded results are followed by issuing the proofs they earn; assessment only signals them.
  await app.register(assessmentRoutes, { context, hooks: issuingAssessmentHooks(context) });
  await app.register(issuingRoutes, { context });

  const webRoot = options.webRoot ?? path.join(projectRoot, 'dist', 'web');
  const shellFile = path.join(webRoot, 'index.html');
  const indexHtml = fs.existsSync(shellFile) ? fs.readFileSync(shellFile, 'utf8') : undefined;
  // The holder's side of a proof: its page, sharing, collections, imports; and a person's own data.
  const wallet = {
    context,
    verify: verificationPool.verify,
    fetchCredential: fetchSharedCredential,
    appShell: () => indexHtml,
  };
  await app.register(credentialPageRoutes, wallet);
  await app.register(walletImportRoutes, wallet);
  await app.register(privacyRoutes, { context });

  if (indexHtml !== undefined) {
    // serve: false — files go through the catch-all route below, which declares its policy like every route.
    await app.register(fastifyStatic, {
      root: webRoot,
      wildcard: false,
      index: false,
      serve: false,
      decorateReply: true,
    });
    // The UI routes its own pages; any GET that is not an API call or a file gets the app shell.
    app.get('/*', { config: { policy: 'public' }, schema: { hide: true } }, async (request, reply) => {
      const urlPath = request.url.split('?')[0] ?? '/';
      if (urlPath.startsWith('/api/')) return reply.callNotFound();
      const file = path.join(webRoot, path.normalize(urlPath));
      if (file.startsWith(webRoot) && urlPath !== '/' && fs.existsSync(file) && fs.statSync(file).isFile()) {
        const immutable = urlPath.startsWith('/assets/');
        reply.header('cache-control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
        return reply.sendFile(path.relative(webRoot, file));
      }
      return reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache').send(indexHtml);
    });
  }
  return app;
}
