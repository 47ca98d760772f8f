/**
 * Builds the spelling-variant lexicon from the Hunspell dictionaries installed with the
 * `dictionary-en-ca`, `dictionary-en-gb` and `dictionary-en` packages, and caches it in memory:
 * expanding three dictionaries takes about a second, and the table never changes while the
 * process runs. The result is plain data handed to the pure core (`findSlots`, `canonicalText`).
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Lexicon } from '../../domain/fingerprint/lexicon.ts';
import { expandDictionary } from './hunspell.ts';
import { deriveSpellingPairs } from './spelling-pairs.ts';

const require = createRequire(import.meta.url);

type DictionaryPackage = 'dictionary-en-ca' | 'dictionary-en-gb' | 'dictionary-en';

// The packages export only their JS entry, not their files, so look for the folder along
// Node's own module search path.
function packageFolder(pkg: DictionaryPackage): string {
  const folder = (require.resolve.paths(pkg) ?? []).map((dir) => join(dir, pkg)).find((dir) => existsSync(join(dir, 'index.dic')));
  if (folder === undefined) throw new Error(`the ${pkg} package is not installed (npm ci)`);
  return folder;
}

function readDictionary(pkg: DictionaryPackage): Set<string> {
  const folder = packageFolder(pkg);
  const aff = readFileSync(join(folder, 'index.aff'), 'utf8');
  const dic = readFileSync(join(folder, 'index.dic'), 'utf8');
  return expandDictionary(aff, dic);
}

let cached: Lexicon | undefined;

/** The lexicon, built on first use and then served from memory. */
export function loadLexicon(): Lexicon {
  cached ??= Object.freeze({
    spellingPairs: Object.freeze(deriveSpellingPairs({
      enCa: readDictionary('dictionary-en-ca'),
      enGb: readDictionary('dictionary-en-gb'),
      enUs: readDictionary('dictionary-en'),
    })),
  });
  return cached;
}
