/** `waymark ledger …`: checkpoints, the log key, proofs, verification and tile export (CONTRACT.md). */
import type { Command } from 'commander';
import { publishCheckpoint, logVerifierKey } from '../../app/ledger/checkpoints.ts';
import { LedgerIntegrityError } from '../../app/ledger/errors.ts';
import { exportTiles } from '../../app/ledger/export-tiles.ts';
import { proveConsistency, proveInclusion } from '../../app/ledger/proofs.ts';
import { verifyLedger } from '../../app/ledger/verify-ledger.ts';
import { verifyTilesDirectory } from '../../app/verify-tiles.ts';
import { InputError } from '../../domain/errors.ts';
import { encodeBase64 } from '../../domain/ledger/base64.ts';
import { LedgerError } from '../../domain/ledger/errors.ts';
import { globalOptions, withStore } from '../context.ts';
import { print, printJson } from '../output.ts';

/** A non-negative integer option; anything else is bad input naming the option. */
function integerOption(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^(0|[1-9][0-9]*)$/.test(value) || !Number.isSafeInteger(Number(value))) throw new InputError('BAD_VALUE', `${name}: "${value}" is not a non-negative integer`);
  return Number(value);
}

function required(name: string, value: string | undefined): number {
  const n = integerOption(name, value);
  if (n === undefined) throw new InputError('MISSING', `${name} is required`);
  return n;
}

export function addLedgerCommands(program: Command): void {
  const ledger = program.command('ledger').description('the tamper-evident ledger: checkpoints, proofs, verification');
  ledger.command('checkpoint')
    .description('sign a checkpoint if the log grew, and print the latest signed checkpoint with its cosignatures')
    .action(async (_options: unknown, command: Command) => {
      await withStore(command, async (engine, url) => {
        const published = await publishCheckpoint(engine, url);
        if (globalOptions(command).json) return printJson({ size: published.checkpoint.size, root: encodeBase64(published.checkpoint.root), signed: published.signed, note: published.cosigned });
        process.stdout.write(published.cosigned);
      });
    });
  ledger.command('key')
    .description("print the log's verifier key (name+hexid+base64)")
    .action(async (_options: unknown, command: Command) => {
      await withStore(command, async (engine, url) => {
        const vkey = await logVerifierKey(engine, url);
        if (globalOptions(command).json) return printJson({ vkey });
        print(vkey);
      });
    });
  addProofCommands(ledger);
  addVerifyCommands(ledger);
}

function addProofCommands(ledger: Command): void {
  ledger.command('prove')
    .description('RFC 9162 inclusion proof of one entry')
    .option('--index <n>', 'the entry index')
    .option('--size <m>', 'the tree size (default: the whole log)')
    .action(async (options: { index?: string; size?: string }, command: Command) => {
      const index = required('--index', options.index);
      const size = integerOption('--size', options.size);
      await withStore(command, async (engine) => {
        const p = await naming(`--index ${index}${size === undefined ? '' : `, --size ${size}`}`, proveInclusion(engine, index, size));
        const out = { index: p.index, size: p.size, leafHash: encodeBase64(p.leafHash), root: encodeBase64(p.root), proof: p.proof.map(encodeBase64) };
        if (globalOptions(command).json) return printJson(out);
        print(`entry ${out.index} in the tree of ${out.size}\nleaf hash ${out.leafHash}\nroot      ${out.root}\nproof\n${out.proof.join('\n')}`);
      });
    });
  ledger.command('consistency')
    .description('RFC 9162 consistency proof between two tree sizes')
    .option('--from <a>', 'the older size')
    .option('--to <b>', 'the newer size (default: the whole log)')
    .action(async (options: { from?: string; to?: string }, command: Command) => {
      const from = required('--from', options.from);
      const to = integerOption('--to', options.to);
      await withStore(command, async (engine) => {
        const p = await naming(`--from ${from}${to === undefined ? '' : `, --to ${to}`}`, proveConsistency(engine, from, to));
        const out = { size1: p.size1, size2: p.size2, root1: encodeBase64(p.root1), root2: encodeBase64(p.root2), proof: p.proof.map(encodeBase64) };
        if (globalOptions(command).json) return printJson(out);
        print(`from ${out.size1} (${out.root1})\nto   ${out.size2} (${out.root2})\nproof\n${out.proof.join('\n')}`);
      });
    });
}

