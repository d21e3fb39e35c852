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
import { AWARD_TRANSACTION, awardMicroCredential } from '../src/issuing/award.ts';
import { platformVerifier } from '../src/verification/platform-verifier.ts';
import { searchCatalogue } from '../src/catalogue/store.ts';

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
await database.transaction(
  (tx) =>
    awardMicroCredential(tx, context, {
      institution,
      code: 'PV-LEAN',
      learner: { email: 'warm@example.org' },
      recordedBy: 'bench',
    }),
  AWARD_TRANSACTION,
);

let start = performance.now();
const documents: Record<string, unknown>[] = [];
for (let i = 0; i < learners; i++) {
  const result = await database.transaction(
    (tx) =>
      awardMicroCredential(tx, context, {
        institution,
        code: 'MC-DATA',
        learner: { email: `bench-${i}@example.org` },
        score: 14,
        recordedBy: 'bench',
      }),
    AWARD_TRANSACTION,
  );
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

start = performance.now();
const searches = 200;
for (let i = 0; i < searches; i++)
  await searchCatalogue(database.db, { q: i % 2 ? 'data' : 'zorg', pageSize: 20 });
results.push(report('catalogue search', searches, performance.now() - start));

const heapAfter = process.memoryUsage().heapUsed;
console.log(
  `heap growth ${((heapAfter - heapBefore) / 1024 / 1024).toFixed(1)} MiB, rss ${(process.memoryUsage().rss / 1024 / 1024).toFixed(0)} MiB`,
);
console.log(JSON.stringify({ database: database.dialect, learners, results }));
await database.close();
fs.rmSync(dir, { recursive: true, force: true });
