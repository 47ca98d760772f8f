import { describe, expect, it } from 'vitest';
import { MatchIndex } from './match-index.ts';
import { matchLeak } from './match-leak.ts';
import type { MatchedSource } from './match-leak.ts';
import { deserialiseIndex, serialiseIndex } from './serialise-index.ts';

const PIPELINE = [
  '(TS//SI) The Ministry of Defence has concluded that the northern pipeline project will be delayed by at least two years because of disputes with the main contractor.',
  '(S//CEO) Officials privately expect the construction budget to double, and the minister has not yet been briefed on the revised cost estimates prepared in March.',
  '(S) Engineers warned that permafrost thaw along the route could force a costly redesign of the pumping stations near the coast.',
].join('\n\n');
const FISHERIES = [
  '(S) Fishing quotas in the Atlantic region were cut sharply after the cod stocks collapsed again this spring, according to a confidential survey.',
  '(U) Coastal communities are lobbying the federal government for emergency compensation payments before the autumn election.',
].join('\n\n');
const ELECTIONS = '(C) Provincial election officials reported an unusual surge in advance polling turnout across rural ridings, which analysts attribute to a new mobile voting programme.';

function buildIndex(): MatchIndex {
  const index = new MatchIndex({ synonyms: new Map([['purchase', 'buy']]) });
  index.add({ productId: 'P-PIPE', version: 'TS', text: PIPELINE });
  index.add({ productId: 'P-PIPE', version: 'S', text: PIPELINE.split('\n\n').slice(1).join('\n\n') });
  index.add({ productId: 'P-FISH', version: 'S', text: FISHERIES });
  index.add({ productId: 'P-VOTE', version: 'C', text: ELECTIONS });
  return index;
}

function only(sources: readonly MatchedSource[], product: string): MatchedSource {
  const s = sources.find((x) => x.product === product);
  if (!s) throw new Error(`no source ${product} in ${JSON.stringify(sources.map((x) => x.product))}`);
  return s;
}

describe('matchLeak', () => {
  const index = buildIndex();

  it('finds a quote spread over two paragraphs with exact offsets in leak and product', () => {
    const quote = 'disputes with the main contractor. Officials privately expect the construction budget to double';
    const leak = `A leaked assessment says the delay is due to ${quote}, sources say.`;
    const source = only(matchLeak(index, leak), 'P-PIPE');
    const verbatim = source.passages.filter((p) => p.kind === 'verbatim');
    expect(verbatim).toHaveLength(1);
    const [p] = verbatim;
    expect(leak.slice(...p!.leak)).toBe(quote);
    expect(PIPELINE.slice(...p!.product)).toBe('disputes with the main contractor.\n\n(S//CEO) Officials privately expect the construction budget to double');
    expect(source.version).toBe('TS');
  });

  it('finds a quote with one word changed as one passage', () => {
    const leak = 'Officials privately expect the construction budget to triple, and the minister has not yet been briefed on the revised cost estimates.';
    const [p] = only(matchLeak(index, leak), 'P-PIPE').passages;
    expect(p?.kind).toBe('verbatim');
    expect(leak.slice(...p!.leak)).toBe(leak.slice(0, -1));
    expect(p!.score).toBeGreaterThan(0.9);
    expect(p!.score).toBeLessThan(1);
  });

  it('finds a paraphrase', () => {
    const leak = 'Atlantic fishing quotas were sharply reduced when cod stocks collapsed once more this spring, a secret survey found.';
    const sources = matchLeak(index, leak);
    expect(sources[0]?.product).toBe('P-FISH');
    expect(sources[0]?.passages[0]?.kind).toBe('paraphrase');
    expect(sources[0]?.score).toBeGreaterThan(0.5);
  });

  it('separates a leak that mixes two products', () => {
    const leak = [
      'The northern pipeline project will be delayed by at least two years because of disputes with the main contractor, the document says.',
      'Atlantic fishing quotas were sharply reduced when cod stocks collapsed once more this spring.',
      'Meanwhile coastal towns are pressing the federal government for emergency compensation before the autumn vote.',
    ].join(' ');
    const sources = matchLeak(index, leak);
    expect(sources.map((s) => s.product).sort()).toEqual(['P-FISH', 'P-PIPE']);
    const fish = only(sources, 'P-FISH').passages[0]!;
    expect(leak.slice(...fish.leak)).toMatch(/^Atlantic fishing.*coastal towns/su);
    expect(FISHERIES.slice(...fish.product)).toMatch(/^Fishing quotas.*Coastal communities/su);
  });

  it('returns nothing for a leak of nothing', () => {
    expect(matchLeak(index, 'The football match ended in a draw after a rainy afternoon in the capital.')).toEqual([]);
    expect(matchLeak(index, '')).toEqual([]);
    expect(matchLeak(new MatchIndex(), 'anything at all')).toEqual([]);
  });

  it('ignores portion marks and invisible characters in the leak', () => {
    const leak = '(S//CEO) Engineers\u200b warned\u00a0that permafrost thaw along the\u2060 route could force a costly re\u200ddesign of the pumping stations.';
    const [p] = only(matchLeak(index, leak), 'P-PIPE').passages;
    expect(p?.kind).toBe('verbatim');
    expect(p!.leak[0]).toBe(leak.indexOf('Engineers'));
    expect(p!.leak[1]).toBe(leak.indexOf(' of the pumping') + ' of the pumping stations'.length);
  });

  it('says in which versions each passage is present (tearline evidence)', () => {
    const above = 'The Ministry of Defence has concluded that the northern pipeline project will be delayed by at least two years.';
    const both = 'Officials privately expect the construction budget to double, and the minister has not yet been briefed.';
    const source = only(matchLeak(index, `${above} ${both}`), 'P-PIPE');
    expect(source.versions).toEqual(['TS', 'S']);
    const byText = new Map(source.passages.map((p) => [`${above} ${both}`.slice(...p.leak), p.versions]));
    expect(byText.get(above.slice(0, -1))).toEqual(['TS']);
    expect(byText.get(both.slice(0, -1))).toEqual(['TS', 'S']);
  });

  it('prunes no source that passes the threshold (the score bounds are bounds)', () => {
    const leaks = [
      'The northern pipeline project will be delayed by at least two years because of disputes with the main contractor, the document says.',
      'Atlantic fishing quotas were sharply reduced when cod stocks collapsed once more this spring. Officials expect the budget to double.',
      'Engineers warned that permafrost thaw could force a costly redesign. Rural turnout surged in advance polling.',
    ];
    for (const leak of leaks) {
      const all = matchLeak(index, leak, { threshold: 0, maxSources: 100 });
      for (const threshold of [0.2, 0.5, 0.8]) {
        const expected = all.filter((s) => s.score >= threshold).map((s) => [s.product, s.score]);
        expect(matchLeak(index, leak, { threshold }).map((s) => [s.product, s.score])).toEqual(expected);
      }
    }
  });

  it('matches alike after serialisation', () => {
    const copy = deserialiseIndex(serialiseIndex(index), { synonyms: new Map([['purchase', 'buy']]) });
    const leak = 'Atlantic fishing quotas were sharply reduced when cod stocks collapsed once more this spring.';
    expect(matchLeak(copy, leak)).toEqual(matchLeak(index, leak));
    expect(() => deserialiseIndex(serialiseIndex(index))).toThrow(/synonym map/u);
    expect(() => deserialiseIndex(new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8]))).toThrow(/magic/u);
  });
});
