import path from 'node:path';
import { ConfigError } from './errors.ts';

/** Settings that are safe to log. */
export interface Settings {
  port: number;
  host: string;
  dataDir: string;
  /** PostgreSQL connection string; when absent Stapel runs on SQLite in `dataDir`. */
  databaseUrl: string | undefined;
  publicUrl: string;
  /** Skip the demo institution even on an empty database. */
  loadDemo: boolean;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** Let the verifier fetch over plain http from loopback hosts (tests and development only). */
  insecureLoopback: boolean;
  /** Issuers outside this platform that verification reports as recognised (DIDs or issuer URLs). */
  trustedIssuers: string[];
  /** The lowest passing score on 20. */
  passMark: number;
  /** Sender of the e-mail Stapel sends. */
  mailFrom: string;
}

/** Secrets live apart from settings so that settings can be printed and logged whole. */
export interface Secrets {
  /** 32-byte key (hex or base64) that encrypts private keys at rest; optional in development. */
  masterKey: string | undefined;
  /** smtp(s)://user:password@host:port; without it, e-mail waits in the outbox that administrators read. */
  smtpUrl: string | undefined;
}

export interface Config {
  settings: Settings;
  secrets: Secrets;
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/**
 * Reads the environment once, validates it and fails fast with every problem named.
 *
 * @example
 * const config = loadConfig(process.env); // throws ConfigError listing each bad variable
 */
export function loadConfig(env: NodeJS.ProcessEnv): Config {
  const problems: string[] = [];

  const portText = env.PORT ?? '3000';
  const port = Number(portText);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    problems.push(`PORT must be a whole number from 0 to 65535, got "${portText}"`);
  }

  const host = env.HOST ?? '127.0.0.1';
  const dataDir = path.resolve(env.STAPEL_DATA_DIR ?? './data');

  const databaseUrl = env.DATABASE_URL?.trim() || undefined;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    problems.push('DATABASE_URL must be a PostgreSQL URL (postgres://user@host:port/database)');
  }

  const publicUrlText = (
    env.STAPEL_PUBLIC_URL ?? `http://localhost:${Number.isInteger(port) ? port : 3000}`
  ).replace(/\/+$/, '');
  try {
    const u = new URL(publicUrlText);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new Error('protocol');
    if (u.pathname !== '/' && u.pathname !== '') {
      problems.push('STAPEL_PUBLIC_URL must not have a path (did:web identifiers are derived from the host)');
    }
  } catch {
    problems.push(`STAPEL_PUBLIC_URL must be an http(s) URL, got "${publicUrlText}"`);
  }

  const logLevel = (env.STAPEL_LOG_LEVEL ?? 'info') as Settings['logLevel'];
  if (!LOG_LEVELS.includes(logLevel)) {
    problems.push(`STAPEL_LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}`);
  }

  const demoText = env.STAPEL_DEMO ?? '1';
  if (!['0', '1', 'true', 'false'].includes(demoText)) problems.push('STAPEL_DEMO must be 0 or 1');

  const insecureText = env.STAPEL_INSECURE_LOOPBACK ?? '0';
  if (!['0', '1', 'true', 'false'].includes(insecureText))
    problems.push('STAPEL_INSECURE_LOOPBACK must be 0 or 1');

  const trustedIssuers = (env.STAPEL_TRUSTED_ISSUERS ?? '')
    .split(/[\s,]+/)
    .map((s) => s.trim())
    .filter(Boolean);
  for (const issuer of trustedIssuers) {
    if (!/^(did:[a-z0-9]+:|https?:\/\/)/.test(issuer)) {
      problems.push(`STAPEL_TRUSTED_ISSUERS entries must be DIDs or http(s) URLs, got "${issuer}"`);
    }
  }

  const passMarkText = env.STAPEL_PASS_MARK ?? '10';
  const passMark = Number(passMarkText);
  if (!(passMark >= 0 && passMark <= 20))
    problems.push(`STAPEL_PASS_MARK must be a score from 0 to 20, got "${passMarkText}"`);

  const masterKey = env.STAPEL_MASTER_KEY?.trim() || undefined;
  if (masterKey && !isKey32(masterKey)) {
    problems.push('STAPEL_MASTER_KEY must be 32 bytes, as 64 hex characters or base64');
  }

  const smtpUrl = env.STAPEL_SMTP_URL?.trim() || undefined;
  if (smtpUrl && !/^smtps?:\/\//.test(smtpUrl))
    problems.push('STAPEL_SMTP_URL must start with smtp:// or smtps://');

  if (problems.length > 0) {
    throw new ConfigError(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
  }

  return {
    settings: {
      port,
      host,
      dataDir,
      databaseUrl,
      publicUrl: publicUrlText,
      loadDemo: demoText === '1' || demoText === 'true',
      logLevel,
      insecureLoopback: insecureText === '1' || insecureText === 'true',
      trustedIssuers,
      passMark,
      mailFrom: env.STAPEL_MAIL_FROM?.trim() || 'Stapel <no-reply@stapel.invalid>',
    },
    secrets: { masterKey, smtpUrl },
  };
}

function isKey32(text: string): boolean {
  if (/^[0-9a-fA-F]{64}$/.test(text)) return true;
  return Buffer.from(text, 'base64').length === 32;
}
