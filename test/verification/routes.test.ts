import Fastify, { type FastifyInstance } from 'fastify';
import swagger from '@fastify/swagger';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { installProblemHandler } from '../../src/core/http.ts';
import { verificationRoutes } from '../../src/verification/routes.ts';
import { createWorld, stapelCredential, type World } from './verification-world.ts';

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
    expect(Object.keys(body.checks[0])).toEqual(['name', 'ok', 'level', 'detail']);
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
});
