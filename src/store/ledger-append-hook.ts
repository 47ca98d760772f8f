/**
 * Installs the Merkle tree's append hook: every unit of work that logs entries folds them into
 * the stored tree in its own transaction (imported once, by open-store.ts).
 */
import { appendToTree } from './ledger-tree.ts';
import { onLedgerAppend } from './unit-of-work.ts';

onLedgerAppend(appendToTree);
