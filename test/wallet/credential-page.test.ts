import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { databaseKinds } from '../support/databases.ts';
import { issuingApp, startIssuing, type IssuingFixture } from '../support/issuing.ts';
import { TestClient } from '../support/http.ts';
import { setUp } from '../support/set-up.ts';
import { createUser } from '../../src/accounts/users.ts';
import { getInstitution } from '../../src/institutions/store.ts';
import { runAward } from '../../src/issuing/award.ts';
import { changeCredentialStatus } from '../../src/issuing/status.ts';
import { proofMail, statusChangeMail } from '../../src/issuing/mail.ts';
import { negotiateCredential } from '../../src/wallet/content-negotiation.ts';
import { canRead, credentialAccess } from '../../src/wallet/credential-access.ts';
import { downloadName, titleSlug } from '../../src/certificates/download-names.ts';
import { shellWithMeta } from '../../src/wallet/page-meta.ts';
import type { CredentialView } from '../../src/wallet/schemas.ts';

const PASSWORD = 'holder password 1';
const WEB_ROOT = path.resolve(import.meta.dirname, '../fixtures/wallet/web');
const BROWSER = 'text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8';
type Doc = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

describe('content negotiation of a credential id', () => {
  it('gives a browser the page and a verifier the JSON, by q-values', () => {
    expect(negotiateCredential(BROWSER)).toEqual({ kind: 'html' });
    expect(negotiateCredential(undefined)).toEqual({ kind: 'json', type: 'application/vc+ld+json' });
    expect(negotiateCredential('')).toEqual({ kind: 'json', type: 'application/vc+ld+json' });
    expect(negotiateCredential('*/*')).toEqual({ kind: 'json', type: 'application/vc+ld+json' });
    expect(negotiateCredential('application/json')).toEqual({ kind: 'json', type: 'application/json' });
    expect(negotiateCredential('application/ld+json, text/html;q=0.5')).toEqual({
      kind: 'json',
      type: 'application/ld+json',
    });
    expect(negotiateCredential('text/html;q=0.4, application/vc+ld+json;q=0.9')).toMatchObject({
      kind: 'json',
    });
    expect(negotiateCredential('application/json;q=0.1, text/*')).toEqual({ kind: 'html' });
    expect(negotiateCredential('text/html, application/json')).toMatchObject({ kind: 'json' });
    expect(negotiateCredential('image/png')).toEqual({ kind: 'none' });
    expect(negotiateCredential('*/*;q=0')).toEqual({ kind: 'none' });
  });

  it('lets the holder and the issuing institution read a credential, anyone else only once shared', () => {
    const facts = { isHolder: false, isIssuerStaff: false, shared: false };
    expect(credentialAccess(facts)).toBe('private');
    expect(credentialAccess({ ...facts, shared: true })).toBe('public');
    expect(credentialAccess({ ...facts, isIssuerStaff: true })).toBe('staff');
    expect(credentialAccess({ ...facts, isHolder: true, isIssuerStaff: true })).toBe('holder');
    expect(canRead('private')).toBe(false);
    expect(canRead('public')).toBe(true);
  });

  it('names downloads after the title and the date, never the host', () => {
    expect(titleSlug('Datageletterdheid & AI — één basis')).toBe('datageletterdheid-ai-een-basis');
    expect(downloadName('Lean basis', '2025-02-03T10:00:00.000Z', 'pdf')).toBe('lean-basis-2025-02-03.pdf');
    expect(downloadName('???', null, 'json')).toBe('credential.json');
  });

  it('puts a shared credential’s title into the shell, escaped', () => {
    const html = shellWithMeta('<head><title>Stapel</title></head>', {
      title: 'Lean <basis> & "meer"',
      url: 'https://stapel.example/credentials/1',
    });
    expect(html).toContain('<title>Lean &lt;basis&gt; &amp; &quot;meer&quot; · Stapel</title>');
    expect(html).toContain('<meta property="og:url" content="https://stapel.example/credentials/1">');
  });
});

