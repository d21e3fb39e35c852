/**
 * Benchmarks of the hot paths: issuing (build + sign + store, with a status slot), verifying, and the
 * catalogue search. Run with `npm run bench`; prints one line per measurement and a JSON summary.
 * Numbers depend on the machine: compare runs on the same machine, never assert them in tests.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { openDatabase } from '../src/core/database.ts';
import { loadConfig } from '../src/core/config.ts';
import { loadDemoIfEmpty } from '../src/demo/load-demo.ts';
import { getInstitution } from '../src/institutions/store.ts';
import { runAward } from '../src/issuing/award.ts';
import { platformVerifier } from '../src/verification/platform-verifier.ts';
import { STATUS_TRANSACTION, changeCredentialStatus } from '../src/issuing/status.ts';
import { searchCatalogue } from '../src/catalogue/search.ts';
import { buildApp } from '../src/app.ts';
import { MAX_CREDENTIAL_VALUES } from '../src/verification/input-limits.ts';

const learners = Number(process.env.BENCH_LEARNERS ?? 50);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stapel-bench-'));
const database = await openDatabase({
  databaseUrl: process.env.DATABASE_URL,
  sqlitePath: path.join(dir, 'stapel.db'),
});
await loadDemoIfEmpty(database);
const config = loadConfig({ STAPEL_DATA_DIR: dir, STAPEL_LOG_LEVEL: 'silent' });
const context = { database, settings: config.settings, masterKey: randomBytes(32) };
const institution = await getInstitution(database.db, 'hogeschool-schelde');

function report(name: string, count: number, ms: number) {
  const perItem = ms / count;
  console.log(
    `${name.padEnd(44)} ${count.toString().padStart(6)} × ${perItem.toFixed(2).padStart(8)} ms = ${(count / (ms / 1000)).toFixed(1).padStart(8)} /s`,
  );
  return {
    name,
    count,
    msPerItem: Number(perItem.toFixed(3)),
    perSecond: Number((count / (ms / 1000)).toFixed(1)),
  };
}

const results = [];
const heapBefore = process.memoryUsage().heapUsed;

// Warm-up: JSON-LD context processing and JIT.
await runAward(context, (_tx) => ({
  institution,
  code: 'PV-LEAN',
  learner: { email: 'warm@example.org' },
  recordedBy: 'bench',
}));

let start = performance.now();
const documents: Record<string, unknown>[] = [];
for (let i = 0; i < learners; i++) {
  const result = await runAward(context, (_tx) => ({
    institution,
    code: 'MC-DATA',
    learner: { email: `bench-${i}@example.org` },
    score: 14,
    recordedBy: 'bench',
  }));
  documents.push(...result.credentials.map((c) => c.document));
}
results.push(
  report('issue form A (3 signed proofs per learner)', documents.length, performance.now() - start),
);

const verifier = platformVerifier(database, config.settings);
start = performance.now();
for (const doc of documents) {
  const r = await verifier.verify(doc);
  if (!r.verified) throw new Error(`bench credential did not verify: ${JSON.stringify(r.checks)}`);
}
results.push(
  report('verify (all checks, status list included)', documents.length, performance.now() - start),
);

// Revocation locks the credential's list and re-signs it whole (131,072 entries) in the same transaction.
start = performance.now();
const revocations = Math.min(documents.length, 50);
for (const doc of documents.slice(0, revocations))
  await database.transaction(
    (tx) => changeCredentialStatus(tx, context, String(doc.id), 'revoke', 'bench'),
    STATUS_TRANSACTION,
  );
results.push(report('revoke (re-signs its status list)', revocations, performance.now() - start));

start = performance.now();
const searches = 200;
for (let i = 0; i < searches; i++)
  await searchCatalogue(database.db, { q: i % 2 ? 'data' : 'zorg', pageSize: 20 });
results.push(report('catalogue search', searches, performance.now() - start));

// Responsiveness under hostile load: the worst credentials the input limits accept are verified (in the
// worker pool) while /health and the catalogue are polled; their latency must stay far below a second.
const worst = worstAcceptedCredential(documents.at(-1)!);
start = performance.now();
await verifier.verify(worst);
const worstInProcessMs = performance.now() - start;
const app = await buildApp({
  config,
  database,
  logger: false,
  masterKey: context.masterKey,
  webRoot: '/nonexistent',
});
await app.listen({ host: '127.0.0.1', port: 0 });
const address = app.server.address();
const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
const postVerify = (body: string) =>
  fetch(`${base}/api/v1/verify`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
await postVerify(JSON.stringify(documents[0])); // starts a worker thread
const tooLarge = oversizedCredential(documents[0]!);
start = performance.now();
const refusal = await postVerify(tooLarge);
const refusedMs = performance.now() - start;
const hostile = Number(process.env.BENCH_HOSTILE ?? 6);
const latencies: Record<string, number[]> = { '/health': [], '/api/v1/micro-credentials': [] };
const statuses: number[] = [];
start = performance.now();
const attack = Promise.all(
  Array.from({ length: hostile }, () =>
    postVerify(JSON.stringify(worst)).then((r) => {
      statuses.push(r.status);
      return performance.now() - start;
    }),
  ),
);
let attacking = true;
void attack.finally(() => (attacking = false));
while (attacking) {
  for (const route of Object.keys(latencies)) {
    const t = performance.now();
    await (await fetch(base + route)).arrayBuffer();
    latencies[route]!.push(performance.now() - t);
  }
  await new Promise((resolve) => setTimeout(resolve, 20));
}
const verifyDone = await attack;
await app.close();
const percentile = (values: number[], p: number) =>
  [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(values.length * p))] ?? 0;
const responsiveness = {
  worstAccepted: {
    bytes: Buffer.byteLength(JSON.stringify(worst)),
    inProcessMs: Math.round(worstInProcessMs),
  },
  oversized: { bytes: Buffer.byteLength(tooLarge), status: refusal.status, ms: Number(refusedMs.toFixed(1)) },
  hostileRequests: hostile,
  statuses: Object.fromEntries(
    [...new Set(statuses)].map((s) => [s, statuses.filter((x) => x === s).length]),
  ),
  lastVerifyMs: Math.round(Math.max(...verifyDone)),
  latency: Object.fromEntries(
    Object.entries(latencies).map(([route, values]) => [
      route,
      {
        samples: values.length,
        p95Ms: Number(percentile(values, 0.95).toFixed(1)),
        maxMs: Number(Math.max(...values).toFixed(1)),
      },
    ]),
  ),
};
console.log(
  `worst accepted credential (${responsiveness.worstAccepted.bytes} bytes) verified in-process in ${responsiveness.worstAccepted.inProcessMs} ms`,
);
console.log(
  `oversized credential (${tooLarge.length} bytes) refused ${refusal.status} in ${refusedMs.toFixed(1)} ms`,
);
console.log(
  `${hostile} worst-case verify requests (${JSON.stringify(responsiveness.statuses)}), last answered after ${responsiveness.lastVerifyMs} ms; meanwhile:`,
);
for (const [route, l] of Object.entries(responsiveness.latency))
  console.log(
    `  ${route.padEnd(28)} ${String(l.samples).padStart(5)} requests, p95 ${l.p95Ms} ms, max ${l.maxMs} ms`,
  );

const heapAfter = process.memoryUsage().heapUsed;
console.log(
  `heap growth ${((heapAfter - heapBefore) / 1024 / 1024).toFixed(1)} MiB, rss ${(process.memoryUsage().rss / 1024 / 1024).toFixed(0)} MiB`,
);
console.log(JSON.stringify({ database: database.dialect, learners, results, responsiveness }));
await database.close();
fs.rmSync(dir, { recursive: true, force: true });

/** A real credential with tags up to the value limit: the costliest input the limits accept (measured). */
function worstAcceptedCredential(credential: Record<string, unknown>): Record<string, unknown> {
  const copy = structuredClone(credential) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
  copy.credentialSubject.achievement.tag = [];
  const count = (v: unknown): number =>
    v === null || typeof v !== 'object' ? 1 : 1 + Object.values(v).reduce((n: number, c) => n + count(c), 0);
  const room = MAX_CREDENTIAL_VALUES - count(copy);
  copy.credentialSubject.achievement.tag = Array.from({ length: room }, (_, i) => `tag-${i}`);
  return copy;
}

/** The input that froze the server before the limits: 1.2 MB, 40,000 extra statements. */
function oversizedCredential(credential: Record<string, unknown>): string {
  const copy = structuredClone(credential) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
  copy.credentialSubject.achievement.tag = Array.from(
    { length: 40_000 },
    (_, i) => `statement-${String(i).padStart(19, '0')}`,
  );
  return JSON.stringify(copy);
}
