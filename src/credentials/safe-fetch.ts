import dns from 'node:dns/promises';
import net from 'node:net';
import { didWebUrl } from './did.ts';

export interface SafeFetchOptions {
  /** Allow plain http to loopback hosts (tests and development only). */
  allowInsecureLoopback?: boolean;
  maxBytes?: number;
  timeoutMs?: number;
  /** How long a fetched document is reused, in milliseconds. */
  cacheTtlMs?: number;
  fetchImpl?: typeof fetch;
  /** Resolves a host name to its addresses before connecting (the system resolver by default). */
  lookup?: (hostname: string) => Promise<string[]>;
}

export class FetchRefusedError extends Error {
  constructor(
    readonly url: string,
    reason: string,
  ) {
    super(`Refused to fetch ${url}: ${reason}`);
    this.name = 'FetchRefusedError';
  }
}

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '::1']);

// Addresses a credential must never make the server talk to: private, loopback, link-local (cloud
// metadata), carrier-grade NAT, unspecified, unique-local and multicast ranges.
const BLOCKED = new net.BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const) {
  BLOCKED.addSubnet(network, prefix, 'ipv4');
}
for (const [network, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['::', 96], // IPv4-compatible ::a.b.c.d
  ['64:ff9b::', 96], // NAT64: reaches IPv4 addresses, private ones included
  ['64:ff9b:1::', 48],
  ['2002::', 16], // 6to4: embeds an IPv4 address
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
] as const) {
  BLOCKED.addSubnet(network, prefix, 'ipv6');
}

const bare = (hostname: string) => hostname.replace(/^\[|\]$/g, '').toLowerCase();

/** `::ffff:7f00:1` (how URLs write `::ffff:127.0.0.1`) → `127.0.0.1`; anything else unchanged. */
function unmapIpv4(address: string): string {
  const mapped = /^::ffff:(?:([0-9.]+)|([0-9a-f]{1,4}):([0-9a-f]{1,4}))$/.exec(address);
  if (!mapped) return address;
  if (mapped[1]) return mapped[1];
  const high = parseInt(mapped[2]!, 16);
  const low = parseInt(mapped[3]!, 16);
  return [high >> 8, high & 255, low >> 8, low & 255].join('.');
}

function isBlockedAddress(address: string): boolean {
  const ip = unmapIpv4(bare(address));
  if (net.isIPv4(ip)) return BLOCKED.check(ip, 'ipv4');
  if (net.isIPv6(ip)) return BLOCKED.check(ip, 'ipv6');
  return false;
}

function isLoopback(hostname: string): boolean {
  const ip = unmapIpv4(bare(hostname));
  return LOOPBACK_HOSTS.has(ip) || (net.isIPv4(ip) && ip.startsWith('127.'));
}

async function systemLookup(hostname: string): Promise<string[]> {
  const answers = await dns.lookup(hostname, { all: true, verbatim: true });
  return answers.map((a) => a.address);
}

/**
 * Fetches JSON documents for verification (foreign contexts, DID documents, status lists) without letting
 * a credential steer the server: https only, no private addresses, a size and time limit, and a cache.
 * Plain http is allowed to loopback hosts only when `allowInsecureLoopback` is set.
 *
 * @example
 * const fetcher = new SafeFetcher({ allowInsecureLoopback: process.env.STAPEL_INSECURE_LOOPBACK === '1' });
 * const didDocument = await fetcher.json('https://uni.example/institutions/x/did.json');
 */
export class SafeFetcher {
  private readonly cache = new Map<string, { at: number; value: unknown }>();
  private readonly options: Required<SafeFetchOptions>;

  constructor(options: SafeFetchOptions = {}) {
    this.options = {
      allowInsecureLoopback: options.allowInsecureLoopback ?? false,
      maxBytes: options.maxBytes ?? 512 * 1024,
      timeoutMs: options.timeoutMs ?? 5000,
      cacheTtlMs: options.cacheTtlMs ?? 5 * 60 * 1000,
      fetchImpl: options.fetchImpl ?? fetch,
      lookup: options.lookup ?? systemLookup,
    };
  }

