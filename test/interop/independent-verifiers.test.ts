import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds } from '../support/databases.ts';
import {
  OB_ACHIEVEMENT_SCHEMA_URL,
  digitalBazaarStatus,
  installVerifierNetwork,
  startStapelOnLoopback,
  verifierCoreSchemaResults,
  verifierCoreStep,
  verifyWithDigitalBazaar,
  verifyWithVerifierCore,
  type Json,
  type StapelServer,
  type VerifierCoreResult,
  type VerifierNetwork,
} from '../support/independent-verifiers.ts';

/**
 * What an employer's or a wallet's software concludes about Stapel's proofs of learning: the Digital
 * Bazaar stack and the DCC verifier-core, each reading the server's DID documents, context and status lists
 * over HTTP. Every verdict is taken from their own result fields, never from Stapel's.
 */

const kindOf = (credential: Json): string => credential.credentialSubject.achievement.achievementType;
const statusListsOf = (credentials: Json[]): string[] => [
  ...new Set(
    credentials.flatMap((c) => [c.credentialStatus].flat().map((s: Json) => String(s.statusListCredential))),
  ),
];

/** verifier-core's verdict on a credential it accepts, step by step. */
function expectAcceptedByVerifierCore(result: VerifierCoreResult) {
  expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
  expect(verifierCoreStep(result, 'valid_signature')).toEqual({ id: 'valid_signature', valid: true });
  expect(verifierCoreStep(result, 'expiration')).toEqual({ id: 'expiration', valid: true });
  expect(verifierCoreStep(result, 'registered_issuer')?.valid).toBe(true);
}

