import fs from 'node:fs';
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
import { beforeAll, describe, expect, it } from 'vitest';
import { createDocumentLoader } from '../../src/credentials/document-loader.ts';
import { didDocument } from '../../src/credentials/did.ts';
import { signCredential } from '../../src/credentials/sign.ts';
import { valuesOf } from '../../src/verification/values.ts';
import { verifyCredential, type VerificationResult } from '../../src/verification/verify.ts';
import { checkOpenBadgeSchema, validateOpenBadgeSchema } from '../../src/credentials/schema.ts';
import { hostNamedBy, localiseResult } from '../../src/verification/verify.ts';
import {
  LEIE,
  LIST_URL,
  NOW,
  PUBLIC_URL,
  SCHELDE,
  STATUS,
  check,
  createWorld,
  didKeyPair,
  fixture,
  readJson,
  stapelCredential,
  type World,
} from './verification-world.ts';

const CHECK_ORDER = ['json', 'schema', 'proof', 'issuer-key', 'status', 'validity', 'issuer-recognised'];
const TAMPERED = 'The signature does not match the content: the credential was changed after it was signed.';

type Json = Record<string, unknown>;
const subjectOf = (credential: Json) => credential.credentialSubject as Json;
const achievementOf = (credential: Json) => subjectOf(credential).achievement as Json;

function expectOnlyFailures(result: VerificationResult, names: string[]) {
  expect(result.checks.map((c) => c.name)).toEqual(CHECK_ORDER);
  const failedErrors = result.checks.filter((c) => !c.ok && c.level === 'error').map((c) => c.name);
  expect(failedErrors).toEqual(names);
  expect(result.verified).toBe(names.length === 0);
}

let world: World;
beforeAll(async () => {
  world = await createWorld();
  await world.publishStatusList({
    set: { 42: STATUS.valid, 43: STATUS.revoked, 44: STATUS.suspended, 45: 3 },
  });
});

describe('a credential issued the Stapel way', () => {
  it('verifies when built with buildOpenBadgeCredential and signed with signCredential', async () => {
    const signed = await world.sign(stapelCredential({ index: 42 }));
    const result = await world.verify(signed);
    expectOnlyFailures(result, []);
    expect(result.checks.every((c) => c.ok)).toBe(true);
    expect(check(result, 'json').detail).toBe('A JSON object with @context, type and proof.');
    expect(check(result, 'schema').detail).toMatch(/Matches the Open Badges 3\.0/);
    expect(check(result, 'proof').detail).toContain(`${SCHELDE}#key-1`);
    expect(check(result, 'issuer-key').detail).toBe(
      `Signed with key ${SCHELDE}#key-1, which the issuer ${SCHELDE} lists as its own.`,
    );
    expect(check(result, 'status').detail).toContain(`entry 42 of ${LIST_URL}`);
    expect(check(result, 'validity').detail).toBe('Valid from 30 June 2026, with no end date.');
    expect(check(result, 'validity').params).toEqual({ from: '2026-06-30T12:00:00Z' });
    expect(check(result, 'issuer-recognised')).toEqual({
      name: 'issuer-recognised',
      code: 'issuer-recognised-platform',
      ok: true,
      level: 'warning',
      detail:
        'Issued by Hogeschool Schelde, an institution on this platform; the key is in its DID document.',
      params: { id: SCHELDE, name: 'Hogeschool Schelde' },
    });
    expect(result.issuer).toEqual({ id: SCHELDE, name: 'Hogeschool Schelde', trust: 'recognised' });
    expect(result.checks.map((c) => c.code)).toEqual([
      'json-ok',
      'schema-valid',
      'proof-valid',
      'key-issuers-own',
      'status-marked-valid',
      'validity-from',
      'issuer-recognised-platform',
    ]);
    expect(result.credential).toEqual({
      id: signed.id,
      name: 'Micro-credential: Data-analyse met Python',
      issuer: { id: SCHELDE, name: 'Hogeschool Schelde' },
      achievement: { name: 'Data-analyse met Python', type: 'MicroCredential', credits: 3 },
      validFrom: '2026-06-30T12:00:00Z',
      learner: 'Jan Peeters',
    });
  });

  it('names a hashed e-mail as the learner when there is no name identifier', async () => {
    const unsigned = stapelCredential();
    const subject = subjectOf(unsigned);
    subject.identifier = (subject.identifier as Json[]).filter((i) => i.identityType !== 'name');
    const result = await world.verify(await world.sign(unsigned));
    expect(result.verified).toBe(true);
    expect(result.credential.learner).toBe('e-mail (hashed)');
  });
});