/** A proof the log cannot give for these numbers (index or sizes out of range) is refused naming the options that gave them. */
async function naming<T>(options: string, proof: Promise<T>): Promise<T> {
  try {
    return await proof;
  } catch (error) {
    if (error instanceof LedgerError && (error.code === 'BAD_INDEX' || error.code === 'BAD_SIZE')) throw new LedgerError(error.code, `${options}: ${error.message}`, { cause: error });
    throw error;
  }
}

function addVerifyCommands(ledger: Command): void {
  ledger.command('verify')
    .description('recompute the whole log from the records and check it against the stored tree and checkpoints; or, with --tiles, verify a tlog-tiles log')
    .option('--tiles <dir>', 'verify a C2SP tlog-tiles log in this directory instead')
    .option('--vkey <vkey>', "with --tiles: the log's verifier key, or a file holding it")
    .option('--workers <n>', 'worker threads that check handling events beside the main one (default: none on PostgreSQL, which checks them itself; on SQLite, from 262,144 entries, one per core but one)')
    .action(async (options: { tiles?: string; vkey?: string; workers?: string }, command: Command) => {
      const json = globalOptions(command).json === true;
      if (options.tiles !== undefined) return verifyTiles(options.tiles, options.vkey, json);
      const workers = integerOption('--workers', options.workers);
      await withStore(command, async (engine, url) => {
        const result = await verifyLedger(engine, url, workers === undefined ? {} : { workers });
        if (json) printJson(result);
        if (result.problem !== undefined) throw new LedgerIntegrityError('TAMPERED', `ledger verify: ${result.problem.detail}`);
        if (!json) print(`ok: ${result.entriesChecked} entries verified against their records${result.checkpoint ? ` and the checkpoint of size ${result.checkpoint.size}` : ''} (${result.entriesPerSecond} entries/s)${uncheckedNote(result.commitmentsUnchecked)}`);
      });
    });
  ledger.command('export-tiles <dir>')
    .description('write the log in C2SP tlog-tiles layout (tiles, entry bundles, checkpoint)')
    .action(async (dir: string, _options: unknown, command: Command) => {
      await withStore(command, async (engine, url) => {
        const result = await exportTiles(engine, url, dir);
        if (globalOptions(command).json) return printJson(result);
        print(`wrote ${result.tiles} tiles and ${result.bundles} entry bundles of ${result.size} entries to ${dir}`);
      });
    });
}

function verifyTiles(dir: string, vkey: string | undefined, json: boolean): void {
  if (vkey === undefined) throw new InputError('MISSING', '--vkey is required with --tiles');
  const result = verifyTilesDirectory(dir, vkey);
  if (json) printJson(result.ok ? { ok: true, size: result.checkpoint.size, entries: result.entries, tiles: result.tiles } : result);
  if (!result.ok) throw new LedgerIntegrityError('VERIFY_FAILED', `${dir}/${result.path}: ${result.failure}: ${result.detail}`);
  if (!json) print(`ok: ${result.entries} entries and ${result.tiles} tiles verified against the checkpoint of size ${result.checkpoint.size}`);
}

/** Without the data key, commitments to sealed texts could not be recomputed: say which, and how many. */
function uncheckedNote(unchecked: Readonly<Record<string, number>>): string {
  const kinds = Object.entries(unchecked);
  if (kinds.length === 0) return '';
  return `; no data key, so commitments to sealed texts were taken from the ledger for ${kinds.map(([kind, n]) => `${n} ${kind}`).join(', ')}`;
}
