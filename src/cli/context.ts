/** What every command gets from the global options: the database URL and the output mode. */
import type { Command } from 'commander';
import { openStore, resolveDatabaseUrl } from '../store/open-store.ts';
import type { Engine } from '../store/engine.ts';

export interface GlobalOptions { db?: string; json?: boolean }

export function globalOptions(command: Command): GlobalOptions {
  return command.optsWithGlobals<GlobalOptions>();
}

/** Opens the store, runs `work`, and always closes it. */
export async function withStore<T>(command: Command, work: (engine: Engine, url: string) => Promise<T>): Promise<T> {
  const url = resolveDatabaseUrl(globalOptions(command).db);
  const engine = await openStore(url);
  try {
    return await work(engine, url);
  } finally {
    await engine.close();
  }
}
