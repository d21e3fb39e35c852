import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import * as vc from '@digitalbazaar/vc';
import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import { cryptosuite } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import { decodeList } from '@digitalbazaar/vc-bitstring-status-list';
import { Ajv2019 } from 'ajv/dist/2019.js';
import * as addFormatsModule from 'ajv-formats';
import publishedSchema from '../../src/credentials/schema/ob3-achievementcredential.schema.json' with { type: 'json' };
import { databaseKinds } from '../support/databases.ts';
import { startIssuing, type IssuingFixture } from '../support/issuing.ts';
import { runCli } from '../support/cli.ts';
import { buildApp } from '../../src/app.ts';
import { loadConfig } from '../../src/core/config.ts';
import { getInstitution } from '../../src/institutions/store.ts';
import { runAward } from '../../src/issuing/award.ts';
import { proofSigner } from '../../src/issuing/proofs.ts';
import { signStatusList } from '../../src/issuing/status-lists.ts';
import { Bitstring, STATUS } from '../../src/credentials/bitstring.ts';
import { messageStatusEntry } from '../../src/credentials/open-badge.ts';
import { platformDocumentLoader, statusListUrl } from '../../src/credentials/platform-documents.ts';
import { signCredential } from '../../src/credentials/sign.ts';
import { platformVerifier } from '../../src/verification/platform-verifier.ts';

type Doc = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const SCHELDE = 'hogeschool-schelde';
const LEIE = 'universiteit-leie';

// The OB 3.0 AchievementCredential schema exactly as 1EdTech publishes it: nothing is normalised first.
const addFormats = addFormatsModule.default as unknown as (ajv: Ajv2019) => Ajv2019;
const ajv = new Ajv2019({ allErrors: true, strict: false });
addFormats(ajv);
const validatePublished = ajv.compile(publishedSchema);