describe('json', () => {
  it.each([
    ['an array', [1, 2]],
    ['a string', 'a credential'],
    ['null', null],
  ])('fails for %s, and reports every other check as not checked', async (_label, input) => {
    const result = await world.verify(input);
    expectOnlyFailures(result, CHECK_ORDER.slice(0, -1));
    expect(check(result, 'json').detail).toMatch(/not a JSON object/);
    for (const c of result.checks.slice(1)) {
      expect(c.detail).toMatch(/^Not checked: /);
      expect(c.skipped).toBe(true);
    }
    expect(check(result, 'issuer-recognised').level).toBe('warning');
    expect(result.credential).toEqual({});
    expect(result.issuer).toEqual({ trust: 'unconfirmed' });
  });

  it('fails for an unsigned credential', async () => {
    const result = await world.verify(stapelCredential());
    expect(result.verified).toBe(false);
    expect(check(result, 'json')).toMatchObject({
      ok: false,
      detail: 'The credential has no proof: it is not signed.',
    });
    expect(result.credential.issuer?.id).toBe(SCHELDE);
  });

  it('never throws on odd shapes', async () => {
    for (const input of [
      { '@context': 5, type: 1, proof: 'x' },
      { '@context': [], type: [], proof: {} },
      { '@context': ['https://www.w3.org/ns/credentials/v2'], type: 'VerifiableCredential', proof: [] },
      { '@context': 'x', type: 'y', proof: { type: 'DataIntegrityProof' }, issuer: 42 },
    ]) {
      const result = await world.verify(input);
      expect(result.verified).toBe(false);
      expect(result.checks.map((c) => c.name)).toEqual(CHECK_ORDER);
    }
  });
});

describe('schema', () => {
  it('fails when credentialSubject.achievement is missing, naming the path', async () => {
    const unsigned = stapelCredential();
    delete subjectOf(unsigned).achievement;
    const result = await world.verify(await world.sign(unsigned));
    expectOnlyFailures(result, ['schema']);
    expect(check(result, 'schema').detail).toMatch(/^Does not match the Open Badges 3\.0 schema: /);
    expect(check(result, 'schema').detail).toContain(
      "/credentialSubject must have required property 'achievement'",
    );
  });
});

