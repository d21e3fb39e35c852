import fs from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
    // IPv4-mapped and IPv4-translated spellings, public embedded addresses included
    'https://[::ffff:0:7f00:1]/x',
    'https://[::ffff:0:127.0.0.1]/x',
    'https://[0:0:0:0:0:ffff:7f00:1]/x',
    'https://[::ffff:5db8:d822]/x',
    'https://[::ffff:0:5db8:d822]/x',
    // Teredo, site-local, discard-only, IPv6 documentation
    'https://[2001:0:4136:e378:8000:63bf:3fff:fdd2]/x',
    'https://[fec0::1]/x',
    'https://[feff:ffff::1]/x',
    'https://[100::1]/x',
    'https://[100::ffff:ffff:ffff:ffff]/x',
    'https://[2001:db8::1]/x',
    // TEST-NET-1, -2 and -3
    'https://192.0.2.1/x',
    'https://198.51.100.7/x',
    'https://203.0.113.255/x',
  ])('refuses %s', async (url) => {
    await expect(strict.json(url)).rejects.toBeInstanceOf(FetchRefusedError);
  });

  it.each([
    '::ffff:0:0',
    '::ffff:93.184.216.34',
    '::ffff:0:7f00:1',
    '2001::1',
    'fec0::1',
    '100::1',
    '192.0.2.10',
    '198.51.100.10',
    '203.0.113.10',
    'fe80::1%eth0',
  ])('refuses a host name that resolves to %s', async (address) => {
    const fetcher = new SafeFetcher({
      fetchImpl: async () => okResponse(),
      lookup: async () => ['93.184.216.34', address],
    });
    await expect(fetcher.json('https://public.example/x')).rejects.toThrow(/private or loopback/);
  });

  it.each([
    'https://93.184.216.34/x',
    'https://[2606:2800:220:1:248:1893:25c8:1946]/x',
    'https://[2001:db9::1]/x',
  ])('still fetches a public address such as %s', async (url) => {
    expect(await strict.json(url)).toEqual({ ok: true });
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

describe('SafeFetcher over the network (a loopback server)', () => {
  let server: http.Server;
  let port: number;
  const seen: { url: string; host: string; local: string }[] = [];
  const bodies: Record<string, (res: http.ServerResponse) => void> = {
    '/doc.json': (res) => res.end('{"hello":"wereld"}'),
    '/plain.txt': (res) => res.end('niet-json ✓'),
    '/big': (res) => res.end('x'.repeat(5000)),
    '/big-chunked': (res) => {
      res.write('x'.repeat(3000));
      res.end('x'.repeat(3000));
    },
    '/slow': (res) => {
      res.write('{');
      setTimeout(() => res.end('}'), 1000).unref();
    },
    '/moved': (res) => {
      res.writeHead(302, { location: '/doc.json' });
      res.end();
    },
    '/latin1': (res) => res.end(Buffer.from([0x7b, 0xe9, 0x7d])),
  };

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      seen.push({ url: req.url!, host: req.headers.host!, local: req.socket.localAddress! });
      (bodies[req.url!] ?? ((r: http.ServerResponse) => r.writeHead(404).end()))(res);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  /** Answers 127.0.0.1 once, then 127.0.0.2 (loopback too, but nothing listens there for this test). */
  function rebindingLookup() {
    const calls: string[] = [];
    const lookup = async (hostname: string) => {
      calls.push(hostname);
      return [calls.length === 1 ? '127.0.0.1' : '127.0.0.2'];
    };
    return { calls, lookup };
  }

  it('looks the host up once and connects to the address it checked', async () => {
    const { calls, lookup } = rebindingLookup();
    const fetcher = new SafeFetcher({ allowInsecureLoopback: true, lookup });
    seen.length = 0;
    expect(await fetcher.json(`http://issuer.test:${port}/doc.json`)).toEqual({ hello: 'wereld' });
    expect(calls).toEqual(['issuer.test']);
    expect(seen).toEqual([{ url: '/doc.json', host: `issuer.test:${port}`, local: '127.0.0.1' }]);
    // A second document from the same host: a new lookup, again exactly one, again pinned.
    await expect(fetcher.text(`http://issuer.test:${port}/plain.txt`)).rejects.toThrow(
      /127\.0\.0\.2|ECONNREFUSED/,
    );
    expect(calls).toEqual(['issuer.test', 'issuer.test']);
    expect(seen).toHaveLength(1);
  });

  it('refuses a name that answers a private address even when another answer is fine', async () => {
    let calls = 0;
    const fetcher = new SafeFetcher({
      allowInsecureLoopback: true,
      lookup: async () => {
        calls++;
        return ['127.0.0.1', '10.0.0.1'];
      },
    });
    seen.length = 0;
    await expect(fetcher.text(`http://issuer.test:${port}/doc.json`)).rejects.toThrow(/loopback only/);
    expect(calls).toBe(1);
    expect(seen).toEqual([]);
  });

  it('text() returns the body as it is and caches it', async () => {
    const fetcher = new SafeFetcher({ allowInsecureLoopback: true });
    seen.length = 0;
    expect(await fetcher.text(`http://127.0.0.1:${port}/plain.txt`)).toBe('niet-json ✓');
    expect(await fetcher.text(`http://127.0.0.1:${port}/plain.txt`)).toBe('niet-json ✓');
    expect(seen).toHaveLength(1);
    await expect(fetcher.json(`http://127.0.0.1:${port}/plain.txt`)).rejects.toThrow(/not JSON/);
  });

  it('text() enforces the size limit, with and without a content-length', async () => {
    const fetcher = new SafeFetcher({ allowInsecureLoopback: true, maxBytes: 4096 });
    await expect(fetcher.text(`http://127.0.0.1:${port}/big`)).rejects.toThrow(/larger than 4096 bytes/);
    await expect(fetcher.text(`http://127.0.0.1:${port}/big-chunked`)).rejects.toThrow(
      /larger than 4096 bytes/,
    );
  });

  it('text() enforces the time limit on the whole answer', async () => {
    const fetcher = new SafeFetcher({ allowInsecureLoopback: true, timeoutMs: 200 });
    await expect(fetcher.text(`http://127.0.0.1:${port}/slow`)).rejects.toThrow(/within 200 ms/);
  });

  it('text() refuses redirects, failing answers and invalid UTF-8', async () => {
    const fetcher = new SafeFetcher({ allowInsecureLoopback: true });
    await expect(fetcher.text(`http://127.0.0.1:${port}/moved`)).rejects.toThrow(
      /answered 302; redirects are not followed/,
    );
    await expect(fetcher.text(`http://127.0.0.1:${port}/missing`)).rejects.toThrow(/answered 404/);
    await expect(fetcher.text(`http://127.0.0.1:${port}/latin1`)).rejects.toThrow(/not valid UTF-8/);
  });

  it('text() keeps the scheme and address rules', async () => {
    const fetcher = new SafeFetcher({ lookup: async () => ['93.184.216.34'] });
    await expect(fetcher.text(`http://127.0.0.1:${port}/plain.txt`)).rejects.toThrow(/only https/);
    await expect(fetcher.text('https://10.0.0.1/x')).rejects.toThrow(/private/);
    await expect(fetcher.text('file:///etc/passwd')).rejects.toThrow(/scheme/);
  });

  it('checks the TLS certificate against the host name, not the address it connects to', async () => {
    const fixtures = path.resolve(import.meta.dirname, '../fixtures/tls');
    const names: string[] = [];
    const tls = https.createServer({
      key: fs.readFileSync(path.join(fixtures, 'issuer-test.key')),
      cert: fs.readFileSync(path.join(fixtures, 'issuer-test.crt')),
      SNICallback: (name, callback) => {
        names.push(name);
        callback(null);
      },
    });
    await new Promise<void>((resolve) => tls.listen(0, '127.0.0.1', resolve));
    try {
      const { calls, lookup } = rebindingLookup();
      const fetcher = new SafeFetcher({ allowInsecureLoopback: true, lookup });
      const tlsPort = (tls.address() as AddressInfo).port;
      // The certificate is self-signed: refused, which shows the check is on.
      await expect(fetcher.text(`https://issuer.test:${tlsPort}/doc.json`)).rejects.toThrow(
        /self-signed certificate/,
      );
      expect(calls).toEqual(['issuer.test']);
      expect(names).toEqual(['issuer.test']);
    } finally {
      await new Promise((resolve) => tls.close(resolve));
    }
  });
});