describe.each(databaseKinds())("a credential's page, on $name", (kind) => {
  let f: IssuingFixture;
  let app: FastifyInstance;
  let holder: TestClient;
  let docs: Doc[];
  const idOf = (doc: Doc) => new URL(doc.id).pathname.split('/').pop()!;

  beforeAll(async () => {
    f = await startIssuing(kind);
    app = await issuingApp(f, WEB_ROOT);
    const result = await runAward(f.context, async (tx) => ({
      institution: await getInstitution(tx, 'hogeschool-schelde'),
      code: 'MC-DATA',
      learner: { email: 'lotte@example.org', name: 'Lotte Leerling' },
      score: 15,
      recordedBy: 'test',
    }));
    docs = result.credentials.map((c) => c.document as Doc);
    await setUp(f.db.handle, async ({ tx }) => {
      const { user } = await createUser(tx, {
        email: 'lotte@example.org',
        name: 'Lotte',
        password: PASSWORD,
      });
      await tx
        .updateTable('users')
        .set({ email_verified_at: new Date().toISOString() })
        .where('id', '=', user.id)
        .execute();
    });
    holder = new TestClient(app);
    await holder.signIn('lotte@example.org', PASSWORD);
  });
  afterAll(async () => {
    await app?.close();
    await f?.db.dispose();
  });

  it('answers the page shell to a browser and JSON to a verifier at the same id, varying by Accept', async () => {
    const certificate = docs[2]!;
    const url = new URL(certificate.id).pathname;
    const page = await app.inject({ method: 'GET', url, headers: { accept: BROWSER } });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.headers.vary).toContain('accept');
    expect(page.headers['cache-control']).toBe('no-store');
    expect(page.body).toContain('<div id="root">');
    // Private: the shell names nothing of it.
    expect(page.body).toContain('<title>Stapel</title>');

    const json = await holder.request('GET', url, undefined, { accept: 'application/ld+json' });
    expect(json.statusCode).toBe(200);
    expect(json.headers['content-type']).toContain('application/ld+json');
    expect(JSON.parse(json.body)).toEqual(certificate);
    const missing = await app.inject({
      method: 'GET',
      url: '/credentials/00000000-0000-4000-8000-000000000000',
      headers: { accept: BROWSER },
    });
    expect(missing.statusCode).toBe(404);
    expect(missing.headers['content-type']).toContain('text/html');
    const none = await app.inject({ method: 'GET', url, headers: { accept: 'image/png' } });
    expect(none.statusCode).toBe(406);
    expect(none.headers['content-type']).toContain('application/problem+json');

    await holder.put(`/api/v1/me/credentials/${idOf(certificate)}/share`, { shared: true });
    const shared = await app.inject({ method: 'GET', url, headers: { accept: BROWSER } });
    expect(shared.body).toContain(
      `<title>${certificate.credentialSubject.achievement.name} · Stapel</title>`,
    );
    expect(shared.body).toContain('og:title');
  });

  it('shows its holder everything the page needs, in both languages, with a live verification', async () => {
    const certificate = docs[2]!;
    const res = await holder.get(`/api/v1/credentials/${idOf(certificate)}/view`);
    expect(res.statusCode).toBe(200);
    const view = res.json() as CredentialView;
    expect(view.access).toBe('holder');
    const details = view.credential!;
    expect(details).toMatchObject({
      kind: 'micro-credential-certificate',
      form: 'regular',
      microCredential: { code: 'MC-DATA', version: expect.any(Number) },
      institution: { slug: 'hogeschool-schelde' },
      issuer: { trust: 'recognised', name: expect.any(String) },
      learnerName: 'Lotte Leerling',
      ects: certificate.credentialSubject.achievement.creditsAvailable,
      status: 'valid',
      statusChangedAt: null,
      downloads: { json: `/credentials/${idOf(certificate)}/credential.json` },
    });
    expect(details.title.nl).toBeTruthy();
    expect(details.title.en).toBeTruthy();
    expect(details.learningOutcomes.length).toBeGreaterThan(0);
    expect(details.vksLevel).toBe(Number(certificate.credentialSubject.achievement.alignment[0].targetCode));
    expect(details.verification.verified).toBe(true);
    expect(details.verification.checks.map((c) => c.name)).toContain('proof');
    // Form A: the credit certificates it rests on, each linked to its own page.
    expect(details.creditCertificates.map((c) => [c.courseUnit, c.id, c.url])).toEqual([
      ['DATA101', idOf(docs[0]!), docs[0]!.id],
      ['DATA102', idOf(docs[1]!), docs[1]!.id],
    ]);
    const credit = (await holder.get(`/api/v1/credentials/${idOf(docs[0]!)}/view`)).json() as CredentialView;
    expect(credit.credential).toMatchObject({
      kind: 'credit-certificate',
      courseUnit: 'DATA101',
      creditCertificates: [],
    });
  });

  it('offers the holder a PDF certificate in nl and en and baked badges, named after title and date', async () => {
    const certificate = docs[2]!;
    const base = new URL(certificate.id).pathname;
    const date = String(certificate.validFrom).slice(0, 10);
    for (const [url, type, ext] of [
      [`${base}/certificate.pdf?lang=nl`, 'application/pdf', 'pdf'],
      [`${base}/certificate.pdf?lang=en`, 'application/pdf', 'pdf'],
      [`${base}/badge.png`, 'image/png', 'png'],
      [`${base}/badge.svg`, 'image/svg+xml', 'svg'],
    ] as const) {
      const res = await holder.get(url);
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['content-type']).toContain(type);
      expect(res.headers['cache-control']).toBe('no-store');
      expect(res.headers['content-disposition']).toMatch(
        new RegExp(`^attachment; filename="[a-z0-9-]+-${date}\\.${ext}"$`),
      );
      expect(res.rawPayload.length).toBeGreaterThan(100);
    }
    expect((await holder.get(`${base}/certificate.pdf`)).rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    expect((await holder.get(`${base}/certificate.pdf?lang=fr`)).statusCode).toBe(422);
    // The credential itself is inside the baked PNG.
    expect((await holder.get(`${base}/badge.png`)).rawPayload.includes(Buffer.from(certificate.id))).toBe(
      true,
    );
    // Private to anyone else, as the JSON is (the certificate is shared by now; its credit is not).
    const credit = new URL(docs[0]!.id).pathname;
    for (const file of ['badge.png', 'badge.svg', 'certificate.pdf', 'credential.json'])
      expect((await app.inject({ method: 'GET', url: `${credit}/${file}` })).statusCode).toBe(403);
    expect((await app.inject({ method: 'GET', url: `${base}/badge.png` })).statusCode).toBe(200);
  });

  it('gives only the holder the LinkedIn link and its fields, leading to the page', async () => {
    const certificate = docs[2]!;
    const view = (await holder.get(`/api/v1/credentials/${idOf(certificate)}/view`)).json() as CredentialView;
    const linkedIn = view.credential!.linkedIn!;
    expect(linkedIn.nl.url).toMatch(/^https:\/\/www\.linkedin\.com\/profile\/add\?/);
    expect(linkedIn.en.fields).toMatchObject({ certUrl: certificate.id, certId: certificate.id });
    const staff = await app.inject({
      method: 'GET',
      url: `/api/v1/credentials/${idOf(certificate)}/view`,
      headers: { authorization: `Bearer ${f.tokens['hogeschool-schelde']}` },
    });
    expect((staff.json() as CredentialView).access).toBe('staff');
    expect((staff.json() as CredentialView).credential!.linkedIn).toBeNull();
  });

  it('words the checks in the language asked for', async () => {
    const id = idOf(docs[2]!);
    const nl = await holder.request('GET', `/api/v1/credentials/${id}/view`, undefined, {
      'accept-language': 'nl',
    });
    const en = await holder.request('GET', `/api/v1/credentials/${id}/view`, undefined, {
      'accept-language': 'en',
    });
    const proof = (r: typeof nl) =>
      (r.json() as CredentialView).credential!.verification.checks.find((c) => c.name === 'proof')!.detail;
    expect(proof(nl)).not.toBe(proof(en));
  });

  it('says at once that a credential was revoked, and when', async () => {
    const credit = docs[1]!;
    const change = await f.db.handle.transaction((tx) =>
      changeCredentialStatus(tx, f.context, credit.id, 'revoke', 'issued in error'),
    );
    const view = (await holder.get(`/api/v1/credentials/${idOf(credit)}/view`)).json() as CredentialView;
    expect(view.credential).toMatchObject({
      status: 'revoked',
      statusChangedAt: change.changedAt,
      statusReason: 'issued in error',
      verification: { verified: false },
    });
    const certificate = (
      await holder.get(`/api/v1/credentials/${idOf(docs[2]!)}/view`)
    ).json() as CredentialView;
    expect(certificate.credential!.creditCertificates[1]).toMatchObject({ status: 'revoked' });
  });

  it('shows anyone with the link only the credit certificates shared too', async () => {
    const anonymousView = async (doc: Doc) =>
      (
        await app.inject({ method: 'GET', url: `/api/v1/credentials/${idOf(doc)}/view` })
      ).json() as CredentialView;
    for (const doc of [docs[2]!, docs[0]!, docs[1]!])
      await holder.put(`/api/v1/me/credentials/${idOf(doc)}/share`, { shared: true });
    await holder.put(`/api/v1/me/credentials/${idOf(docs[1]!)}/share`, { shared: false });
    const certificate = await anonymousView(docs[2]!);
    expect(certificate.access).toBe('public');
    expect(certificate.credential!.creditCertificates.map((c) => c.courseUnit)).toEqual(['DATA101']);
    await holder.put(`/api/v1/me/credentials/${idOf(docs[1]!)}/share`, { shared: true });
    const revoked = await anonymousView(docs[1]!);
    expect(revoked.credential).toMatchObject({ status: 'revoked', statusReason: 'issued in error' });
    for (const doc of docs) await holder.put(`/api/v1/me/credentials/${idOf(doc)}/share`, { shared: false });
  });

  it("links every e-mail about a credential to the credential's page", () => {
    const id = docs[2]!.id as string;
    const status = statusChangeMail({
      institution: { name: { nl: 'Hogeschool Schelde', en: 'Schelde University' } },
      action: 'revoke',
      name: { nl: 'Data', en: 'Data' },
      credential: id,
      reason: null,
    });
    expect(status.body).toContain(`De pagina van je leerbewijs, met zijn status: ${id}`);
    expect(status.body).toContain(`Your credential's page, with its status: ${id}`);
    const proof = proofMail({
      learnerName: 'Lotte',
      editionCode: 'DATA-1',
      title: { nl: 'Data', en: 'Data' },
      held: [{ kind: 'micro-credential-certificate', courseUnit: null, id }],
      passedUnits: [],
      remaining: 0,
    });
    expect(proof.body).toContain('elke link is de pagina van het leerbewijs');
    expect(proof.body).toContain("each link is the credential's page");
    expect(proof.body).toContain(id);
  });
});
