/**
 * A journalist's paraphrase, deterministic given the generator: swap common words for
 * synonyms, move a trailing subordinate clause or an attribution to the front, and drop
 * hedges and fillers. Crude next to a human rewrite (MRPC's sentence2s are used where there is
 * one), but it breaks most 8-word runs, which is what separates a paraphrase from a quote.
 */
import type { Random } from '../../src/domain/random.ts';
import { chance } from './pick.ts';

const synonyms: Readonly<Record<string, string>> = {
  said: 'stated', says: 'states', told: 'informed', about: 'roughly', big: 'large', large: 'sizeable', small: 'modest',
  increase: 'rise', increased: 'rose', decrease: 'fall', decreased: 'fell', buy: 'purchase', bought: 'purchased',
  company: 'firm', companies: 'firms', people: 'individuals', government: 'administration', officials: 'authorities',
  official: 'functionary', important: 'significant', began: 'started', begin: 'start', help: 'assist', helped: 'assisted',
  show: 'indicate', showed: 'indicated', shows: 'indicates', use: 'employ', used: 'employed', many: 'numerous',
  percent: 'per cent', expected: 'anticipated', plan: 'scheme', plans: 'intends', week: 'seven days', later: 'subsequently',
  before: 'prior to', after: 'following', because: 'since', but: 'yet', also: 'in addition', need: 'require', needed: 'required',
  attack: 'assault', attacks: 'assaults', killed: 'slain', meeting: 'session', report: 'account', reported: 'disclosed',
  announced: 'revealed', country: 'nation', city: 'town', police: 'law enforcement', market: 'marketplace', shares: 'stock',
};

const droppable = new Set(['very', 'just', 'still', 'now', 'already', 'really', 'also', 'recently', 'currently', 'however', 'only', 'even', 'that']);

function matchCase(original: string, replacement: string): string {
  return /^[A-Z]/u.test(original) ? replacement.charAt(0).toUpperCase() + replacement.slice(1) : replacement;
}

function substitute(random: Random, sentence: string): string {
  return sentence.replace(/\b[A-Za-z]+\b/gu, (word) => {
    const lower = word.toLowerCase();
    if (droppable.has(lower) && chance(random, 0.7)) return '';
    const synonym = synonyms[lower];
    return synonym && chance(random, 0.8) ? matchCase(word, synonym) : word;
  }).replace(/\s{2,}/gu, ' ').replace(/\s+([,.;:])/gu, '$1').trim();
}

/** "B, A said." → "A said that b." and "X, because Y." → "Because Y, x." */
function reorder(sentence: string): string {
  const attribution = /^(.*),\s*(\S+(?:\s\S+){0,4}\s(?:said|says|stated|told reporters))\.$/u.exec(sentence);
  if (attribution) return `${upperFirst(attribution[2]!)} that ${lowerFirst(attribution[1]!)}.`;
  const clause = /^(.*?),\s*(because|although|while|after|before|when|as|since|which)\s+(.*)\.$/iu.exec(sentence);
  if (clause) return `${upperFirst(clause[2]!)} ${clause[3]!}, ${lowerFirst(clause[1]!)}.`;
  return sentence;
}

const upperFirst = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);
const lowerFirst = (s: string): string => (/^[A-Z][a-z]/u.test(s) ? s.charAt(0).toLowerCase() + s.slice(1) : s);

/** Also drops a parenthetical between commas, the way a reporter trims a sentence. */
export function rewrite(random: Random, sentence: string): string {
  const trimmed = chance(random, 0.5) ? sentence.replace(/,\s[^,]{3,40},\s/u, ' ') : sentence;
  const reordered = chance(random, 0.6) ? reorder(trimmed) : trimmed;
  return substitute(random, reordered);
}
