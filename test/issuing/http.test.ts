import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as vc from '@digitalbazaar/vc';
import { databaseKinds } from '../support/databases.ts';
import { startIssuing, type IssuingFixture } from '../support/issuing.ts';
import { buildApp } from '../../src/app.ts';
import { loadConfig } from '../../src/core/config.ts';
import { getInstitution } from '../../src/institutions/store.ts';
import { createUser } from '../../src/accounts/users.ts';
import { setCredentialShared } from '../../src/wallet/shares.ts';
import { setUp } from '../support/set-up.ts';
import { runAward } from '../../src/issuing/award.ts';
import { changeCredentialStatus } from '../../src/issuing/status.ts';
import { createDocumentLoader } from '../../src/credentials/document-loader.ts';
import { SafeFetcher } from '../../src/credentials/safe-fetch.ts';
import { verificationSuite } from '../../src/credentials/sign.ts';
import { Bitstring } from '../../src/credentials/bitstring.ts';
import {
  STAPEL_CONTEXT_DIGEST,
  STAPEL_CONTEXT_DOCUMENT,
  contextDigest,
} from '../../src/credentials/contexts.ts';
import { didDocument, institutionDid } from '../../src/credentials/did.ts';
import { issuerPublicKeys } from '../../src/credentials/keys.ts';
import { issuerProfileFor } from '../../src/credentials/issuer-profile.ts';
import type { FastifyInstance } from 'fastify';
import net from 'node:net';

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

type Doc = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

