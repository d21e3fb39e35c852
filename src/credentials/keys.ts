import fs from 'node:fs';
import path from 'node:path';
import { createCipheriv, createDecipheriv, randomBytes, randomUUID } from 'node:crypto';
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
import type { Command } from '../core/command.ts';
import type { DatabaseHandle, Db, Tx } from '../core/database.ts';
import { nowIso } from '../core/database.ts';
import { ConfigError } from '../core/errors.ts';
import type { Config } from '../core/config.ts';
import type { PublicKeyEntry } from './did.ts';

/**
 * The 32-byte key that encrypts institutions' private keys at rest. From STAPEL_MASTER_KEY, or in
 * development from a key file generated once in the data folder.
 *
 * @example
 * const masterKey = resolveMasterKey(config); // Buffer of 32 bytes
 */
export function resolveMasterKey(config: Config): Buffer {
  const text = config.secrets.masterKey;
  if (text) return /^[0-9a-fA-F]{64}$/.test(text) ? Buffer.from(text, 'hex') : Buffer.from(text, 'base64');
  if (process.env.NODE_ENV === 'production') {
    throw new ConfigError('STAPEL_MASTER_KEY is required in production: it encrypts the signing keys.');
  }
  const file = path.join(config.settings.dataDir, 'master.key');
  if (!fs.existsSync(file)) {
    fs.mkdirSync(config.settings.dataDir, { recursive: true });
    // wx: never overwrite a key another process wrote a moment ago.
    try {
      fs.writeFileSync(file, randomBytes(32).toString('hex') + '\n', { mode: 0o600, flag: 'wx' });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
  const key = Buffer.from(fs.readFileSync(file, 'utf8').trim(), 'hex');
  if (key.length !== 32) throw new ConfigError(`${file} does not hold a 32-byte key in hex.`);
  return key;
}

/** AES-256-GCM; the additional data binds a ciphertext to its institution and key, so rows cannot be swapped. */
export function encryptSecret(masterKey: Buffer, plaintext: string, aad: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', masterKey, iv);
  cipher.setAAD(Buffer.from(aad));
  const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return [
    'v1',
    iv.toString('base64url'),
    cipher.getAuthTag().toString('base64url'),
    ciphertext.toString('base64url'),
  ].join('.');
}

export function decryptSecret(masterKey: Buffer, sealed: string, aad: string): string {
  const [version, iv, tag, ciphertext] = sealed.split('.');
  if (version !== 'v1' || !iv || !tag || !ciphertext) throw new Error('Unknown encrypted key format.');
  const decipher = createDecipheriv('aes-256-gcm', masterKey, Buffer.from(iv, 'base64url'));
  decipher.setAAD(Buffer.from(aad));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  try {
    return Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64url')), decipher.final()]).toString(
      'utf8',
    );
  } catch {
    throw new ConfigError(
      'A signing key cannot be decrypted: STAPEL_MASTER_KEY is not the key it was encrypted with.',
    );
  }
}

const aadFor = (institutionId: string, fragment: string) => `stapel-issuer-key:${institutionId}:${fragment}`;

function newFragment(): string {
  return `key-${nowIso().slice(0, 10)}-${randomBytes(3).toString('hex')}`;
}

async function insertKey(tx: Tx, institutionId: string, masterKey: Buffer): Promise<PublicKeyEntry> {
  const fragment = newFragment();
  const keyPair = await Ed25519Multikey.generate();
  const exported = await keyPair.export({
    publicKey: true,
    secretKey: true,
    canonicalize: true,
    includeContext: false,
  });
  const secret = JSON.stringify({
    publicKeyMultibase: exported.publicKeyMultibase,
    secretKeyMultibase: exported.secretKeyMultibase,
  });
  await tx
    .insertInto('issuer_keys')
    .values({
      id: randomUUID(),
      institution_id: institutionId,
      fragment,
      public_key_multibase: keyPair.publicKeyMultibase,
      secret_key_encrypted: encryptSecret(masterKey, secret, aadFor(institutionId, fragment)),
      created_at: nowIso(),
      retired_at: null,
    })
    .execute();
  return { fragment, publicKeyMultibase: keyPair.publicKeyMultibase };
}

/** The institution's signing key, created on first use. */
export async function ensureIssuerKey(
  tx: Tx,
  institutionId: string,
  masterKey: Buffer,
): Promise<PublicKeyEntry> {
  const active = await tx
    .selectFrom('issuer_keys')
    .select(['fragment', 'public_key_multibase'])
    .where('institution_id', '=', institutionId)
    .where('retired_at', 'is', null)
    .orderBy('created_at', 'desc')
    .executeTakeFirst();
  if (active) return { fragment: active.fragment, publicKeyMultibase: active.public_key_multibase };
  return insertKey(tx, institutionId, masterKey);
}

/**
 * Retires the active key and creates a new one, audited as the command's change. New credentials are signed
 * with the new key; the old public key stays in the DID document so that what it signed still verifies.
 *
 * @example
 * const { active, retired } = await rotateIssuerKey(cmd, institution, { masterKey });
 */
export async function rotateIssuerKey(
  cmd: Command,
  institution: { id: string },
  input: { masterKey: Buffer },
): Promise<{ retired: string[]; active: PublicKeyEntry }> {
  const { tx } = cmd;
  const current = await tx
    .selectFrom('issuer_keys')
    .select('fragment')
    .where('institution_id', '=', institution.id)
    .where('retired_at', 'is', null)
    .execute();
  await tx
    .updateTable('issuer_keys')
    .set({ retired_at: nowIso() })
    .where('institution_id', '=', institution.id)
    .where('retired_at', 'is', null)
    .execute();
  const active = await insertKey(tx, institution.id, input.masterKey);
  const retired = current.map((c) => c.fragment);
  await cmd.audit({
    action: 'issuer-key.rotate',
    objectType: 'issuer-key',
    objectId: active.fragment,
    institutionId: institution.id,
    before: { active: retired },
    after: { active: active.fragment },
  });
  return { retired, active };
}

/** Every public key the institution has signed with, oldest first. */
export async function issuerPublicKeys(db: Db | Tx, institutionId: string): Promise<PublicKeyEntry[]> {
  const rows = await db
    .selectFrom('issuer_keys')
    .select(['fragment', 'public_key_multibase'])
    .where('institution_id', '=', institutionId)
    .orderBy('created_at')
    .execute();
  return rows.map((r) => ({ fragment: r.fragment, publicKeyMultibase: r.public_key_multibase }));
}

/**
 * The public keys of an institution as its DID document lists them, creating its first key (in a transaction
 * of its own) when it has none yet, so that a verifier asking before anything was issued finds one.
 *
 * @example
 * const keys = await publishedIssuerKeys(database, institution.id, masterKey);
 */
export async function publishedIssuerKeys(
  database: DatabaseHandle,
  institutionId: string,
  masterKey: Buffer,
): Promise<PublicKeyEntry[]> {
  const keys = await issuerPublicKeys(database.db, institutionId);
  if (keys.length > 0) return keys;
  await database.transaction((tx) => ensureIssuerKey(tx, institutionId, masterKey));
  return issuerPublicKeys(database.db, institutionId);
}

/** The active key pair, decrypted, with its verification method id `did#fragment`. */
export async function loadSigningKey(
  db: Db | Tx,
  institutionId: string,
  did: string,
  masterKey: Buffer,
): Promise<Ed25519Multikey.KeyPair> {
  const row = await db
    .selectFrom('issuer_keys')
    .selectAll()
    .where('institution_id', '=', institutionId)
    .where('retired_at', 'is', null)
    .orderBy('created_at', 'desc')
    .executeTakeFirstOrThrow();
  const secret = JSON.parse(
    decryptSecret(masterKey, row.secret_key_encrypted, aadFor(institutionId, row.fragment)),
  ) as Record<string, string>;
  return Ed25519Multikey.from({
    '@context': 'https://w3id.org/security/multikey/v1',
    type: 'Multikey',
    id: `${did}#${row.fragment}`,
    controller: did,
    ...secret,
  });
}
