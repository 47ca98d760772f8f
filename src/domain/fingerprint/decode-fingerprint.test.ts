import { describe, expect, it } from 'vitest';
import { decodeFingerprint } from './decode-fingerprint.ts';
import { findSlots } from './find-slots.ts';
import { stripInvisibleLayer } from './invisible-layer.ts';
import { indexProduct } from './product-index.ts';
import { readSlots } from './read-slots.ts';
import { renderCopy } from './render-copy.ts';
import { issue, REPORT, SMALL_LEXICON } from './test-fixtures.ts';

const slots = findSlots(REPORT, SMALL_LEXICON);
const index = indexProduct(REPORT, slots, SMALL_LEXICON);
const { code, copies } = issue(slots, 50);

describe('decodeFingerprint', () => {
  it('reads back every slot of a copy exactly', () => {
    const copy = copies[3];
    if (!copy) throw new Error('fixture');
    const readings = readSlots(renderCopy(REPORT, slots, copy.codeword), index);
    expect(readings.map((r) => r.symbol)).toEqual(copy.codeword);
  });

  it('accuses the copy a text came from, and only that copy', () => {
    for (const copy of copies.slice(0, 10)) {
      const result = decodeFingerprint(renderCopy(REPORT, slots, copy.codeword), index, code, copies);
      expect(result.copies[0]?.id).toBe(copy.id);
      expect(result.copies.filter((c) => c.accused).map((c) => c.id)).toEqual([copy.id]);
      expect(result.invisibleLayer).toBe('present');
    }
  });

  it('finds a quoted passage inside other text', () => {
    const copy = copies[7];
    if (!copy) throw new Error('fixture');
    const text = renderCopy(REPORT, slots, copy.codeword);
    const passage = text.slice(text.indexOf('Officials'), text.indexOf('(U)'));
    const result = decodeFingerprint(`A newspaper wrote today: ${passage} No comment was offered.`, index, code, copies);
    expect(result.copies[0]?.id).toBe(copy.id);
    expect(result.slots.located).toBeLessThan(slots.length);
  });

  it('notices a stripped invisible layer and scores the visible slots only', () => {
    const copy = copies[9];
    if (!copy) throw new Error('fixture');
    const result = decodeFingerprint(stripInvisibleLayer(renderCopy(REPORT, slots, copy.codeword)), index, code, copies);
    expect(result.invisibleLayer).toBe('stripped');
    expect(result.slots.invisibleRead).toBe(0);
    expect(result.copies[0]?.id).toBe(copy.id);
  });

  it('accuses nobody for unrelated text', () => {
    const result = decodeFingerprint('Nothing in this text comes from the report at all, not a single passage of it.', index, code, copies);
    expect(result.slots.located).toBe(0);
    expect(result.copies.some((c) => c.accused)).toBe(false);
  });

  it('gives the source copy the highest likelihood ratio, and lowers copies that disagree with a short quote', () => {
    const copy = copies[11];
    if (!copy) throw new Error('fixture');
    const text = stripInvisibleLayer(renderCopy(REPORT, slots, copy.codeword));
    const sentence = text.slice(text.indexOf('Officials'), text.indexOf('.', text.indexOf('Officials')) + 1);
    const result = decodeFingerprint(`One passage reads: "${sentence}"`, index, code, copies);
    const source = result.copies.find((c) => c.id === copy.id)!;
    expect(result.slots.visibleRead).toBeGreaterThan(0);
    expect(source.slotsAgreeing).toBe(result.slots.read);
    expect(source.log10LikelihoodRatio).toBe(Math.max(...result.copies.map((c) => c.log10LikelihoodRatio)));
    const disagreeing = result.copies.filter((c) => c.slotsAgreeing < result.slots.read);
    expect(disagreeing.length).toBeGreaterThan(0);
    for (const c of disagreeing) expect(c.log10LikelihoodRatio).toBeLessThan(source.log10LikelihoodRatio);
  });

  it('reads every visible slot of a sentence quoted in an article, its first word and introductory comma too', () => {
    const copy = copies[17];
    if (!copy) throw new Error('fixture');
    const text = stripInvisibleLayer(renderCopy(REPORT, slots, copy.codeword));
    const start = text.indexOf('(U)') + 4;
    const sentence = text.slice(start, text.indexOf('.', start) + 1);
    const [from, to] = [REPORT.indexOf('(U)') + 4, REPORT.indexOf('2020.') + 5];
    const inSentence = slots.filter((s) => s.kind !== 'invisible' && s.start >= from && s.end <= to);
    expect(REPORT.slice(inSentence[0]!.start, inSentence[0]!.end)).toBe('For example');
    for (const leadIn of ['According to the document,', 'The report states:']) {
      const readings = readSlots(`Officials declined to comment. ${leadIn} "${sentence}" The ministry said nothing.`, index);
      const read = readings.filter((r) => inSentence.some((s) => s.id === r.slot));
      expect(read.map((r) => [r.slot, r.symbol])).toEqual(inSentence.map((s) => [s.id, copy.codeword[s.id]]));
    }
  });

  it('costs the source copy less for a slot the writer worded than for one inside quotation marks', () => {
    const copy = copies[19];
    if (!copy) throw new Error('fixture');
    const text = stripInvisibleLayer(renderCopy(REPORT, slots, copy.codeword));
    const passage = text.slice(text.indexOf('(U)') + 4);
    // The writer's own word, whatever the copy had.
    const edited = passage.includes('prior to 2020') ? passage.replace('prior to 2020', 'before 2020') : passage.replace('before 2020', 'prior to 2020');
    const ratioOf = (leak: string): number => decodeFingerprint(leak, index, code, copies).copies.find((c) => c.id === copy.id)!.log10LikelihoodRatio;
    expect(edited).not.toBe(passage);
    expect(readSlots(`Officials said: "${edited}"`, index).some((r) => r.quoted)).toBe(true);
    expect(readSlots(`Officials said ${edited}`, index).some((r) => r.quoted)).toBe(false);
    // Words of their own cost the source copy less than a quotation that disagrees with it.
    const loss = (wrap: (t: string) => string): number => ratioOf(wrap(passage)) - ratioOf(wrap(edited));
    expect(loss((t) => `Officials said ${t}`)).toBeLessThan(loss((t) => `Officials said: "${t}"`));
  });

  it('costs the source copy little for a verb of attribution the writer worded, much for a carried spelling', () => {
    const copy = copies[21];
    if (!copy) throw new Error('fixture');
    const text = stripInvisibleLayer(renderCopy(REPORT, slots, copy.codeword));
    const passage = text.slice(text.indexOf('(S)') + 4, text.indexOf('(U)'));
    const swap = (t: string, a: string, b: string): string => (t.includes(a) ? t.replace(a, b) : t.replace(b, a));
    const verb = swap(passage, 'Tremblay said', 'Tremblay stated');
    const spelling = swap(passage, 'analyzed', 'analysed');
    expect(new Set([passage, verb, spelling]).size).toBe(3);
    const ratioOf = (leak: string): number => decodeFingerprint(`Officials noted that ${leak}`, index, code, copies).copies.find((c) => c.id === copy.id)!.log10LikelihoodRatio;
    const [kept, lossAtVerb, lossAtSpelling] = [ratioOf(passage), ratioOf(passage) - ratioOf(verb), ratioOf(passage) - ratioOf(spelling)];
    expect(kept).toBeGreaterThan(0);
    // "said" or "stated" outside quotes is mostly the writer's habit: nearly no evidence either way.
    expect(lossAtVerb).toBeGreaterThan(0);
    expect(lossAtVerb).toBeLessThan(0.3);
    expect(lossAtSpelling).toBeGreaterThan(3 * lossAtVerb);
  });

  it('weighs a quoted source copy by the two models mixed 0.9 / 0.1, not by the better one halved', () => {
    const copy = copies[23];
    if (!copy) throw new Error('fixture');
    const text = stripInvisibleLayer(renderCopy(REPORT, slots, copy.codeword));
    const sentence = text.slice(text.indexOf('Officials'), text.indexOf('.', text.indexOf('Officials')) + 1);
    const leak = `One passage reads: "${sentence}"`;
    const reads = readSlots(leak, index).filter((r) => r.symbol !== null && slots[r.slot]?.kind !== 'invisible');
    expect(reads.length).toBeGreaterThan(1);
    expect(reads.every((r) => r.quoted && r.symbol === copy.codeword[r.slot])).toBe(true);
    // Every slot read inside quotes agrees: ln((1 − δ)/p + δ) each, δ = 0.05 faithful, 0.5 half-mixed.
    const model = (delta: number): number => reads.reduce((s, r) => s + Math.log((1 - delta) / code.biases[r.slot]![r.symbol!]! + delta), 0);
    const expected = Math.log10(0.9 * Math.exp(model(0.05)) + 0.1 * Math.exp(model(0.5)));
    const source = decodeFingerprint(leak, index, code, copies).copies.find((c) => c.id === copy.id)!;
    expect(source.log10LikelihoodRatio).toBeCloseTo(expected, 9);
  });

  it('keeps innocent copies\' likelihood ratios within the 1/k bound', () => {
    // Every copy but the source is innocent; over many sources and passages, the share of
    // innocent copies at or above 10^w must stay under 10^-w (Markov's bound, E[LR] = 1).
    const innocentWeights: number[] = [];
    for (const copy of copies.slice(0, 25)) {
      const text = renderCopy(REPORT, slots, copy.codeword);
      for (const from of ['Officials', '(U)']) {
        const start = Math.max(0, text.indexOf(from));
        const result = decodeFingerprint(text.slice(start, start + 400), index, code, copies);
        for (const c of result.copies) if (c.id !== copy.id) innocentWeights.push(c.log10LikelihoodRatio);
      }
    }
    for (const w of [0.5, 1, 1.5, 2]) {
      const share = innocentWeights.filter((x) => x >= w).length / innocentWeights.length;
      expect(share).toBeLessThanOrEqual(10 ** -w);
    }
  });

  it('ignores plain spaces in a text that has no invisible mark anywhere, however few slots were read', () => {
    const copy = copies[13];
    if (!copy) throw new Error('fixture');
    const text = stripInvisibleLayer(renderCopy(REPORT, slots, copy.codeword));
    const short = text.slice(text.indexOf('Officials'), text.indexOf('Officials') + 60);
    const result = decodeFingerprint(short, index, code, copies);
    expect(result.invisibleLayer).toBe('stripped');
    expect(result.slots.invisibleRead).toBe(0);
  });
});
