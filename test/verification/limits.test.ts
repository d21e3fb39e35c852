import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds } from '../support/databases.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import { runCli } from '../support/cli.ts';
import { fixture } from './verification-world.ts';
import { parseCredentialInput } from '../../src/verification/credential-input.ts';
import {
  InputLimitError,
  MAX_CREDENTIAL_BYTES,
  MAX_CREDENTIAL_DEPTH,
  MAX_CREDENTIAL_VALUES,
  measureJsonValue,
  scanJsonText,
} from '../../src/verification/input-limits.ts';
import { runVerifyCommand } from '../../src/verification/cli.ts';
import { verificationRoutes } from '../../src/verification/routes.ts';
import { installProblemHandler } from '../../src/core/http.ts';
import Fastify from 'fastify';

const UNLIMITED = { maxBytes: Infinity, maxDepth: Infinity, maxValues: Infinity };

/** Depth (outermost container is 1) and number of values of a parsed JSON value, by plain recursion. */
function reference(value: unknown): { depth: number; values: number } {
  if (value === null || typeof value !== 'object') return { depth: 0, values: 1 };
  const children = Object.values(value).map(reference);
  return {
    depth: 1 + Math.max(0, ...children.map((c) => c.depth)),
    values: 1 + children.reduce((sum, c) => sum + c.values, 0),
  };
}

// Inputs of megabytes or a million levels are built here rather than committed as fixture files: they are
// the same few characters repeated, and a repository should not carry megabytes to say so.
const nested = (levels: number) => '['.repeat(levels) + ']'.repeat(levels);
const readText = (name: string) => fs.readFileSync(fixture(`credentials/limits/${name}`), 'utf8');

/** A credential-shaped document with `count` extra statements of about `width` bytes each. */
function withExtraStatements(count: number, width = 20): string {
  const tag = Array.from({ length: count }, (_, i) => `tag-${String(i).padStart(width - 6, '0')}`);
  return JSON.stringify({
    '@context': ['https://www.w3.org/ns/credentials/v2'],
    type: ['VerifiableCredential', 'OpenBadgeCredential'],
    credentialSubject: { type: ['AchievementSubject'], achievement: { tag } },
    proof: { type: 'DataIntegrityProof', cryptosuite: 'eddsa-rdfc-2022' },
  });
}

