import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { Type } from '@sinclair/typebox';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { StapelError } from '../core/errors.ts';
import { requestLang } from '../core/http.ts';
import type { Lang } from '../core/i18n.ts';
import { runRequestCommand } from '../core/route-command.ts';
import { sendProblem } from '../core/route-problem.ts';
import { routesOf } from '../core/route-spec.ts';
import { userOf } from '../core/route-user.ts';
import { credentialFromFile } from '../verification/credential-file.ts';
import {
  UnreadableCredentialError,
  assertCredentialObject,
  parseCredentialInput,
} from '../verification/credential-input.ts';
import {
  InputLimitError,
  MAX_CREDENTIAL_BYTES,
  MAX_CREDENTIAL_FILE_BYTES,
  assertValueWithinInputLimits,
} from '../verification/input-limits.ts';
import { isJsonObject } from '../verification/values.ts';
import { localiseResult, type VerificationResult } from '../verification/verify.ts';
import {
  ImportNotVerifiedError,
  checksDue,
  failingChecks,
  getImport,
  importCredential,
  listImports,
  recordChecks,
  removeImport,
  type ImportInput,
} from './imports.ts';
import { importMessage } from './import-messages.ts';
import type { WalletRoutesOptions } from './routes-options.ts';
import { walletOf } from './wallet-list.ts';
import {
  ImportedCredentialDetailSchema,
  ImportRefusalSchema,
  ImportedCredentialSchema,
  WalletSchema,
  type ImportedCredentialView,
} from './wallet-schemas.ts';

/** Media types under which a credential comes as JSON text. */
const JSON_TYPES = ['application/json', 'application/ld+json', 'application/vc+ld+json', 'application/vc'];
/** Media types of a file that carries a credential: a baked badge image or a PDF with it attached. */
const FILE_TYPES = ['image/png', 'image/svg+xml', 'application/pdf', 'application/octet-stream'];
/** A PDF certificate or a baked image is larger than the credential it carries: the verifier's file limit. */
export const MAX_IMPORT_FILE_BYTES = MAX_CREDENTIAL_FILE_BYTES;

/** What the body parsers hand the route: JSON text as it came, or a file's bytes. */
type Received = { kind: 'text'; text: string } | { kind: 'bytes'; bytes: Uint8Array; mediaType: string };

const IdParams = Type.Object({ id: Type.String({ maxLength: 100 }) });
const mine = routesOf('signed-in', 'wallet');

function isReceived(body: unknown): body is Received {
  return isJsonObject(body) && (body.kind === 'text' || body.kind === 'bytes');
}

/** How a file came in, by its media type or, for untyped bytes, by what it starts with. */
function fileSource(bytes: Uint8Array, mediaType: string): ImportInput['source'] {
  if (mediaType === 'application/pdf') return 'pdf';
  if (mediaType.startsWith('image/')) return 'image';
  const head = Buffer.from(bytes.subarray(0, 5)).toString('latin1');
  if (head.startsWith('%PDF')) return 'pdf';
  if (head.startsWith('\x89PNG') || head.trimStart().startsWith('<')) return 'image';
  return 'file';
}

type Read = Omit<ImportInput, 'verification'>;

/**
 * Reads the credential out of what was sent: JSON text (kept as it came), a link (`{ "url": … }`, fetched
 * under the verifier's safe-fetch rules) or a file that carries it.
 */
