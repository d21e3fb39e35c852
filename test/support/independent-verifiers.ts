/**
 * Verifiers that are not Stapel's own, run against a real Stapel server.
 *
 * Employers and wallets check Stapel's credentials with other people's software, so these tests must see
 * what that software sees: a Stapel server on loopback with a public URL of `https://stapel.test`, whose
 * DID documents, extension context and status lists the verifiers fetch over real HTTP. Nothing here
 * may reach the internet, so every request is mapped explicitly:
 *
 * - `https://stapel.test/…` is answered by the loopback server (`http://127.0.0.1:<port>/…`);
 * - the Open Badges 3.0 JSON schema URL is answered from `test/fixtures/standards/` (the 1EdTech file);
 * - a small issuer registry (the DCC "legacy" format, listing this server's institutions) is answered
 *   from memory;
 * - any other URL fails loudly.
 *
 * Two independent stacks:
 *
 * 1. **Digital Bazaar**: `@digitalbazaar/vc` `verifyCredential` with `DataIntegrityProof` +
 *    `eddsa-rdfc-2022`, its default proof purpose (the key must be an `assertionMethod` of the issuer's
 *    DID document) and `checkStatus` of `@digitalbazaar/vc-bitstring-status-list`. It takes a document
 *    loader, so we give it one of our own writing: the W3C and 1EdTech contexts bundled (copies of the
 *    published files, `src/credentials/contexts/`), everything else by HTTP GET, did:web by the DID
 *    method's rule (`did:web:host:a:b` → `https://host/a/b/did.json`). It deliberately shares no code
 *    with Stapel's loader.
 * 2. **Digital Credentials Consortium**: `@digitalcredentials/verifier-core` (behind VerifierPlus and the
 *    Learner Credential Wallet). It cannot be given a loader: its document loader is created when the
 *    module loads (`@digitalcredentials/security-document-loader`), and that loader, its did:web driver
 *    (`@digitalcredentials/did-method-web`), its JSON schema check (ajv `loadSchema`) and its issuer
 *    registry client all end up in the global `fetch` — the first two through
 *    `@digitalcredentials/http-client`, i.e. `ky`, which reads `globalThis.fetch` afresh for each request
 *    and hands it a `Request` object. So {@link installVerifierNetwork} replaces `globalThis.fetch` for
 *    the test file and restores it afterwards.
 *
 * verifier-core keeps state for the life of its module: DID documents per DID (did-io's cached resolver)
 * and the compiled OB schema (ajv). So two servers in one test file need different hosts
 * (`StapelServerOptions.publicUrl`), and the schema is fetched only once per file. Status lists are
 * fetched afresh on every verification by both stacks, so a revocation is seen at once. Neither stack
 * needs a shim under Node 20: both load as plain ESM.
 *
 * @example
 * const server = await startStapelOnLoopback(kind);
 * const network = installVerifierNetwork(server);
 * const [credential] = await server.award('MC-DATA', 'an@example.org');
 * const db = await verifyWithDigitalBazaar(server, credential);
 * const dcc = await verifyWithVerifierCore(credential);
 * network.restore();
 * await server.close();
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import * as vc from '@digitalbazaar/vc';
import type { DocumentLoader, RemoteDocument } from '@digitalbazaar/vc';
import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import { cryptosuite } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import { checkStatus } from '@digitalbazaar/vc-bitstring-status-list';
import multikeyContext from '@digitalbazaar/multikey-context';
import didContext from 'did-context';
import { verifyCredential as verifierCoreVerify } from '@digitalcredentials/verifier-core';
import { buildApp } from '../../src/app.ts';
import { loadConfig, type Settings } from '../../src/core/config.ts';
import { loadDemoIfEmpty } from '../../src/demo/load-demo.ts';
import { institutionDid } from '../../src/credentials/did.ts';
import { ensureIssuerKey, loadSigningKey } from '../../src/credentials/keys.ts';
import { signCredential } from '../../src/credentials/sign.ts';
import { getInstitution } from '../../src/institutions/store.ts';
import { runAward } from '../../src/issuing/award.ts';
import type { IssuingContext } from '../../src/issuing/context.ts';
import { signingLoader } from '../../src/issuing/signing.ts';
import { platformVerifier } from '../../src/verification/platform-verifier.ts';
import type { VerificationResult } from '../../src/verification/verify.ts';
import type { DatabaseKind, TestDatabase } from './databases.ts';

export type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** The public URL a server under test believes it has, unless told otherwise; DIDs `did:web:stapel.test:…`. */
export const PUBLIC_URL = 'https://stapel.test';
/** Where verifier-core looks for the OB 3.0 schema of an OpenBadgeCredential with the VC 2.0 context. */
export const OB_ACHIEVEMENT_SCHEMA_URL =
  'https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_achievementcredential_schema.json';
