import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as vc from '@digitalbazaar/vc';
import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import { cryptosuite } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import { databaseKinds } from '../support/databases.ts';
import { startIssuing, type IssuingFixture } from '../support/issuing.ts';
import { runCli } from '../support/cli.ts';
import { setUp } from '../support/set-up.ts';
import { getInstitution } from '../../src/institutions/store.ts';
import { runAward } from '../../src/issuing/award.ts';
import { changeCredentialStatus } from '../../src/issuing/status.ts';
import { validateOpenBadgeSchema } from '../../src/credentials/schema.ts';
import { platformDocumentLoader } from '../../src/credentials/platform-documents.ts';
import { Bitstring } from '../../src/credentials/bitstring.ts';
import { rotateIssuerKey } from '../../src/credentials/keys.ts';

const fixtures = path.resolve(import.meta.dirname, '../fixtures/awards');
type Doc = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** The independent check: Digital Bazaar's verifier with its default purpose, which also ties the key to the issuer. */
async function independentlyVerify(f: IssuingFixture, credential: Doc) {
  const documentLoader = platformDocumentLoader(f.db.handle.db, f.context.settings, { fetch: false });
  return vc.verifyCredential({
    credential,
    suite: new DataIntegrityProof({ cryptosuite }),
    documentLoader,
    checkStatus: async () => ({ verified: true }),
  });
}

/** The value of the credential's status entry of the given purpose, read from its signed list. */
async function statusOf(f: IssuingFixture, credential: Doc, purpose = 'revocation'): Promise<number> {
  const entries = [credential.credentialStatus].flat();
  const entry = entries.find((e: Doc) => e.statusPurpose === purpose);
  const row = await f.db.handle.db
    .selectFrom('status_lists')
    .select('credential')
    .where('id', '=', entry.statusListCredential.split('/').pop())
    .executeTakeFirstOrThrow();
  const list = JSON.parse(row.credential!);
  expect(list.credentialSubject.statusPurpose).toBe(purpose);
  return Bitstring.decode(list.credentialSubject.encodedList, 131072, entry.statusSize ?? 1).get(
    Number(entry.statusListIndex),
  );
}

