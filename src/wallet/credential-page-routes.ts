import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { Type } from '@sinclair/typebox';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { requestLang } from '../core/http.ts';
import { runRequestCommand } from '../core/route-command.ts';
import { route, routesOf } from '../core/route-spec.ts';
import { userOf } from '../core/route-user.ts';
import { ForbiddenError, NotFoundError } from '../core/errors.ts';
import { sendProblem } from '../core/route-problem.ts';
import { walletMessage } from './messages.ts';
import { SignedCredentialSchema } from '../issuing/schemas.ts';
import { bakedBadge } from '../issuing/baked-badge.ts';
import { certificatePdf } from '../certificates/certificate-pdf.ts';
import { literalUnion } from '../core/schema-types.ts';
import { canRead } from './credential-access.ts';
import { accessTo, credentialView, findStoredCredential, type StoredCredential } from './credential-view.ts';
import { negotiateCredential } from './content-negotiation.ts';
import { attachment, downloadName } from '../certificates/download-names.ts';
import { collectionItemDocument, publicCollection } from './collection-view.ts';
import { createCollection, deleteCollection, listCollections, updateCollection } from './collections.ts';
import { setCredentialShared } from './shares.ts';
import { shellWithMeta } from './page-meta.ts';
import type { WalletRoutesOptions } from './routes-options.ts';
import {
  CollectionInputSchema,
  CollectionItemKindSchema,
  CollectionSchema,
  CredentialViewSchema,
  PublicCollectionSchema,
  ShareBodySchema,
  ShareStateSchema,
} from './schemas.ts';
import { viewerOf } from './viewer.ts';

const IdParams = Type.Object({ id: Type.String({ maxLength: 100 }) });
const PublicIdParams = Type.Object({ publicId: Type.String({ maxLength: 100 }) });
const problem = Type.Ref('Problem');
// Every answer that depends on sharing changes the moment the holder flips it: nothing may keep a copy.
const NO_STORE = 'no-store';

function unknownCredential(): NotFoundError {
  return new NotFoundError('There is no such credential.', { key: 'shared-credential-unknown' });
}

function privateCredential(): ForbiddenError {
  return new ForbiddenError('This credential exists, but its holder does not share it.', {
    key: 'credential-private',
  });
}

/** The title a download is named after: what the signed document says it is for. */
function documentTitle(document: string): string {
  const parsed = JSON.parse(document) as {
    name?: unknown;
    credentialSubject?: { achievement?: { name?: unknown } };
  };
  const name = parsed.credentialSubject?.achievement?.name ?? parsed.name;
  return typeof name === 'string' ? name : 'credential';
}

/**
 * The credential's page and everything its holder controls: the credential's `id` answers the page to a
 * browser and the signed JSON to a verifier (content negotiation, `vary: accept`), readable by its holder,
 * the issuing institution's staff, and anyone once the holder shares it; its downloads; the holder's share
 * switch; and collections, the holder's portfolio pages with unguessable links.
 */