describe.each(databaseKinds())('independent verifiers against a Stapel server on $name', (kind) => {
  let server: StapelServer;
  let network: VerifierNetwork;
  /** A form A award: two credit certificates and the micro-credential certificate, all valid. */
  let valid: Json[];
  /** Another learner's certificate and first credit certificate, revoked; the second one stays valid. */
  let revoked: Json[];
  let untouched: Json;

  beforeAll(async () => {
    // Each database gets its own host: verifier-core keeps DID documents for the life of the module.
    server = await startStapelOnLoopback(kind, { publicUrl: `https://${kind.name}.stapel.test` });
    network = installVerifierNetwork(server);
    valid = await server.award('MC-DATA', 'an.peeters@example.org');
    const other = await server.award('MC-DATA', 'bart.maes@example.org');
    revoked = [other[2]!, other[0]!];
    untouched = other[1]!;
    for (const credential of revoked) await server.changeStatus(credential, 'revoke', 'Fraude vastgesteld');
  });
  afterAll(async () => {
    network?.restore();
    await server?.close();
  });

  it('issues what these tests need: credit certificates and a certificate, each with a revocation entry', () => {
    expect(valid.map(kindOf)).toEqual(['Course', 'Course', 'MicroCredential']);
    for (const credential of [...valid, ...revoked, untouched]) {
      expect(String(credential.issuer.id)).toMatch(/^did:web:[a-z]+\.stapel\.test:institutions:/);
      expect([credential.credentialStatus].flat().map((s: Json) => s.statusPurpose)).toContain('revocation');
    }
  });

  describe('the Digital Bazaar stack (vc, eddsa-rdfc-2022, vc-bitstring-status-list)', () => {
    it('verifies the certificate and the credit certificates, issuer binding and status list included', async () => {
      for (const credential of [...valid, untouched]) {
        const result = await verifyWithDigitalBazaar(server, credential);
        expect(result.verified, JSON.stringify(result.error)).toBe(true);
        expect(result.statusResult?.verified, JSON.stringify(result.statusResult?.error)).toBe(true);
        expect(digitalBazaarStatus(result)).toEqual({ revocation: false });
      }
    });

    it('verifies the status-list credentials themselves', async () => {
      const lists = statusListsOf([...valid, ...revoked]);
      expect(lists.length).toBeGreaterThan(0);
      for (const url of lists) {
        const list = await server.fetchPublic(url);
        expect(list.type).toContain('BitstringStatusListCredential');
        const result = await verifyWithDigitalBazaar(server, list);
        expect(result.verified, JSON.stringify(result.error)).toBe(true);
      }
    });

    it('reads a revoked certificate and a revoked credit certificate as revoked', async () => {
      for (const credential of revoked) {
        const result = await verifyWithDigitalBazaar(server, credential);
        // In this stack the signature and the list verify (`verified`), and the status result carries the bit.
        expect(result.verified, JSON.stringify(result.error)).toBe(true);
        expect(digitalBazaarStatus(result)).toEqual({ revocation: true });
      }
    });
  });

  describe('verifier-core of the Digital Credentials Consortium', () => {
    it('verifies the certificate and the credit certificates, and finds them valid against the OB 3.0 schema', async () => {
      for (const credential of [...valid, untouched]) {
        const result = await verifyWithVerifierCore(credential);
        expectAcceptedByVerifierCore(result);
        expect(verifierCoreStep(result, 'revocation_status')).toEqual({
          id: 'revocation_status',
          valid: true,
        });
        expect(verifierCoreSchemaResults(result)).toEqual([
          expect.objectContaining({ schema: OB_ACHIEVEMENT_SCHEMA_URL, result: { valid: true } }),
        ]);
      }
    });

    it('verifies the status-list credentials themselves', async () => {
      for (const url of statusListsOf([...valid, ...revoked])) {
        const result = await verifyWithVerifierCore(await server.fetchPublic(url));
        expectAcceptedByVerifierCore(result);
        // A status list is no Open Badge: verifier-core knows no schema for it.
        expect(verifierCoreSchemaResults(result)).toBe('NO_SCHEMA');
      }
    });

    it('reports a revoked certificate and a revoked credit certificate in its revocation step', async () => {
      for (const credential of revoked) {
        const result = await verifyWithVerifierCore(credential);
        expectAcceptedByVerifierCore(result);
        expect(verifierCoreStep(result, 'revocation_status')).toEqual({
          id: 'revocation_status',
          valid: false,
        });
      }
    });
  });

  describe('what the independent verifiers reject, Stapel rejects too', () => {
    it('a revoked credential', async () => {
      for (const credential of revoked) {
        const result = await server.verifyWithStapel(credential);
        expect(result.verified).toBe(false);
        expect(result.checks.filter((c) => !c.ok && c.level === 'error').map((c) => c.name)).toEqual([
          'status',
        ]);
      }
      for (const credential of [...valid, untouched])
        expect((await server.verifyWithStapel(credential)).verified).toBe(true);
    });

    it('a credential changed after signing', async () => {
      const tampered = structuredClone(valid[2]!);
      tampered.credentialSubject.creditsEarned = 60;

      const db = await verifyWithDigitalBazaar(server, tampered);
      expect(db.verified).toBe(false);
      expect(db.error?.errors?.map((e) => e.message)).toEqual(['Invalid signature.']);
      expect(db.statusResult).toBeUndefined();
      const dcc = await verifyWithVerifierCore(tampered);
      expect(dcc.errors?.map((e) => e.name)).toEqual(['invalid_signature']);
      const stapel = await server.verifyWithStapel(tampered);
      expect(stapel.verified).toBe(false);
      expect(stapel.checks.find((c) => c.name === 'proof')?.ok).toBe(false);
    });

    it('a credential naming one institution, signed with the real key of another', async () => {
      const forged = await server.signWithKeyOf(valid[2]!, 'universiteit-leie');
      expect(forged.issuer.id).toBe(valid[2]!.issuer.id);

      const db = await verifyWithDigitalBazaar(server, forged);
      expect(db.verified).toBe(false);
      expect(db.error?.errors?.map((e) => e.message)).toEqual([
        'Credential issuer must match the verification method controller.',
      ]);
      // verifier-core reports a proof-purpose failure as a bad signature.
      const dcc = await verifyWithVerifierCore(forged);
      expect(dcc.errors?.map((e) => e.name)).toEqual(['invalid_signature']);
      const stapel = await server.verifyWithStapel(forged);
      expect(stapel.verified).toBe(false);
      expect(stapel.checks.find((c) => c.name === 'issuer-key')?.ok).toBe(false);
    });
  });

  it('served every document from the server under test over HTTP, and let nothing leave loopback', async () => {
    const did = `${server.publicUrl}/institutions/hogeschool-schelde/did.json`;
    expect(network.requests).toContain(did);
    expect(network.requests).toContain(`${server.publicUrl}/contexts/stapel/v1.json`);
    for (const url of statusListsOf(revoked)) expect(network.requests).toContain(url);
    // The OB 3.0 schema is fetched once per module (verifier-core's ajv keeps it), from the repository copy.
    expect(network.refused).toEqual([]);
    await expect(fetch('https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json')).rejects.toThrow(
      /No network in tests/,
    );
    network.refused.length = 0;
  });
});
