import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { databaseKinds } from '../support/databases.ts';
import { startIssuing, type IssuingFixture } from '../support/issuing.ts';
import { runCli } from '../support/cli.ts';
import { buildApp } from '../../src/app.ts';
import { loadConfig } from '../../src/core/config.ts';
import { getInstitution } from '../../src/institutions/store.ts';
import { runAward } from '../../src/issuing/award.ts';
import {
  RENDERED_BADGE_CACHE_SIZE,
  badgePng,
  badgeRenders,
  bakedBadge,
} from '../../src/issuing/baked-badge.ts';
import { bakePng, bakeSvg, readPngChunks, unbakePng, unbakeSvg } from '../../src/credentials/baking.ts';
import { credentialFileKind, credentialFromFile } from '../../src/verification/credential-file.ts';
import { UnreadableCredentialError } from '../../src/verification/credential-input.ts';
import { InputLimitError, MAX_CREDENTIAL_FILE_BYTES } from '../../src/verification/input-limits.ts';
import { attachCredential } from '../../src/credentials/pdf-attachment.ts';
import { badgeDataUrl } from '../../src/credentials/file-kinds.ts';
import { MAX_IMPORT_FILE_BYTES } from '../../src/wallet/import-routes.ts';
import { MAX_IMPORT_FILE_BYTES as WEB_IMPORT_LIMIT } from '../../web/src/api/imports.ts';
import { WALLET_EN, WALLET_NL } from '../../web/src/i18n/wallet.ts';
import { PDFDocument } from 'pdf-lib';

const fixtures = path.resolve(import.meta.dirname, '../fixtures/badges');
const plainPng = new Uint8Array(fs.readFileSync(path.join(fixtures, 'plain-badge.png')));
const plainSvg = fs.readFileSync(path.join(fixtures, 'plain-badge.svg'), 'utf8');
const vectorText = fs.readFileSync(path.join(fixtures, 'credential.json'), 'utf8');

async function unreadableKey(bytes: Uint8Array): Promise<string | undefined> {
  try {
    await credentialFromFile(bytes);
  } catch (error) {
    if (error instanceof UnreadableCredentialError) return error.inputKey;
    throw error;
  }
  return undefined;
}

describe('reading a credential from a file', () => {
  it('tells JSON (with or without BOM), PNG, SVG and PDF apart by their content', () => {
    const encode = (text: string) => new TextEncoder().encode(text);
    expect(credentialFileKind(encode(vectorText))).toBe('json');
    expect(credentialFileKind(encode(`\uFEFF${vectorText}`))).toBe('json');
    expect(credentialFileKind(plainPng)).toBe('png');
    expect(credentialFileKind(encode(plainSvg))).toBe('svg');
    expect(credentialFileKind(encode(`<?xml version="1.0"?>\n<!-- badge -->\n${plainSvg}`))).toBe('svg');
    expect(credentialFileKind(encode('%PDF-1.7\n…'))).toBe('pdf');
    expect(credentialFileKind(encode('<html><body></body></html>'))).toBe('unknown');
    expect(credentialFileKind(Uint8Array.of(0xff, 0xd8, 0xff, 0xe0, 0x00))).toBe('unknown');
  });

  it('takes the same credential out of JSON, a baked PNG and a baked SVG', async () => {
    const expected = JSON.parse(vectorText);
    const encode = (text: string) => new TextEncoder().encode(text);
    expect(await credentialFromFile(encode(`\uFEFF${vectorText}`))).toEqual(expected);
    expect(await credentialFromFile(bakePng(plainPng, vectorText))).toEqual(expected);
    expect(await credentialFromFile(encode(bakeSvg(plainSvg, vectorText)))).toEqual(expected);
  });

  it('says which file carries no credential, which is damaged, and which is not a credential file', async () => {
    const encode = (text: string) => new TextEncoder().encode(text);
    expect(await unreadableKey(plainPng)).toBe('png-no-credential');
    expect(await unreadableKey(encode(plainSvg))).toBe('svg-no-credential');
    expect(await unreadableKey(plainPng.subarray(0, 2000))).toBe('png-malformed');
    expect(await unreadableKey(encode('%PDF-1.7\nnot really a pdf'))).toBe('pdf-unreadable');
    expect(await unreadableKey(Uint8Array.of(0xff, 0xd8, 0xff, 0xe0, 0x00))).toBe('not-a-credential-file');
    expect(await unreadableKey(bakePng(plainPng, '{"a": 1, "a": 2}'))).toBe('duplicate-key');
    await expect(credentialFromFile(new Uint8Array(MAX_CREDENTIAL_FILE_BYTES + 1))).rejects.toBeInstanceOf(
      InputLimitError,
    );
  });
});

