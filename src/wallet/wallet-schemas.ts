import { Type, type Static } from '@sinclair/typebox';
import { DateTime, Nullable, literalUnion } from '../core/schema-types.ts';
import { CredentialListItemSchema, TitlesSchema } from '../issuing/schemas.ts';
import { CHECK_CODES, CHECK_NAMES, ISSUER_TRUST_LEVELS } from '../verification/verify.ts';

/**
 * What the wallet's routes answer: a learner's credentials from this platform (with whether they share
 * each one) and the credentials they brought in from elsewhere, with the result of their last check.
 */

/** One check of a verification, as the verifier reports it (its words in the request's language). */
export const VerificationCheckSchema = Type.Object({
  name: literalUnion(CHECK_NAMES),
  code: literalUnion(CHECK_CODES),
  ok: Type.Boolean(),
  level: literalUnion(['error', 'warning'] as const),
  detail: Type.String(),
  params: Type.Record(Type.String(), Type.Union([Type.String(), Type.Number()])),
  skipped: Type.Optional(Type.Boolean()),
});

/** A verification result: the verdict, every check, the issuer and what the credential says. */
export const VerificationResultSchema = Type.Object({
  verified: Type.Boolean(),
  checks: Type.Array(VerificationCheckSchema),
  issuer: Type.Object({
    id: Type.Optional(Type.String()),
    name: Type.Optional(Type.String()),
    trust: literalUnion(ISSUER_TRUST_LEVELS),
  }),
  credential: Type.Object({
    id: Type.Optional(Type.String()),
    name: Type.Optional(Type.String()),
    issuer: Type.Optional(Type.Object({ id: Type.String(), name: Type.Optional(Type.String()) })),
    achievement: Type.Optional(
      Type.Object({
        name: Type.Optional(Type.String()),
        type: Type.Optional(Type.String()),
        credits: Type.Optional(Type.Number()),
      }),
    ),
    validFrom: Type.Optional(Type.String()),
    validUntil: Type.Optional(Type.String()),
    learner: Type.Optional(Type.String()),
  }),
});

export const ImportSourceSchema = literalUnion(['file', 'link', 'image', 'pdf'] as const);
export type ImportSource = Static<typeof ImportSourceSchema>;

export const IdentityMatchSchema = literalUnion(['match', 'mismatch', 'absent'] as const);
export type IdentityMatch = Static<typeof IdentityMatchSchema>;

/** The live state of an imported credential, from its last check. */
export const ImportStatusSchema = literalUnion([
  'valid',
  'revoked',
  'suspended',
  'expired',
  'not-verified',
] as const);
export type ImportStatus = Static<typeof ImportStatusSchema>;

/** A credential the learner brought in from elsewhere. */
export const ImportedCredentialSchema = Type.Object({
  id: Type.String({ description: 'The id of the import on this platform.' }),
  source: ImportSourceSchema,
  sourceUrl: Nullable(Type.String()),
  credentialId: Nullable(Type.String({ description: "The credential's own `id`, when it has one." })),
  name: Nullable(Type.String()),
  issuer: Type.Object({ id: Nullable(Type.String()), name: Nullable(Type.String()) }),
  validFrom: Nullable(Type.String()),
  identity: Type.Union([IdentityMatchSchema], {
    description:
      "Whether the credential's e-mail identity is the holder's address: `mismatch` means it was issued " +
      'to someone else; `absent` that it names no e-mail address.',
  }),
  status: ImportStatusSchema,
  verification: VerificationResultSchema,
  checkedAt: DateTime,
  importedAt: DateTime,
});
export type ImportedCredentialView = Static<typeof ImportedCredentialSchema>;

/** One imported credential with the document as it was received. */
export const ImportedCredentialDetailSchema = Type.Object({
  ...ImportedCredentialSchema.properties,
  document: Type.Object({}, { additionalProperties: true, description: 'The signed credential.' }),
});
export type ImportedCredentialDetail = Static<typeof ImportedCredentialDetailSchema>;

/** A credential of this platform in the holder's wallet: the list item, its institution's name, sharing. */
export const WalletCredentialSchema = Type.Object({
  ...CredentialListItemSchema.properties,
  institutionName: TitlesSchema,
  shared: Type.Boolean({ description: "True when the holder made the credential's page public." }),
});
export type WalletCredential = Static<typeof WalletCredentialSchema>;

/** Everything a learner holds. */
export const WalletSchema = Type.Object({
  issued: Type.Array(WalletCredentialSchema),
  imported: Type.Array(ImportedCredentialSchema),
});
export type Wallet = Static<typeof WalletSchema>;

/** The body of an import by link. */
export const ImportLinkSchema = Type.Object(
  { url: Type.String({ minLength: 1, maxLength: 2000 }) },
  { additionalProperties: false },
);

/** The refusal of a credential that does not verify (RFC 9457), with the checks that failed. */
export const ImportRefusalSchema = Type.Object({
  type: Type.String(),
  title: Type.String(),
  status: Type.Integer(),
  detail: Type.String({ description: "Every failing check's reason, in the language of Accept-Language." }),
  instance: Type.String(),
  code: Type.Literal('credential-not-verified'),
  checks: Type.Array(VerificationCheckSchema, { description: 'The checks that failed.' }),
  verification: VerificationResultSchema,
});
