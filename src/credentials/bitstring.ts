import { gunzipSync, gzipSync } from 'node:zlib';

/**
 * The Bitstring Status List encoding (W3C): entries of `statusSize` bits, index 0 at the most significant
 * bit of the first byte, GZIP-compressed, base64url with the multibase prefix "u". Written here rather than
 * taken from a library because the library reads one bit per entry only, and Stapel keeps revocation and
 * suspension in one two-bit entry (see statusMessages).
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

/** Stapel's status values, one two-bit entry per credential. */
export const STATUS = { valid: 0, revoked: 1, suspended: 2 } as const;
export type StatusName = keyof typeof STATUS;

/** The statusMessage array of every Stapel status entry: what each value means. */
export const STATUS_MESSAGES = [
  { status: '0x0', message: 'valid' },
  { status: '0x1', message: 'revoked' },
  { status: '0x2', message: 'suspended' },
] as const;

/** The W3C minimum for herd privacy: 131,072 entries. */
export const STATUS_LIST_ENTRIES = 131_072;
export const STATUS_SIZE = 2;