describe('the input scanner', () => {
  it('measures depth and values exactly as a recursive walk does, and bytes as UTF-8', () => {
    fc.assert(
      fc.property(
        fc.jsonValue({ maxDepth: 6 }),
        fc.nat(8),
        fc.nat(60),
        fc.nat(400),
        (value, depth, count, size) => {
          const text = JSON.stringify(value);
          const { depth: realDepth, values } = reference(value);
          const bytes = Buffer.byteLength(text, 'utf8');
          for (const measure of [
            (l: typeof UNLIMITED) => scanJsonText(text, l),
            (l: typeof UNLIMITED) => measureJsonValue(value, l),
          ]) {
            expect(measure({ ...UNLIMITED, maxDepth: depth })?.rule).toBe(
              realDepth > depth ? 'input-too-deep' : undefined,
            );
            expect(measure({ ...UNLIMITED, maxValues: count })?.rule).toBe(
              values > count ? 'input-too-many-values' : undefined,
            );
            expect(measure({ ...UNLIMITED, maxBytes: size })?.rule).toBe(
              bytes > size ? 'input-too-large' : undefined,
            );
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('ignores brackets, quotes and commas inside strings', () => {
    const text = JSON.stringify({ a: '[[[[{{{{"\\",,,:::', b: ['}]'] });
    expect(scanJsonText(text, { ...UNLIMITED, maxDepth: 2, maxValues: 4 })).toBeUndefined();
  });

  it('stops at the first level over the limit, however deep the text goes', () => {
    expect(scanJsonText(nested(1_000_000), { ...UNLIMITED, maxDepth: MAX_CREDENTIAL_DEPTH })).toEqual({
      rule: 'input-too-deep',
      limit: MAX_CREDENTIAL_DEPTH,
    });
  });

  it('holds a credential to 1 MiB, 64 levels and 10,000 values', () => {
    expect([MAX_CREDENTIAL_BYTES, MAX_CREDENTIAL_DEPTH, MAX_CREDENTIAL_VALUES]).toEqual([
      1024 * 1024,
      64,
      10_000,
    ]);
    expect(() => parseCredentialInput(readText('nested-64-levels.json'))).not.toThrow();
    const refusals: Array<[string, string, string]> = [
      [readText('nested-65-levels.json'), 'input-too-complex', 'input-too-deep'],
      [nested(20_000), 'input-too-complex', 'input-too-deep'],
      [withExtraStatements(MAX_CREDENTIAL_VALUES), 'input-too-complex', 'input-too-many-values'],
      [withExtraStatements(40_000, 30), 'payload-too-large', 'input-too-large'],
    ];
    for (const [text, code, rule] of refusals) {
      const error = (() => {
        try {
          parseCredentialInput(text);
        } catch (e) {
          return e;
        }
      })();
      expect(error).toBeInstanceOf(InputLimitError);
      expect((error as InputLimitError).code).toBe(code);
      expect((error as InputLimitError).violation.rule).toBe(rule);
    }
  });

  it('explains each refusal in Dutch and English', () => {
    const deep = new InputLimitError({ rule: 'input-too-deep', limit: 64 });
    expect(deep.message).toBe(
      'The input is nested more than 64 levels deep and is not read: a credential is a few dozen levels deep at most.',
    );
    expect(deep.localised('nl').message).toBe(
      'De invoer is meer dan 64 niveaus diep genest en wordt niet gelezen: een credential is hooguit enkele tientallen niveaus diep.',
    );
    expect(new InputLimitError({ rule: 'input-too-many-values', limit: 10_000 }, 'nl').message).toMatch(
      /^De invoer bevat meer dan 10\.000 JSON-waarden/,
    );
    expect(new InputLimitError({ rule: 'input-too-large', limit: MAX_CREDENTIAL_BYTES }).message).toMatch(
      /^The input is larger than 1 MiB/,
    );
  });
});

describe('a credential behind a link', () => {
  it('is held to the same limits before it is verified', async () => {
    let deep: unknown = 'deepest';
    for (let i = 0; i < 20_000; i++) deep = [deep];
    let verified = false;
    const app = Fastify({ logger: false });
    installProblemHandler(app);
    await app.register(verificationRoutes, {
      verify: async () => {
        verified = true;
        throw new Error('must not be reached');
      },
      fetchCredential: async () => ({ '@context': [], credentialSubject: deep }),
    });
    try {
      const response = await app.inject({
        method: 'POST',
        url: '/api/v1/verify',
        payload: { url: 'https://issuer.example/credentials/1' },
        headers: { 'accept-language': 'nl' },
      });
      expect(response.statusCode).toBe(422);
      expect(response.json()).toMatchObject({ code: 'input-too-complex' });
      expect(response.json().detail).toMatch(/^De invoer is meer dan 64 niveaus diep genest/);
      expect(verified).toBe(false);
    } finally {
      await app.close();
    }
  });
});

describe('stapel verify and the input limits', () => {
  it('refuses an over-nested file with exit 2 and the reason, before verifying', async () => {
    const lines: string[] = [];
    let verified = false;
    const code = await runVerifyCommand(
      'nested-65-levels.json',
      {},
      {
        read: async () => readText('nested-65-levels.json'),
        out: (line) => lines.push(line),
        verify: async () => {
          verified = true;
          throw new Error('must not be reached');
        },
      },
    );
    expect(code).toBe(2);
    expect(verified).toBe(false);
    expect(lines.join('\n')).toContain('nested more than 64 levels deep');
  });
});

describe.each(databaseKinds())('bad input cannot stop the server on $name', (kind) => {
  let t: TestApp;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stapel-limits-'));
  beforeAll(async () => {
    t = await startTestApp(kind, { demo: false });
  });
  afterAll(async () => {
    await t?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const post = (url: string, payload: string, headers: Record<string, string> = {}) =>
    t.app.inject({
      method: 'POST',
      url,
      payload,
      headers: { 'content-type': 'application/json', ...headers },
    });

  it('answers 413 for a 1.2 MB credential, in the language asked for', async () => {
    const big = withExtraStatements(40_000, 30);
    expect(Buffer.byteLength(big)).toBeGreaterThan(1_200_000);
    const en = await post('/api/v1/verify', big);
    expect(en.statusCode).toBe(413);
    expect(en.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(en.json()).toMatchObject({ status: 413, code: 'payload-too-large' });
    expect(en.json().detail).toMatch(/^The input is larger than 1 MiB and is not read/);
    const nl = await post('/api/v1/verify', big, { 'accept-language': 'nl-BE,nl;q=0.9' });
    expect(nl.statusCode).toBe(413);
    expect(nl.json().detail).toMatch(/^De invoer is groter dan 1 MiB en wordt niet gelezen/);
    // Larger than the server reads at all: the same refusal, before the body is read.
    const huge = await post('/api/v1/verify', big + ' '.repeat(3 * 1024 * 1024), { 'accept-language': 'nl' });
    expect(huge.statusCode).toBe(413);
    expect(huge.json().detail).toMatch(/^De invoer is groter dan 1 MiB/);
  });

  it('answers 422 for 10,001 values in under 1 MiB, before canonicalisation', async () => {
    const many = withExtraStatements(40_000, 6);
    expect(Buffer.byteLength(many)).toBeLessThan(MAX_CREDENTIAL_BYTES);
    const response = await post('/api/v1/verify', many, { 'accept-language': 'nl' });
    expect(response.statusCode).toBe(422);
    expect(response.json()).toMatchObject({ code: 'input-too-complex' });
    expect(response.json().detail).toMatch(/^De invoer bevat meer dan 10\.000 JSON-waarden/);
  });

  it('answers 4xx, never 500, for any nesting depth on /api/v1/verify', async () => {
    for (const [payload, status] of [
      [readText('nested-65-levels.json'), 422],
      [nested(20_000), 422],
      [JSON.stringify({ credential: nested(20_000) }), 422],
      // A million levels take two million bytes: too large before it is too deep.
      [nested(1_000_000), 413],
    ] as const) {
      const response = await post('/api/v1/verify', payload);
      expect(response.statusCode, payload.slice(0, 40)).toBe(status);
    }
    const plain = await post('/api/v1/verify', nested(20_000), { 'content-type': 'text/plain' });
    expect(plain.statusCode).toBe(422);
    expect(plain.json().detail).toMatch(/nested more than 64 levels deep/);
    const accepted = await post('/api/v1/verify', readText('nested-64-levels.json'));
    expect(accepted.statusCode).toBe(200);
    expect(accepted.json().verified).toBe(false);
  });

  it('answers 422 for any nesting depth on the other JSON routes', async () => {
    for (const levels of [20_000, 1_000_000]) {
      const body = `{"email": "a@example.org", "name": ${nested(levels)}, "password": "x"}`;
      const response = await post('/api/v1/accounts', body, { 'accept-language': 'nl' });
      expect(response.statusCode, `${levels} levels`).toBe(422);
      expect(response.json()).toMatchObject({ status: 422, code: 'input-too-complex' });
      expect(response.json().detail).toBe(
        'De JSON in het verzoek is meer dan 64 niveaus diep genest en wordt niet gelezen: geen enkel verzoek aan deze API heeft dat nodig.',
      );
    }
    const en = await post('/api/v1/accounts', nested(20_000));
    expect(en.json().detail).toMatch(/^The JSON of the request is nested more than 64 levels deep/);
  });

  it('refuses an over-nested file in the stapel command with exit 2', async () => {
    const file = path.join(dir, 'deep.json');
    fs.writeFileSync(file, nested(20_000));
    const result = await runCli(['verify', file], t.database.env);
    expect(result.code).toBe(2);
    expect(result.stdout).toContain('nested more than 64 levels deep');
  });
});
