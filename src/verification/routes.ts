import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import {
  UnreadableCredentialError,
  assertCredentialObject,
  parseCredentialInput,
} from './credential-input.ts';
import { requestLang } from '../core/http.ts';
import { route } from '../core/route-spec.ts';
import { credentialFromFile } from './credential-file.ts';
import {
  InputLimitError,
  MAX_CREDENTIAL_BYTES,
  MAX_CREDENTIAL_FILE_BYTES,
  assertValueWithinInputLimits,
} from './input-limits.ts';
import { VerificationBusyError } from './verification-pool.ts';
import {
  CHECK_CODES,
  CHECK_NAMES,
  ISSUER_TRUST_LEVELS,
  localiseResult,
  type VerificationResult,
} from './verify.ts';
import { isJsonObject } from './values.ts';

export interface VerificationRoutesOptions {
  verify: (input: unknown) => Promise<VerificationResult>;
  /** Reads a credential from a link, for bodies of the form `{ "url": … }`; without it links are refused. */
  fetchCredential?: (url: string, request?: FastifyRequest) => Promise<unknown>;
}

/** Media types under which wallets and issuers send a credential, besides plain JSON. */
const CREDENTIAL_MEDIA_TYPES = ['application/ld+json', 'application/vc+ld+json', 'application/vc'];

/**
 * Files that carry a credential: a baked badge image or a PDF certificate, and any file sent as plain
 * bytes (recognised by its content, so that a client need not know what the learner chose).
 */
const CREDENTIAL_FILE_TYPES = ['image/png', 'image/svg+xml', 'application/pdf', 'application/octet-stream'];

/** A credential read from a file body: taken as it is, never as `{ "url": … }` or `{ "credential": … }`. */
class FileCredential {
  constructor(readonly credential: unknown) {}
}

const VerificationResultSchema = {
  type: 'object',
  required: ['verified', 'checks', 'issuer', 'credential'],
  properties: {
    verified: { type: 'boolean', description: 'True only when every check of level "error" passed.' },
    checks: {
      type: 'array',
      items: {
        type: 'object',
        required: ['name', 'code', 'ok', 'level', 'detail', 'params'],
        properties: {
          name: { type: 'string', enum: [...CHECK_NAMES] },
          code: {
            type: 'string',
            enum: [...CHECK_CODES],
            description: 'Why, as a stable code; `detail` words it in the language of `Accept-Language`.',
          },
          ok: { type: 'boolean' },
          level: { type: 'string', enum: ['error', 'warning'] },
          detail: { type: 'string' },
          params: {
            type: 'object',
            additionalProperties: { type: ['string', 'number'] },
            description: 'The values the explanation names (dates as ISO 8601).',
          },
          skipped: { type: 'boolean', description: 'The check could not run because an earlier one failed.' },
        },
      },
    },
    issuer: {
      type: 'object',
      required: ['trust'],
      description:
        'Who the credential says issued it, and how far that is vouched for: `recognised` (an institution ' +
        'of this platform or a trusted issuer, its key bound by its DID document), `unrecognised` (a key ' +
        'bound to a DID not on the list) or `unconfirmed` (only the credential vouches for its key). ' +
        '`name` is the name as claimed, unless recognised.',
      properties: {
        id: { type: 'string' },
        name: { type: 'string' },
        trust: { type: 'string', enum: [...ISSUER_TRUST_LEVELS] },
      },
    },
    credential: {
      type: 'object',
      properties: {
        id: { type: 'string' },
        name: { type: 'string' },
        issuer: {
          type: 'object',
          required: ['id'],
          properties: { id: { type: 'string' }, name: { type: 'string' } },
        },
        achievement: {
          type: 'object',
          properties: { name: { type: 'string' }, type: { type: 'string' }, credits: { type: 'number' } },
        },
        validFrom: { type: 'string' },
        validUntil: { type: 'string' },
        learner: { type: 'string' },
      },
    },
  },
} as const;

/** The media type of a Content-Type header, without its parameters, in lower case. */
function mediaTypeOf(header: string | undefined): string {
  return (header ?? '').split(';')[0]!.trim().toLowerCase();
}

function isVerificationResult(payload: unknown): payload is VerificationResult {
  return isJsonObject(payload) && Array.isArray(payload.checks) && typeof payload.verified === 'boolean';
}

/**
 * The body is the credential itself, `{ "credential": … }` as some wallets send it, or `{ "url": … }` for a
 * credential behind a link.
 */
async function credentialFromBody(
  request: FastifyRequest,
  fetchCredential?: (url: string, request: FastifyRequest) => Promise<unknown>,
): Promise<unknown> {
  const { body } = request;
  if (body instanceof FileCredential) return body.credential;
  if (isJsonObject(body) && body['@context'] === undefined && typeof body.url === 'string') {
    if (!fetchCredential) throw new UnreadableCredentialError({ key: 'links-not-here' });
    return assertCredentialObject(await fetchCredential(body.url, request));
  }
  if (body === undefined || body === null || body === '')
    throw new UnreadableCredentialError({ key: 'send-body' });
  if (typeof body === 'string') return parseCredentialInput(body);
  if (isJsonObject(body) && body['@context'] === undefined && body.credential !== undefined) {
    const inner = body.credential;
    return typeof inner === 'string' ? parseCredentialInput(inner) : assertCredentialObject(inner);
  }
  return assertCredentialObject(body);
}