/** An issuer registry in verifier-core's `dcc-legacy` format, listing this server's institutions. */
export const REGISTRY_URL = 'https://registry.example/stapel-issuers.json';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const readJson = (relative: string): unknown =>
  JSON.parse(fs.readFileSync(path.join(root, relative), 'utf8'));

const VC_V2_CONTEXT = 'https://www.w3.org/ns/credentials/v2';
const OB_CONTEXT = 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json';

/** Contexts a verifier ships with: the published W3C / 1EdTech documents, never fetched. */
const BUNDLED = new Map<string, unknown>([
  [VC_V2_CONTEXT, readJson('src/credentials/contexts/credentials-v2.json')],
  [OB_CONTEXT, readJson('src/credentials/contexts/ob-3.0.3.json')],
  ...didContext.contexts,
  ...multikeyContext.contexts,
]);

export type StatusAction = 'revoke' | 'suspend' | 'unsuspend';

export interface StapelServerOptions {
  /**
   * The public URL (no path), {@link PUBLIC_URL} by default. Servers in one test file need different
   * hosts: verifier-core caches DID documents per DID for the life of the module.
   */
  publicUrl?: string;
  /** Extra configuration, e.g. `{ STAPEL_CREDENTIAL_STATUS: 'revocation,suspension' }`. */
  env?: Record<string, string>;
}

/** A Stapel server listening on loopback while claiming a public https URL, with the demo catalogue. */
export interface StapelServer {
  /** The URL it claims, e.g. `https://stapel.test`. */
  publicUrl: string;
  app: FastifyInstance;
  database: TestDatabase;
  settings: Settings;
  context: IssuingContext;
  /** Where it really listens: `http://127.0.0.1:<port>`. */
  loopbackUrl: string;
  /** Staff API tokens of the demo institutions, by slug. */
  tokens: Record<string, string>;
  /** Maps a URL under the public URL to the loopback server; throws for any other URL. */
  toLoopback(url: string): string;
  /** Issues what `stapel award` issues (form A: the credit certificates, then the certificate). */
  award(code: string, email: string, slug?: string): Promise<Json[]>;
  /** GET of a public document of this server (a status list, a DID document), over HTTP. */
  fetchPublic(url: string): Promise<Json>;
  /**
   * Signs `credential` again, content unchanged, with the current key of another institution of this
   * platform: a key that really exists, but is not the issuer's.
   */
  signWithKeyOf(credential: Json, slug: string): Promise<Json>;
  /** Revokes, suspends or reinstates through the staff API, as a registrar would. */
  changeStatus(credential: Json, action: StatusAction, reason?: string): Promise<void>;
  /** Stapel's own verifier of this installation. */
  verifyWithStapel(credential: unknown): Promise<VerificationResult>;
  close(): Promise<void>;
}

/**
 * Starts a real Stapel server on `127.0.0.1` with a fresh database of the given kind.
 *
 * @example
 * const server = await startStapelOnLoopback(kind, { env: { STAPEL_CREDENTIAL_STATUS: 'revocation,suspension' } });
 */