export const credentialPageRoutes: FastifyPluginAsync<WalletRoutesOptions> = async (
  fastify,
  { context, verify, appShell },
) => {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { db } = context.database;

  /** The credential a request names, with how the one asking may see it; 404 when there is none. */
  async function credentialFor(request: FastifyRequest, id: string) {
    const stored = await findStoredCredential(db, id);
    if (!stored) throw unknownCredential();
    return { stored, ...(await accessTo(db, stored, await viewerOf(request, db))) };
  }

  /** The stored credential, when the one asking may read it; else 404 or 403 (`credential-private`). */
  async function readable(request: FastifyRequest, id: string): Promise<StoredCredential> {
    const { stored, access } = await credentialFor(request, id);
    if (!canRead(access)) throw privateCredential();
    return stored;
  }

  /** A file of a credential, named after the title its document gives and the day it was issued. */
  function sendDownload(
    reply: FastifyReply,
    named: { document: string; issuedAt: string | null },
    ext: string,
    type: string,
    body: string | Uint8Array,
  ) {
    return reply
      .type(type)
      .header('cache-control', NO_STORE)
      .header(
        'content-disposition',
        attachment(downloadName(documentTitle(named.document), named.issuedAt, ext)),
      )
      .send(typeof body === 'string' ? body : Buffer.from(body));
  }
  const namedAs = (stored: StoredCredential) => ({ document: stored.document, issuedAt: stored.issued_at });

  app.get(
    '/credentials/:id',
    route('public', 'credentials', 'A credential issued here, by its id: its page or the signed JSON', {
      description:
        'Content negotiation on Accept (q-values): a browser (text/html first) gets the page, anyone else the ' +
        'signed credential as application/vc+ld+json (or application/ld+json, application/json as asked); no ' +
        'Accept or */* is JSON. The JSON is for the holder, the issuing institution and, once the holder shares ' +
        'it, anyone: otherwise 403 credential-private. Answers vary by Accept and are never stored.',
      params: IdParams,
      response: {
        200: SignedCredentialSchema,
        403: problem,
        404: problem,
        406: problem,
      },
    }),
    async (request, reply) => {
      void reply.header('vary', 'accept').header('cache-control', NO_STORE);
      const negotiated = negotiateCredential(request.headers.accept);
      const shell = appShell();
      if (negotiated.kind === 'html' && shell !== undefined) {
        const { stored, access } = await credentialFor(request, request.params.id).catch((error: unknown) => {
          if (error instanceof NotFoundError) return { stored: undefined, access: 'private' as const };
          throw error;
        });
        const html =
          stored && access === 'public'
            ? shellWithMeta(shell, { title: documentTitle(stored.document), url: stored.credential_url })
            : shell;
        // The page itself says that there is no such credential; the status tells crawlers too.
        return reply
          .status(stored ? 200 : 404)
          .type('text/html; charset=utf-8')
          .send(html);
      }
      if (negotiated.kind === 'none')
        return sendProblem(request, reply, {
          status: 406,
          title: 'Not Acceptable',
          code: 'not-acceptable',
          detail: walletMessage('credential-not-acceptable', requestLang(request)),
        });
      const stored = await readable(request, request.params.id);
      const type = negotiated.kind === 'json' ? negotiated.type : 'application/vc+ld+json';
      return reply.type(`${type}; charset=utf-8`).send(stored.document);
    },
  );

  app.get(
    '/credentials/:id/credential.json',
    route('public', 'credentials', 'The signed credential as a file to download', {
      description: 'The same access as the credential’s id; an attachment named after its title and date.',
      params: IdParams,
      response: { 200: SignedCredentialSchema, 403: problem, 404: problem },
    }),
    async (request, reply) => {
      const stored = await readable(request, request.params.id);
      return sendDownload(
        reply,
        namedAs(stored),
        'json',
        'application/vc+ld+json; charset=utf-8',
        stored.document,
      );
    },
  );

  app.get(
    '/credentials/:id/certificate.pdf',
    route(
      'public',
      'credentials',
      'A printable certificate of the credential (PDF, the signed credential attached)',
      {
        description: 'The same access as the credential’s id; ?lang=nl (default) or en.',
        params: IdParams,
        querystring: Type.Object(
          { lang: Type.Optional(literalUnion(['nl', 'en'] as const)) },
          { additionalProperties: false },
        ),
        response: { 200: Type.String({ format: 'binary' }), 403: problem, 404: problem },
      },
    ),
    async (request, reply) => {
      const stored = await readable(request, request.params.id);
      const pdf = await certificatePdf(stored.document, {
        lang: request.query.lang ?? 'nl',
        pageUrl: stored.credential_url,
        institutionName: { nl: stored.name_nl, en: stored.name_en },
      });
      return sendDownload(reply, namedAs(stored), 'pdf', 'application/pdf', pdf);
    },
  );

  for (const format of ['png', 'svg'] as const) {
    app.get(
      `/credentials/:id/badge.${format}`,
      route(
        'public',
        'credentials',
        `The badge image with the signed credential baked in (${format.toUpperCase()})`,
        {
          description: 'The same access as the credential’s id; 404 when it has no badge image.',
          params: IdParams,
          response: { 200: Type.String({ format: 'binary' }), 403: problem, 404: problem },
        },
      ),
      async (request, reply) => {
        const stored = await readable(request, request.params.id);
        const baked = await bakedBadge(db, stored.credential_url, format);
        if (!baked)
          throw new NotFoundError('There is no badge image for this credential.', {
            key: 'badge-unavailable',
          });
        // An SVG opened on its own is a document: the same strict policy as the achievement's image.
        void reply.header(
          'content-security-policy',
          "default-src 'none'; style-src 'unsafe-inline'; img-src data:",
        );
        return sendDownload(reply, namedAs(stored), format, baked.mediaType, baked.bytes);
      },
    );
  }

  app.get(
    '/api/v1/credentials/:id/view',
    route('public', 'credentials', "What a credential's page shows to the one asking", {
      description:
        'To its holder, the issuing institution and (when shared) anyone: its details, status and a live ' +
        'verification; to anyone else only that it exists and is private (access: private). 404 when there is ' +
        'no such credential.',
      params: IdParams,
      response: { 200: CredentialViewSchema, 404: problem },
    }),
    async (request, reply) => {
      void reply.header('cache-control', NO_STORE);
      const { stored, access, shared } = await credentialFor(request, request.params.id);
      return credentialView(db, stored, { access, shared }, verify, requestLang(request));
    },
  );

  const mine = routesOf('signed-in', 'wallet');

  app.put(
    '/api/v1/me/credentials/:id/share',
    mine('Share one of my credentials with anyone who has its link, or stop sharing it', {
      description: 'Effective at once. 404 for a credential the account does not hold.',
      params: IdParams,
      body: ShareBodySchema,
      response: { 200: ShareStateSchema, 404: problem },
    }),
    async (request) => {
      const { userId } = userOf(request);
      const { id } = request.params;
      const { shared } = await runRequestCommand(request, context, (cmd) =>
        setCredentialShared(cmd, userId, id, request.body.shared),
      );
      return { id, shared };
    },
  );

  app.get(
    '/api/v1/me/collections',
    mine('My collections, newest first', { response: { 200: Type.Array(CollectionSchema) } }),
    async (request, reply) => {
      void reply.header('cache-control', NO_STORE);
      return listCollections(db, userOf(request).userId);
    },
  );

  app.post(
    '/api/v1/me/collections',
    mine('Start a collection of my credentials (private unless shared)', {
      body: CollectionInputSchema,
      response: { 201: CollectionSchema, 422: problem },
    }),
    async (request, reply) => {
      const { userId } = userOf(request);
      const created = await runRequestCommand(request, context, (cmd) =>
        createCollection(cmd, userId, request.body),
      );
      return reply.status(201).send(created);
    },
  );

  app.put(
    '/api/v1/me/collections/:id',
    mine('Rewrite a collection: title, description, items in order, shared or not', {
      params: IdParams,
      body: CollectionInputSchema,
      response: { 200: CollectionSchema, 404: problem, 422: problem },
    }),
    async (request) => {
      const { userId } = userOf(request);
      return runRequestCommand(request, context, (cmd) =>
        updateCollection(cmd, userId, request.params.id, request.body),
      );
    },
  );

  app.delete(
    '/api/v1/me/collections/:id',
    mine('Delete a collection; its link answers 404 at once', {
      params: IdParams,
      response: { 204: Type.Null(), 404: problem },
    }),
    async (request, reply) => {
      const { userId } = userOf(request);
      await runRequestCommand(request, context, (cmd) => deleteCollection(cmd, userId, request.params.id));
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/api/v1/collections/:publicId',
    route('public', 'wallet', 'A shared collection, with a live verification of each credential', {
      description: '403 collection-private when its owner does not share it; 404 when there is none.',
      params: PublicIdParams,
      response: { 200: PublicCollectionSchema, 403: problem, 404: problem },
    }),
    async (request, reply) => {
      void reply.header('cache-control', NO_STORE);
      return publicCollection(db, request.params.publicId, verify);
    },
  );

  app.get(
    '/api/v1/collections/:publicId/items/:kind/:itemId/credential.json',
    route('public', 'wallet', 'One credential of a shared collection, signed, as a file to download', {
      params: Type.Object({
        publicId: Type.String({ maxLength: 100 }),
        kind: CollectionItemKindSchema,
        itemId: Type.String({ maxLength: 100 }),
      }),
      response: { 200: SignedCredentialSchema, 403: problem, 404: problem },
    }),
    async (request, reply) => {
      const { publicId, kind, itemId } = request.params;
      const item = await collectionItemDocument(db, publicId, kind, itemId);
      return sendDownload(reply, item, 'json', 'application/vc+ld+json; charset=utf-8', item.document);
    },
  );
};