async function readCredential(
  body: unknown,
  fetchCredential: (url: string) => Promise<unknown>,
): Promise<Read> {
  if (!isReceived(body))
    throw new StapelError('bad-request', 'Send the credential.', { key: 'import-send-credential' });
  if (body.kind === 'bytes') {
    // Untyped bytes that are JSON text are read as such, so that the document is kept as it was signed.
    const text = Buffer.from(body.bytes).toString('utf8');
    if (body.mediaType === 'application/octet-stream' && /^\uFEFF?\s*\{/.test(text))
      return { source: 'file', credential: parseCredentialInput(text), document: text };
    const credential = assertCredentialObject(
      assertValueWithinInputLimits(await credentialFromFile(body.bytes)),
    );
    // The file carries the credential as JSON; its key order survives, and with it every signed value.
    return {
      source: fileSource(body.bytes, body.mediaType),
      credential,
      document: JSON.stringify(credential),
    };
  }
  const value = parseCredentialInput(body.text);
  if (value['@context'] === undefined && typeof value.url === 'string') {
    const fetched = assertCredentialObject(assertValueWithinInputLimits(await fetchCredential(value.url)));
    return { source: 'link', sourceUrl: value.url, credential: fetched, document: JSON.stringify(fetched) };
  }
  return { source: 'file', credential: value, document: body.text };
}

function localised(view: ImportedCredentialView, lang: Lang): ImportedCredentialView {
  return { ...view, verification: localiseResult(view.verification, lang) };
}

/** The refusal of a credential that does not verify: every failing check's reason, in the request's language. */
function refuseUnverified(
  request: FastifyRequest,
  reply: FastifyReply,
  result: VerificationResult,
): FastifyReply {
  const lang = requestLang(request);
  const words = localiseResult(result, lang);
  const failing = failingChecks(words);
  return sendProblem(
    request,
    reply,
    {
      status: 422,
      title: 'Unprocessable Content',
      code: 'credential-not-verified',
      detail: importMessage('import-not-verified', lang, {
        reasons: failing.map((check) => check.detail).join(' '),
      }),
    },
    { checks: failing, verification: words },
  );
}

/** The learner's wallet: every credential they hold, and credentials they bring in from elsewhere. */
export const walletImportRoutes: FastifyPluginAsync<WalletRoutesOptions> = async (
  fastify,
  { context, verify, fetchCredential },
) => {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const db = context.database.db;

  app.setErrorHandler((error, request, reply) => {
    const lang = requestLang(request);
    if (error instanceof ImportNotVerifiedError) return refuseUnverified(request, reply, error.result);
    if ((error as { code?: unknown }).code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      const type = String(request.headers['content-type'] ?? '')
        .split(';')[0]!
        .trim()
        .toLowerCase();
      if (FILE_TYPES.includes(type))
        throw new StapelError('payload-too-large', 'The file is too large.', {
          key: 'import-file-too-large',
          params: { limit: MAX_IMPORT_FILE_BYTES / (1024 * 1024) },
        });
      throw new InputLimitError({ rule: 'input-too-large', limit: MAX_CREDENTIAL_BYTES }, lang);
    }
    // Handled by the application's problem handler; only the words change.
    throw error instanceof UnreadableCredentialError || error instanceof InputLimitError
      ? error.localised(lang)
      : error;
  });

  // Inside this plugin only: a credential's JSON is kept as text (it is stored as it came and parsed by
  // parseCredentialInput, which says where JSON breaks), and a file's bytes are read whole, within limits.
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser(
    JSON_TYPES,
    { parseAs: 'string', bodyLimit: MAX_CREDENTIAL_BYTES },
    (_request, text, done) => done(null, { kind: 'text', text: text as string } satisfies Received),
  );
  app.addContentTypeParser(
    FILE_TYPES,
    { parseAs: 'buffer', bodyLimit: MAX_IMPORT_FILE_BYTES },
    (request, bytes, done) =>
      done(null, {
        kind: 'bytes',
        bytes: new Uint8Array(bytes as Buffer),
        mediaType: String(request.headers['content-type']).split(';')[0]!.trim().toLowerCase(),
      } satisfies Received),
  );

  /**
   * Verifies again the imports whose last check is over a minute old, so that what the wallet shows is
   * what the issuer says now; a check the verifier could not run keeps the last result.
   */
  async function recheck(request: FastifyRequest, userId: string, id?: string): Promise<void> {
    const due = await checksDue(db, userId, { now: new Date(), ...(id !== undefined ? { id } : {}) });
    if (due.length === 0) return;
    const settled = await Promise.allSettled(
      due.map(async (check) => ({ ...check, result: await verify(check.credential) })),
    );
    const done = settled.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
    if (done.length > 0) await runRequestCommand(request, context, (cmd) => recordChecks(cmd, userId, done));
  }

  app.post(
    '/api/v1/me/imports',
    mine('Add a credential from elsewhere to my wallet (verified first; one that fails is not added)', {
      description:
        'The body is the credential JSON (application/json, application/ld+json, application/vc+ld+json), ' +
        '`{ "url": … }` for a credential behind a link, or the bytes of a file that carries one (image/png ' +
        'or image/svg+xml for a baked badge, application/pdf, application/octet-stream). A credential that ' +
        'does not verify is refused (422, code credential-not-verified, with the failing `checks`); one this ' +
        'platform issued to you, or one you added before, is refused with 409. `identity` says whether the ' +
        'credential names your e-mail address.',
      response: {
        201: ImportedCredentialSchema,
        400: Type.Ref('Problem'),
        409: Type.Ref('Problem'),
        413: Type.Ref('Problem'),
        422: ImportRefusalSchema,
      },
    }),
    async (request, reply) => {
      const user = userOf(request);
      // A link is read as this learner may read it: another learner's private credential stays private.
      const read = await readCredential(request.body, (url) => fetchCredential(url, request));
      const verification = await verify(read.credential);
      if (!verification.verified) return refuseUnverified(request, reply, verification);
      const added = await runRequestCommand(request, context, (cmd) =>
        importCredential(cmd, user.userId, { ...read, verification }),
      );
      return reply.status(201).send(localised(added, requestLang(request)));
    },
  );

  app.get(
    '/api/v1/me/imports',
    mine('The credentials I added from elsewhere, checked again when their last check is over a minute old', {
      response: { 200: Type.Array(ImportedCredentialSchema) },
    }),
    async (request) => {
      const { userId } = userOf(request);
      await recheck(request, userId);
      return (await listImports(db, userId)).map((view) => localised(view, requestLang(request)));
    },
  );

  app.get(
    '/api/v1/me/imports/:id',
    mine(
      'One credential I added, with its document, checked again when its last check is over a minute old',
      {
        params: IdParams,
        response: { 200: ImportedCredentialDetailSchema, 404: Type.Ref('Problem') },
      },
    ),
    async (request) => {
      const { userId } = userOf(request);
      await getImport(db, userId, request.params.id); // unknown: 404 before anything is verified
      await recheck(request, userId, request.params.id);
      const detail = await getImport(db, userId, request.params.id);
      return { ...detail, verification: localiseResult(detail.verification, requestLang(request)) };
    },
  );

  app.delete(
    '/api/v1/me/imports/:id',
    mine('Take a credential I added out of my wallet', {
      params: IdParams,
      response: { 204: Type.Null(), 404: Type.Ref('Problem') },
    }),
    async (request, reply) => {
      const { userId } = userOf(request);
      await runRequestCommand(request, context, (cmd) => removeImport(cmd, userId, request.params.id));
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/api/v1/me/wallet',
    mine(
      "Everything I hold: this platform's credentials (grouped by institution in the UI, with whether I share each) and those I added",
      { response: { 200: WalletSchema } },
    ),
    async (request) => {
      const { userId } = userOf(request);
      await recheck(request, userId);
      const wallet = await walletOf(db, userId);
      const lang = requestLang(request);
      return { ...wallet, imported: wallet.imported.map((view) => localised(view, lang)) };
    },
  );
};