export async function startStapelOnLoopback(
  kind: DatabaseKind,
  options: StapelServerOptions = {},
): Promise<StapelServer> {
  const publicUrl = options.publicUrl ?? PUBLIC_URL;
  const database = await kind.open();
  try {
    const demo = await loadDemoIfEmpty(database.handle);
    const tokens = Object.fromEntries((demo?.tokens ?? []).map((t) => [t.institution, t.token]));
    const masterKey = randomBytes(32);
    const config = loadConfig({
      ...database.env,
      STAPEL_MASTER_KEY: masterKey.toString('hex'),
      STAPEL_PUBLIC_URL: publicUrl,
      PORT: '0',
      STAPEL_LOG_LEVEL: 'silent',
      ...options.env,
    });
    const app = await buildApp({
      config,
      database: database.handle,
      logger: false,
      masterKey,
      webRoot: '/nonexistent',
    });
    await app.listen({ host: '127.0.0.1', port: 0 });
    const { port } = app.server.address() as AddressInfo;
    const loopbackUrl = `http://127.0.0.1:${port}`;
    const context: IssuingContext = { database: database.handle, settings: config.settings, masterKey };
    const stapel = platformVerifier(database.handle, config.settings);

    const toLoopback = (url: string): string => {
      const parsed = new URL(url);
      if (parsed.origin !== publicUrl) throw new Error(`${url} is not on ${publicUrl}`);
      return `${loopbackUrl}${parsed.pathname}${parsed.search}`;
    };

    return {
      publicUrl,
      app,
      database,
      settings: config.settings,
      context,
      loopbackUrl,
      tokens,
      toLoopback,
      award: async (code, email, slug = 'hogeschool-schelde') => {
        const result = await runAward(context, async (tx) => ({
          institution: await getInstitution(tx, slug),
          code,
          learner: { email, name: 'Lotte Claes' },
          score: 15,
          recordedBy: 'cli',
        }));
        return result.credentials.map((c) => c.document);
      },
      fetchPublic: async (url) => (await getJson(toLoopback(url))) as Json,
      signWithKeyOf: async (credential, slug) =>
        database.handle.transaction(async (tx) => {
          const institution = await getInstitution(tx, slug);
          await ensureIssuerKey(tx, institution.id, masterKey);
          const did = institutionDid(publicUrl, slug);
          const key = await loadSigningKey(tx, institution.id, did, masterKey);
          const { proof: _proof, ...unsigned } = credential;
          return signCredential(unsigned, key, signingLoader(tx, context));
        }),
      changeStatus: async (credential, action, reason) => {
        const id = String(credential.id).split('/').pop()!;
        const slug = issuerSlug(credential);
        const response = await fetchOriginal(
          `${loopbackUrl}/api/v1/manage/${slug}/credentials/${id}/status`,
          {
            method: 'POST',
            headers: { authorization: `Bearer ${tokens[slug]}`, 'content-type': 'application/json' },
            body: JSON.stringify({ action, ...(reason ? { reason } : {}) }),
          },
        );
        if (response.status !== 200)
          throw new Error(`${action} of ${credential.id}: ${response.status} ${await response.text()}`);
      },
      verifyWithStapel: (credential) => stapel.verify(credential),
      close: async () => {
        await app.close();
        await database.dispose();
      },
    };
  } catch (error) {
    await database.dispose();
    throw error;
  }
}

/** `did:web:stapel.test:institutions:<slug>` → `<slug>`. */
function issuerSlug(credential: Json): string {
  const issuer = typeof credential.issuer === 'string' ? credential.issuer : credential.issuer.id;
  return String(issuer).split(':').pop()!;
}

// The real fetch, taken before any interception: the harness's own requests must not depend on it.
const fetchOriginal: typeof fetch = globalThis.fetch.bind(globalThis);

async function getJson(url: string): Promise<unknown> {
  const response = await fetchOriginal(url, { headers: { accept: 'application/ld+json, application/json' } });
  if (!response.ok) throw new Error(`GET ${url}: ${response.status}`);
  return response.json();
}

/** did:web method §3.2: `did:web:host%3Aport:a:b` → `https://host:port/a/b/did.json`. */
function didWebDocumentUrl(did: string): string {
  const [host, ...segments] = did.slice('did:web:'.length).split(':').map(decodeURIComponent);
  return segments.length
    ? `https://${host}/${segments.join('/')}/did.json`
    : `https://${host}/.well-known/did.json`;
}

/**
 * A document loader as a Digital Bazaar integrator writes one: bundled contexts, did:web by HTTP, other
 * documents (the Stapel context, status lists) by HTTP — each of them to the loopback server.
 */
export function digitalBazaarDocumentLoader(server: StapelServer): DocumentLoader {
  const remote = (documentUrl: string, document: unknown): RemoteDocument => ({
    contextUrl: null,
    documentUrl,
    document,
  });
  return async (url) => {
    const bundled = BUNDLED.get(url);
    if (bundled) return remote(url, structuredClone(bundled));
    if (url.startsWith('did:web:')) {
      const [did, fragment] = url.split('#') as [string, string | undefined];
      const document = (await getJson(server.toLoopback(didWebDocumentUrl(did)))) as Json;
      if (document.id !== did) throw new Error(`the DID document of ${did} names ${document.id}`);
      if (!fragment) return remote(url, document);
      const method = (document.verificationMethod as Json[] | undefined)?.find((m) => m.id === url);
      if (!method) throw new Error(`${url} is not in the DID document`);
      return remote(url, { '@context': document['@context'], ...method });
    }
    return remote(url, await getJson(server.toLoopback(url)));
  };
}

/** One entry of the status result of `@digitalbazaar/vc-bitstring-status-list`. */
export interface DigitalBazaarStatusEntry {
  verified: boolean;
  /** The bit at `statusListIndex`: true means revoked (or suspended) for the entry's `statusPurpose`. */
  status: boolean;
  credentialStatus: Json;
}

export interface DigitalBazaarResult {
  verified: boolean;
  error?: { name?: string; message?: string; errors?: Array<{ name?: string; message?: string }> };
  statusResult?: { verified: boolean; error?: Error; results?: DigitalBazaarStatusEntry[] };
}

