import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
import type { KeyPair } from '@digitalbazaar/ed25519-multikey';
import type { DocumentLoader } from '@digitalbazaar/vc';
import { Bitstring, STATUS, STATUS_LIST_ENTRIES, STATUS_SIZE } from '../../src/credentials/bitstring.ts';
import { createDocumentLoader } from '../../src/credentials/document-loader.ts';
import { didDocument, institutionDid } from '../../src/credentials/did.ts';
import {
  buildOpenBadgeCredential,
  messageStatusEntry,
  type CredentialInput,
} from '../../src/credentials/open-badge.ts';
import { signCredential } from '../../src/credentials/sign.ts';
import { buildStatusListCredential } from '../../src/credentials/status-list-credential.ts';
import {
  verifyCredential,
  type RecognisedIssuer,
  type VerificationCheck,
  type VerificationResult,
  type VerifyOptions,
} from '../../src/verification/verify.ts';

export const PUBLIC_URL = 'https://stapel.test';
export const SCHELDE = institutionDid(PUBLIC_URL, 'hogeschool-schelde');
export const LEIE = institutionDid(PUBLIC_URL, 'universiteit-leie');
export const LIST_URL = `${PUBLIC_URL}/status-lists/list-1`;
/** The moment tests verify at, unless they say otherwise: after every issue date used here. */
export const NOW = new Date('2027-01-15T09:00:00Z');

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const fixture = (relative: string): string => path.join(root, 'test/fixtures', relative);
export const readJson = (relative: string): Record<string, unknown> =>
  JSON.parse(fs.readFileSync(fixture(relative), 'utf8')) as Record<string, unknown>;

/** A did:web institution with one key, as the platform would publish it. */
async function institutionKey(did: string): Promise<KeyPair> {
  return Ed25519Multikey.generate({ id: `${did}#key-1`, controller: did });
}

/** A did:key identity: the DID is the public key itself, the key id repeats it as the fragment. */
export async function didKeyPair(): Promise<{ did: string; keyPair: KeyPair }> {
  const generated = await Ed25519Multikey.generate();
  const did = `did:key:${generated.publicKeyMultibase}`;
  const exported = await generated.export({ publicKey: true, secretKey: true });
  const keyPair = await Ed25519Multikey.from({
    ...exported,
    id: `${did}#${generated.publicKeyMultibase}`,
    controller: did,
  });
  return { did, keyPair };
}

export const check = (result: VerificationResult, name: VerificationCheck['name']): VerificationCheck => {
  const found = result.checks.find((c) => c.name === name);
  if (!found) throw new Error(`no ${name} check in ${JSON.stringify(result.checks)}`);
  return found;
};

export interface StatusListOptions {
  url?: string;
  issuer?: string;
  signer?: KeyPair;
  statusSize?: number;
  statusPurpose?: string;
  set?: Record<number, number>;
  validUntil?: string;
}

/**
 * Two institutions with keys and DID documents, a local document map for DID documents and status lists,
 * and helpers to build, sign and verify credentials against them.
 */
export async function createWorld() {
  const keys = { schelde: await institutionKey(SCHELDE), leie: await institutionKey(LEIE) };
  const documents = new Map<string, unknown>([
    [
      SCHELDE,
      didDocument(SCHELDE, [{ fragment: 'key-1', publicKeyMultibase: keys.schelde.publicKeyMultibase }]),
    ],
    [LEIE, didDocument(LEIE, [{ fragment: 'key-1', publicKeyMultibase: keys.leie.publicKeyMultibase }])],
  ]);
  const local = async (url: string) => documents.get(url);
  const documentLoader: DocumentLoader = createDocumentLoader({ local });
  const loaderFor = (urlIssuerKeys: Map<string, Set<string>>) =>
    createDocumentLoader({ local, urlIssuerKeys });
  const platform: Record<string, RecognisedIssuer> = {
    [SCHELDE]: { name: 'Hogeschool Schelde', onThisPlatform: true },
    [LEIE]: { name: 'Universiteit Leie', onThisPlatform: true },
  };

  const verify = (input: unknown, extra: Partial<VerifyOptions> = {}) =>
    verifyCredential(input, {
      loaderFor,
      isRecognisedIssuer: (id) => platform[id],
      ownHost: new URL(PUBLIC_URL).host,
      now: NOW,
      ...extra,
    });

  const sign = (credential: Record<string, unknown>, keyPair: KeyPair = keys.schelde) =>
    signCredential(credential, keyPair, documentLoader);

  async function publishStatusList(options: StatusListOptions = {}): Promise<Record<string, unknown>> {
    const statusSize = options.statusSize ?? STATUS_SIZE;
    const bitstring = new Bitstring(STATUS_LIST_ENTRIES, statusSize);
    for (const [index, value] of Object.entries(options.set ?? {})) bitstring.set(Number(index), value);
    const url = options.url ?? LIST_URL;
    const unsigned = buildStatusListCredential({
      url,
      issuer: options.issuer ?? SCHELDE,
      statusPurpose: 'message',
      bitstring,
      validFrom: '2026-01-01T00:00:00Z',
      ttlMs: 300_000,
    });
    if (options.statusPurpose)
      (unsigned.credentialSubject as Record<string, unknown>).statusPurpose = options.statusPurpose;
    if (options.validUntil) unsigned.validUntil = options.validUntil;
    const signed = await signCredential(unsigned, options.signer ?? keys.schelde, documentLoader);
    documents.set(url, signed);
    return signed;
  }

  return { keys, documents, documentLoader, loaderFor, platform, verify, sign, publishStatusList };
}

export type World = Awaited<ReturnType<typeof createWorld>>;

/**
 * A micro-credential as Stapel issued it before one-bit lists: three ECTS, a named learner, and the
 * two-bit `message` status entry `index` of LIST_URL (the list publishStatusList signs by default). Such
 * credentials stay valid, so the verifier must keep reading them.
 */
export function stapelCredential(
  overrides: { issuer?: string; index?: number; listUrl?: string; issuedAt?: string } = {},
): Record<string, unknown> {
  const issuerId = overrides.issuer ?? SCHELDE;
  const input: CredentialInput = {
    id: `${PUBLIC_URL}/credentials/0f5c2b7e-8c1d-4b8e-9a57-3d2f1e0c9b11`,
    publicUrl: PUBLIC_URL,
    issuer: {
      id: issuerId,
      name: 'Hogeschool Schelde',
      url: 'https://schelde.example',
      address: { locality: 'Antwerpen', region: 'Vlaanderen', country: 'BE' },
    },
    achievement: {
      id: `${PUBLIC_URL}/institutions/hogeschool-schelde/micro-credentials/MC-DATA/versions/1`,
      kind: 'micro-credential-certificate',
      form: 'regular',
      title: { nl: 'Data-analyse met Python', en: 'Data analysis with Python' },
      ects: 3,
      vksLevel: 6,
      language: 'nl',
      learningOutcomes: [{ nl: 'Analyseert datasets met pandas.' }],
      qaType: 'internal-and-external',
      version: 1,
    },
    learner: { email: 'jan.peeters@example.org', name: 'Jan Peeters', salt: 'c2FsdC0xMjM0' },
    score: 14,
    passMark: 10,
    issuedAt: overrides.issuedAt ?? '2026-06-30T12:00:00Z',
    status: { listUrl: overrides.listUrl ?? LIST_URL, index: overrides.index ?? 42 },
  };
  return { ...buildOpenBadgeCredential(input), credentialStatus: messageStatusEntry(input.status) };
}

export { STATUS };
