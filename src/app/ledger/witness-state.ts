/**
 * A witness's own key and state, in a directory of its own (default ./.waymark/witness):
 * `witness.seed` (base64 Ed25519 seed, mode 0600) and `witness.json` — its name and, per log
 * origin, the log's verifier key and the latest checkpoint body it cosigned (C2SP
 * tlog-witness: "the witness MUST persist the latest checkpoint it cosigned for each log").
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseCheckpoint } from '../../domain/ledger/checkpoint.ts';
import type { Checkpoint } from '../../domain/ledger/checkpoint.ts';
import { isValidKeyName } from '../../domain/ledger/note-key.ts';
import { cosignerFromSeed } from '../../domain/ledger/witness.ts';
import type { Cosigner } from '../../domain/ledger/witness.ts';
import { InputError } from '../../domain/errors.ts';
import { LedgerUseError } from './errors.ts';

export const DEFAULT_WITNESS_DIR = '.waymark/witness';
const SEED_FILE = 'witness.seed';
const STATE_FILE = 'witness.json';

/** What the witness knows of one log. */
export interface WitnessedLog {
  readonly vkey: string;
  /** The latest checkpoint body it cosigned; null before the first. */
  readonly checkpoint: string | null;
}

export interface WitnessState {
  readonly name: string;
  readonly logs: Readonly<Record<string, WitnessedLog>>;
}

export interface Witness {
  readonly directory: string;
  readonly cosigner: Cosigner;
  readonly state: WitnessState;
}

/** `waymark witness init`: creates the key and an empty state; a second run changes nothing. */
export function initWitness(directory: string, name: string): { directory: string; name: string; vkey: string; created: boolean } {
  if (!isValidKeyName(name)) throw new InputError('BAD_VALUE', `--name: ${JSON.stringify(name)} is not a key name (no spaces, no '+')`);
  const dir = resolve(directory);
  if (existsSync(join(dir, SEED_FILE))) {
    const witness = openWitness(dir);
    if (witness.state.name !== name) throw new InputError('DUPLICATE', `${dir} already holds witness ${witness.state.name}`);
    return { directory: dir, name, vkey: witness.cosigner.verifierKey, created: false };
  }
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  writeFileSync(join(dir, SEED_FILE), `${randomBytes(32).toString('base64')}\n`, { mode: 0o600 });
  saveWitnessState(dir, { name, logs: {} });
  return { directory: dir, name, vkey: openWitness(dir).cosigner.verifierKey, created: true };
}

/** Opens a witness directory made by initWitness. */
export function openWitness(directory: string): Witness {
  const dir = resolve(directory);
  if (!existsSync(join(dir, SEED_FILE)) || !existsSync(join(dir, STATE_FILE))) {
    throw new LedgerUseError('WITNESS_STATE', `${dir} is not a witness directory: run \`waymark witness init --name <name> --dir ${directory}\``);
  }
  const seed = Buffer.from(readFileSync(join(dir, SEED_FILE), 'utf8').trim(), 'base64');
  if (seed.length !== 32) throw new LedgerUseError('WITNESS_STATE', `${join(dir, SEED_FILE)} is not a 32-byte seed`);
  const state = parseState(readFileSync(join(dir, STATE_FILE), 'utf8'), join(dir, STATE_FILE));
  return { directory: dir, cosigner: cosignerFromSeed(state.name, seed), state };
}

/** The checkpoint the witness last cosigned for a log, or null. */
export function storedCheckpoint(state: WitnessState, origin: string): Checkpoint | null {
  const body = state.logs[origin]?.checkpoint ?? null;
  return body === null ? null : parseCheckpoint(body);
}

/** Writes the state atomically: a crash leaves the old state or the new, never a mix. */
export function saveWitnessState(directory: string, state: WitnessState): void {
  const path = join(directory, STATE_FILE);
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, `${JSON.stringify(state, null, 2)}\n`, { mode: 0o600 });
  renameSync(temporary, path);
}

/** The state with one log's entry replaced. */
export function withLog(state: WitnessState, origin: string, log: WitnessedLog): WitnessState {
  return { ...state, logs: { ...state.logs, [origin]: log } };
}

function parseState(text: string, path: string): WitnessState {
  const value: unknown = JSON.parse(text);
  if (typeof value !== 'object' || value === null || !('name' in value) || typeof value.name !== 'string' || !('logs' in value)) {
    throw new LedgerUseError('WITNESS_STATE', `${path} is not a witness state file`);
  }
  const logs: Record<string, WitnessedLog> = {};
  const raw = value.logs;
  if (typeof raw !== 'object' || raw === null) throw new LedgerUseError('WITNESS_STATE', `${path}: logs is not an object`);
  const entries: [string, unknown][] = Object.entries(raw);
  for (const [origin, log] of entries) {
    if (typeof log !== 'object' || log === null || !('vkey' in log) || typeof log.vkey !== 'string') {
      throw new LedgerUseError('WITNESS_STATE', `${path}: log ${origin} has no vkey`);
    }
    const checkpoint = 'checkpoint' in log && typeof log.checkpoint === 'string' ? log.checkpoint : null;
    logs[origin] = { vkey: log.vkey, checkpoint };
  }
  return { name: value.name, logs };
}
