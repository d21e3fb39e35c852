import { gunzipSync, gzipSync } from 'node:zlib';

/**
 * The Bitstring Status List encoding (W3C): entries of `statusSize` bits, index 0 at the most significant
 * bit of the first byte, GZIP-compressed, base64url with the multibase prefix "u". Written here rather than
 * taken from a library because the library reads one bit per entry only, while credentials Stapel issued
 * before one-bit lists keep revocation and suspension in one two-bit `message` entry (STATUS_MESSAGES).
 */
export class Bitstring {
  readonly bytes: Uint8Array;

  constructor(
    readonly entries: number,
    readonly statusSize: number,
    bytes?: Uint8Array,
  ) {
    const length = Math.ceil((entries * statusSize) / 8);
    if (bytes && bytes.length < length)
      throw new Error(`The list holds ${bytes.length} bytes; ${length} are needed.`);
    this.bytes = bytes ?? new Uint8Array(length);
  }

  get(index: number): number {
    this.checkIndex(index);
    let value = 0;
    for (let b = 0; b < this.statusSize; b++) {
      const bit = index * this.statusSize + b;
      value = (value << 1) | ((this.bytes[bit >> 3]! >> (7 - (bit & 7))) & 1);
    }
    return value;
  }

  set(index: number, value: number): void {
    this.checkIndex(index);
    if (value < 0 || value >= 2 ** this.statusSize)
      throw new Error(`Status ${value} does not fit in ${this.statusSize} bits.`);
    for (let b = 0; b < this.statusSize; b++) {
      const bit = index * this.statusSize + b;
      const on = (value >> (this.statusSize - 1 - b)) & 1;
      const mask = 1 << (7 - (bit & 7));
      this.bytes[bit >> 3] = on ? this.bytes[bit >> 3]! | mask : this.bytes[bit >> 3]! & ~mask;
    }
  }

  encode(): string {
    return 'u' + gzipSync(this.bytes).toString('base64url');
  }

  /** Decodes an `encodedList`, refusing lists that would inflate beyond what `entries` needs (gzip bombs). */
  static decode(encodedList: string, entries: number, statusSize: number): Bitstring {
    if (!encodedList.startsWith('u'))
      throw new Error('encodedList must be multibase base64url (prefix "u").');
    const needed = Math.ceil((entries * statusSize) / 8);
    const bytes = gunzipSync(Buffer.from(encodedList.slice(1), 'base64url'), {
      maxOutputLength: Math.max(needed, 16 * 1024 * 1024),
    });
    return new Bitstring(Math.floor((bytes.length * 8) / statusSize), statusSize, new Uint8Array(bytes));
  }

  private checkIndex(index: number): void {
    if (!Number.isInteger(index) || index < 0 || index >= this.entries)
      throw new Error(`Status index ${index} is outside the list.`);
  }
}

/**
 * A credential's status as the `credentials.status` column stores it, the one source of truth from which
 * every list is derived: 0 valid, 1 revoked, 2 suspended.
 */
export const STATUS = { valid: 0, revoked: 1, suspended: 2 } as const;
export type StatusName = keyof typeof STATUS;

/**
 * What a status list is for. `revocation` and `suspension` lists hold one bit per credential, which is what
 * every verifier reads; `message` lists hold the two-bit entries of credentials issued before them.
 */
export type StatusPurpose = 'revocation' | 'suspension' | 'message';
export const STATUS_PURPOSES: readonly StatusPurpose[] = ['revocation', 'suspension', 'message'];

/** The statusMessage array of a legacy two-bit `message` entry: what each value means. */
export const STATUS_MESSAGES = [
  { status: '0x0', message: 'valid' },
  { status: '0x1', message: 'revoked' },
  { status: '0x2', message: 'suspended' },
] as const;

/** The W3C minimum for herd privacy: 131,072 entries. */
export const STATUS_LIST_ENTRIES = 131_072;
/** Bits per entry of the legacy `message` lists. */
export const STATUS_SIZE = 2;

/**
 * Reads a stored purpose; throws on one this code does not know, rather than guessing its bits.
 *
 * @example
 * statusPurposeOf('revocation'); // 'revocation'
 */
export function statusPurposeOf(text: string): StatusPurpose {
  const purpose = STATUS_PURPOSES.find((p) => p === text);
  if (!purpose) throw new Error(`Status list purpose "${text}" is unknown.`);
  return purpose;
}

/**
 * Bits per entry on a list of the given purpose.
 *
 * @example
 * statusSizeFor('revocation'); // 1
 */
export function statusSizeFor(purpose: StatusPurpose): number {
  return purpose === 'message' ? STATUS_SIZE : 1;
}

/**
 * The value a list of the given purpose holds for a credential in the given status: a revocation list sets
 * its bit for a revoked credential, a suspension list for a suspended one, a message list holds the status.
 *
 * @example
 * listValue('revocation', STATUS.suspended); // 0
 * listValue('message', STATUS.suspended); // 2
 */
export function listValue(purpose: StatusPurpose, status: number): number {
  if (purpose === 'message') return status;
  if (purpose === 'revocation') return status === STATUS.revoked ? 1 : 0;
  return status === STATUS.suspended ? 1 : 0;
}
