import type { FastifyPluginAsync } from 'fastify';
import {
  UnreadableCredentialError,
  assertCredentialObject,
  parseCredentialInput,
} from './credential-input.ts';
import type { VerificationResult } from './verify.ts';
import { isJsonObject } from './values.ts';

export interface VerificationRoutesOptions {
  verify: (input: unknown) => Promise<VerificationResult>;
  /** Reads a credential from a link, for bodies of the form `{ "url": … }`; without it links are refused. */
  fetchCredential?: (url: string) => Promise<unknown>;
}

/** Media types under which wallets and issuers send a credential, besides plain JSON. */
const CREDENTIAL_MEDIA_TYPES = ['application/ld+json', 'application/vc+ld+json', 'application/vc'];

const CHECK_NAMES = ['json', 'schema', 'proof', 'issuer-key', 'status', 'validity', 'issuer-recognised'];

const VerificationResultSchema = {
  type: 'object',
  required: ['verified', 'checks', 'credential'],
  properties: {
    verified: { type: 'boolean', description: 'True only when every check of level "error" passed.' },
    checks: {
      type: 'array',
      items: {
        type: 'object',
        required: ['name', 'ok', 'level', 'detail'],
        properties: {
          name: { type: 'string', enum: CHECK_NAMES },
          ok: { type: 'boolean' },
          level: { type: 'string', enum: ['error', 'warning'] },
          detail: { type: 'string' },
          skipped: { type: 'boolean', description: 'The check could not run because an earlier one failed.' },
        },
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

/**
 * The body is the credential itself, `{ "credential": … }` as some wallets send it, or `{ "url": … }` for a
 * credential behind a link.
 */
async function credentialFromBody(
  body: unknown,
  fetchCredential?: (url: string) => Promise<unknown>,
): Promise<unknown> {
  if (isJsonObject(body) && body['@context'] === undefined && typeof body.url === 'string') {
    if (!fetchCredential)
      throw new UnreadableCredentialError('Links cannot be verified here; send the credential itself.');
    return assertCredentialObject(await fetchCredential(body.url));
  }
  if (body === undefined || body === null || body === '')
    throw new UnreadableCredentialError('Send the credential as the JSON body of the request.');
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
  // Inside this plugin only: JSON is parsed by parseCredentialInput, whose errors say where the JSON breaks,
  // and the credential media types are accepted here without other routes accepting them.
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser(
    ['application/json', ...CREDENTIAL_MEDIA_TYPES],
    { parseAs: 'string' },
    (_request, body, done) => {
      try {
        done(null, parseCredentialInput(body as string));
      } catch (error) {
        done(error as Error, undefined);
      }
    },
  );

  app.post(
    '/api/v1/verify',
    {
      config: { policy: 'public' },
      schema: {
        tags: ['verification'],
        summary: 'Verify an Open Badges 3.0 credential',
        description:
          'The body is the signed credential (or `{ "credential": … }`, or `{ "url": … }` for a link). Each check is reported separately: ' +
          'json, schema, proof, issuer-key, status, validity and issuer-recognised. A credential that does ' +
          'not verify is still answered 200, with `verified: false`; unreadable input is a 400 problem.',
        response: { 200: VerificationResultSchema },
      },
    },
    async (request) => verify(await credentialFromBody(request.body, fetchCredential)),
  );
};
