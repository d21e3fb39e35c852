/**
 * The pseudonym of an erased account and the rewriting of texts that named it: pure functions, so that the
 * erasure and its tests agree on what is left.
 */

/** Who someone was (every address and name) or is from now on (the pseudonym: one address, one name). */
export interface Identity {
  emails: readonly string[];
  names: readonly string[];
}

/**
 * The pseudonym of an erased account: its id, which says nothing about the person, as a name and as an
 * address in a domain that cannot receive mail (`.invalid`), so that the unique address column still holds.
 *
 * @example
 * erasedIdentity('3f2a…') // → { emails: ['erased-3f2a…@erased.invalid'], names: ['erased-3f2a…'] }
 */
export function erasedIdentity(userId: string): Identity {
  return { emails: [`erased-${userId}@erased.invalid`], names: [`erased-${userId}`] };
}

const escaped = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * A text with every address (in any case) and every name of `who` replaced by the pseudonym; addresses
 * first, so that a name inside an address is not replaced on its own. A name counts only as a whole word:
 * "An" is no mention in "Antwerpen", nor "Jan" in "januari".
 *
 * @example
 * scrubText('Lien <lien@example.be>', { emails: ['lien@example.be'], names: ['Lien'] }, erasedIdentity('7'))
 * // → 'erased-7 <erased-7@erased.invalid>'
 */
export function scrubText(text: string, who: Identity, pseudonym: Identity): string {
  let out = text;
  for (const email of who.emails)
    out = out.replace(new RegExp(escaped(email), 'gi'), pseudonym.emails[0] ?? '');
  // Longest first: "Lien Lerende" goes before a former name "Lien".
  for (const name of [...who.names].sort((a, b) => b.length - a.length))
    out = out.replace(
      new RegExp(`(?<![\\p{L}\\p{N}])${escaped(name)}(?![\\p{L}\\p{N}])`, 'giu'),
      pseudonym.names[0] ?? '',
    );
  return out;
}

/**
 * A JSON value with `scrubText` applied to every string in it (keys stay).
 *
 * @example
 * scrubValue({ after: { email: 'lien@example.be' } }, who, pseudonym) // → { after: { email: 'erased-…@erased.invalid' } }
 */
export function scrubValue(value: unknown, who: Identity, pseudonym: Identity): unknown {
  if (typeof value === 'string') return scrubText(value, who, pseudonym);
  if (Array.isArray(value)) return value.map((v) => scrubValue(v, who, pseudonym));
  if (value !== null && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, scrubValue(v, who, pseudonym)]));
  return value;
}
