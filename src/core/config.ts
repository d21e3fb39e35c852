import path from 'node:path';
import { ConfigError } from './errors.ts';

/** Settings that are safe to log. */
export interface Settings {
  port: number;
  host: string;
  dataDir: string;
  /** PostgreSQL connection string; when absent Stapel runs on SQLite in `dataDir`. */
  databaseUrl: string | undefined;
  /**
   * The address the installation is reached at; did:web identifiers are derived from it. Once the database
   * is open this is the URL stored in it (see `src/core/installation.ts`).
   */
  publicUrl: string;
  /** Whether STAPEL_PUBLIC_URL was set; when not, the URL stored at first start applies. */
  publicUrlExplicit: boolean;
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
  /**
   * The status entries new credentials carry: a one-bit revocation entry (the only one the OB 3.0 schema
   * allows), and optionally a second one-bit suspension entry (VC 2.0; credentials then hold an array).
   */
  credentialStatus: CredentialStatusPurposes;
  /**
   * Which reverse proxies may say who the client is (`X-Forwarded-For`): none (false), a number of hops, or
   * their addresses. Sign-in limits count per client address, so behind a proxy this must be set, or every
   * client shares the proxy's address.
   */
  trustProxy: false | number | string;
}

/** `STAPEL_CREDENTIAL_STATUS`: `revocation` (default) or `revocation,suspension`; revocation always first. */
export type CredentialStatusPurposes = ReadonlyArray<'revocation' | 'suspension'>;

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
  const publicUrlFault = publicUrlProblem(publicUrlText);
  if (publicUrlFault) problems.push(`STAPEL_PUBLIC_URL ${publicUrlFault}`);

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

  const credentialStatus = parseCredentialStatus(env.STAPEL_CREDENTIAL_STATUS);
  if (!credentialStatus)
    problems.push(
      `STAPEL_CREDENTIAL_STATUS must be "revocation" or "revocation,suspension", got "${env.STAPEL_CREDENTIAL_STATUS ?? ''}"`,
    );

  const trustProxy = parseTrustProxy(env.STAPEL_TRUST_PROXY);
  if (trustProxy === undefined)
    problems.push(
      `STAPEL_TRUST_PROXY must be 0, a number of proxy hops, or the proxies' addresses separated by commas, got "${env.STAPEL_TRUST_PROXY ?? ''}"`,
    );

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
      publicUrlExplicit: env.STAPEL_PUBLIC_URL !== undefined,
      loadDemo: demoText === '1' || demoText === 'true',
      logLevel,
      insecureLoopback: insecureText === '1' || insecureText === 'true',
      trustedIssuers,
      passMark,
      mailFrom: env.STAPEL_MAIL_FROM?.trim() || 'Stapel <no-reply@stapel.invalid>',
      credentialStatus: credentialStatus ?? ['revocation'],
      trustProxy: trustProxy ?? false,
    },
    secrets: { masterKey, smtpUrl },
  };
}

/** STAPEL_TRUST_PROXY: unset or 0 trusts no proxy; undefined when the value is not allowed. */
function parseTrustProxy(text: string | undefined): false | number | string | undefined {
  const value = text?.trim() ?? '';
  if (value === '' || value === '0' || value === 'false') return false;
  if (/^[1-9]\d?$/.test(value)) return Number(value);
  const parts = value.split(',').map((p) => p.trim());
  return parts.every((p) => /^[0-9a-fA-F.:]+(\/\d{1,3})?$/.test(p)) ? parts.join(',') : undefined;
}

/** The purposes in STAPEL_CREDENTIAL_STATUS, in either order; undefined when the value is not allowed. */
function parseCredentialStatus(text: string | undefined): CredentialStatusPurposes | undefined {
  if (text === undefined || text.trim() === '') return ['revocation'];
  const parts = text
    .split(',')
    .map((p) => p.trim().toLowerCase())
    .sort();
  if (parts.length === 1 && parts[0] === 'revocation') return ['revocation'];
  if (parts.length === 2 && parts[0] === 'revocation' && parts[1] === 'suspension')
    return ['revocation', 'suspension'];
  return undefined;
}

/**
 * What is wrong with a public URL (without trailing slashes), or undefined when it can be one: http(s),
 * no path, since did:web identifiers are derived from the host.
 *
 * @example
 * publicUrlProblem('https://uni.example/stapel'); // 'must not have a path (…)'
 */
export function publicUrlProblem(text: string): string | undefined {
  let u: URL;
  try {
    u = new URL(text);
  } catch {
    return `must be an http(s) URL, got "${text}"`;
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return `must be an http(s) URL, got "${text}"`;
  if (u.pathname !== '/' && u.pathname !== '') {
    return 'must not have a path (did:web identifiers are derived from the host)';
  }
  if (u.username || u.password || u.search || u.hash) {
    return `must be only a scheme, a host and a port, got "${text}"`;
  }
  return undefined;
}

function isKey32(text: string): boolean {
  if (/^[0-9a-fA-F]{64}$/.test(text)) return true;
  return Buffer.from(text, 'base64').length === 32;
}