describe.each(databaseKinds())('what verifiers fetch, over HTTP, on $name', (kind) => {
  let f: IssuingFixture;
  let app: FastifyInstance;
  let base: string;
  let credential: Doc;

  beforeAll(async () => {
    f = await startIssuing(kind);
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    const config = loadConfig({
      ...f.env,
      STAPEL_PUBLIC_URL: base,
      PORT: String(port),
      STAPEL_LOG_LEVEL: 'silent',
    });
    f.context.settings = config.settings;
    app = await buildApp({
      config,
      database: f.db.handle,
      logger: false,
      masterKey: f.context.masterKey,
      webRoot: '/nonexistent',
    });
    await app.listen({ port, host: '127.0.0.1' });
    const result = await runAward(f.context, async (tx) => ({
      institution: await getInstitution(tx, 'hogeschool-schelde'),
      code: 'PV-LEAN',
      learner: { email: 'web@example.org' },
      recordedBy: 'test',
    }));
    credential = result.credentials[0]!.document;
  });
  afterAll(async () => {
    await app?.close();
    await f?.db.dispose();
  });

  it('serves the DID document with every key under assertionMethod', async () => {
    const res = await fetch(`${base}/institutions/hogeschool-schelde/did.json`);
    expect(res.headers.get('content-type')).toContain('application/did+json');
    const doc = await res.json();
    expect(doc.id).toBe(`did:web:127.0.0.1%3A${new URL(base).port}:institutions:hogeschool-schelde`);
    expect(doc.assertionMethod).toEqual([credential.proof[0].verificationMethod]);
    expect(doc.verificationMethod[0]).toMatchObject({
      type: 'Multikey',
      controller: doc.id,
      publicKeyMultibase: expect.stringMatching(/^z6Mk/),
    });
    expect((await fetch(`${base}/institutions/nope/did.json`)).status).toBe(404);
  });

  it('serves the extension context that the credential names, recognisable by its content', async () => {
    const url = credential['@context'][2];
    expect(url).toBe(`${base}/contexts/stapel/v1.json`);
    const res = await fetch(url);
    expect(res.headers.get('content-type')).toContain('application/ld+json');
    expect(contextDigest(await res.json())).toBe(STAPEL_CONTEXT_DIGEST);
  });

  it('serves the signed status list with cache headers, changed after a revocation', async () => {
    const url = credential.credentialStatus.statusListCredential;
    const first = await fetch(url);
    expect(first.headers.get('cache-control')).toBe('public, max-age=300');
    const etag = first.headers.get('etag')!;
    expect((await fetch(url, { headers: { 'if-none-match': etag } })).status).toBe(304);
    const list = await first.json();
    expect(list.type).toEqual(['VerifiableCredential', 'BitstringStatusListCredential']);
    expect(list.credentialSubject.statusPurpose).toBe('revocation');
    // Another credential on the same list is revoked: this one's credential stays as the others use it.
    const other = await runAward(f.context, async (tx) => ({
      institution: await getInstitution(tx, 'hogeschool-schelde'),
      code: 'PV-LEAN',
      learner: { email: 'revoked@example.org' },
      recordedBy: 'test',
    }));
    const revoked = other.credentials[0]!.document as Doc;
    expect(revoked.credentialStatus.statusListCredential).toBe(url);
    const index = Number(revoked.credentialStatus.statusListIndex);
    expect(Bitstring.decode(list.credentialSubject.encodedList, 131072, 1).get(index)).toBe(0);

    await f.db.handle.transaction((tx) =>
      changeCredentialStatus(tx, f.context, revoked.id, 'revoke', 'issued in error'),
    );
    const second = await fetch(url);
    expect(second.headers.get('etag')).not.toBe(etag);
    expect(Bitstring.decode((await second.json()).credentialSubject.encodedList, 131072, 1).get(index)).toBe(
      1,
    );
  });

  it('serves the credential at its id once its holder shares it', async () => {
    expect((await fetch(credential.id)).status).toBe(403);
    // The verifiers below are given the link by the holder, who shares it.
    await setUp(f.db.handle, async (cmd) => {
      const { user } = await createUser(cmd.tx, {
        email: 'web@example.org',
        name: 'Web Learner',
        password: 'holder password 1',
      });
      await cmd.tx
        .updateTable('users')
        .set({ email_verified_at: new Date().toISOString() })
        .where('id', '=', user.id)
        .execute();
      await setCredentialShared(cmd, user.id, new URL(credential.id).pathname.split('/').pop()!, true);
    });
    const res = await fetch(credential.id);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual(credential);
  });

  it('answers every signed document byte for byte as stored, and the served credential still verifies', async () => {
    // The routes declare response schemas; a signature covers these documents, so nothing may be dropped,
    // added or reordered on the way out.
    const stored = await f.db.handle.db
      .selectFrom('credentials')
      .select(['document', 'status_list_id'])
      .where('credential_url', '=', credential.id)
      .executeTakeFirstOrThrow();
    const served = await fetch(credential.id);
    const text = await served.text();
    expect(text).toBe(stored.document);
    const list = await f.db.handle.db
      .selectFrom('status_lists')
      .select('credential')
      .where('id', '=', stored.status_list_id)
      .executeTakeFirstOrThrow();
    const listText = await (await fetch(credential.credentialStatus.statusListCredential)).text();
    expect(listText).toBe(list.credential);

    const slug = 'hogeschool-schelde';
    const institution = await getInstitution(f.db.handle.db, slug);
    const did = institutionDid(base, slug);
    const keys = await issuerPublicKeys(f.db.handle.db, institution.id);
    expect(await (await fetch(`${base}/institutions/${slug}/did.json`)).text()).toBe(
      JSON.stringify(didDocument(did, keys)),
    );
    expect(await (await fetch(`${base}/institutions/${slug}/profile.json`)).text()).toBe(
      JSON.stringify(issuerProfileFor(institution, base, true)),
    );
    expect(await (await fetch(`${base}/contexts/stapel/v1.json`)).text()).toBe(
      JSON.stringify(STAPEL_CONTEXT_DOCUMENT),
    );

    // The credential as a verifier receives it (not as we hold it) verifies, against the served list too.
    const received = JSON.parse(text) as Doc;
    const result = await vc.verifyCredential({
      credential: received,
      suite: verificationSuite(),
      documentLoader: createDocumentLoader({ fetcher: new SafeFetcher({ allowInsecureLoopback: true }) }),
      checkStatus: async () => ({ verified: true }),
    });
    expect(result.verified, JSON.stringify(result.error)).toBe(true);
    const receivedList = JSON.parse(listText) as Doc;
    const listResult = await vc.verifyCredential({
      credential: receivedList,
      suite: verificationSuite(),
      documentLoader: createDocumentLoader({ fetcher: new SafeFetcher({ allowInsecureLoopback: true }) }),
      checkStatus: async () => ({ verified: true }),
    });
    expect(listResult.verified, JSON.stringify(listResult.error)).toBe(true);
  });

  it('lets a verifier with no database of ours check the credential by fetching did:web and the context', async () => {
    // Another installation's verifier: nothing local, only what it can fetch from us.
    const documentLoader = createDocumentLoader({
      fetcher: new SafeFetcher({ allowInsecureLoopback: true }),
    });
    const result = await vc.verifyCredential({
      credential,
      suite: verificationSuite(),
      documentLoader,
      checkStatus: async () => ({ verified: true }),
    });
    expect(result.verified, JSON.stringify(result.error)).toBe(true);
    const offline = createDocumentLoader({ fetcher: new SafeFetcher({ allowInsecureLoopback: false }) });
    const refused = await vc.verifyCredential({
      credential,
      suite: verificationSuite(),
      documentLoader: offline,
      checkStatus: async () => ({ verified: true }),
    });
    expect(refused.verified).toBe(false);
  });
});
