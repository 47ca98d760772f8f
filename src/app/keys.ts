/**
 * Keys live outside the database (DESIGN.md): the ledger's signing key and the data key for
 * encryption at rest. The directory is WAYMARK_KEYS, else beside a SQLite file
 * (`waymark.db.keys/`), else `.waymark/keys/<database>` for PostgreSQL. Files are mode 0600.
 */
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export function keyDirectoryFor(url: string): string {
  if (process.env.WAYMARK_KEYS) return resolve(process.env.WAYMARK_KEYS);
  if (/^postgres(ql)?:\/\//.test(url)) {
    const name = new URL(url).pathname.replace(/^\//, '') || 'postgres';
    return resolve('.waymark', 'keys', `${new URL(url).hostname}-${name}`);
  }
  const file = url.startsWith('sqlite:') ? url.slice('sqlite:'.length) : url;
  return resolve(`${file === ':memory:' ? '.waymark/memory' : file}.keys`);
}

const signingSeedFile = 'ledger-signing.seed';
const dataKeyFile = 'data.key';

/** Creates the keys that are missing; returns whether anything was created. */
export function ensureKeys(directory: string, _origin: string): boolean {
  mkdirSync(directory, { recursive: true, mode: 0o700 });
  let created = false;
  const seedPath = join(directory, signingSeedFile);
  if (!existsSync(seedPath)) {
    // An Ed25519 private key is its 32-byte seed; keep only the seed (RFC 8032 §5.1.5).
    const { privateKey } = generateKeyPairSync('ed25519');
    const seed = privateKey.export({ format: 'der', type: 'pkcs8' }).subarray(-32);
    writeFileSync(seedPath, seed.toString('base64') + '\n', { mode: 0o600 });
    created = true;
  }
  const dataKeyPath = join(directory, dataKeyFile);
  if (!existsSync(dataKeyPath)) {
    writeFileSync(dataKeyPath, randomBytes(32).toString('base64') + '\n', { mode: 0o600 });
    created = true;
  }
  return created;
}

export function readSigningSeed(directory: string): Buffer {
  return readKeyFile(join(directory, signingSeedFile), 32);
}

export function readDataKey(directory: string): Buffer {
  return readKeyFile(join(directory, dataKeyFile), 32);
}

function readKeyFile(path: string, length: number): Buffer {
  const key = Buffer.from(readFileSync(path, 'utf8').trim(), 'base64');
  if (key.length !== length) throw new Error(`${path}: not a ${length}-byte key`);
  return key;
}
