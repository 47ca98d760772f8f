/**
 * Who the log is: its origin (meta 'origin', set by `waymark init`) and its note signer, whose
 * seed lives in the key directory outside the database (DESIGN.md). The key name is the origin,
 * as C2SP tlog-checkpoint recommends.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { signerFromSeed } from '../../domain/ledger/note-key.ts';
import type { NoteSigner } from '../../domain/ledger/note-key.ts';
import type { Engine } from '../../store/engine.ts';
import { keyDirectoryFor, readSigningSeed } from '../keys.ts';
import { LedgerUseError } from './errors.ts';

export interface LogIdentity {
  readonly origin: string;
  readonly signer: NoteSigner;
  readonly keyDirectory: string;
}

/** Loads the log's identity for the database at `url`; refuses a store that was never initialised. */
export async function loadLogIdentity(engine: Engine, url: string): Promise<LogIdentity> {
  const row = await engine.db.selectFrom('meta').select('value').where('key', '=', 'origin').executeTakeFirst();
  if (row === undefined) throw new LedgerUseError('NOT_INITIALISED', 'the database has no log origin: run `waymark init` first');
  const keyDirectory = keyDirectoryFor(url);
  if (!existsSync(join(keyDirectory, 'ledger-signing.seed'))) {
    throw new LedgerUseError('NOT_INITIALISED', `no ledger signing key in ${keyDirectory}: run \`waymark init\` first`);
  }
  return { origin: row.value, signer: signerFromSeed(row.value, readSigningSeed(keyDirectory)), keyDirectory };
}