  /**
   * The URL to fetch a did:web document from: https, except for loopback hosts when plain http to
   * loopback is allowed (development installations run without TLS).
   */
  didWebDocumentUrl(did: string): string {
    const secure = didWebUrl(did);
    if (!this.options.allowInsecureLoopback) return secure;
    return isLoopback(new URL(secure).hostname) ? didWebUrl(did, 'http:') : secure;
  }

  /** Throws FetchRefusedError when the URL may not be fetched at all. */
  check(url: string): URL {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      throw new FetchRefusedError(url, 'not a URL');
    }
    const loopback = isLoopback(parsed.hostname);
    if (parsed.protocol === 'http:') {
      if (!(loopback && this.options.allowInsecureLoopback)) {
        throw new FetchRefusedError(
          url,
          'only https is allowed (plain http only to loopback with STAPEL_INSECURE_LOOPBACK=1)',
        );
      }
    } else if (parsed.protocol !== 'https:') {
      throw new FetchRefusedError(url, `the ${parsed.protocol} scheme is not allowed`);
    }
    if (parsed.username || parsed.password)
      throw new FetchRefusedError(url, 'credentials in URLs are not allowed');
    if (isBlockedAddress(parsed.hostname) && !(loopback && this.options.allowInsecureLoopback)) {
      throw new FetchRefusedError(url, 'private and loopback addresses are not allowed');
    }
    return parsed;
  }

  /**
   * Resolves the host and refuses when any address is private. A name that changes its answer between
   * this check and the connection (DNS rebinding) is not caught here; that needs a pinned connection.
   */
  private async checkResolved(parsed: URL): Promise<void> {
    const host = bare(parsed.hostname);
    if (net.isIP(unmapIpv4(host)) || (isLoopback(host) && this.options.allowInsecureLoopback)) return;
    let addresses: string[];
    try {
      addresses = await this.options.lookup(host);
    } catch (error) {
      throw new FetchRefusedError(parsed.href, `the host cannot be found (${(error as Error).message})`);
    }
    if (addresses.some(isBlockedAddress)) {
      throw new FetchRefusedError(parsed.href, 'the host resolves to a private or loopback address');
    }
  }

  async json(url: string): Promise<unknown> {
    const cached = this.cache.get(url);
    if (cached && Date.now() - cached.at < this.options.cacheTtlMs) return structuredClone(cached.value);
    const parsed = this.check(url);
    await this.checkResolved(parsed);
    let response: Response;
    try {
      response = await this.options.fetchImpl(parsed, {
        headers: { accept: 'application/ld+json, application/json;q=0.9' },
        redirect: 'error',
        signal: AbortSignal.timeout(this.options.timeoutMs),
      });
    } catch (error) {
      throw new FetchRefusedError(url, `could not be fetched (${(error as Error).message})`);
    }
    if (!response.ok) throw new FetchRefusedError(url, `the server answered ${response.status}`);
    const declared = Number(response.headers.get('content-length') ?? '0');
    if (declared > this.options.maxBytes)
      throw new FetchRefusedError(url, `larger than ${this.options.maxBytes} bytes`);
    const reader = response.body?.getReader();
    const chunks: Uint8Array[] = [];
    let total = 0;
    if (reader) {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        total += value.byteLength;
        if (total > this.options.maxBytes) {
          await reader.cancel();
          throw new FetchRefusedError(url, `larger than ${this.options.maxBytes} bytes`);
        }
        chunks.push(value);
      }
    }
    let value: unknown;
    try {
      value = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    } catch {
      throw new FetchRefusedError(url, 'the answer is not JSON');
    }
    if (this.cache.size > 500) this.cache.clear();
    this.cache.set(url, { at: Date.now(), value });
    return structuredClone(value);
  }
}
