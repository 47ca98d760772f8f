/** What every command gets from the global options: the database URL and the output mode. */
import type { Command } from 'commander';
import { maskDatabaseUrl, openStore, resolveDatabaseUrl } from '../store/open-store.ts';
import type { Engine } from '../store/engine.ts';
import { InputError, WaymarkError } from '../domain/errors.ts';
import { errorLine } from './exit-codes.ts';

export interface GlobalOptions { db?: string; json?: boolean }

export function globalOptions(command: Command): GlobalOptions {
  return command.optsWithGlobals<GlobalOptions>();
}

export interface StoreUse {
  /** The command may create the database where there is none (init, import); every other one needs it to exist, and `init`'s keys. */
  readonly create?: boolean;
}

/** Opens the store, runs `work`, and always closes it. */
export async function withStore<T>(command: Command, work: (engine: Engine, url: string) => Promise<T>, use: StoreUse = {}): Promise<T> {
  const { url, source } = resolveDatabaseUrl(globalOptions(command).db);
  const engine = await openStore(url, { existing: use.create !== true, source }).catch((error: unknown) => {
    // The driver's own message ("Cannot open database because the directory does not exist")
    // does not say which database; name it, without a password.
    if (error instanceof WaymarkError) throw error;
    throw new InputError('BAD_VALUE', `${source} ${maskDatabaseUrl(url)}: ${errorLine(error)}`, { cause: error });
  });
  try {
    return await work(engine, url);
  } finally {
    await engine.close();
  }
}
