import Fastify, { type FastifyInstance } from 'fastify';
import swagger from '@fastify/swagger';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { installProblemHandler } from '../../src/core/http.ts';
import { verificationRoutes } from '../../src/verification/routes.ts';
import fs from 'node:fs';
import { createWorld, fixture, readJson, stapelCredential, type World } from './verification-world.ts';

let world: World;
let app: FastifyInstance;
let signed: Record<string, unknown>;
const policies = new Map<string, unknown>();

beforeAll(async () => {
  world = await createWorld();
  await world.publishStatusList();
  signed = await world.sign(stapelCredential({ index: 42 }));
  app = Fastify({ logger: false });
  installProblemHandler(app);
  app.addHook('onRoute', (route) => {
    policies.set(`${String(route.method)} ${route.url}`, route.config?.policy);
  });
  await app.register(swagger, { openapi: { openapi: '3.1.0', info: { title: 'test', version: '1' } } });
  await app.register(verificationRoutes, { verify: world.verify });
  await app.ready();
});
afterAll(async () => {
  await app?.close();
});

const post = (payload: string | object | undefined, contentType = 'application/json') =>
  app.inject({
    method: 'POST',
    url: '/api/v1/verify',
    ...(payload === undefined ? {} : { payload, headers: { 'content-type': contentType } }),
  });

describe('POST /api/v1/verify', () => {
  it('is a public route, tagged for the OpenAPI document', async () => {
    expect(policies.get('POST /api/v1/verify')).toBe('public');
    const operation = app.swagger().paths?.['/api/v1/verify']?.post;
    expect(operation?.tags).toEqual(['verification']);
    expect(operation?.summary).toBe('Verify an Open Badges 3.0 credential');
  });

  it('answers 200 with the result for a valid credential', async () => {
    const response = await post(signed);
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.verified).toBe(true);
    expect(body.checks.map((c: { name: string }) => c.name)).toEqual([
      'json',
      'schema',
      'proof',
      'issuer-key',
      'status',
      'validity',
      'issuer-recognised',
    ]);
    expect(Object.keys(body.checks[0])).toEqual(['name', 'code', 'ok', 'level', 'detail', 'params']);
    expect(body.issuer).toEqual({
      id: 'did:web:stapel.test:institutions:hogeschool-schelde',
      name: 'Hogeschool Schelde',
      trust: 'recognised',
    });
    expect(body.credential).toMatchObject({
      issuer: { name: 'Hogeschool Schelde' },
      achievement: { credits: 3 },
    });
  });

  it('accepts the credential wrapped as { credential } and as application/ld+json', async () => {
    expect((await post({ credential: signed })).json().verified).toBe(true);
    expect((await post({ credential: JSON.stringify(signed) })).json().verified).toBe(true);
    expect((await post(JSON.stringify(signed), 'application/ld+json')).json().verified).toBe(true);
  });

  it('answers 200 with verified false for a changed credential', async () => {
    const changed = structuredClone(signed);
    changed.name = 'Micro-credential: iets anders';
    const response = await post(changed);
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.verified).toBe(false);
    expect(body.checks.find((c: { name: string }) => c.name === 'proof')).toMatchObject({
      ok: false,
      detail: 'The signature does not match the content: the credential was changed after it was signed.',
    });
  });

  it('answers 400 problem+json for unreadable input', async () => {
    for (const [payload, contentType, detail] of [
      [
        '{"type": ',
        'application/json',
        'The input is not valid JSON: the input ends where a value is expected at line 1, column 10, at the end of the input.',
      ],
      ['', 'application/json', 'The input is empty: there is no credential to check.'],
      [
        '[1, 2]',
        'application/json',
        'The input is JSON, but it is an array; a credential is a JSON object ({ … }).',
      ],
      [
        '{"a" 1}',
        'application/ld+json',
        'The input is not valid JSON: expected ":" after the property name at line 1, column 6 near "1}".',
      ],
      [
        'not json',
        'text/plain',
        'The input is not valid JSON: expected a value (an object, array, string, number, true, false or null) at line 1, column 1 near "not json".',
      ],
      [
        { credential: 5 },
        'application/json',
        'The input is JSON, but it is a number; a credential is a JSON object ({ … }).',
      ],
    ] as const) {
      const response = await post(payload, contentType);
      expect(response.statusCode, String(payload)).toBe(400);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      const problem = response.json();
      expect(problem).toMatchObject({ status: 400, code: 'bad-request' });
      expect(problem.detail).toBe(detail);
    }
    const empty = await post(undefined);
    expect(empty.statusCode).toBe(400);
    expect(empty.json().detail).toBe('Send the credential as the JSON body of the request.');
  });

  it('words every detail in the language of Accept-Language, with the same codes', async () => {
    const en = (await post(signed)).json();
    const nl = (
      await app.inject({
        method: 'POST',
        url: '/api/v1/verify',
        payload: signed,
        headers: { 'content-type': 'application/json', 'accept-language': 'nl-BE,nl;q=0.9' },
      })
    ).json();
    expect(nl.checks.map((c: { code: string }) => c.code)).toEqual(
      en.checks.map((c: { code: string }) => c.code),
    );
    expect(nl.checks[0].detail).toBe('Een JSON-object met @context, type en proof.');
    expect(nl.checks[5].detail).toBe('Geldig vanaf 30 juni 2026, zonder einddatum.');
    expect(en.checks[5].detail).toBe('Valid from 30 June 2026, with no end date.');
  });

  it('refuses duplicate keys with 400, in the language asked for', async () => {
    const text = fs.readFileSync(fixture('credentials/duplicate-name.json'), 'utf8');
    for (const [lang, detail] of [
      ['en', /^The key "name" appears twice in the same object \(\/, line 16, column 3\)/],
      ['nl', /^De sleutel "name" staat twee keer in hetzelfde object \(\/, regel 16, kolom 3\)/],
    ] as const) {
      const response = await app.inject({
        method: 'POST',
        url: '/api/v1/verify',
        payload: text,
        headers: { 'content-type': 'application/json', 'accept-language': lang },
      });
      expect(response.statusCode).toBe(400);
      expect(response.json()).toMatchObject({ code: 'bad-request', detail: expect.stringMatching(detail) });
    }
    // Wrapped in { credential: "…" } it is read by the same parser.
    const wrapped = await post({ credential: text });
    expect(wrapped.statusCode).toBe(400);
    expect(wrapped.json().detail).toMatch(/appears twice/);
  });

  it('answers with the schema deviation of one proof object as a warning', async () => {
    const response = await post(readJson('standards/1edtech-ob3-test-vector.signed.json'));
    const body = response.json();
    expect(body.verified).toBe(true);
    expect(body.issuer.trust).toBe('unconfirmed');
    expect(body.checks[1]).toMatchObject({
      name: 'schema',
      code: 'schema-deviation',
      level: 'warning',
      ok: false,
    });
  });
});