describe('proof', () => {
  it('fails when a field is changed after signing', async () => {
    const signed = await world.sign(stapelCredential({ index: 42 }));
    achievementOf(signed).name = 'Data-analyse met Python (gevorderd)';
    const result = await world.verify(signed);
    expectOnlyFailures(result, ['proof', 'status', 'validity']);
    expect(check(result, 'proof')).toMatchObject({ code: 'proof-signature-mismatch', detail: TAMPERED });
    expect(check(result, 'issuer-key').ok).toBe(true);
    expect(result.issuer.trust).toBe('unconfirmed');
    expect(check(result, 'status').detail).toBe(
      'Not checked: the signature could not be confirmed, so the content cannot be trusted.',
    );
    expect(check(result, 'issuer-recognised')).toMatchObject({ ok: false, level: 'warning' });
    expect(check(result, 'issuer-recognised').detail).toMatch(/^Not checked: /);
  });

  it('fails when the score is raised after signing', async () => {
    const signed = await world.sign(stapelCredential({ index: 42 }));
    ((subjectOf(signed).result as Json[])[0] as Json).value = '19';
    expect(check(await world.verify(signed), 'proof').detail).toBe(TAMPERED);
  });

  it('fails with the URL when a JSON-LD context cannot be loaded', async () => {
    const extra = 'https://contexts.example/extra/v1.json';
    const extraContext = { '@context': { shoeSize: 'https://contexts.example/vocab#shoeSize' } };
    const signingLoader = createDocumentLoader({
      local: async (url) => (url === extra ? extraContext : world.documents.get(url)),
    });
    const unsigned = stapelCredential({ index: 42 });
    unsigned['@context'] = [...(unsigned['@context'] as string[]), extra];
    subjectOf(unsigned).shoeSize = '44';
    const signed = await signCredential(unsigned, world.keys.schelde, signingLoader);
    // The signature itself is fine: a verifier that has the context accepts it.
    expect((await world.verify(signed, { loaderFor: () => signingLoader })).verified).toBe(true);

    const result = await world.verify(signed);
    expect(check(result, 'proof').ok).toBe(false);
    expect(check(result, 'proof').detail).toMatch(
      /^Uses a JSON-LD context that cannot be loaded: https:\/\/contexts\.example\/extra\/v1\.json \(/,
    );
    expect(result.verified).toBe(false);
  });

  it('fails, naming the term, when a property no context defines is added', async () => {
    const signed = await world.sign(stapelCredential({ index: 42 }));
    subjectOf(signed).grade = 'A';
    expect(check(await world.verify(signed), 'proof').detail).toBe(
      'The credential uses the property "grade", which none of its JSON-LD contexts defines.',
    );
  });

  it('fails for a proof of another kind', async () => {
    const signed = await world.sign(stapelCredential({ index: 42 }));
    (valuesOf(signed.proof)[0] as Json).cryptosuite = 'ecdsa-rdfc-2019';
    expect(check(await world.verify(signed), 'proof').detail).toMatch(
      /DataIntegrityProof \/ ecdsa-rdfc-2019; only Data Integrity eddsa-rdfc-2022 proofs can be checked/,
    );
  });
});

describe('issuer-key', () => {
  it('fails for a credential naming a did:web issuer but signed with a did:key', async () => {
    const { did, keyPair } = await didKeyPair();
    const result = await world.verify(await world.sign(stapelCredential({ index: 42 }), keyPair));
    expect(check(result, 'proof').ok).toBe(true);
    expectOnlyFailures(result, ['issuer-key']);
    expect(check(result, 'issuer-key').detail).toBe(
      `Signed with key ${keyPair.id} which is not controlled by the issuer ${SCHELDE} (its controller is ${did}).`,
    );
    expect(check(result, 'issuer-recognised')).toMatchObject({
      code: 'skipped-key-not-issuers',
      skipped: true,
    });
    expect(result.issuer).toEqual({ id: SCHELDE, name: 'Hogeschool Schelde', trust: 'unconfirmed' });
  });

  it("fails for a credential naming one institution but signed with another institution's key", async () => {
    const result = await world.verify(await world.sign(stapelCredential({ index: 42 }), world.keys.leie));
    expectOnlyFailures(result, ['issuer-key']);
    expect(check(result, 'issuer-key').detail).toBe(
      `Signed with key ${LEIE}#key-1 which is not controlled by the issuer ${SCHELDE} (its controller is ${LEIE}).`,
    );
  });

  it('fails for a key published elsewhere that claims the issuer as its controller', async () => {
    const rogue = 'did:web:stapel.test:institutions:rogue';
    const rogueKey = await Ed25519Multikey.generate({ id: `${rogue}#key-1`, controller: SCHELDE });
    const document = didDocument(rogue, [
      { fragment: 'key-1', publicKeyMultibase: rogueKey.publicKeyMultibase },
    ]);
    document.verificationMethod[0]!.controller = SCHELDE;
    world.documents.set(rogue, document);
    const result = await world.verify(await world.sign(stapelCredential({ index: 42 }), rogueKey));
    expect(check(result, 'issuer-key').detail).toBe(
      `Signed with key ${rogue}#key-1 which is not controlled by the issuer ${SCHELDE} (the issuer does not list it as a key for signing credentials).`,
    );
    expect(check(result, 'proof').ok).toBe(false);
    expect(result.verified).toBe(false);
  });

  it("fails when the key is not in the issuer's DID document", async () => {
    const unlisted = await Ed25519Multikey.generate({ id: `${SCHELDE}#key-9`, controller: SCHELDE });
    const result = await world.verify(await world.sign(stapelCredential({ index: 42 }), unlisted));
    expect(check(result, 'proof').detail).toBe(
      `The signing key ${SCHELDE}#key-9 cannot be loaded (the key is not in the DID document of ${SCHELDE}).`,
    );
    expect(check(result, 'issuer-key').ok).toBe(false);
  });

  it('accepts a did:key issuer signing with its own key', async () => {
    const { did, keyPair } = await didKeyPair();
    const unsigned = stapelCredential({ issuer: did });
    delete unsigned.credentialStatus;
    const result = await world.verify(await world.sign(unsigned, keyPair));
    expectOnlyFailures(result, []);
    expect(check(result, 'issuer-key').detail).toBe(
      `Signed with key ${keyPair.id}, which the issuer ${did} lists as its own.`,
    );
    expect(keyPair.id).toMatch(/^did:key:z6Mk[^#]+#z6Mk/);
    expect(check(result, 'status')).toMatchObject({ code: 'status-none', ok: true });
    expect(check(result, 'issuer-recognised')).toMatchObject({
      ok: false,
      level: 'warning',
      code: 'issuer-unrecognised',
    });
    expect(check(result, 'issuer-recognised').detail).toMatch(
      /^Claims to be issued by Hogeschool Schelde \(did:key:/,
    );
    expect(result.issuer).toEqual({ id: did, name: 'Hogeschool Schelde', trust: 'unrecognised' });
  });
});

describe('status', () => {
  const statusOf = async (index: number) =>
    check(await world.verify(await world.sign(stapelCredential({ index }))), 'status');

  it('passes for an entry marked valid in the two-bit list', async () => {
    expect(await statusOf(42)).toMatchObject({ ok: true });
  });

  it('fails for a revoked credential', async () => {
    const result = await world.verify(await world.sign(stapelCredential({ index: 43 })));
    expectOnlyFailures(result, ['status']);
    // Another issuer's list (no record of ours): the list's own date, worded as the latest it can be.
    expect(check(result, 'status')).toMatchObject({
      code: 'status-revoked',
      params: { index: 43, url: LIST_URL, date: '2026-01-01T00:00:00Z', dateKind: 'list' },
      detail:
        'Revoked on 1 January 2026 at the latest (when the issuer signed the status list that shows it) by the issuer.',
    });
  });

  it('fails for a suspended credential, worded as a suspension', async () => {
    expect(await statusOf(44)).toMatchObject({
      ok: false,
      code: 'status-suspended',
      detail: expect.stringMatching(/^Suspended since 1 January 2026 at the latest/),
    });
  });

  it('dates a revocation of its own credentials from the record, with the public reason', async () => {
    const signed = await world.sign(stapelCredential({ index: 43 }));
    const asked: unknown[] = [];
    const result = await world.verify(signed, {
      statusRecord: (entry) => {
        asked.push(entry);
        return { changedAt: '2026-11-30T15:20:00Z', reason: 'Uitgereikt aan de verkeerde persoon' };
      },
    });
    expect(asked).toEqual([{ listUrl: LIST_URL, index: 43, purpose: 'message' }]);
    expect(check(result, 'status')).toMatchObject({
      code: 'status-revoked',
      params: {
        date: '2026-11-30T15:20:00Z',
        dateKind: 'recorded',
        reason: 'Uitgereikt aan de verkeerde persoon',
      },
      detail: 'Revoked on 30 November 2026 by the issuer. Reason: Uitgereikt aan de verkeerde persoon.',
    });
    const nl = localiseResult(result, 'nl');
    expect(check(nl, 'status').detail).toBe(
      'Ingetrokken op 30 november 2026 door de uitreiker. Reden: Uitgereikt aan de verkeerde persoon.',
    );
  });

  it('fails for a status value the credential does not explain', async () => {
    expect((await statusOf(45)).detail).toBe(
      `The status is 0x3, which the credential does not explain (entry 45 of ${LIST_URL}).`,
    );
  });

  it.each([
    ['revocation', 'status-revoked', 'The issuer has not revoked it'],
    ['suspension', 'status-suspended', 'The issuer has not suspended it'],
  ])('reads one-bit %s lists', async (purpose, setCode, clearDetail) => {
    const url = `${PUBLIC_URL}/status-lists/${purpose}`;
    await world.publishStatusList({ url, statusSize: 1, statusPurpose: purpose, set: { 7: 1 } });
    const entryCredential = (index: number) => {
      const unsigned = stapelCredential({ index, listUrl: url });
      const entry = unsigned.credentialStatus as Json;
      entry.statusPurpose = purpose;
      delete entry.statusSize;
      delete entry.statusMessage;
      return unsigned;
    };
    const set = await world.verify(await world.sign(entryCredential(7)));
    expect(check(set, 'status')).toMatchObject({ ok: false, code: setCode });
    const clear = await world.verify(await world.sign(entryCredential(8)));
    expect(check(clear, 'status').ok).toBe(true);
    expect(check(clear, 'status').detail).toBe(`${clearDetail} (entry 8 of ${url}).`);
  });

  it('fails when the status list is issued by another institution', async () => {
    const url = `${PUBLIC_URL}/status-lists/leie`;
    await world.publishStatusList({ url, issuer: LEIE, signer: world.keys.leie });
    expect((await statusOf2(url)).detail).toBe(
      `The status list ${url} was issued by ${LEIE}, not by the credential's issuer ${SCHELDE}.`,
    );
  });

  it("fails when the status list names the issuer but is signed with another institution's key", async () => {
    const url = `${PUBLIC_URL}/status-lists/forged`;
    await world.publishStatusList({ url, signer: world.keys.leie });
    expect((await statusOf2(url)).detail).toMatch(
      new RegExp(`^The status list ${url} is not signed by its issuer: key ${LEIE}#key-1 is not controlled`),
    );
  });

  it('fails when the bits of the status list were changed after signing', async () => {
    const url = `${PUBLIC_URL}/status-lists/cleared`;
    const signed = await world.publishStatusList({ url, set: { 1: STATUS.revoked } });
    const tampered = structuredClone(signed);
    const { Bitstring, STATUS_LIST_ENTRIES } = await import('../../src/credentials/bitstring.ts');
    (tampered.credentialSubject as Json).encodedList = new Bitstring(STATUS_LIST_ENTRIES, 2).encode();
    world.documents.set(url, tampered);
    const status = await statusOf2(url, 1);
    expect(status.ok).toBe(false);
    expect(status.detail).toBe(
      `The signature of the status list ${url} does not match its content: it was changed after it was signed.`,
    );
  });

  it('fails when the status list cannot be loaded', async () => {
    const url = `${PUBLIC_URL}/status-lists/missing`;
    expect((await statusOf2(url)).detail).toMatch(
      new RegExp(`^The status list ${url} cannot be loaded \\(.+\\), so the status is unknown\\.$`),
    );
  });

  it('fails when the status list has expired', async () => {
    const url = `${PUBLIC_URL}/status-lists/old`;
    await world.publishStatusList({ url, validUntil: '2026-12-31T00:00:00Z' });
    expect((await statusOf2(url)).detail).toBe(
      `The status list ${url} expired on 31 December 2026, so the current status is unknown.`,
    );
  });

  async function statusOf2(url: string, index = 3) {
    const result = await world.verify(await world.sign(stapelCredential({ index, listUrl: url })));
    expect(result.verified).toBe(false);
    return check(result, 'status');
  }
});

describe('validity', () => {
  it('fails for an expired credential, with the date, while the signature still holds', async () => {
    const unsigned = stapelCredential({ index: 42 });
    unsigned.validUntil = '2026-12-31T00:00:00Z';
    const result = await world.verify(await world.sign(unsigned));
    expectOnlyFailures(result, ['validity']);
    expect(check(result, 'validity').detail).toBe('Expired on 31 December 2026.');
    expect(result.credential.validUntil).toBe('2026-12-31T00:00:00Z');
  });

  it('fails for a credential that is not valid yet', async () => {
    const signed = await world.sign(stapelCredential({ index: 42, issuedAt: '2030-01-01T00:00:00Z' }));
    const result = await world.verify(signed);
    expectOnlyFailures(result, ['validity']);
    expect(check(result, 'validity').detail).toBe('Only valid from 1 January 2030.');
  });

  it('passes inside the window and shows both dates; uses the current time by default', async () => {
    const unsigned = stapelCredential({ index: 42, issuedAt: '2019-09-01T00:00:00Z' });
    unsigned.validUntil = '2099-01-01T00:00:00Z';
    const signed = await world.sign(unsigned);
    const result = await world.verify(signed, { now: undefined });
    expect(check(result, 'validity')).toMatchObject({
      ok: true,
      detail: 'Valid from 1 September 2019 until 1 January 2099.',
    });
    const later = await world.verify(signed, { now: new Date('2100-01-01T00:00:00Z') });
    expect(check(later, 'validity').detail).toBe('Expired on 1 January 2099.');
  });
});

describe('issuer-recognised', () => {
  it('names a trusted issuer that is not on this platform', async () => {
    const signed = await world.sign(stapelCredential({ index: 42 }));
    // Another installation that trusts this platform's institution: its host is not the issuer's.
    const result = await world.verify(signed, {
      isRecognisedIssuer: (id) => (id === SCHELDE ? {} : undefined),
      ownHost: 'elders.example',
    });
    expect(check(result, 'issuer-recognised')).toMatchObject({
      ok: true,
      code: 'issuer-recognised-trusted',
      detail: `Issued by Hogeschool Schelde (${SCHELDE}), a trusted issuer; the key is in its DID document.`,
    });
    expect(result.issuer).toEqual({ id: SCHELDE, name: 'Hogeschool Schelde', trust: 'recognised' });
  });

  it('is a warning, not a failure, for an unknown issuer', async () => {
    const signed = await world.sign(stapelCredential({ index: 42 }));
    const result = await world.verify(signed, {
      isRecognisedIssuer: async () => undefined,
      ownHost: 'elders.example',
    });
    expect(result.verified).toBe(true);
    expect(check(result, 'issuer-recognised')).toMatchObject({
      name: 'issuer-recognised',
      code: 'issuer-unrecognised',
      ok: false,
      level: 'warning',
      detail: `Claims to be issued by Hogeschool Schelde (${SCHELDE}). The key belongs to that DID, but the issuer is not an institution on this platform and not on its list of trusted issuers: who is behind it is not confirmed.`,
    });
    expect(result.issuer.trust).toBe('unrecognised');
  });
});

describe('the 1EdTech Open Badges 3.0 test vector', () => {
  const vector = () => readJson('standards/1edtech-ob3-test-vector.signed.json');
  const issuer = 'https://example.edu/issuers/565049';

  it('verifies as unconfirmed, taking the key from the credential, with a schema deviation warning', async () => {
    const result = await world.verify(vector());
    expectOnlyFailures(result, []);
    expect(result.issuer).toEqual({ id: issuer, name: 'Example Corp', trust: 'unconfirmed' });
    // One proof object, as the vector has it, deviates from the published schema: a warning, not a failure.
    expect(check(result, 'schema')).toMatchObject({
      code: 'schema-deviation',
      ok: false,
      level: 'warning',
      params: { deviations: 'proof-object' },
    });
    expect(check(result, 'proof').ok).toBe(true);
    expect(check(result, 'issuer-key')).toMatchObject({ ok: true });
    expect(check(result, 'issuer-key').detail).toContain('the key is taken from the credential itself');
    expect(check(result, 'issuer-recognised')).toMatchObject({
      ok: false,
      level: 'warning',
      code: 'issuer-unconfirmed-embedded-key',
    });
    expect(check(result, 'issuer-recognised').detail).toMatch(/^Claims to be issued by Example Corp/);
    expect(result.credential).toMatchObject({
      name: 'Teamwork Badge',
      issuer: { id: issuer, name: 'Example Corp' },
      achievement: { name: 'Teamwork' },
      learner: 'did:example:ebfeb1f712ebc6f1c276e12ec21',
    });
  });

  it('verifies with the default loader, which works offline', async () => {
    const result = await verifyCredential(vector(), { isRecognisedIssuer: () => undefined, now: NOW });
    expect(result.verified).toBe(true);
  });

  it('fails the proof check when one byte of name is changed', async () => {
    const original = fs.readFileSync(fixture('standards/1edtech-ob3-test-vector.signed.json'));
    const changed = fs.readFileSync(fixture('credentials/1edtech-ob3-test-vector.changed-name.json'));
    expect(changed.length).toBe(original.length);
    expect([...changed].filter((byte, i) => byte !== original[i])).toHaveLength(1);

    const result = await world.verify(readJson('credentials/1edtech-ob3-test-vector.changed-name.json'));
    expectOnlyFailures(result, ['proof', 'status', 'validity']);
    expect(check(result, 'proof').detail).toBe(TAMPERED);
  });

  it('does not lend a trusted URL issuer its name when the key comes from the credential', async () => {
    const result = await world.verify(vector(), { isRecognisedIssuer: () => ({ name: 'Example Corp' }) });
    expect(result.verified).toBe(true);
    expect(check(result, 'issuer-recognised')).toMatchObject({
      ok: false,
      level: 'warning',
      code: 'issuer-unconfirmed-embedded-key',
      params: { trusted: 'yes' },
    });
    expect(result.issuer.trust).toBe('unconfirmed');
  });
});

describe('a verifier that does not flatter forgers', () => {
  const FORGED = 'credentials/forged-profile-url-issuer.json';
  const DID_KEY_CLAIM = 'credentials/did-key-claims-hogeschool-schelde.json';

  it("refuses a credential naming this platform's profile URL, signed with the forger's key", async () => {
    const forged = readJson(FORGED);
    const result = await world.verify(forged, { ownHost: 'localhost:3000' });
    // The signature itself holds: the forger's key is in the fragment of the verification method.
    expect(check(result, 'proof').ok).toBe(true);
    expect(check(result, 'issuer-key').code).toBe('key-embedded');
    expect(check(result, 'issuer-recognised')).toMatchObject({
      code: 'issuer-impersonation',
      ok: false,
      level: 'error',
      params: {
        id: 'http://localhost:3000/institutions/hogeschool-schelde/profile.json',
        host: 'localhost:3000',
      },
    });
    expect(result.verified).toBe(false);
    expect(result.issuer).toEqual({
      id: 'http://localhost:3000/institutions/hogeschool-schelde/profile.json',
      name: 'Hogeschool Schelde',
      trust: 'unconfirmed',
    });
    // Without knowing the host, it is still only unconfirmed, never recognised.
    const elsewhere = await world.verify(forged, { ownHost: 'other.example' });
    expect(elsewhere.verified).toBe(true);
    expect(elsewhere.issuer.trust).toBe('unconfirmed');
  });

  it('refuses a forgery on this host even when its signature was broken as well', async () => {
    const forged = readJson(FORGED);
    forged.name = 'Micro-credential: iets anders';
    const result = await world.verify(forged, { ownHost: 'localhost:3000' });
    expect(check(result, 'proof').code).toBe('proof-signature-mismatch');
    expect(check(result, 'issuer-recognised')).toMatchObject({
      code: 'issuer-impersonation',
      level: 'error',
    });
  });

  it("refuses a did:web on this platform's host that is none of its institutions", async () => {
    const rogue = 'did:web:stapel.test:institutions:rogue-copy';
    const key = await Ed25519Multikey.generate({ id: `${rogue}#key-1`, controller: rogue });
    world.documents.set(
      rogue,
      didDocument(rogue, [{ fragment: 'key-1', publicKeyMultibase: key.publicKeyMultibase }]),
    );
    const signed = await world.sign(stapelCredential({ issuer: rogue, index: 42 }), key);
    const result = await world.verify(signed);
    expect(check(result, 'issuer-key').code).toBe('key-issuers-own');
    expect(check(result, 'issuer-recognised')).toMatchObject({
      code: 'issuer-impersonation',
      level: 'error',
    });
    expect(result.verified).toBe(false);
    // The same credential, verified by another installation, is just an unrecognised issuer.
    const elsewhere = await world.verify(signed, { ownHost: 'elders.example' });
    expect(elsewhere.verified).toBe(false); // its status list belongs to another issuer
    expect(elsewhere.issuer.trust).toBe('unrecognised');
  });

  it('calls a did:key credential carrying a real institution’s name unrecognised, with the name as claimed', async () => {
    const result = await world.verify(readJson(DID_KEY_CLAIM));
    expect(result.verified).toBe(true);
    expect(result.issuer).toMatchObject({ name: 'Hogeschool Schelde', trust: 'unrecognised' });
    expect(result.issuer.id).toMatch(/^did:key:z6Mk/);
    expect(check(result, 'issuer-recognised')).toMatchObject({ code: 'issuer-unrecognised', ok: false });
    expect(localiseResult(result, 'nl').checks.at(-1)!.detail).toMatch(
      /^Zegt uitgereikt te zijn door Hogeschool Schelde \(did:key:/,
    );
  });

  it('recognises a trusted did:web issuer only through its DID document', async () => {
    const trusted = 'did:web:partner.example';
    const key = await Ed25519Multikey.generate({ id: `${trusted}#key-1`, controller: trusted });
    world.documents.set(
      trusted,
      didDocument(trusted, [{ fragment: 'key-1', publicKeyMultibase: key.publicKeyMultibase }]),
    );
    const unsigned = stapelCredential({ issuer: trusted });
    delete unsigned.credentialStatus;
    (unsigned.issuer as Json).name = 'Partner University';
    const signed = await world.sign(unsigned, key);
    const isRecognisedIssuer = (id: string) => (id === trusted ? {} : undefined);
    const result = await world.verify(signed, { isRecognisedIssuer });
    expect(result.verified).toBe(true);
    expect(result.issuer).toEqual({ id: trusted, name: 'Partner University', trust: 'recognised' });
    expect(check(result, 'issuer-recognised').code).toBe('issuer-recognised-trusted');
    expect((await world.verify(signed)).issuer.trust).toBe('unrecognised');
  });

  it.each([
    ['https://stapel.test/institutions/x/profile.json', 'stapel.test', 'stapel.test'],
    ['HTTP://STAPEL.TEST/x', 'stapel.test', 'stapel.test'],
    ['did:web:localhost%3A3000:institutions:x', 'localhost:3000', 'localhost:3000'],
    ['did:web:stapel.test', 'stapel.test', 'stapel.test'],
    ['https://stapel.test.evil.example/x', 'stapel.test', undefined],
    ['https://evil.example/stapel.test', 'stapel.test', undefined],
    ['did:web:stapel.testing', 'stapel.test', undefined],
    ['did:key:z6Mkstapel', 'stapel.test', undefined],
    ['http://localhost:3001/x', 'localhost:3000', undefined],
  ])('hostNamedBy(%s, %s) is %s', (issuerId, host, expected) => {
    expect(hostNamedBy(issuerId, host)).toBe(expected);
  });
});

describe('schema deviations that VC 2.0 allows', () => {
  it('reports one proof object and a credentialStatus array as deviations, checking each entry', () => {
    const document = readJson('credentials/proof-object-status-array.json');
    expect(checkOpenBadgeSchema(document)).toEqual({
      problems: [],
      deviations: ['proof-object', 'credential-status-array'],
    });
    // The published schema itself refuses both.
    expect(validateOpenBadgeSchema(document).map((p) => p.path)).toEqual(
      expect.arrayContaining(['/proof', '/credentialStatus']),
    );
    const entries = document.credentialStatus as Json[];
    delete entries[1]!.id;
    expect(checkOpenBadgeSchema(document).problems).toEqual([
      { path: '/credentialStatus/1', message: "must have required property 'id'" },
    ]);
  });

  it('is a warning, not a failure, for a signed credential with a revocation and a suspension entry', async () => {
    const revocation = `${PUBLIC_URL}/status-lists/rev-1`;
    const suspension = `${PUBLIC_URL}/status-lists/sus-1`;
    await world.publishStatusList({ url: revocation, statusSize: 1, statusPurpose: 'revocation' });
    await world.publishStatusList({
      url: suspension,
      statusSize: 1,
      statusPurpose: 'suspension',
      set: { 5: 1 },
    });
    const entry = (url: string, purpose: string, index: number) => ({
      id: `${url}#${index}`,
      type: 'BitstringStatusListEntry',
      statusPurpose: purpose,
      statusListIndex: String(index),
      statusListCredential: url,
    });
    const build = (suspensionIndex: number) => ({
      ...stapelCredential(),
      credentialStatus: [
        entry(revocation, 'revocation', 5),
        entry(suspension, 'suspension', suspensionIndex),
      ],
    });
    const clear = await world.verify(await world.sign(build(6)));
    expect(clear.verified).toBe(true);
    expect(check(clear, 'schema')).toMatchObject({
      code: 'schema-deviation',
      level: 'warning',
      params: { deviations: 'credential-status-array' },
    });
    expect(check(clear, 'status')).toMatchObject({ ok: true, code: 'status-clear', params: { count: 2 } });
    const suspended = await world.verify(await world.sign(build(5)));
    expectOnlyFailures(suspended, ['status']);
    expect(check(suspended, 'status').code).toBe('status-suspended');
  });

  it('keeps other schema failures at error level', async () => {
    const unsigned = stapelCredential();
    delete subjectOf(unsigned).achievement;
    const result = await world.verify(await world.sign(unsigned));
    expect(check(result, 'schema')).toMatchObject({ code: 'schema-invalid', level: 'error', ok: false });
  });
});
