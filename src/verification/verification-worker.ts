import { threadId, type MessagePort } from 'node:worker_threads';
import type { Settings } from '../core/config.ts';
import type { Dialect } from '../core/database.ts';
import { platformVerifier } from './platform-verifier.ts';
import type { VerificationResult } from './verify.ts';
import { remoteDatabase } from './worker-database.ts';

/** One verification, as the pool sends it to a worker thread. */
export interface VerificationTask {
  /** The credential, already held to the input limits. */
  input: unknown;
  settings: Settings;
  dialect: Dialect;
  /** Where the worker sends its database reads (see answerReadQueries). */
  port: MessagePort;
}

export interface VerificationTaskResult {
  result: VerificationResult;
  /** The worker thread that verified: never 0, the main thread. */
  threadId: number;
}

/**
 * Runs in a worker thread of the verification pool: the same platform verifier as in-process, with the
 * platform's documents read from the main thread's database.
 *
 * @example
 * // in the pool: await piscina.run({ input, settings, dialect, port }, { transferList: [port] });
 */
export default async function verifyInWorker(
  task: VerificationTask | null,
): Promise<VerificationTaskResult | null> {
  // `null` only starts the thread: loading the verifier's modules takes seconds, better before a request.
  if (task === null) return null;
  try {
    const verifier = platformVerifier(remoteDatabase(task.port, task.dialect), task.settings);
    return { result: await verifier.verify(task.input), threadId };
  } finally {
    task.port.close();
  }
}
