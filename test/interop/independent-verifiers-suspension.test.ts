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
  type VerifierNetwork,
} from '../support/independent-verifiers.ts';

/**
 * With `STAPEL_CREDENTIAL_STATUS=revocation,suspension` every new credential carries two one-bit entries,
 * a revocation and a suspension one (VC 2.0 allows an array; the OB 3.0 schema does not). What the
 * independent verifiers make of that.
 */

const statusListsOf = (credentials: Json[]): string[] => [
  ...new Set(
    credentials.flatMap((c) => [c.credentialStatus].flat().map((s: Json) => s.statusListCredential)),
  ),
];

describe.each(databaseKinds())('independent verifiers and suspendable credentials on $name', (kind) => {
  let server: StapelServer;
  let network: VerifierNetwork;
  let suspended: Json;
  let reinstated: Json;
  let revoked: Json;
  let valid: Json;

  beforeAll(async () => {
    // A host of its own (see independent-verifiers.test.ts): verifier-core keeps DID documents per DID.
    server = await startStapelOnLoopback(kind, {
      publicUrl: `https://${kind.name}-suspension.stapel.test`,
      env: { STAPEL_CREDENTIAL_STATUS: 'revocation,suspension' },
    });
    network = installVerifierNetwork(server);
    const first = await server.award('MC-DATA', 'an.peeters@example.org');
    const second = await server.award('MC-DATA', 'bart.maes@example.org');
    [valid, suspended] = [first[0]!, first[2]!];
    [reinstated, revoked] = [second[0]!, second[2]!];
    await server.changeStatus(suspended, 'suspend', 'Onderzoek naar fraude');
    await server.changeStatus(reinstated, 'suspend', 'Onderzoek naar fraude');
    await server.changeStatus(reinstated, 'unsuspend');
    await server.changeStatus(revoked, 'revoke', 'Fraude vastgesteld');
  });
  afterAll(async () => {
    network?.restore();
    await server?.close();
  });

  it('issues two entries, revocation first, on lists of their own purpose', async () => {
    for (const credential of [valid, suspended, reinstated, revoked]) {
      const entries = credential.credentialStatus as Json[];
      expect(entries.map((e) => e.statusPurpose)).toEqual(['revocation', 'suspension']);
      expect(entries[0]!.statusListCredential).not.toBe(entries[1]!.statusListCredential);
    }
  });

  describe('the Digital Bazaar stack', () => {
    it('reads both entries: suspended, reinstated, revoked and valid each as they are', async () => {
      const expected: Array<[Json, Record<string, boolean>]> = [
        [valid, { revocation: false, suspension: false }],
        [suspended, { revocation: false, suspension: true }],
        [reinstated, { revocation: false, suspension: false }],
        [revoked, { revocation: true, suspension: false }],
      ];
      for (const [credential, status] of expected) {
        const result = await verifyWithDigitalBazaar(server, credential);
        expect(result.verified, JSON.stringify(result.error ?? result.statusResult?.error)).toBe(true);
        expect(digitalBazaarStatus(result)).toEqual(status);
      }
    });

    it('verifies the revocation and the suspension lists', async () => {
      const lists = statusListsOf([valid, suspended, reinstated, revoked]);
      const purposes = new Set<string>();
      for (const url of lists) {
        const list = await server.fetchPublic(url);
        purposes.add(list.credentialSubject.statusPurpose);
        const result = await verifyWithDigitalBazaar(server, list);
        expect(result.verified, JSON.stringify(result.error)).toBe(true);
      }
      expect([...purposes].sort()).toEqual(['revocation', 'suspension']);
    });
  });

  describe('verifier-core', () => {
    it('checks both entries and reports a suspension in a step of its own', async () => {
      const steps = async (credential: Json) => {
        const result = await verifyWithVerifierCore(credential);
        expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
        expect(verifierCoreStep(result, 'valid_signature')?.valid).toBe(true);
        return [
          verifierCoreStep(result, 'revocation_status')?.valid,
          verifierCoreStep(result, 'suspension_status')?.valid,
        ];
      };
      expect(await steps(valid)).toEqual([true, true]);
      expect(await steps(suspended)).toEqual([true, false]);
      expect(await steps(reinstated)).toEqual([true, true]);
      expect(await steps(revoked)).toEqual([false, true]);
    });

    it('finds the two-entry credential outside the OB 3.0 schema (credentialStatus must be one object)', async () => {
      // Expected, and why two entries are an operator's choice: the OB 3.0 schema allows one status entry.
      const [schema] = verifierCoreSchemaResults(await verifyWithVerifierCore(valid)) as Array<{
        schema: string;
        result: { valid: boolean; errors?: Array<{ instancePath: string }> };
      }>;
      expect(schema!.schema).toBe(OB_ACHIEVEMENT_SCHEMA_URL);
      expect(schema!.result.valid).toBe(false);
      expect(new Set(schema!.result.errors!.map((e) => e.instancePath))).toEqual(
        new Set(['/credentialStatus']),
      );
    });
  });

  it('Stapel agrees: suspended and revoked are not valid, for their status alone; reinstated and untouched are', async () => {
    const failures = async (credential: Json) =>
      (await server.verifyWithStapel(credential)).checks
        .filter((c) => !c.ok && c.level === 'error')
        .map((c) => c.name);
    expect(await failures(suspended)).toEqual(['status']);
    expect(await failures(revoked)).toEqual(['status']);
    expect(await failures(reinstated)).toEqual([]);
    expect(await failures(valid)).toEqual([]);
    expect(network.refused).toEqual([]);
  });
});
