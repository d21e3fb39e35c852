import dns from 'node:dns/promises';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import { didWebUrl } from './did.ts';

export interface SafeFetchOptions {
  /**
   * Allow plain http to loopback hosts (tests and development only): loopback addresses, `localhost`, and
   * names whose every address is loopback.
   */
  allowInsecureLoopback?: boolean;
  maxBytes?: number;
  timeoutMs?: number;
  /** How long a fetched document is reused, in milliseconds. */
  cacheTtlMs?: number;
  /**
   * Replaces the network (tests only): the limits still apply, but the connection is whatever this
   * function makes, so it is not pinned to the checked address.
   */
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
// metadata), carrier-grade NAT, unspecified, documentation, benchmarking, unique-local and multicast ranges.
// Two lists, because a BlockList applies IPv6 rules for ::ffff:0:0/96 to plain IPv4 addresses as well.
const BLOCKED_IPV4 = new net.BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24], // TEST-NET-1
  ['192.88.99.0', 24], // 6to4 relay anycast
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24], // TEST-NET-2
  ['203.0.113.0', 24], // TEST-NET-3
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const) {
  BLOCKED_IPV4.addSubnet(network, prefix, 'ipv4');
}
const BLOCKED_IPV6 = new net.BlockList();
for (const [network, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['::', 96], // IPv4-compatible ::a.b.c.d
  ['::ffff:0:0', 96], // IPv4-mapped ::ffff:a.b.c.d: reaches IPv4 addresses, private ones included
  ['::ffff:0:0:0', 96], // IPv4-translated ::ffff:0:a.b.c.d (SIIT)
  ['64:ff9b::', 96], // NAT64: reaches IPv4 addresses, private ones included
  ['64:ff9b:1::', 48],
  ['100::', 64], // discard-only
  ['2001::', 32], // Teredo: embeds an IPv4 address and tunnels to it
  ['2001:db8::', 32], // documentation
  ['2002::', 16], // 6to4: embeds an IPv4 address
  ['3fff::', 20], // documentation
  ['fc00::', 7],
  ['fe80::', 10],
  ['fec0::', 10], // site-local (deprecated, still routed inside some networks)
  ['ff00::', 8],
] as const) {
  BLOCKED_IPV6.addSubnet(network, prefix, 'ipv6');
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

/** Whether an IP address (URL spelling with brackets allowed) lies in a blocked range; false for names. */
function isBlockedAddress(address: string): boolean {
  const ip = bare(address);
  // A zone index (fe80::1%eth0) only exists for link-local and other interface-bound addresses.
  if (ip.includes('%')) return true;
  if (net.isIPv4(ip)) return BLOCKED_IPV4.check(ip, 'ipv4');
  if (net.isIPv6(ip)) return BLOCKED_IPV6.check(ip, 'ipv6');
  return false;
}

function isLoopback(hostname: string): boolean {
  const ip = unmapIpv4(bare(hostname));
  return LOOPBACK_HOSTS.has(ip) || (net.isIPv4(ip) && ip.startsWith('127.'));
}

/** A loopback address (not a name): 127.0.0.0/8, ::1 and their IPv4-mapped spellings. */
function isLoopbackAddress(address: string): boolean {
  const ip = unmapIpv4(bare(address));
  return ip === '::1' || (net.isIPv4(ip) && ip.startsWith('127.'));
}

async function systemLookup(hostname: string): Promise<string[]> {
  const answers = await dns.lookup(hostname, { all: true, verbatim: true });
  return answers.map((a) => a.address);
}

const ACCEPT = 'application/ld+json, application/json;q=0.9, */*;q=0.1';

/** A connection's `lookup`: hands out the addresses already checked, never asking a resolver again. */
function pinnedLookup(addresses: readonly string[]): net.LookupFunction {
  const answers = addresses.map((address) => ({ address, family: net.isIPv6(address) ? 6 : 4 }));
  return (_hostname, options, callback) => {
    const wanted = answers.filter((a) => !options.family || a.family === options.family);
    const pick = wanted.length > 0 ? wanted : answers;
    if (options.all) {
      (callback as unknown as (error: null, all: typeof answers) => void)(null, pick);
    } else {
      callback(null, pick[0]!.address, pick[0]!.family);
    }
  };
}

/**
 * Fetches documents for verification (foreign contexts, DID documents, status lists, credentials by URL)
 * without letting a credential steer the server: https only, no private addresses, a size and time limit,
 * no redirects, and a cache. The host is resolved once, every address is checked, and the connection goes
 * to a checked address (a name cannot answer differently for the connection: DNS rebinding). TLS still
 * checks the certificate against the host name. Plain http is allowed to loopback only when
 * `allowInsecureLoopback` is set.
 *
 * @example
 * const fetcher = new SafeFetcher({ allowInsecureLoopback: process.env.STAPEL_INSECURE_LOOPBACK === '1' });
 * const didDocument = await fetcher.json('https://uni.example/institutions/x/did.json');
 */
export class SafeFetcher {
  private readonly cache = new Map<string, { at: number; value: string }>();
  private readonly options: Required<Omit<SafeFetchOptions, 'fetchImpl'>> &
    Pick<SafeFetchOptions, 'fetchImpl'>;

  constructor(options: SafeFetchOptions = {}) {
    this.options = {
      allowInsecureLoopback: options.allowInsecureLoopback ?? false,
      maxBytes: options.maxBytes ?? 512 * 1024,
      timeoutMs: options.timeoutMs ?? 5000,
      cacheTtlMs: options.cacheTtlMs ?? 5 * 60 * 1000,
      fetchImpl: options.fetchImpl,
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

  /** Throws FetchRefusedError when the URL may not be fetched at all (before any name is resolved). */
  check(url: string): URL {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      throw new FetchRefusedError(url, 'not a URL');
    }
    const loopback = isLoopback(parsed.hostname);
    // A name may still turn out to be loopback: `resolve` decides once it has the addresses.
    const maybeLoopback = loopback || net.isIP(bare(parsed.hostname)) === 0;
    if (parsed.protocol === 'http:') {
      if (!(maybeLoopback && this.options.allowInsecureLoopback)) {
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
   * The addresses to connect to: the literal address, or the host's answers from one lookup, each
   * checked. With `allowInsecureLoopback`, a host whose every answer is loopback counts as loopback
   * (plain http allowed); `localhost` must answer loopback only.
   */
  private async resolve(parsed: URL): Promise<string[]> {
    const host = bare(parsed.hostname);
    if (net.isIP(host)) return [host];
    let addresses: string[];
    try {
      addresses = (await this.options.lookup(host)).map(bare);
    } catch (error) {
      throw new FetchRefusedError(parsed.href, `the host cannot be found (${(error as Error).message})`);
    }
    if (addresses.length === 0) throw new FetchRefusedError(parsed.href, 'the host has no address');
    if (addresses.some((address) => net.isIP(address) === 0)) {
      throw new FetchRefusedError(parsed.href, 'the host resolves to something that is not an address');
    }
    if (this.options.allowInsecureLoopback && addresses.every(isLoopbackAddress)) return addresses;
    if (parsed.protocol === 'http:' || isLoopback(host)) {
      throw new FetchRefusedError(parsed.href, 'plain http and localhost must resolve to loopback only');
    }
    if (addresses.some(isBlockedAddress)) {
      throw new FetchRefusedError(parsed.href, 'the host resolves to a private or loopback address');
    }
    return addresses;
  }

  /**
   * The raw body of a URL as text (UTF-8), under the same rules as `json`: scheme, address, size and
   * time limits, no redirects, and the cache.
   *
   * @example
   * const body = await fetcher.text('https://uni.example/credentials/abc.json');
   */
  async text(url: string): Promise<string> {
    const cached = this.cache.get(url);
    if (cached && Date.now() - cached.at < this.options.cacheTtlMs) return cached.value;
    const parsed = this.check(url);
    const addresses = await this.resolve(parsed);
    const body = this.options.fetchImpl
      ? await this.viaFetchImpl(url, parsed, this.options.fetchImpl)
      : await this.viaPinnedConnection(url, parsed, addresses);
    let value: string;
    try {
      value = new TextDecoder('utf-8', { fatal: true }).decode(body);
    } catch {
      throw new FetchRefusedError(url, 'the answer is not valid UTF-8');
    }
    if (this.cache.size > 500) this.cache.clear();
    this.cache.set(url, { at: Date.now(), value });
    return value;
  }

  /** The body of a URL parsed as JSON (see `text` for the rules); a fresh copy on every call. */
  async json(url: string): Promise<unknown> {
    const body = await this.text(url);
    try {
      return JSON.parse(body) as unknown;
    } catch {
      throw new FetchRefusedError(url, 'the answer is not JSON');
    }
  }

  private tooLarge(url: string): FetchRefusedError {
    return new FetchRefusedError(url, `larger than ${this.options.maxBytes} bytes`);
  }

  /** One GET on a socket to a checked address; the host name stays in the Host header and TLS checks. */
  private viaPinnedConnection(url: string, parsed: URL, addresses: string[]): Promise<Buffer> {
    const { maxBytes, timeoutMs } = this.options;
    return new Promise<Buffer>((resolve, reject) => {
      let settled = false;
      const fail = (error: FetchRefusedError) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        request.destroy();
        reject(error);
      };
      const requestOptions: https.RequestOptions = {
        method: 'GET',
        headers: { accept: ACCEPT },
        // A fresh socket for every request: a pooled one may have been opened for another check.
        agent: false,
        lookup: pinnedLookup(addresses),
      };
      const request =
        parsed.protocol === 'https:'
          ? https.request(parsed, requestOptions)
          : http.request(parsed, requestOptions);
      const timer = setTimeout(
        () => fail(new FetchRefusedError(url, `no complete answer within ${timeoutMs} ms`)),
        timeoutMs,
      );
      request.on('error', (error) =>
        fail(new FetchRefusedError(url, `could not be fetched (${error.message})`)),
      );
      request.on('response', (response) => {
        const status = response.statusCode ?? 0;
        if (status >= 300 && status < 400) {
          return fail(
            new FetchRefusedError(url, `the server answered ${status}; redirects are not followed`),
          );
        }
        if (status < 200 || status >= 300) {
          return fail(new FetchRefusedError(url, `the server answered ${status}`));
        }
        if (Number(response.headers['content-length'] ?? '0') > maxBytes) return fail(this.tooLarge(url));
        const chunks: Buffer[] = [];
        let total = 0;
        response.on('data', (chunk: Buffer) => {
          total += chunk.length;
          if (total > maxBytes) return fail(this.tooLarge(url));
          chunks.push(chunk);
        });
        response.on('error', (error) =>
          fail(new FetchRefusedError(url, `could not be fetched (${error.message})`)),
        );
        response.on('end', () => {
          if (settled) return;
          settled = true;
          clearTimeout(timer);
          resolve(Buffer.concat(chunks));
        });
      });
      request.end();
    });
  }

  /** A replacement transport (tests): same limits, but the connection is whatever `fetchImpl` makes. */
  private async viaFetchImpl(url: string, parsed: URL, fetchImpl: typeof fetch): Promise<Buffer> {
    let response: Response;
    try {
      response = await fetchImpl(parsed, {
        headers: { accept: ACCEPT },
        redirect: 'error',
        signal: AbortSignal.timeout(this.options.timeoutMs),
      });
    } catch (error) {
      throw new FetchRefusedError(url, `could not be fetched (${(error as Error).message})`);
    }
    if (!response.ok) throw new FetchRefusedError(url, `the server answered ${response.status}`);
    if (Number(response.headers.get('content-length') ?? '0') > this.options.maxBytes)
      throw this.tooLarge(url);
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
          throw this.tooLarge(url);
        }
        chunks.push(value);
      }
    }
    return Buffer.concat(chunks);
  }
}
