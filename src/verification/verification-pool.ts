import { createRequire } from 'node:module';
import os from 'node:os';
import { pathToFileURL } from 'node:url';
import { MessageChannel } from 'node:worker_threads';
import { Piscina } from 'piscina';
import type { Settings } from '../core/config.ts';
import type { DatabaseHandle } from '../core/database.ts';
import { StapelError } from '../core/errors.ts';
import { assertValueWithinInputLimits } from './input-limits.ts';
import type { VerificationTask, VerificationTaskResult } from './verification-worker.ts';
import type { VerificationResult } from './verify.ts';
import { answerReadQueries } from './worker-database.ts';

/**
 * Verifications waiting per worker thread before new ones are refused. The worst accepted credential takes
 * about 5 s of one idle core (see MAX_CREDENTIAL_VALUES), an ordinary one some 35 ms: four waiting keep the
 * longest wait near 20 s, and a flood is answered 503 at once instead of piling up memory and latency.
 */
export const VERIFY_QUEUE_PER_THREAD = 4;

/** What a refused client is told to wait: about the time one worst-case verification takes. */
export const VERIFY_RETRY_AFTER_SECONDS = 5;

/** Every verification thread is busy and the queue is full: 503, try again after `retryAfterSeconds`. */
export class VerificationBusyError extends StapelError {
  readonly retryAfterSeconds: number;
  constructor(retryAfterSeconds: number) {
    super(
      'verification-busy',
      `Too many verifications are running; try again in ${retryAfterSeconds} seconds.`,
      { key: 'verification-busy', params: { seconds: retryAfterSeconds } },
    );
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

export interface VerificationPoolOptions {
  database: DatabaseHandle;
  settings: Settings;
  /** Worker threads; by default one per core but one, so that the main thread keeps a core to answer on. */
  threads?: number;
  /** Verifications that may wait for a thread; by default VERIFY_QUEUE_PER_THREAD per thread. */
  maxQueued?: number;
}

export interface VerificationPool {
  /** Verifies in a worker thread; refuses with VerificationBusyError when the queue is full. */
  verify(input: unknown): Promise<VerificationResult>;
  /** The same, with the id of the thread that did the work. */
  run(input: unknown): Promise<VerificationTaskResult>;
  readonly threads: number;
  readonly maxQueued: number;
  /** Starts one thread ahead of the first verification (a listening server calls it). */
  warm(): Promise<void>;
  /** Stops the threads; verifications still running are abandoned. */
  close(): Promise<void>;
}

/**
 * The sources run through tsx, in every process (server, CLI, tests): a worker thread needs the same loader,
 * given explicitly since a loader registered from code is not inherited by threads.
 */
function workerExecArgv(): string[] {
  const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
  return ['--import', tsx];
}

/**
 * A pool of worker threads that verify credentials off the main event loop, so that one expensive
 * credential (canonicalisation grows faster than linearly with its size) cannot stall every other request.
 * The platform's own documents are read from the server's database through the main thread.
 *
 * @example
 * const pool = createVerificationPool({ database, settings: config.settings });
 * app.addHook('onClose', () => pool.close());
 * const result = await pool.verify(parseCredentialInput(text));
 */
export function createVerificationPool(options: VerificationPoolOptions): VerificationPool {
  const threads = Math.max(1, options.threads ?? os.availableParallelism() - 1);
  const maxQueued = Math.max(0, options.maxQueued ?? threads * VERIFY_QUEUE_PER_THREAD);
  const piscina = new Piscina<VerificationTask | null, VerificationTaskResult | null>({
    filename: new URL('./verification-worker.ts', import.meta.url).href,
    execArgv: workerExecArgv(),
    // Threads start on the first verification (or `warm`), not with every app: most processes never
    // verify. A started thread stays, since starting one (loading the JSON-LD stack) takes seconds.
    minThreads: 0,
    maxThreads: threads,
    idleTimeout: Infinity,
  });
  let inFlight = 0;

  async function run(input: unknown): Promise<VerificationTaskResult> {
    // Every entry holds its input to the limits already; this keeps the pool safe whoever calls it.
    assertValueWithinInputLimits(input);
    if (inFlight >= threads + maxQueued) throw new VerificationBusyError(VERIFY_RETRY_AFTER_SECONDS);
    inFlight++;
    const { port1, port2 } = new MessageChannel();
    answerReadQueries(port2, options.database.db);
    try {
      const task: VerificationTask = {
        input,
        settings: options.settings,
        dialect: options.database.dialect,
        port: port1,
      };
      const done = await piscina.run(task, { transferList: [port1] });
      if (!done) throw new Error('The verification worker returned nothing.');
      return done;
    } finally {
      inFlight--;
      port2.close();
    }
  }

  return {
    threads,
    maxQueued,
    run,
    verify: async (input) => (await run(input)).result,
    warm: async () => {
      await piscina.run(null);
    },
    close: () => piscina.destroy(),
  };
}