describe.each(databaseKinds())('issuing on $name', (kind) => {
  let f: IssuingFixture;
  beforeAll(async () => {
    f = await startIssuing(kind);
  });
  afterAll(async () => {
    await f?.db.dispose();
  });

  const award = (code: string, email: string, score?: number, slug = 'hogeschool-schelde') =>
    runAward(f.context, async (tx) => ({
      institution: await getInstitution(tx, slug),
      code,
      learner: { email, name: 'Test Learner' },
      score,
      recordedBy: 'test',
    }));

  it('issues a certificate and one credit certificate per course unit for form A, each a valid OB 3.0 credential', async () => {
    const result = await award('MC-DATA', 'an@example.org', 15.5);
    expect(result.credentials.map((c) => [c.kind, c.courseUnit])).toEqual([
      ['credit-certificate', 'DATA101'],
      ['credit-certificate', 'DATA102'],
      ['micro-credential-certificate', undefined],
    ]);
    for (const c of result.credentials) {
      expect(validateOpenBadgeSchema(c.document)).toEqual([]);
      const verified = await independentlyVerify(f, c.document);
      expect(verified.verified, JSON.stringify(verified.error)).toBe(true);
    }
    const certificate = result.credentials[2]!.document as Doc;
    expect(certificate['@context']).toEqual([
      'https://www.w3.org/ns/credentials/v2',
      'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json',
      'http://localhost:3000/contexts/stapel/v1.json',
    ]);
    expect(certificate.type).toEqual(['VerifiableCredential', 'OpenBadgeCredential']);
    expect(certificate.issuer).toMatchObject({
      id: 'did:web:localhost%3A3000:institutions:hogeschool-schelde',
      name: 'Hogeschool Schelde',
      address: { addressCountryCode: 'BE', addressRegion: 'BE-VLG' },
    });
    const subject = certificate.credentialSubject;
    expect(subject.identifier[0]).toMatchObject({
      type: 'IdentityObject',
      identityType: 'emailAddress',
      hashed: true,
    });
    expect(subject.identifier[0].identityHash).toMatch(/^sha256\$[0-9a-f]{64}$/);
    expect(JSON.stringify(certificate)).not.toContain('an@example.org');
    expect(subject.result).toEqual([expect.objectContaining({ value: '15.5' })]);
    expect(subject.creditsEarned).toBe(6);
    expect(subject.achievement).toMatchObject({
      achievementType: 'MicroCredential',
      creditsAvailable: 6,
      inLanguage: 'nl',
      participationForm: 'blended',
      qualityAssuranceType: 'internal-and-external',
      supervisionAndIdVerification: 'supervised-with-id-check',
      microCredentialForm: 'regular',
      volumeOfLearning: 'PT160H',
      assessmentType: expect.any(String),
      entryRequirement: expect.any(String),
    });
    expect(subject.achievement.learningOutcome).toHaveLength(3);
    expect(subject.achievement.alignment[0]).toMatchObject({
      targetUrl: 'http://data.europa.eu/snb/eqf/6',
      targetCode: '6',
    });
    expect(certificate.validFrom).toBe(certificate.awardedDate);
    const credit = result.credentials[0]!.document as Doc;
    expect(credit.credentialSubject.achievement).toMatchObject({
      achievementType: 'Course',
      courseUnitCode: 'DATA101',
      creditsAvailable: 3,
    });
    expect(credit.credentialSubject.achievement.partOfMicroCredential).toBe(subject.achievement.id);
  });

  it('issues only a certificate for form B', async () => {
    const result = await award('PV-LEAN', 'bo@example.org');
    expect(result.credentials.map((c) => c.kind)).toEqual(['micro-credential-certificate']);
    expect((result.credentials[0]!.document as Doc).credentialSubject.achievement.microCredentialForm).toBe(
      'outside-regular',
    );
    expect((result.credentials[0]!.document as Doc).credentialSubject.result).toBeUndefined();
  });

  it('is idempotent per learner and micro-credential version', async () => {
    const first = await award('PV-AGILE', 'cy@example.org', 14);
    const second = await award('PV-AGILE', 'CY@example.org', 14);
    expect(second.issuedNow).toBe(false);
    expect(second.credentials).toEqual(first.credentials);
    const results = await f.db.handle.db
      .selectFrom('evaluations')
      .selectAll()
      .where('score', '=', 14)
      .where('enrolment_id', 'is', null)
      .execute();
    expect(results).toHaveLength(1);
  });

  it('refuses a score below the pass mark and writes nothing', async () => {
    await expect(award('PV-AGILE', 'dd@example.org', 9)).rejects.toThrow(/not valid/);
    const learner = await f.db.handle.db
      .selectFrom('learners')
      .select('id')
      .where('email', '=', 'dd@example.org')
      .executeTakeFirst();
    expect(learner).toBeUndefined();
  });

  it('refuses a learner name that reads otherwise than it is signed, and writes nothing', async () => {
    for (const name of ['Jan \u202ePeeters', '\u200b\u200b']) {
      const refused = runAward(f.context, async (tx) => ({
        institution: await getInstitution(tx, 'hogeschool-schelde'),
        code: 'PV-AGILE',
        learner: { email: 'bidi@example.org', name },
        recordedBy: 'test',
      }));
      await expect(refused).rejects.toMatchObject({ problems: [expect.objectContaining({ field: 'name' })] });
    }
    const learner = await f.db.handle.db
      .selectFrom('learners')
      .select('id')
      .where('email', '=', 'bidi@example.org')
      .executeTakeFirst();
    expect(learner).toBeUndefined();
  });

  it('refuses a draft or unknown micro-credential', async () => {
    await expect(award('PV-VR', 'ee@example.org')).rejects.toThrow(/not in the catalogue/);
  });

  it('revokes, suspends and reinstates through the status lists, re-signed each time', async () => {
    const settings = f.context.settings;
    f.context.settings = { ...settings, credentialStatus: ['revocation', 'suspension'] };
    const { credentials } = await award('PV-LEAN', 'ff@example.org').finally(() => {
      f.context.settings = settings;
    });
    const doc = credentials[0]!.document as Doc;
    expect(await statusOf(f, doc)).toBe(0);
    expect(await statusOf(f, doc, 'suspension')).toBe(0);
    await f.db.handle.transaction((tx) => changeCredentialStatus(tx, f.context, doc.id, 'suspend'));
    expect(await statusOf(f, doc)).toBe(0);
    expect(await statusOf(f, doc, 'suspension')).toBe(1);
    await f.db.handle.transaction((tx) => changeCredentialStatus(tx, f.context, doc.id, 'unsuspend'));
    expect(await statusOf(f, doc, 'suspension')).toBe(0);
    await expect(
      f.db.handle.transaction((tx) => changeCredentialStatus(tx, f.context, doc.id, 'revoke')),
    ).rejects.toThrow(/not valid/);
    await f.db.handle.transaction((tx) =>
      changeCredentialStatus(tx, f.context, doc.id, 'revoke', 'issued to the wrong person'),
    );
    expect(await statusOf(f, doc)).toBe(1);
    expect(await statusOf(f, doc, 'suspension')).toBe(0);
    await expect(
      f.db.handle.transaction((tx) => changeCredentialStatus(tx, f.context, doc.id, 'unsuspend')),
    ).rejects.toThrow(/final/);
    const list = await f.db.handle.db
      .selectFrom('status_lists')
      .select('credential')
      .where('id', '=', doc.credentialStatus[0].statusListCredential.split('/').pop())
      .executeTakeFirstOrThrow();
    const verified = await independentlyVerify(f, JSON.parse(list.credential!));
    expect(verified.verified).toBe(true);
  });

  it('keeps private keys encrypted, and old credentials verify after a key rotation', async () => {
    const before = await award('PV-KLIMAAT', 'gg@example.org', 16, 'universiteit-leie');
    const keys = await f.db.handle.db.selectFrom('issuer_keys').selectAll().execute();
    for (const k of keys) {
      expect(k.secret_key_encrypted).toMatch(/^v1\./);
      expect(k.secret_key_encrypted).not.toMatch(/z3u2/);
    }
    const leie = await getInstitution(f.db.handle.db, 'universiteit-leie');
    const rotated = await setUp(f.db.handle, (cmd) =>
      rotateIssuerKey(cmd, leie, { masterKey: f.context.masterKey }),
    );
    const after = await award('PV-KLIMAAT', 'hh@example.org', 16, 'universiteit-leie');
    const [oldProof] = (before.credentials[0]!.document as Doc).proof;
    const [newProof] = (after.credentials[0]!.document as Doc).proof;
    expect(newProof.verificationMethod).toBe(
      `did:web:localhost%3A3000:institutions:universiteit-leie#${rotated.active.fragment}`,
    );
    expect(oldProof.verificationMethod).not.toBe(newProof.verificationMethod);
    expect((await independentlyVerify(f, before.credentials[0]!.document)).verified).toBe(true);
    expect((await independentlyVerify(f, after.credentials[0]!.document)).verified).toBe(true);
  });

  it('awards from the CLI: JSON output, idempotent, export, and a CSV with bad rows refused whole', async () => {
    const first = await runCli(
      [
        'award',
        '--micro-credential',
        'MC-CYBER',
        '--learner',
        'ii@example.org',
        '--name',
        'Ilse',
        '--score',
        '13',
        '--json',
      ],
      f.env,
    );
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    const docs = JSON.parse(first.stdout) as Doc[];
    expect(docs).toHaveLength(3);
    const again = await runCli(
      ['award', '--micro-credential', 'MC-CYBER', '--learner', 'ii@example.org', '--json'],
      f.env,
    );
    expect(JSON.parse(again.stdout)).toEqual(docs);
    const exported = await runCli(['export', docs[2]!.id], f.env);
    expect(JSON.parse(exported.stdout)).toEqual(docs[2]);

    const before = Number(
      (
        await f.db.handle.db
          .selectFrom('credentials')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
    const bad = await runCli(
      ['award', '--micro-credential', 'PV-LEAN', '--csv', path.join(fixtures, 'invalid.csv')],
      f.env,
    );
    expect(bad.code).toBe(2);
    expect(bad.stderr.split('\n')).toEqual(
      expect.arrayContaining([
        'line 3: email: "not-an-email" is not an e-mail address',
        'line 4: score: 9.5/20 is below the pass mark of 10',
        'line 5: email: an.peeters@example.org is also on line 2',
        'line 6: score: "twintig" is not a score from 0 to 20',
      ]),
    );
    const after = Number(
      (
        await f.db.handle.db
          .selectFrom('credentials')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
    expect(after).toBe(before);

    const good = await runCli(
      ['award', '--micro-credential', 'PV-LEAN', '--csv', path.join(fixtures, 'valid.csv'), '--json'],
      f.env,
    );
    expect(good.code).toBe(0);
    expect(JSON.parse(good.stdout)).toHaveLength(2);

    const revoke = await runCli(['revoke', docs[2]!.id, '--reason', 'fraud'], f.env);
    expect(revoke.stdout).toContain('revoked (fraud)');
    const missing = await runCli(['export', 'http://localhost:3000/credentials/nope'], f.env);
    expect(missing.code).toBe(2);
    const both = await runCli(['award', '--micro-credential', 'PV-LEAN'], f.env);
    expect(both.code).toBe(2);
    expect(both.stderr).toContain('--learner EMAIL or --csv FILE');
  });
});