/**
 * `@digitalbazaar/vc` `verifyCredential` with its default purpose and the bitstring status check. Note
 * that in this stack `verified` stays true for a revoked credential: the status check only reports the
 * bit (`statusResult.results[i].status`), and it is the integrator who must read it.
 *
 * @example
 * const result = await verifyWithDigitalBazaar(server, credential);
 * const revoked = digitalBazaarStatus(result).revocation;
 */
export async function verifyWithDigitalBazaar(
  server: StapelServer,
  credential: Json,
): Promise<DigitalBazaarResult> {
  return (await vc.verifyCredential({
    credential,
    suite: new DataIntegrityProof({ cryptosuite }),
    documentLoader: digitalBazaarDocumentLoader(server),
    checkStatus,
  })) as DigitalBazaarResult;
}

/** The bits the Digital Bazaar status check read, by `statusPurpose`. */
export function digitalBazaarStatus(result: DigitalBazaarResult): Record<string, boolean> {
  return Object.fromEntries(
    (result.statusResult?.results ?? []).map((r) => [String(r.credentialStatus.statusPurpose), r.status]),
  );
}

export type VerifierCoreResult = Awaited<ReturnType<typeof verifierCoreVerify>>;

/**
 * `@digitalcredentials/verifier-core` as VerifierPlus calls it, with the registry of
 * {@link installVerifierNetwork}. Needs that network installed.
 */
export async function verifyWithVerifierCore(credential: Json): Promise<VerifierCoreResult> {
  return verifierCoreVerify({
    credential: structuredClone(credential) as Parameters<typeof verifierCoreVerify>[0]['credential'],
    knownDIDRegistries: [{ type: 'dcc-legacy', name: 'Stapel test registry', url: REGISTRY_URL }],
  });
}

/** verifier-core's log entry with this id (`valid_signature`, `revocation_status`, `suspension_status`, …). */
export function verifierCoreStep(result: VerifierCoreResult, id: string) {
  return result.log?.find((step) => step.id === id);
}

/** verifier-core's schema results (`additionalInformation` entry `schema_check`). */
export function verifierCoreSchemaResults(result: VerifierCoreResult) {
  const entry = result.additionalInformation?.find((e) => e.id === 'schema_check');
  return entry?.results;
}

export interface VerifierNetwork {
  /** Every URL the verifiers asked `fetch` for, in order (refused ones included). */
  requests: string[];
  /** URLs that were refused because they are not on the map. */
  refused: string[];
  restore(): void;
}

/**
 * Replaces `globalThis.fetch` with the map described at the top of this file, until `restore()`.
 *
 * @example
 * const network = installVerifierNetwork(server);
 * afterAll(() => network.restore());
 */
export function installVerifierNetwork(server: StapelServer): VerifierNetwork {
  const previous = globalThis.fetch;
  // A copy of its own, so that a change to the schema Stapel validates with cannot make this check lenient.
  const schema = fs.readFileSync(
    path.join(root, 'test/fixtures/standards/ob_v3p0_achievementcredential_schema.json'),
  );
  const requests: string[] = [];
  const refused: string[] = [];

  async function registry(): Promise<Response> {
    const institutions = await server.database.handle.db
      .selectFrom('institutions')
      .select(['slug', 'name_nl'])
      .execute();
    const entries = institutions.map((i) => [
      `did:web:${encodeURIComponent(new URL(server.publicUrl).host)}:institutions:${i.slug}`,
      { name: i.name_nl, url: `${server.publicUrl}/institutions/${i.slug}`, location: 'Vlaanderen, BE' },
    ]);
    return Response.json({ registry: Object.fromEntries(entries) });
  }

  const intercepted = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const request = input instanceof Request ? input : undefined;
    const url = request?.url ?? String(input);
    requests.push(url);
    if (url.startsWith(`${server.publicUrl}/`)) {
      return previous(server.toLoopback(url), {
        method: request?.method ?? init?.method ?? 'GET',
        headers: request?.headers ?? init?.headers ?? {},
        signal: request?.signal ?? init?.signal ?? null,
      });
    }
    if (url === OB_ACHIEVEMENT_SCHEMA_URL)
      return new Response(schema, { headers: { 'content-type': 'application/schema+json' } });
    if (url === REGISTRY_URL) return registry();
    refused.push(url);
    throw new TypeError(`No network in tests: refused ${url}`);
  };
  globalThis.fetch = intercepted as typeof fetch;
  return {
    requests,
    refused,
    restore: () => {
      globalThis.fetch = previous;
    },
  };
}
