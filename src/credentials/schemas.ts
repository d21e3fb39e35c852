import { Type, type TSchema } from '@sinclair/typebox';

/**
 * What the public credential documents look like: DID documents, issuer profiles and the extension context.
 * These documents are JSON-LD that verifiers canonicalise (and a signature may cover), so their schemas are
 * open: the key properties are declared and everything else is allowed. The routes send the documents as
 * they are built or stored, in their order; the schemas describe them for the OpenAPI document.
 */

const open = { additionalProperties: true } as const;

/** An institution's did:web DID document: every key it ever signed with. */
export const DidDocumentSchema = Type.Object(
  {
    '@context': Type.Array(Type.String()),
    id: Type.String({ description: 'The did:web of the institution.' }),
    verificationMethod: Type.Array(
      Type.Object(
        {
          id: Type.String(),
          type: Type.Literal('Multikey'),
          controller: Type.String(),
          publicKeyMultibase: Type.String(),
        },
        open,
      ),
    ),
    assertionMethod: Type.Array(Type.String()),
  },
  { ...open, description: 'The DID document; only the keys listed here may sign for the institution.' },
);

/** An institution as an Open Badges issuer Profile. */
export const IssuerProfileSchema = Type.Object(
  {
    '@context': Type.Array(Type.String()),
    type: Type.Array(Type.String()),
    id: Type.String({ description: 'The did:web of the institution.' }),
    name: Type.String(),
    url: Type.String(),
    email: Type.Optional(Type.Union([Type.String(), Type.Null()])),
    address: Type.Object({}, open),
  },
  open,
);

/** A JSON-LD context document. */
export const JsonLdContextSchema = Type.Object(
  { '@context': Type.Object({}, open) },
  { ...open, description: 'The same bytes in every installation; recognised by its hash.' },
);

/**
 * The options of a public route that answers one credential document: open to anyone, tagged
 * `credentials`, its 200 described by `response`. Such a route sends the document's JSON text (untyped by
 * the schema: the text is sent as it is, never serialised again).
 *
 * @example
 * fastify.get<{ Params: { id: string } }>('/status-lists/:id', publicDocumentRoute('A signed status list', StatusListCredentialSchema, IdParams), handler);
 */
export function publicDocumentRoute(summary: string, response: TSchema, params?: TSchema) {
  return {
    config: { policy: 'public' as const },
    schema: { tags: ['credentials'], summary, ...(params ? { params } : {}), response: { 200: response } },
  };
}
