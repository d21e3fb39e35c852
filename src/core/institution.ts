import { Type, type Static } from '@sinclair/typebox';

const NullableString = Type.Union([Type.String(), Type.Null()]);

/** An institution as the API shows it inside other answers (a micro-credential's issuer, say). */
export const InstitutionSchema = Type.Object(
  {
    id: Type.String(),
    slug: Type.String(),
    name: Type.Object({ nl: Type.String(), en: Type.String() }),
    url: Type.String(),
    email: NullableString,
    address: Type.Object({
      street: NullableString,
      postalCode: NullableString,
      locality: NullableString,
      region: Type.String(),
      country: Type.String(),
    }),
  },
  { additionalProperties: false },
);

/** An institution as every domain receives it: the `institution` of `fn(cmd, institution, input)`. */
export type Institution = Static<typeof InstitutionSchema>;
