import { randomBytes } from 'node:crypto';
import net, { type AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.ts';
import { main } from '../../src/cli/main.ts';
import { loadConfig } from '../../src/core/config.ts';
import { PublicUrlMismatchError, pinPublicUrl } from '../../src/core/installation.ts';
import { loadDemoIfEmpty } from '../../src/demo/load-demo.ts';
import { databaseKinds, type TestDatabase } from '../support/databases.ts';

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

/** `stapel …` in this process, with exactly the given environment (process.env restored afterwards). */
async function stapel(
  args: string[],
  env: Record<string, string>,
): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const sink = (write: (text: string) => void) =>
    new Writable({
      write(chunk, _encoding, done) {
        write(String(chunk));
        done();
      },
    });
  const saved = { ...process.env };
  for (const key of Object.keys(process.env)) {
    if (key.startsWith('STAPEL_') || key === 'DATABASE_URL' || key === 'PORT') delete process.env[key];
  }
  Object.assign(process.env, { STAPEL_LOG_LEVEL: 'silent' }, env);
  try {
    const code = await main(
      ['node', 'stapel', ...args],
      sink((t) => (stdout += t)),
      sink((t) => (stderr += t)),
    );
    return { code, stdout, stderr };
  } finally {
    for (const key of Object.keys(process.env)) delete process.env[key];
    Object.assign(process.env, saved);
  }
}

describe.each(databaseKinds())('the installation’s public URL on $name', (kind) => {
  let db: TestDatabase;
  let masterKey: string;
  const storedUrl = async () =>
    (await db.handle.db.selectFrom('installation').select('public_url').executeTakeFirst())?.public_url;
  const app = (env: Record<string, string>) =>
    buildApp({
      config: loadConfig({ ...db.env, STAPEL_MASTER_KEY: masterKey, STAPEL_LOG_LEVEL: 'silent', ...env }),
      database: db.handle,
      logger: false,
      webRoot: '/nonexistent',
    });

  beforeAll(async () => {
    db = await kind.open();
    await loadDemoIfEmpty(db.handle);
    masterKey = randomBytes(32).toString('hex');
  });
  afterAll(async () => {
    await db?.dispose();
  });

  it('is stored at first start; a server started with another one refuses, naming both and what to do', async () => {
    expect(await storedUrl()).toBeUndefined();
    const first = await app({ STAPEL_PUBLIC_URL: 'https://Badges.Uni.example/' });
    await first.close();
    expect(await storedUrl()).toBe('https://badges.uni.example');

    const refused = app({ STAPEL_PUBLIC_URL: 'https://elsewhere.example' });
    await expect(refused).rejects.toBeInstanceOf(PublicUrlMismatchError);
    await expect(refused).rejects.toThrow(
      /STAPEL_PUBLIC_URL is "https:\/\/elsewhere\.example", but this installation's public URL is "https:\/\/badges\.uni\.example"[\s\S]*unset STAPEL_PUBLIC_URL or set it to "https:\/\/badges\.uni\.example"[\s\S]*stapel config set-public-url https:\/\/elsewhere\.example/,
    );

    // The same URL spelled differently is the same URL; no URL at all means the stored one.
    await (await app({ STAPEL_PUBLIC_URL: 'https://badges.uni.example:443' })).close();
    const defaults = await app({ PORT: '0' });
    try {
      const did = await defaults.inject({ url: '/institutions/hogeschool-schelde/did.json' });
      expect(did.json().id).toBe('did:web:badges.uni.example:institutions:hogeschool-schelde');
    } finally {
      await defaults.close();
    }
    expect(await storedUrl()).toBe('https://badges.uni.example');
  });

  it('refuses `stapel serve` and any other command started with another URL (exit 2)', async () => {
    const env = { ...db.env, STAPEL_MASTER_KEY: masterKey, STAPEL_PUBLIC_URL: 'http://localhost:3000' };
    const serve = await stapel(['serve'], env);
    expect(serve.code).toBe(2);
    expect(serve.stdout).not.toMatch(/listening/);
    expect(serve.stderr).toContain(
      `STAPEL_PUBLIC_URL is "http://localhost:3000", but this installation's public URL is "https://badges.uni.example"`,
    );
    const list = await stapel(['catalog', 'list'], env);
    expect(list.code).toBe(2);
    expect(list.stderr).toContain('stapel config set-public-url http://localhost:3000');
    expect(list.stdout).toBe('');
  });

  it('changes on purpose with `stapel config set-public-url`, audited', async () => {
    const env = { ...db.env, STAPEL_MASTER_KEY: masterKey };
    const bad = await stapel(['config', 'set-public-url', 'https://new.example/stapel'], env);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('must not have a path');
    expect(await storedUrl()).toBe('https://badges.uni.example');

    // Allowed even while STAPEL_PUBLIC_URL still names the old URL, with a reminder to change it.
    const moved = await stapel(['config', 'set-public-url', 'https://new.example/'], {
      ...env,
      STAPEL_PUBLIC_URL: 'https://badges.uni.example',
    });
    expect(moved.code).toBe(0);
    expect(moved.stdout).toContain(
      'Public URL changed from https://badges.uni.example to https://new.example.',
    );
    expect(moved.stderr).toContain('STAPEL_PUBLIC_URL is still "https://badges.uni.example"');
    expect(await storedUrl()).toBe('https://new.example');

    const records = await db.handle.db
      .selectFrom('audit_log')
      .selectAll()
      .where('object_type', '=', 'installation')
      .orderBy('at')
      .execute();
    expect(records.map((r) => [r.action, r.actor_label])).toEqual([
      ['installation.record-public-url', 'first start'],
      ['installation.change-public-url', 'command line (stapel config set-public-url)'],
    ]);
    expect(JSON.parse(records[1]!.before!)).toEqual({ publicUrl: 'https://badges.uni.example' });
    expect(JSON.parse(records[1]!.after!)).toEqual({ publicUrl: 'https://new.example' });

    await (await app({ STAPEL_PUBLIC_URL: 'https://new.example' })).close();
    await expect(app({ STAPEL_PUBLIC_URL: 'https://badges.uni.example' })).rejects.toBeInstanceOf(
      PublicUrlMismatchError,
    );
  });
});

