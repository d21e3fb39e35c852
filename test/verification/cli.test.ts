import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SafeFetcher } from '../../src/credentials/safe-fetch.ts';
import { createSourceReader, runVerifyCommand } from '../../src/verification/cli.ts';
import { createWorld, fixture, stapelCredential, type World } from './verification-world.ts';

let world: World;
let dir: string;
let validFile: string;
let revokedFile: string;

beforeAll(async () => {
  world = await createWorld();
  await world.publishStatusList({ set: { 43: 1 } });
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stapel-verify-'));
  validFile = path.join(dir, 'valid.json');
  revokedFile = path.join(dir, 'revoked.json');
  fs.writeFileSync(validFile, JSON.stringify(await world.sign(stapelCredential({ index: 42 })), null, 2));
  fs.writeFileSync(revokedFile, JSON.stringify(await world.sign(stapelCredential({ index: 43 }))));
});
afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

async function run(source: string, json = false, read = createSourceReader()) {
  const lines: string[] = [];
  const code = await runVerifyCommand(
    source,
    { json },
    { read, out: (line) => lines.push(line), verify: world.verify },
  );
  return { code, lines, text: lines.join('\n') };
}

describe('runVerifyCommand', () => {
  it('exits 0 for a valid credential, with one line per check and a verdict', async () => {
    const { code, lines } = await run(validFile);
    expect(code).toBe(0);
    expect(lines).toHaveLength(9);
    expect(lines.slice(0, 7).every((line) => line.startsWith('✓ '))).toBe(true);
    expect(lines[2]).toMatch(/^✓ proof {13} The eddsa-rdfc-2022 signature is valid/);
    expect(lines[7]).toBe(
      'Issued by Hogeschool Schelde (did:web:stapel.test:institutions:hogeschool-schelde): recognised.',
    );
    expect(lines[8]).toBe('VALID.');
  });

  it('exits 0 with warning marks for a valid credential whose issuer is not confirmed', async () => {
    const { code, lines } = await run(fixture('standards/1edtech-ob3-test-vector.signed.json'));
    expect(code).toBe(0);
    expect(lines[1]).toMatch(
      /^! schema {13}Deviates from the Open Badges 3\.0 schema as published: `proof` is a single object/,
    );
    expect(lines[6]).toMatch(/^! issuer-recognised {2}Claims to be issued by Example Corp/);
    expect(lines[7]).toBe(
      'Claims to be issued by Example Corp (https://example.edu/issuers/565049): not confirmed: nothing but the credential vouches for its key.',
    );
    expect(lines[8]).toBe('VALID, with 2 warnings.');
  });

  it('exits 1 for a forgery naming this platform as its issuer, and says so in English', async () => {
    const lines: string[] = [];
    const code = await runVerifyCommand(
      fixture('credentials/forged-profile-url-issuer.json'),
      {},
      {
        read: createSourceReader(),
        out: (line) => lines.push(line),
        verify: (input) => world.verify(input, { ownHost: 'localhost:3000' }),
      },
    );
    expect(code).toBe(1);
    expect(lines[6]).toMatch(
      /^✗ issuer-recognised {2}Refused: the credential names http:\/\/localhost:3000\/institutions\/hogeschool-schelde\/profile\.json as its issuer/,
    );
    expect(lines.at(-1)).toBe('NOT VALID: failed issuer-recognised.');
  });

  it('exits 1 for a changed credential and for a revoked one', async () => {
    const changed = await run(fixture('credentials/1edtech-ob3-test-vector.changed-name.json'));
    expect(changed.code).toBe(1);
    expect(changed.text).toContain(
      '✗ proof              The signature does not match the content: the credential was changed after it was signed.',
    );
    expect(changed.lines.at(-1)).toBe('NOT VALID: failed proof, status, validity.');

    const revoked = await run(revokedFile);
    expect(revoked.code).toBe(1);
    expect(revoked.text).toContain('✗ status             Revoked on 1 January 2026 at the latest');
    expect(revoked.lines.at(-1)).toBe('NOT VALID: failed status.');
  });

  it('exits 2 for a missing file, malformed JSON and a refused URL', async () => {
    const missing = await run(path.join(dir, 'nope.json'));
    expect(missing).toMatchObject({
      code: 2,
      lines: [`Cannot read the credential: There is no file ${path.join(dir, 'nope.json')}.`],
    });

    const malformed = await run(fixture('credentials/malformed.json'));
    expect(malformed.code).toBe(2);
    expect(malformed.text).toMatch(
      /^Cannot read the credential: The input is not valid JSON: .* at line 4, column 3/,
    );

    const refused = await run('http://10.0.0.1/credential.json');
    expect(refused.code).toBe(2);
    expect(refused.text).toMatch(
      /^Cannot read the credential: Refused to fetch http:\/\/10\.0\.0\.1\/credential\.json: only https/,
    );

    const folder = await run(dir);
    expect(folder.code).toBe(2);
  });

  it('prints exactly verified, checks and credential with --json', async () => {
    const { code, lines } = await run(validFile, true);
    expect(code).toBe(0);
    expect(lines).toHaveLength(1);
    const output = JSON.parse(lines[0]!);
    expect(Object.keys(output)).toEqual(['verified', 'checks', 'issuer', 'credential']);
    expect(output.verified).toBe(true);
    expect(output.checks).toHaveLength(7);
    for (const c of output.checks)
      expect(Object.keys(c)).toEqual(['name', 'code', 'ok', 'detail', 'level', 'params']);
    expect(output.checks[4]).toMatchObject({
      name: 'status',
      code: 'status-marked-valid',
      params: { index: 42 },
    });
    expect(output.issuer).toEqual({
      id: 'did:web:stapel.test:institutions:hogeschool-schelde',
      name: 'Hogeschool Schelde',
      trust: 'recognised',
    });
    expect(output.credential).toMatchObject({ achievement: { credits: 3 }, learner: 'Jan Peeters' });

    const revoked = await run(revokedFile, true);
    expect(revoked.code).toBe(1);
    expect(JSON.parse(revoked.lines[0]!).verified).toBe(false);
  });

  it('refuses duplicate keys as unreadable input (exit 2), naming the key and where', async () => {
    const { code, lines } = await run(fixture('credentials/duplicate-name.json'));
    expect(code).toBe(2);
    expect(lines).toEqual([
      'Cannot read the credential: The key "name" appears twice in the same object (/, line 16, column 3). A person reading the file may see another value than a program checking it; such a credential is not read.',
    ]);
  });

  it('reports unreadable input as JSON too with --json', async () => {
    const { code, lines } = await run(fixture('credentials/malformed.json'), true);
    expect(code).toBe(2);
    expect(JSON.parse(lines[0]!)).toMatchObject({
      verified: false,
      error: expect.stringMatching(/not valid JSON/),
    });
  });

  it('reads standard input for "-"', async () => {
    const text = fs.readFileSync(validFile, 'utf8');
    const read = createSourceReader({
      stdin: Readable.from([Buffer.from(text.slice(0, 100)), text.slice(100)]),
    });
    expect((await run('-', false, read)).code).toBe(0);
    const empty = await run('-', false, createSourceReader({ stdin: Readable.from([]) }));
    expect(empty).toMatchObject({
      code: 2,
      lines: ['Cannot read the credential: The input is empty: there is no credential to check.'],
    });
  });

  it('fetches https sources through the safe fetcher', async () => {
    const body = fs.readFileSync(validFile, 'utf8');
    const requested: string[] = [];
    const fetcher = new SafeFetcher({
      lookup: async () => ['93.184.216.34'],
      fetchImpl: async (url) => {
        requested.push(String(url));
        return new Response(body, { headers: { 'content-type': 'application/json' } });
      },
    });
    const result = await run('https://issuer.example/credentials/1', false, createSourceReader({ fetcher }));
    expect(result.code).toBe(0);
    expect(requested).toEqual(['https://issuer.example/credentials/1']);
  });

  it('refuses inputs larger than the limit', async () => {
    const result = await run(validFile, false, createSourceReader({ maxBytes: 100 }));
    expect(result.code).toBe(2);
    expect(result.text).toContain('is larger than 100 bytes');
  });
});
