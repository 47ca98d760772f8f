import { describe, expect, it } from 'vitest';
import { carryWording } from '../../bench/simulation/carry-wording.ts';

describe('carryWording', () => {
  const master = 'Mr. Blair said the 6,000 drivers, mechanics and cleaners would strike on 6 July.';
  const copy = 'Mr Blair stated the 6000 drivers, mechanics, and cleaners would strike on July 6.';

  it('keeps the copy\'s wording where the paraphrase kept the master\'s', () => {
    const paraphrase = 'On 6 July, Mr. Blair said, 6,000 drivers would walk out.';
    expect(carryWording(master, copy, paraphrase)).toBe('On July 6, Mr Blair stated, 6000 drivers would walk out.');
  });

  it('changes nothing the paraphrase reworded, and drops the invisible layer', () => {
    const paraphrase = 'Thousands of transit workers plan a strike next month.';
    expect(carryWording(master, copy.replace('Blair stated', 'Blair\u00A0stated'), paraphrase)).toBe(paraphrase);
  });

  it('carries an inserted word with its left neighbour', () => {
    expect(carryWording('He said it rained.', 'He said that it rained.', 'Officials said it rained hard.')).toBe('Officials said that it rained hard.');
  });
});