describe.each(databaseKinds())('first starts at the same time on $name', (kind) => {
  it('store one URL, and every start gets that one', async () => {
    const db = await kind.open();
    try {
      const urls = [
        'http://localhost:3000',
        'http://localhost:3001',
        'http://localhost:3002',
        'http://localhost:3003',
      ];
      const pinned = await Promise.all(
        urls.map((url, i) =>
          pinPublicUrl(db.handle, loadConfig({ ...db.env, PORT: String(3000 + i) })).then(
            (config) => config.settings.publicUrl,
          ),
        ),
      );
      const rows = await db.handle.db.selectFrom('installation').selectAll().execute();
      expect(rows).toHaveLength(1);
      expect(urls).toContain(rows[0]!.public_url);
      expect(pinned).toEqual(urls.map(() => rows[0]!.public_url));
      const records = await db.handle.db
        .selectFrom('audit_log')
        .select('action')
        .where('object_type', '=', 'installation')
        .execute();
      expect(records).toEqual([{ action: 'installation.record-public-url' }]);
    } finally {
      await db.dispose();
    }
  });
});

describe.each(databaseKinds())('the command line signs for the server’s URL on $name', (kind) => {
  let db: TestDatabase;
  let server: FastifyInstance;
  let base: string;
  let masterKey: string;

  beforeAll(async () => {
    db = await kind.open();
    await loadDemoIfEmpty(db.handle);
    masterKey = randomBytes(32).toString('hex');
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    server = await buildApp({
      config: loadConfig({
        ...db.env,
        STAPEL_PUBLIC_URL: base,
        STAPEL_MASTER_KEY: masterKey,
        STAPEL_LOG_LEVEL: 'silent',
      }),
      database: db.handle,
      logger: false,
      webRoot: '/nonexistent',
    });
    await server.listen({ port, host: '127.0.0.1' });
  });
  afterAll(async () => {
    await server?.close();
    await db?.dispose();
  });

  it('an award on the command line without STAPEL_PUBLIC_URL verifies against the server’s DID', async () => {
    const awarded = await stapel(
      ['award', '--micro-credential', 'PV-LEAN', '--learner', 'cli@example.org', '--json'],
      { ...db.env, STAPEL_MASTER_KEY: masterKey },
    );
    expect(awarded.stderr).toBe('');
    expect(awarded.code).toBe(0);
    const [credential] = JSON.parse(awarded.stdout) as Array<{ issuer: { id: string }; proof: unknown }>;
    const served = await (await fetch(`${base}/institutions/hogeschool-schelde/did.json`)).json();
    expect(credential!.issuer.id).toBe(served.id);

    const verified = await fetch(`${base}/api/v1/verify`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(credential),
    });
    expect(verified.status).toBe(200);
    expect((await verified.json()).verified).toBe(true);
  });
});