describe.each(databaseKinds())('status entries every verifier reads, on $name', (kind) => {
  let f: IssuingFixture;
  let app: FastifyInstance;

  beforeAll(async () => {
    f = await startIssuing(kind);
    const config = loadConfig({ ...f.env, PORT: '0', STAPEL_LOG_LEVEL: 'silent' });
    app = await buildApp({
      config,
      database: f.db.handle,
      logger: false,
      masterKey: f.context.masterKey,
      webRoot: '/nonexistent',
    });
    await app.ready();
  });
  afterAll(async () => {
    await app?.close();
    await f?.db.dispose();
  });

  const award = async (code: string, email: string, slug = SCHELDE): Promise<Doc> => {
    const result = await runAward(f.context, async (tx) => ({
      institution: await getInstitution(tx, slug),
      code,
      learner: { email, name: 'Test Learner' },
      recordedBy: 'test',
    }));
    return result.credentials.at(-1)!.document as Doc;
  };
  const withSuspension = async <T>(fn: () => Promise<T>): Promise<T> => {
    const settings = f.context.settings;
    f.context.settings = loadConfig({
      ...f.env,
      STAPEL_LOG_LEVEL: 'silent',
      STAPEL_CREDENTIAL_STATUS: 'revocation,suspension',
    }).settings;
    try {
      return await fn();
    } finally {
      f.context.settings = settings;
    }
  };
  const listOf = async (url: string): Promise<Doc> => {
    const row = await f.db.handle.db
      .selectFrom('status_lists')
      .select('credential')
      .where('id', '=', url.split('/').pop()!)
      .executeTakeFirstOrThrow();
    return JSON.parse(row.credential!) as Doc;
  };
  const independentlyVerify = (document: Doc) =>
    vc.verifyCredential({
      credential: document,
      suite: new DataIntegrityProof({ cryptosuite }),
      documentLoader: platformDocumentLoader(f.db.handle.db, f.context.settings, { fetch: false }),
      checkStatus: async () => ({ verified: true }),
    });
  const ourVerifier = () => platformVerifier(f.db.handle, f.context.settings);
  const changeStatus = (id: string, action: string, lang: 'nl' | 'en', reason?: string) =>
    app.inject({
      method: 'POST',
      url: `/api/v1/manage/${SCHELDE}/credentials/${encodeURIComponent(id)}/status`,
      headers: { authorization: `Bearer ${f.tokens[SCHELDE]}`, 'accept-language': lang },
      payload: { action, ...(reason ? { reason } : {}) },
    });
  const listed = async (id: string) => {
    const res = await app.inject({
      method: 'GET',
      url: `/api/v1/manage/${SCHELDE}/credentials?limit=10000`,
      headers: { authorization: `Bearer ${f.tokens[SCHELDE]}` },
    });
    expect(res.statusCode).toBe(200);
    return (res.json() as Doc[]).find((c) => c.id === id)!;
  };

  it('revoking credential r sets exactly bit r of its one-bit list, as vc-bitstring-status-list reads it', async () => {
    // A credential in the first half of the list, so that 2r and 2r + 1 (where a reader of the former
    // two-bit entries would look) are entries of the list too.
    let doc: Doc | undefined;
    for (let i = 0; i < 30 && !doc; i++) {
      const candidate = await award('PV-KLIMAAT', `bit-${i}@example.org`, LEIE);
      if (Number(candidate.credentialStatus.statusListIndex) < 65_536) doc = candidate;
    }
    if (!doc) throw new Error('no credential landed in the first half of the list');
    const r = Number(doc.credentialStatus.statusListIndex);
    const before = await decodeList(
      await listOf(doc.credentialStatus.statusListCredential).then((l) => l.credentialSubject),
    );
    expect(before.getStatus(r)).toBe(false);

    const leie = await getInstitution(f.db.handle.db, LEIE);
    const res = await app.inject({
      method: 'POST',
      url: `/api/v1/manage/${LEIE}/credentials/${encodeURIComponent(doc.id)}/status`,
      headers: { authorization: `Bearer ${f.tokens[LEIE]}` },
      payload: { action: 'revoke', reason: 'issued in error' },
    });
    expect(res.statusCode, res.body).toBe(200);
    const list = await listOf(doc.credentialStatus.statusListCredential);
    expect(list.issuer).toBe(`did:web:localhost%3A3000:institutions:${leie.slug}`);
    expect(list.credentialSubject.statusPurpose).toBe('revocation');
    const bits = await decodeList(list.credentialSubject);
    expect(bits.length).toBeGreaterThanOrEqual(131_072);
    const set: number[] = [];
    for (let i = 0; i < bits.length; i++) if (bits.getStatus(i)) set.push(i);
    expect(set).toEqual([r]);
    expect(bits.getStatus(2 * r)).toBe(r === 0);
    expect(bits.getStatus(2 * r + 1)).toBe(false);
  });

  it('issues one revocation entry on a one-bit list, proof as an array, valid under the published OB 3.0 schema', async () => {
    const doc = await award('PV-LEAN', 'shape@example.org');
    const status = doc.credentialStatus;
    expect(Array.isArray(status)).toBe(false);
    expect(status).toEqual({
      id: `${status.statusListCredential}#${status.statusListIndex}`,
      type: 'BitstringStatusListEntry',
      statusPurpose: 'revocation',
      statusListIndex: expect.stringMatching(/^\d+$/),
      statusListCredential: expect.stringMatching(/^http:\/\/localhost:3000\/status-lists\//),
    });
    expect(Number(status.statusListIndex)).toBeLessThan(131_072);
    expect(Array.isArray(doc.proof)).toBe(true);
    expect(doc.proof).toHaveLength(1);
    expect(doc.proof[0]).toMatchObject({ type: 'DataIntegrityProof', cryptosuite: 'eddsa-rdfc-2022' });
    expect(validatePublished(doc), JSON.stringify(validatePublished.errors)).toBe(true);
    const row = await f.db.handle.db
      .selectFrom('credentials')
      .selectAll()
      .where('credential_url', '=', doc.id)
      .executeTakeFirstOrThrow();
    expect([row.suspension_list_id, row.suspension_index]).toEqual([null, null]);
    expect(row.status_index).toBe(Number(status.statusListIndex));

    const list = await listOf(status.statusListCredential);
    expect(Array.isArray(list.proof)).toBe(true);
    expect(list.credentialSubject.statusPurpose).toBe('revocation');
    expect((await decodeList(list.credentialSubject)).length).toBeGreaterThanOrEqual(131_072);
    for (const signed of [doc, list]) {
      const verified = await independentlyVerify(signed);
      expect(verified.verified, JSON.stringify(verified.error)).toBe(true);
    }
    const ours = await ourVerifier().verify(doc);
    expect(ours.verified, JSON.stringify(ours.checks)).toBe(true);
    expect((await listed(doc.id)).suspendable).toBe(false);
  });

  it('issues a second, suspension entry on its own one-bit list with STAPEL_CREDENTIAL_STATUS=revocation,suspension', async () => {
    const doc = await withSuspension(() => award('PV-LEAN', 'two@example.org'));
    expect(doc.credentialStatus).toHaveLength(2);
    const [revocation, suspension] = doc.credentialStatus as Doc[];
    expect(revocation).toMatchObject({ type: 'BitstringStatusListEntry', statusPurpose: 'revocation' });
    expect(suspension).toMatchObject({ type: 'BitstringStatusListEntry', statusPurpose: 'suspension' });
    for (const entry of [revocation!, suspension!]) {
      expect(Object.keys(entry).sort()).toEqual([
        'id',
        'statusListCredential',
        'statusListIndex',
        'statusPurpose',
        'type',
      ]);
    }
    expect(suspension!.statusListCredential).not.toBe(revocation!.statusListCredential);
    expect((await listOf(suspension!.statusListCredential)).credentialSubject.statusPurpose).toBe(
      'suspension',
    );
    const row = await f.db.handle.db
      .selectFrom('credentials')
      .selectAll()
      .where('credential_url', '=', doc.id)
      .executeTakeFirstOrThrow();
    expect(row.suspension_index).toBe(Number(suspension!.statusListIndex));
    expect(statusListUrl(f.context.settings.publicUrl, row.suspension_list_id!)).toBe(
      suspension!.statusListCredential,
    );
    expect(Array.isArray(doc.proof)).toBe(true);
    const verified = await independentlyVerify(doc);
    expect(verified.verified, JSON.stringify(verified.error)).toBe(true);
    const ours = await ourVerifier().verify(doc);
    expect(ours.verified, JSON.stringify(ours.checks)).toBe(true);
    expect((await listed(doc.id)).suspendable).toBe(true);

    const suspended = await changeStatus(doc.id, 'suspend', 'en', 'under investigation');
    expect(suspended.statusCode, suspended.body).toBe(200);
    const bits = await decodeList((await listOf(suspension!.statusListCredential)).credentialSubject);
    expect(bits.getStatus(Number(suspension!.statusListIndex))).toBe(true);
    const revocationBits = await decodeList(
      (await listOf(revocation!.statusListCredential)).credentialSubject,
    );
    expect(revocationBits.getStatus(Number(revocation!.statusListIndex))).toBe(false);
    expect((await ourVerifier().verify(doc)).verified).toBe(false);
  });

  it('refuses to suspend a credential without a suspension entry, in Dutch and English, changing nothing', async () => {
    const doc = await award('PV-LEAN', 'nosuspend@example.org');
    const auditBefore = await f.db.handle.db
      .selectFrom('audit_log')
      .select('id')
      .where('action', '=', 'credential.suspend')
      .execute();

    const nl = await changeStatus(doc.id, 'suspend', 'nl', 'onderzoek loopt');
    expect(nl.statusCode).toBe(409);
    expect(nl.headers['content-type']).toContain('application/problem+json');
    expect(nl.json()).toMatchObject({ status: 409, code: 'suspension-not-available' });
    expect(nl.json().detail).toMatch(/kan niet geschorst worden: het heeft alleen een intrekkingsstatus/);
    expect(nl.json().detail).not.toMatch(/cannot be suspended/);
    const en = await changeStatus(doc.id, 'suspend', 'en', 'under investigation');
    expect(en.statusCode).toBe(409);
    expect(en.json()).toMatchObject({ code: 'suspension-not-available' });
    expect(en.json().detail).toMatch(/cannot be suspended: it carries a revocation status only/);

    const cli = await runCli(['suspend', doc.id, '--reason', 'under investigation'], f.env);
    expect(cli.code).toBe(1);
    expect(cli.stdout).toBe('');
    expect(cli.stderr).toContain('kan niet geschorst worden');
    expect(cli.stderr).toContain('cannot be suspended');

    const row = await f.db.handle.db
      .selectFrom('credentials')
      .select(['status', 'status_reason'])
      .where('credential_url', '=', doc.id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ status: STATUS.valid, status_reason: null });
    const auditAfter = await f.db.handle.db
      .selectFrom('audit_log')
      .select('id')
      .where('action', '=', 'credential.suspend')
      .execute();
    expect(auditAfter).toHaveLength(auditBefore.length);
    const mails = await f.db.handle.db
      .selectFrom('outbox')
      .select('subject')
      .where('recipient', '=', 'nosuspend@example.org')
      .execute();
    expect(mails.filter((m) => m.subject.includes('geschorst'))).toEqual([]);

    // Revocation is what such a credential offers instead.
    const revoked = await changeStatus(doc.id, 'revoke', 'nl', 'fraude');
    expect(revoked.statusCode, revoked.body).toBe(200);
    expect(revoked.json()).toMatchObject({ id: doc.id, status: 'revoked', reason: 'fraude' });
    expect((await ourVerifier().verify(doc)).verified).toBe(false);
  });

  it('keeps credentials issued with the two-bit message entry verifying, suspendable and revocable', async () => {
    // A credential as issued before one-bit lists: a two-bit `message` entry and a single proof object.
    const awarded = await award('PV-LEAN', 'legacy@example.org');
    const institution = await getInstitution(f.db.handle.db, SCHELDE);
    const listId = randomUUID();
    const index = 4242;
    const legacy = await f.db.handle.transaction(async (tx) => {
      const now = new Date().toISOString();
      await tx
        .insertInto('status_lists')
        .values({
          id: listId,
          institution_id: institution.id,
          purpose: 'message',
          size: 131_072,
          status_size: 2,
          credential: null,
          created_at: now,
          updated_at: now,
        })
        .execute();
      const { proof: _proof, ...unsigned } = awarded;
      unsigned.credentialStatus = messageStatusEntry({
        listUrl: statusListUrl(f.context.settings.publicUrl, listId),
        index,
      });
      const signer = await proofSigner(tx, f.context, institution);
      const signed = await signCredential(unsigned, signer.key, signer.loader);
      const document = { ...signed, proof: (signed.proof as Doc[])[0] };
      await tx
        .updateTable('credentials')
        .set({ document: JSON.stringify(document), status_list_id: listId, status_index: index })
        .where('credential_url', '=', awarded.id)
        .execute();
      await signStatusList(tx, f.context, institution, listId);
      return document as Doc;
    });
    const valueOf = async () =>
      Bitstring.decode(
        (await listOf(legacy.credentialStatus.statusListCredential)).credentialSubject.encodedList,
        131_072,
        2,
      ).get(index);

    expect(Array.isArray(legacy.proof)).toBe(false);
    const verified = await ourVerifier().verify(legacy);
    expect(verified.verified, JSON.stringify(verified.checks)).toBe(true);
    expect((await listed(legacy.id)).suspendable).toBe(true);

    const suspended = await changeStatus(legacy.id, 'suspend', 'nl', 'onderzoek loopt');
    expect(suspended.statusCode, suspended.body).toBe(200);
    expect(await valueOf()).toBe(STATUS.suspended);
    const whileSuspended = await ourVerifier().verify(legacy);
    expect(whileSuspended.verified).toBe(false);
    expect(whileSuspended.checks.find((c) => c.name === 'status')?.ok).toBe(false);

    const unsuspended = await runCli(['unsuspend', legacy.id], f.env);
    expect(unsuspended.stderr).toBe('');
    expect(unsuspended.stdout).toContain('valid');
    expect(await valueOf()).toBe(STATUS.valid);
    expect((await ourVerifier().verify(legacy)).verified).toBe(true);

    const revoked = await changeStatus(legacy.id, 'revoke', 'en', 'issued in error');
    expect(revoked.statusCode, revoked.body).toBe(200);
    expect(await valueOf()).toBe(STATUS.revoked);
    expect((await ourVerifier().verify(legacy)).verified).toBe(false);
    const list = await listOf(legacy.credentialStatus.statusListCredential);
    expect(list.credentialSubject.statusPurpose).toBe('message');
    expect((await independentlyVerify(list)).verified).toBe(true);
  });
});

describe('STAPEL_CREDENTIAL_STATUS', () => {
  it('defaults to revocation, accepts revocation,suspension and stops start-up on anything else, naming it', () => {
    expect(loadConfig({}).settings.credentialStatus).toEqual(['revocation']);
    expect(loadConfig({ STAPEL_CREDENTIAL_STATUS: 'revocation' }).settings.credentialStatus).toEqual([
      'revocation',
    ]);
    expect(
      loadConfig({ STAPEL_CREDENTIAL_STATUS: 'revocation, suspension' }).settings.credentialStatus,
    ).toEqual(['revocation', 'suspension']);
    for (const bad of ['suspension', 'message', 'revocation,revocation', 'revocation,suspension,message'])
      expect(() => loadConfig({ STAPEL_CREDENTIAL_STATUS: bad })).toThrow(
        new RegExp(`STAPEL_CREDENTIAL_STATUS must be "revocation" or "revocation,suspension", got "${bad}"`),
      );
  });
});
