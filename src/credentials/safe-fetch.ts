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

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '::1', '[::1]']);

function isLoopback(hostname: string): boolean {
  const bare = hostname.replace(/^\[|\]$/g, '');
  return LOOPBACK_HOSTS.has(hostname) || bare === '::1' || (net.isIPv4(bare) && bare.startsWith('127.'));
}

function isPrivateAddress(hostname: string): boolean {
  const bare = hostname.replace(/^\[|\]$/g, '');
  if (net.isIPv4(bare)) {
    const [a = 0, b = 0] = bare.split('.').map(Number);
    return (
      a === 10 ||
      a === 127 ||
      a === 0 ||
      (a === 172 && b >= 16 && b <= 31) ||
      (a === 192 && b === 168) ||
      (a === 169 && b === 254)
    );
  }
  if (net.isIPv6(bare)) return bare === '::1' || bare === '::' || /^f[cd]/i.test(bare) || /^fe80/i.test(bare);
  return false;
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
  private readonly options: Required<Omit<SafeFetchOptions, 'fetchImpl'>> & { fetchImpl: typeof fetch };

  constructor(options: SafeFetchOptions = {}) {
    this.options = {
      allowInsecureLoopback: options.allowInsecureLoopback ?? false,
      maxBytes: options.maxBytes ?? 512 * 1024,
      timeoutMs: options.timeoutMs ?? 5000,
      cacheTtlMs: options.cacheTtlMs ?? 5 * 60 * 1000,
      fetchImpl: options.fetchImpl ?? fetch,
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
    if (isPrivateAddress(parsed.hostname) && !(loopback && this.options.allowInsecureLoopback)) {
      throw new FetchRefusedError(url, 'private and loopback addresses are not allowed');
    }
    return parsed;
  }

  async json(url: string): Promise<unknown> {
    const cached = this.cache.get(url);
    if (cached && Date.now() - cached.at < this.options.cacheTtlMs) return structuredClone(cached.value);
    const parsed = this.check(url);
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
