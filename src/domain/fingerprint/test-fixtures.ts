/**
 * Fixtures for the fingerprint unit tests: a small spelling lexicon (the real one is built by
 * src/adapters/lexicon and tested there, on real prose) and a report-like master text.
 */
import { createRandom } from '../random.ts';
import { createFingerprintCode, drawCodeword, type FingerprintCode } from './fingerprint-code.ts';
import type { IssuedCopy } from './decode-fingerprint.ts';
import type { Lexicon } from './lexicon.ts';
import type { Slot } from './slot.ts';

export const SMALL_LEXICON: Lexicon = {
  spellingPairs: [
    ['analyze', 'analyse'], ['analyzed', 'analysed'], ['organization', 'organisation'], ['organizations', 'organisations'],
    ['centre', 'center'], ['judgment', 'judgement'], ['defence', 'defense'], ['behaviour', 'behavior'],
    ['travelled', 'traveled'], ['recognized', 'recognised'], ['colour', 'color'],
  ],
};

export const REPORT = [
  '(TS//SI) The organization commenced operations in the north on 20 September 2021, approximately 40 km from the centre of the region. '
    + 'Officials travelled to Ottawa, Montreal, and Halifax. We assess it is highly likely that the group will expand.',
  '(S) Minister Tremblay said that "the organization is a threat to our defence" in an e-mail. Numerous analysts analyzed the '
    + 'judgment, and additionally recognized that 10% of the funding came from abroad, i.e. from partners. It is {unlikely|not expected} '
    + 'that the behaviour changes; the group will {probably|in all likelihood} continue.',
  '(U) For example, the centre frequently utilized co-operation with other organizations prior to 2020. The decision-making '
    + 'process is approximately as before.',
].join('\n\n');

/** A code and `count` issued copies for `slots`, from a fixed seed. */
export function issue(slots: readonly Slot[], count: number, seed = 'fixture'): { code: FingerprintCode; copies: IssuedCopy[] } {
  const random = createRandom(seed);
  const code = createFingerprintCode(slots, random.fork('code'));
  const copies = Array.from({ length: count }, (_, i) => ({ id: `copy-${i}`, codeword: drawCodeword(code, random.fork(`copy-${i}`)) }));
  return { code, copies };
}