describe.each(databaseKinds())('verifying baked badges on $name', (kind) => {
  let f: IssuingFixture;
  let app: FastifyInstance;
  let url: string;
  let document: string;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stapel-baked-'));

  beforeAll(async () => {
    f = await startIssuing(kind);
    const award = await runAward(f.context, async (tx) => ({
      institution: await getInstitution(tx, 'hogeschool-schelde'),
      code: 'MC-DATA',
      learner: { email: 'baked@example.org', name: 'Bram Baert' },
      score: 16,
      recordedBy: 'test',
    }));
    const certificate = award.credentials.find((c) => c.kind === 'micro-credential-certificate')!;
    url = certificate.id;
    const row = await f.db.handle.db
      .selectFrom('credentials')
      .select('document')
      .where('credential_url', '=', url)
      .executeTakeFirstOrThrow();
    document = row.document;
    const config = loadConfig({ ...f.env, STAPEL_LOG_LEVEL: 'silent' });
    app = await buildApp({
      config,
      database: f.db.handle,
      logger: false,
      masterKey: f.context.masterKey,
      webRoot: '/nonexistent',
    });
  });
  afterAll(async () => {
    await app?.close();
    await f?.db.dispose();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const post = (payload: Uint8Array | string, contentType: string, lang = 'en') =>
    app.inject({
      method: 'POST',
      url: '/api/v1/verify',
      payload: typeof payload === 'string' ? payload : Buffer.from(payload),
      headers: { 'content-type': contentType, 'accept-language': lang },
    });

  it('gives the achievement its badge image: an OB 3.0 Image served at /achievements/<version id>/image', async () => {
    const credential = JSON.parse(document);
    const versionId = await f.db.handle.db
      .selectFrom('credentials')
      .select('micro_credential_version_id')
      .where('credential_url', '=', url)
      .executeTakeFirstOrThrow();
    const image = credential.credentialSubject.achievement.image;
    expect(image).toEqual({
      id: `${f.context.settings.publicUrl}/achievements/${versionId.micro_credential_version_id}/image`,
      type: 'Image',
      caption: expect.stringMatching(/^Badge van de micro-credential /),
    });
    const served = await app.inject({ method: 'GET', url: new URL(image.id).pathname });
    expect(served.statusCode).toBe(200);
    expect(served.headers['content-type']).toBe('image/svg+xml');
    expect(served.body).toContain('role="img"');
  });

  it('bakes the stored signed text, byte for byte, into the badge as PNG and as SVG', async () => {
    const png = (await bakedBadge(f.db.handle.db, url, 'png'))!;
    expect(png.mediaType).toBe('image/png');
    expect(readPngChunks(png.bytes)[0]?.type).toBe('IHDR');
    expect(unbakePng(png.bytes)).toBe(document);
    const svg = (await bakedBadge(f.db.handle.db, url, 'svg'))!;
    expect(svg.mediaType).toBe('image/svg+xml');
    const svgText = new TextDecoder().decode(svg.bytes);
    expect(svgText).toContain('role="img"');
    expect(unbakeSvg(svgText)).toBe(document);
    expect(await bakedBadge(f.db.handle.db, `${url}-none`, 'png')).toBeUndefined();
  });

  it('renders a version’s badge once for every PNG download, and keeps a bounded number', async () => {
    const first = (await bakedBadge(f.db.handle.db, url, 'png'))!;
    const renders = badgeRenders.count;
    const again = (await bakedBadge(f.db.handle.db, url, 'png'))!;
    expect(again.bytes).toEqual(first.bytes);
    expect(badgeRenders.count).toBe(renders);
    const svg = new TextEncoder().encode(plainSvg);
    for (let i = 0; i <= RENDERED_BADGE_CACHE_SIZE; i++)
      badgePng(`other-${i}`, { mediaType: 'image/svg+xml', bytes: svg });
    // The oldest entry made room: the credential's version is rendered again, once.
    await bakedBadge(f.db.handle.db, url, 'png');
    await bakedBadge(f.db.handle.db, url, 'png');
    expect(badgeRenders.count).toBe(renders + RENDERED_BADGE_CACHE_SIZE + 2);
  });

  it('sends the baked SVG with the strict image policy: nothing in it may run or load', async () => {
    // The issuing institution may read its credential's files.
    const response = await app.inject({
      method: 'GET',
      url: `${new URL(url).pathname}/badge.svg`,
      headers: { authorization: `Bearer ${f.tokens['hogeschool-schelde']}` },
    });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-security-policy']).toBe(
      "default-src 'none'; style-src 'unsafe-inline'; img-src data:",
    );
  });

  it('holds verifier, import and web to one file limit', () => {
    expect(MAX_IMPORT_FILE_BYTES).toBe(MAX_CREDENTIAL_FILE_BYTES);
    expect(WEB_IMPORT_LIMIT).toBe(MAX_CREDENTIAL_FILE_BYTES);
    const mb = `${MAX_CREDENTIAL_FILE_BYTES / (1024 * 1024)} MB`;
    for (const texts of [WALLET_NL, WALLET_EN]) {
      expect(texts.wallet.fileHint).toContain(mb);
      expect(texts.wallet.fileTooLarge).toContain(mb);
    }
  });

  it('verifies a baked PNG and a baked SVG sent to POST /api/v1/verify', async () => {
    const png = (await bakedBadge(f.db.handle.db, url, 'png'))!;
    const fromPng = await post(png.bytes, 'image/png');
    expect(fromPng.statusCode).toBe(200);
    expect(fromPng.json()).toMatchObject({ verified: true, credential: { id: url } });
    const svg = (await bakedBadge(f.db.handle.db, url, 'svg'))!;
    const fromSvg = await post(svg.bytes, 'image/svg+xml');
    expect(fromSvg.json()).toMatchObject({ verified: true, credential: { id: url } });
    // Sent as plain bytes, it is recognised by its content.
    expect((await post(png.bytes, 'application/octet-stream')).json().verified).toBe(true);
  });

  it('verifies a PDF certificate with the credential attached, and refuses a PDF without one', async () => {
    const pdf = await PDFDocument.create();
    pdf.addPage();
    const bare = await pdf.save();
    await attachCredential(pdf, document, 'credential.json');
    const response = await post(await pdf.save(), 'application/pdf');
    expect(response.json()).toMatchObject({ verified: true, credential: { id: url } });
    const none = await post(bare, 'application/pdf');
    expect(none.statusCode).toBe(400);
    expect(none.json().detail).toBe(
      'This PDF has no credential attached; choose the PDF certificate that came with the credential.',
    );
  });

  it('bakes into an uploaded PNG as it is, and shows it inside an SVG when asked for SVG', async () => {
    const versionId = (
      await f.db.handle.db
        .selectFrom('credentials')
        .select('micro_credential_version_id')
        .where('credential_url', '=', url)
        .executeTakeFirstOrThrow()
    ).micro_credential_version_id;
    const setImage = (image: string | null) =>
      f.db.handle.db
        .updateTable('micro_credential_versions')
        .set({ badge_image: image })
        .where('id', '=', versionId)
        .execute();
    await setImage(badgeDataUrl({ mediaType: 'image/png', bytes: plainPng }));
    try {
      const png = (await bakedBadge(f.db.handle.db, url, 'png'))!;
      expect(readPngChunks(png.bytes).filter((c) => c.type !== 'iTXt')).toEqual(readPngChunks(plainPng));
      expect(unbakePng(png.bytes)).toBe(document);
      const svg = new TextDecoder().decode((await bakedBadge(f.db.handle.db, url, 'svg'))!.bytes);
      expect(svg).toMatch(/<image href="data:image\/png;base64,iVBOR[^"]*" width="800" height="800"\/>/);
      expect(svg).toMatch(/<title id="badge-title">[^<]+<\/title>/);
      expect(unbakeSvg(svg)).toBe(document);
      expect((await post(new TextEncoder().encode(svg), 'image/svg+xml')).json().verified).toBe(true);
    } finally {
      await setImage(null);
    }
  });

  it('answers verified false for a baked credential that was changed after signing', async () => {
    const changed = document.replace('"value":"16"', '"value":"20"');
    expect(changed).not.toBe(document);
    const response = await post(bakePng(plainPng, changed), 'image/png');
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.verified).toBe(false);
    expect(body.checks.find((c: { name: string }) => c.name === 'proof')).toMatchObject({ ok: false });
  });

  it('refuses a PNG without a credential and a damaged PNG with a 400 that says so, in Dutch and English', async () => {
    const none = await post(plainPng, 'image/png', 'nl');
    expect(none.statusCode).toBe(400);
    expect(none.headers['content-type']).toContain('application/problem+json');
    expect(none.json().detail).toBe(
      'Deze PNG-afbeelding bevat geen Open Badges-leerbewijs (geen openbadgecredential-blok).',
    );
    const damaged = (await bakedBadge(f.db.handle.db, url, 'png'))!.bytes.slice();
    damaged[200] = damaged[200]! ^ 0xff;
    const corrupt = await post(damaged, 'image/png');
    expect(corrupt.statusCode).toBe(400);
    expect(corrupt.json().detail).toMatch(/^This PNG image cannot be read: /);
    const notAnImage = await post('just some text', 'image/svg+xml');
    expect(notAnImage.statusCode).toBe(400);
    expect(notAnImage.json().detail).toMatch(/not valid JSON|not a JSON, PNG, SVG or PDF file/);
  });

  it('describes the file bodies in the OpenAPI document', async () => {
    const document = (await app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    const body = document.paths['/api/v1/verify'].post.requestBody;
    expect(Object.keys(body.content)).toEqual(
      expect.arrayContaining(['application/json', 'image/png', 'image/svg+xml', 'application/pdf']),
    );
  });

  it('stapel verify reads a baked PNG file: exit 0 and every check; a PNG without one exits 2', async () => {
    const file = path.join(dir, 'badge.png');
    fs.writeFileSync(file, (await bakedBadge(f.db.handle.db, url, 'png'))!.bytes);
    const ok = await runCli(['verify', file, '--json'], f.env);
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.stdout)).toMatchObject({ verified: true, credential: { id: url } });
    const plain = path.join(dir, 'plain.png');
    fs.writeFileSync(plain, plainPng);
    const none = await runCli(['verify', plain], f.env);
    expect(none.code).toBe(2);
    expect(none.stdout).toContain('This PNG image carries no Open Badges credential');
  });
});
