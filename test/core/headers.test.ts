import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.ts';
import { loadConfig } from '../../src/core/config.ts';
import { databaseKinds, type TestDatabase } from '../support/databases.ts';

/** A web root with an app shell, so that the HTML answer is served as in production. */
function webRoot(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stapel-web-'));
  fs.writeFileSync(
    path.join(dir, 'index.html'),
    '<!doctype html><html lang="nl"><head><script type="module" src="/assets/app.js"></script></head><body><div id="root"></div></body></html>',
  );
  return dir;
}

function directives(response: LightMyRequestResponse): Map<string, string> {
  const header = String(response.headers['content-security-policy'] ?? '');
  return new Map(
    header
      .split(';')
      .map((part) => part.trim())
      .filter(Boolean)
      .map((part) => {
        const [name = '', ...values] = part.split(/\s+/);
        return [name, values.join(' ')] as const;
      }),
  );
}

// SQLite only: the headers do not depend on the database.
const [sqlite] = databaseKinds();

describe('security headers', () => {
  let root: string;
  const apps: FastifyInstance[] = [];
  const databases: TestDatabase[] = [];
  // A database per app: an installation keeps the public URL it first started with.
  const start = async (publicUrl: string) => {
    const database = await sqlite!.open();
    databases.push(database);
    const config = loadConfig({
      ...database.env,
      PORT: '0',
      STAPEL_LOG_LEVEL: 'silent',
      STAPEL_PUBLIC_URL: publicUrl,
    });
    const app = await buildApp({ config, database: database.handle, logger: false, webRoot: root });
    await app.ready();
    apps.push(app);
    return app;
  };

  beforeAll(() => {
    root = webRoot();
  });
  afterAll(async () => {
    for (const app of apps) await app.close();
    for (const database of databases) await database.dispose();
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('sends them on HTML, JSON, problem+json and 404 answers alike', async () => {
    const app = await start('http://localhost:3000');
    const answers = {
      html: await app.inject({ method: 'GET', url: '/micro-credentials/x/y' }),
      json: await app.inject({ method: 'GET', url: '/api/v1/micro-credentials' }),
      problem: await app.inject({ method: 'GET', url: '/api/v1/manage/hogeschool-schelde/api-tokens' }),
      invalid: await app.inject({
        method: 'POST',
        url: '/api/v1/session',
        headers: { 'content-type': 'application/json' },
        payload: '{"email": ',
      }),
      missing: await app.inject({ method: 'GET', url: '/api/v1/no-such-route' }),
    };
    expect(answers.html.headers['content-type']).toMatch(/text\/html/);
    expect(answers.json.headers['content-type']).toMatch(/application\/json/);
    expect(answers.problem.statusCode).toBe(401);
    expect(answers.invalid.statusCode).toBe(400);
    expect(answers.missing.statusCode).toBe(404);
    for (const [name, response] of Object.entries(answers)) {
      const csp = directives(response);
      expect(csp.get('script-src'), name).toBe("'self'");
      expect(csp.get('script-src-attr'), name).toBe("'none'");
      expect(csp.get('style-src'), name).toBe("'self'");
      expect(csp.get('frame-ancestors'), name).toBe("'none'");
      expect(csp.get('object-src'), name).toBe("'none'");
      expect(String(csp.get('default-src')), name).not.toContain('unsafe');
      expect(response.headers['x-content-type-options'], name).toBe('nosniff');
      expect(response.headers['referrer-policy'], name).toBe('no-referrer');
      expect(response.headers['x-frame-options'], name).toBe('DENY');
      expect(response.headers['strict-transport-security'], name).toBeUndefined();
      expect(csp.has('upgrade-insecure-requests'), name).toBe(false);
    }
  });

  it('sends HSTS only when the public URL is https', async () => {
    const app = await start('https://stapel.example.be');
    for (const url of ['/', '/api/v1/micro-credentials', '/api/v1/no-such-route']) {
      const response = await app.inject({ method: 'GET', url });
      expect(response.headers['strict-transport-security'], url).toBe('max-age=31536000');
      expect(directives(response).has('upgrade-insecure-requests'), url).toBe(true);
    }
  });
});
