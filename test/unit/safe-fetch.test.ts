import { describe, expect, it } from 'vitest';
import { FetchRefusedError, SafeFetcher } from '../../src/credentials/safe-fetch.ts';

const okResponse = () =>
  new Response(JSON.stringify({ ok: true }), { headers: { 'content-type': 'application/json' } });

describe('SafeFetcher', () => {
  const strict = new SafeFetcher({
    fetchImpl: async () => okResponse(),
    lookup: async () => ['93.184.216.34'],
  });

  it.each([
    'http://example.org/context.json',
    'ftp://example.org/x',
    'file:///etc/passwd',
    'https://user:pw@example.org/',
    'https://127.0.0.1/x',
    'https://10.1.2.3/x',
    'https://172.16.0.1/x',
    'https://192.168.1.1/x',
    'https://169.254.169.254/latest/meta-data',
    'https://100.64.0.1/x',
    'https://[::1]/x',
    'https://[::ffff:127.0.0.1]/x',
    'https://[::ffff:a00:1]/x',
    'https://[fd00::1]/x',
    'https://[fe80::1]/x',
    'https://[64:ff9b::a9fe:a9fe]/x',
    'https://[2002:a00:1::1]/x',
    'https://[::a00:1]/x',
  ])('refuses %s', async (url) => {
    await expect(strict.json(url)).rejects.toBeInstanceOf(FetchRefusedError);
  });

  it('refuses a host name that resolves to a private address', async () => {
    const fetcher = new SafeFetcher({
      fetchImpl: async () => okResponse(),
      lookup: async () => ['10.0.0.7'],
    });
    await expect(fetcher.json('https://intranet.example/x')).rejects.toThrow(/private/);
  });

  it('fetches a public https URL and caches it', async () => {
    let calls = 0;
    const fetcher = new SafeFetcher({
      fetchImpl: async () => {
        calls++;
        return okResponse();
      },
      lookup: async () => ['93.184.216.34'],
    });
    expect(await fetcher.json('https://example.org/a.json')).toEqual({ ok: true });
    expect(await fetcher.json('https://example.org/a.json')).toEqual({ ok: true });
    expect(calls).toBe(1);
  });

  it('allows plain http to loopback only when told to', async () => {
    const dev = new SafeFetcher({ allowInsecureLoopback: true, fetchImpl: async () => okResponse() });
    expect(await dev.json('http://localhost:3000/x')).toEqual({ ok: true });
    expect(await dev.json('http://127.0.0.1:3000/x')).toEqual({ ok: true });
    await expect(dev.json('http://10.0.0.1/x')).rejects.toBeInstanceOf(FetchRefusedError);
  });

  it('refuses documents over the size limit, even without a content-length', async () => {
    const big = new SafeFetcher({
      maxBytes: 100,
      lookup: async () => ['93.184.216.34'],
      fetchImpl: async () => new Response(new Blob(['{"a":"' + 'x'.repeat(500) + '"}']).stream()),
    });
    await expect(big.json('https://example.org/big.json')).rejects.toThrow(/larger than 100 bytes/);
  });

  it('refuses what is not JSON and failing servers', async () => {
    const html = new SafeFetcher({
      lookup: async () => ['93.184.216.34'],
      fetchImpl: async () => new Response('<html>'),
    });
    await expect(html.json('https://example.org/')).rejects.toThrow(/not JSON/);
    const down = new SafeFetcher({
      lookup: async () => ['93.184.216.34'],
      fetchImpl: async () => new Response('', { status: 503 }),
    });
    await expect(down.json('https://example.org/')).rejects.toThrow(/503/);
  });
});
