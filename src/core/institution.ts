/** An institution as every domain receives it: the `institution` of `fn(cmd, institution, input)`. */
export interface Institution {
  id: string;
  slug: string;
  name: { nl: string; en: string };
  url: string;
  email: string | null;
  address: {
    street: string | null;
    postalCode: string | null;
    locality: string | null;
    region: string;
    country: string;
  };
}
