import { randomBytes } from 'node:crypto';
import { setUp } from './set-up.ts';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AxeResults, RunOptions } from 'axe-core';
import type { FastifyInstance } from 'fastify';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { expect } from 'vitest';
import { grantRole } from '../../src/accounts/memberships.ts';
import { createUser } from '../../src/accounts/users.ts';
import { buildApp } from '../../src/app.ts';
import type { Role } from '../../src/core/actor.ts';
import { loadConfig, type Config } from '../../src/core/config.ts';
import { openDatabase, type DatabaseHandle } from '../../src/core/database.ts';
import { loadDemoIfEmpty } from '../../src/demo/load-demo.ts';
import { getInstitution } from '../../src/institutions/store.ts';

/** The root of the project, for fixtures. */
export const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const builtIndex = path.join(projectRoot, 'dist', 'web', 'index.html');
const AXE_SCRIPT = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

/** Headless Chromium as the end-to-end tests run it: no sandbox, GPU, background traffic or first-run UI. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export interface Account {
  email: string;
  password: string;
}

export interface OpenOptions {
  width?: number;
  lang?: 'nl' | 'en';
  /** Signed in as this account before the page opens. */
  as?: Account;
}

/** The demo institution the end-to-end tests work in. */
export const DEMO_SLUG = 'hogeschool-schelde';

/** A running server on SQLite with the demo loaded, and a browser to drive it. */
export interface E2eEnvironment {
  baseUrl: string;
  database: DatabaseHandle;
  app: FastifyInstance;
  browser: Browser;
  config: Config;
  masterKey: Buffer;
  /** A fresh browser context (empty storage, so Dutch by default), 1280×800 unless told otherwise. */
  open(urlPath: string, options?: OpenOptions): Promise<Page>;
  /** An empty browser context, closed with the others after the test. */
  newContext(options?: { width?: number }): Promise<BrowserContext>;
  /** Closes the contexts opened since the last call (run it after each test). */
  closeContexts(): Promise<void>;
  /** Stops the browser and the server and removes the data. */
  close(): Promise<void>;
}

/** A port that is free now, so that the public URL in credentials can name it before the server listens. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/**
 * Starts the application with the demo on a free port (its public URL names that port, so that credential
 * ids resolve), and launches Chromium. `prepare` runs on the database before the server starts.
 */
export async function startE2e(
  name: string,
  options: { env?: Record<string, string>; prepare?: (database: DatabaseHandle) => Promise<void> } = {},
): Promise<E2eEnvironment> {
  if (!fs.existsSync(builtIndex)) {
    throw new Error(
      `The web UI is not built: ${path.relative(projectRoot, builtIndex)} is missing. Run \`npm run build:web\` before the end-to-end tests.`,
    );
  }
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `stapel-e2e-${name}-`));
  const database = await openDatabase({ sqlitePath: path.join(dataDir, 'stapel.db') });
  await loadDemoIfEmpty(database);
  await options.prepare?.(database);
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const config = loadConfig({
    ...process.env,
    STAPEL_DATA_DIR: dataDir,
    PORT: String(port),
    STAPEL_PUBLIC_URL: baseUrl,
    ...options.env,
  });
  const masterKey = randomBytes(32);
  const app = await buildApp({ config, database, logger: false, masterKey });
  await app.listen({ port, host: '127.0.0.1' });
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  const contexts: BrowserContext[] = [];

  const newContext = async (contextOptions: { width?: number } = {}): Promise<BrowserContext> => {
    const context = await browser.newContext({
      viewport: { width: contextOptions.width ?? 1280, height: 800 },
    });
    contexts.push(context);
    return context;
  };

  const open = async (urlPath: string, openOptions: OpenOptions = {}): Promise<Page> => {
    const context = await newContext(openOptions);
    if (openOptions.lang)
      await context.addInitScript((lang) => localStorage.setItem('stapel.lang', lang), openOptions.lang);
    if (openOptions.as) {
      const response = await context.request.post(`${baseUrl}/api/v1/session`, {
        data: { email: openOptions.as.email, password: openOptions.as.password },
      });
      expect(response.status()).toBe(200);
    }
    const page = await context.newPage();
    await page.goto(baseUrl + urlPath);
    return page;
  };

  return {
    baseUrl,
    database,
    app,
    browser,
    config,
    masterKey,
    open,
    newContext,
    async closeContexts() {
      for (const context of contexts.splice(0)) await context.close();
    },
    async close() {
      await browser.close();
      await app.close();
      await database.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A verified account, with roles at the demo institution when asked. */
export async function makeUser(
  database: DatabaseHandle,
  user: { email: string; name: string; password: string },
  roles: readonly Role[] = [],
): Promise<void> {
  await setUp(database, async (cmd) => {
    const { tx } = cmd;
    const { user: created } = await createUser(tx, user);
    await tx
      .updateTable('users')
      .set({ email_verified_at: new Date().toISOString() })
      .where('id', '=', created.id)
      .execute();
    const institution = await getInstitution(tx, DEMO_SLUG);
    for (const role of roles) await grantRole(cmd, { id: institution.id }, { userId: created.id, role });
  });
}

/** The newest e-mail to an address that holds a link to `linkPath`, as the path and query to open. */
export async function linkFromOutbox(
  database: DatabaseHandle,
  recipient: string,
  linkPath: string,
): Promise<{ subject: string; link: string }> {
  const rows = await database.db
    .selectFrom('outbox')
    .selectAll()
    .where('recipient', '=', recipient.toLowerCase())
    .orderBy('created_at', 'desc')
    .execute();
  for (const row of rows) {
    const match = new RegExp(`${linkPath.replace(/[/?]/g, '\\$&')}\\?token=[^\\s]+`).exec(row.body);
    if (match) return { subject: row.subject, link: match[0] };
  }
  throw new Error(`No e-mail to ${recipient} with a link to ${linkPath}.`);
}

export async function isFocused(locator: Locator): Promise<boolean> {
  return locator.evaluate((element) => element === document.activeElement);
}

/** WCAG 2.1 A and AA violations that axe-core finds on the page, as "rule: selectors" lines. */
export async function accessibilityViolations(page: Page): Promise<string[]> {
  // Evaluated through the debugging protocol, not as a <script> tag: the page's CSP allows no inline script.
  await page.evaluate(fs.readFileSync(AXE_SCRIPT, 'utf8'));
  const options: RunOptions = {
    runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
  };
  const results = await page.evaluate(
    (runOptions) =>
      (
        window as unknown as { axe: { run: (context: Document, o: RunOptions) => Promise<AxeResults> } }
      ).axe.run(document, runOptions),
    options,
  );
  return results.violations.map(
    (violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`,
  );
}
