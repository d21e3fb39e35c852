import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds } from '../support/databases.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import { badgeDataUrl } from '../../src/credentials/badge-image.ts';
import { definitionFromRow, linkedCodes, versionOf } from '../../src/catalogue/rows.ts';
import { updateMicroCredential } from '../../src/catalogue/micro-credentials.ts';
import { getInstitution } from '../../src/institutions/store.ts';
import { setUp } from '../support/set-up.ts';

const SCHELDE = 'hogeschool-schelde';
const fixtures = path.resolve(import.meta.dirname, '../fixtures/badges');
const file = (name: string) => new Uint8Array(fs.readFileSync(path.join(fixtures, name)));
const svgUrl = (name: string) => badgeDataUrl({ mediaType: 'image/svg+xml', bytes: file(name) });
const pngUrl = badgeDataUrl({ mediaType: 'image/png', bytes: file('plain-badge.png') });

describe.each(databaseKinds())('badge images on $name', (kind) => {
  let t: TestApp;
  let publishedId: string;
  let draftId: string;
  const auth = () => ({ authorization: `Bearer ${t.tokens[SCHELDE]}` });
  const badgeRoute = (code = 'MC-DATA') => `/api/v1/manage/${SCHELDE}/micro-credentials/${code}/badge-image`;
  const put = (image: string, lang = 'en', code = 'MC-DATA') =>
    t.app.inject({
      method: 'PUT',
      url: badgeRoute(code),
      headers: { ...auth(), 'accept-language': lang },
      payload: { image },
    });
  const versionRow = (id: string) =>
    t.database.handle.db
      .selectFrom('micro_credential_versions')
      .select(['badge_image', 'status'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
  const audits = (id: string) =>
    t.database.handle.db
      .selectFrom('audit_log')
      .select(['action', 'after'])
      .where('object_id', '=', id)
      .where('action', 'like', '%badge-image%')
      .orderBy('at')
      .execute();

  beforeAll(async () => {
    t = await startTestApp(kind);
    const published = await t.app.inject({
      method: 'GET',
      url: `/api/v1/institutions/${SCHELDE}/micro-credentials/MC-DATA`,
    });
    publishedId = published.json().id;
    const draft = await t.app.inject({
      method: 'POST',
      url: `/api/v1/manage/${SCHELDE}/micro-credentials/MC-DATA/versions`,
      headers: auth(),
    });
    expect(draft.statusCode).toBe(201);
    draftId = draft.json().id;
  });
  afterAll(async () => {
    await t?.close();
  });

  it('serves the generated badge of a published version publicly, as an immutable SVG', async () => {
    const response = await t.app.inject({ method: 'GET', url: `/achievements/${publishedId}/image` });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('image/svg+xml');
    expect(response.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.body).toMatch(/^<svg [^>]*role="img"/);
    expect(response.body).toContain('<title id="badge-title">Badge van de micro-credential');
  });

  it('serves no image of a draft, nor of a version that does not exist', async () => {
    for (const id of [draftId, 'no-such-version']) {
      const response = await t.app.inject({ method: 'GET', url: `/achievements/${id}/image` });
      expect(response.statusCode).toBe(404);
    }
  });

  it('shows designers the draft’s badge, generated until one is uploaded', async () => {
    const response = await t.app.inject({ method: 'GET', url: badgeRoute(), headers: auth() });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      uploaded: false,
      url: expect.stringMatching(new RegExp(`^http://localhost:\\d+/achievements/${draftId}/image$`)),
    });
    expect(response.json().image).toMatch(/^data:image\/svg\+xml;base64,/);
  });

  it('stores an uploaded PNG on the draft, audited, and removes it again', async () => {
    const set = await put(pngUrl);
    expect(set.statusCode).toBe(200);
    expect(set.json()).toMatchObject({ uploaded: true, image: pngUrl });
    expect((await versionRow(draftId)).badge_image).toBe(pngUrl);
    expect((await versionRow(publishedId)).badge_image).toBeNull();

    const removed = await t.app.inject({ method: 'DELETE', url: badgeRoute(), headers: auth() });
    expect(removed.statusCode).toBe(200);
    expect(removed.json().uploaded).toBe(false);
    expect((await versionRow(draftId)).badge_image).toBeNull();
    expect((await audits(draftId)).map((a) => a.action)).toEqual([
      'micro-credential.badge-image.set',
      'micro-credential.badge-image.remove',
    ]);
  });

  it('accepts a clean SVG', async () => {
    const set = await put(svgUrl('plain-badge.svg'));
    expect(set.statusCode).toBe(200);
    expect((await versionRow(draftId)).badge_image).toBe(svgUrl('plain-badge.svg'));
  });

  it('refuses an SVG with a script, in Dutch and English, naming it, and stores nothing', async () => {
    const before = (await versionRow(draftId)).badge_image;
    const auditsBefore = (await audits(draftId)).length;
    const en = await put(svgUrl('unsafe-script.svg'));
    expect(en.statusCode).toBe(422);
    expect(JSON.stringify(en.json())).toContain(
      'The SVG contains <script>. A badge image may not contain scripts, event attributes or references to other files',
    );
    const nl = await put(svgUrl('unsafe-script.svg'), 'nl');
    expect(JSON.stringify(nl.json())).toContain('De SVG bevat <script>.');
    expect((await versionRow(draftId)).badge_image).toBe(before);
    expect(await audits(draftId)).toHaveLength(auditsBefore);
  });

  it('refuses another type, a PNG that is not one and a file over the limit', async () => {
    const rules = async (image: string) => {
      const response = await put(image);
      expect(response.statusCode).toBe(422);
      return (response.json().errors as Array<{ rule?: string }>).map((e) => e.rule);
    };
    expect(await rules('data:image/jpeg;base64,/9j/4AAQ')).toEqual(['badge-image-type']);
    expect(await rules('https://example.org/badge.png')).toEqual(['badge-image-type']);
    expect(await rules(`data:image/png;base64,${btoa('not a png at all, really')}`)).toEqual([
      'badge-image-not-png',
    ]);
    const large = badgeDataUrl({ mediaType: 'image/png', bytes: new Uint8Array(530_000) });
    expect(await rules(large)).toEqual(['badge-image-too-large']);
  });

  it('refuses an SVG that cannot be drawn and a PNG with a damaged chunk, in Dutch and English', async () => {
    const before = (await versionRow(draftId)).badge_image;
    const en = await put(svgUrl('unrenderable.svg'));
    expect(en.statusCode).toBe(422);
    expect(en.json().errors.map((e: { rule?: string }) => e.rule)).toEqual(['badge-image-unrenderable']);
    expect(JSON.stringify(en.json())).toContain('This SVG cannot be drawn');
    const nl = await put(svgUrl('unrenderable.svg'), 'nl');
    expect(JSON.stringify(nl.json())).toContain('Deze SVG kan niet getekend worden');
    const damaged = file('plain-badge.png');
    damaged[40] = damaged[40]! ^ 0xff;
    const png = await put(badgeDataUrl({ mediaType: 'image/png', bytes: damaged }));
    expect(png.json().errors.map((e: { rule?: string }) => e.rule)).toEqual(['badge-image-not-png']);
    expect((await versionRow(draftId)).badge_image).toBe(before);
  });

  it('changes only a draft, and only for designers', async () => {
    const anonymous = await t.app.inject({ method: 'PUT', url: badgeRoute(), payload: { image: pngUrl } });
    expect(anonymous.statusCode).toBe(401);
    // MC-CYBER has no draft: its published version stays as it was published.
    const published = await put(pngUrl, 'en', 'MC-CYBER');
    expect(published.statusCode).toBe(409);
  });

  it('keeps the uploaded badge when a change to the published version starts the next draft', async () => {
    // MC-CYBER's published version with an uploaded badge (as if uploaded on its draft before publication).
    const cyber = await t.app.inject({
      method: 'GET',
      url: `/api/v1/institutions/${SCHELDE}/micro-credentials/MC-CYBER`,
    });
    const cyberId: string = cyber.json().id;
    await t.database.handle.db
      .updateTable('micro_credential_versions')
      .set({ badge_image: pngUrl })
      .where('id', '=', cyberId)
      .execute();
    await setUp(t.database.handle, async (cmd) => {
      const institution = await getInstitution(cmd.tx, SCHELDE);
      const latest = await versionOf(cmd.tx, 'micro-credential', institution.id, 'MC-CYBER');
      const { code, ...update } = definitionFromRow('MC-CYBER', latest, await linkedCodes(cmd.tx, latest.id));
      await updateMicroCredential(cmd, institution, { code, update });
    });
    const draft = await t.database.handle.db
      .selectFrom('micro_credential_versions')
      .innerJoin('micro_credentials', 'micro_credentials.id', 'micro_credential_versions.micro_credential_id')
      .select(['micro_credential_versions.badge_image', 'micro_credential_versions.status'])
      .where('micro_credentials.code', '=', 'MC-CYBER')
      .where('micro_credential_versions.status', '=', 'draft')
      .executeTakeFirstOrThrow();
    expect(draft.badge_image).toBe(pngUrl);
  });
});