/**
 * Public verification: anyone may check a credential. Unreadable input is a 400 problem; a credential
 * that fails its checks is still a successful request, answered 200 with the checks that failed.
 *
 * @example
 * await app.register(verificationRoutes, { verify: (input) => verifyCredential(input, verifyOptions) });
 */
export const verificationRoutes: FastifyPluginAsync<VerificationRoutesOptions> = async (
  app,
  { verify, fetchCredential },
) => {
  // Results and unreadable input are worded in the request's language; the codes stay the same.
  app.addHook('preSerialization', async (request, _reply, payload: unknown) =>
    isVerificationResult(payload) ? localiseResult(payload, requestLang(request)) : payload,
  );
  app.setErrorHandler((error, request, reply) => {
    const lang = requestLang(request);
    // A body over the limit is refused by Fastify before it is read: the same refusal as from the scanner.
    if ((error as { code?: unknown }).code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      const file = CREDENTIAL_FILE_TYPES.includes(mediaTypeOf(request.headers['content-type']));
      const limit = file ? MAX_CREDENTIAL_FILE_BYTES : MAX_CREDENTIAL_BYTES;
      throw new InputLimitError({ rule: 'input-too-large', limit }, lang);
    }
    if (error instanceof VerificationBusyError)
      void reply.header('retry-after', String(error.retryAfterSeconds));
    // Handled by the application's problem handler; only the words change.
    throw error instanceof UnreadableCredentialError || error instanceof InputLimitError
      ? error.localised(lang)
      : error;
  });

  // A credential behind a link is held to the same limits as one sent in the body, before it is verified.
  const fetchLimited =
    fetchCredential &&
    (async (url: string, request: FastifyRequest) =>
      assertValueWithinInputLimits(await fetchCredential(url, request)));

  // Inside this plugin only: JSON is parsed by parseCredentialInput, whose errors say where the JSON breaks,
  // and the credential media types are accepted here without other routes accepting them.
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser(
    ['application/json', ...CREDENTIAL_MEDIA_TYPES],
    // Size, depth and value count are checked before parsing (parseCredentialInput), so that no input can
    // hold the event loop or exhaust the stack; Fastify refuses a larger body before reading it.
    { parseAs: 'string', bodyLimit: MAX_CREDENTIAL_BYTES },
    (_request, body, done) => {
      try {
        done(null, parseCredentialInput(body as string));
      } catch (error) {
        done(error as Error, undefined);
      }
    },
  );

  // Images and PDFs are read as bytes, up to the file limit; the credential inside them is then held to the
  // same parser and limits as JSON (credentialFromFile).
  app.addContentTypeParser(
    CREDENTIAL_FILE_TYPES,
    { parseAs: 'buffer', bodyLimit: MAX_CREDENTIAL_FILE_BYTES },
    (_request, body, done) => {
      credentialFromFile(new Uint8Array(body as Buffer)).then(
        (credential) => done(null, new FileCredential(credential)),
        (error: unknown) => done(error as Error, undefined),
      );
    },
  );

  app.post(
    '/api/v1/verify',
    route('public', 'verification', 'Verify an Open Badges 3.0 credential', {
      description:
        'The body is the signed credential (or `{ "credential": … }`, or `{ "url": … }` for a link). Each check is reported separately: ' +
        'json, schema, proof, issuer-key, status, validity and issuer-recognised, each with a stable `code` and ' +
        'its `detail` in the language of `Accept-Language` (nl or en); `issuer.trust` says how far the ' +
        'issuer is vouched for. A credential that does not verify is still answered 200, with ' +
        '`verified: false`; unreadable input (not JSON, a key twice in one object) is a 400 problem. ' +
        'The body may also be a file that carries the credential: a baked badge image (`image/png` with an ' +
        '`openbadgecredential` iTXt chunk, `image/svg+xml` with an `<openbadges:credential>` element) or a PDF ' +
        'certificate with the credential attached (`application/pdf`), up to 5 MiB; `application/octet-stream` ' +
        'is recognised by its content. A file without a credential is a 400 problem that says so.',
      consumes: ['application/json', ...CREDENTIAL_MEDIA_TYPES, ...CREDENTIAL_FILE_TYPES],
      // Any body: what it is, is read by credentialFromBody and credentialFromFile, with their own messages.
      body: { description: 'A credential (JSON), or a file that carries one (PNG, SVG, PDF).' },
      response: { 200: VerificationResultSchema },
    }),
    async (request) => verify(await credentialFromBody(request, fetchLimited)),
  );
};
