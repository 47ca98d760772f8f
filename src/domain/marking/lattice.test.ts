import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatMarking, formatPortion } from './format-marking.ts';
import type { Agency, Person } from '../registry.ts';
import { bannerOf } from './banner.ts';
import { canReceive } from './can-receive.ts';
import { dominates, join, joinAll, meet } from './lattice.ts';
import { dominatesLevel, isClassified, joinLevel, levels, meetLevel } from './level.ts';
import { makeMarking, sameMarking } from './marking.ts';
import type { Marking } from './marking.ts';
import { parseMarking } from './parse-marking.ts';
import { splitParagraphs } from './portion-mark.ts';
import { tearlineBody } from './tearline.ts';

const compartmentNames = ['SI', 'TK', 'G', 'HCS'];
const allies = ['USA', 'GBR', 'AUS', 'NZL', 'FRA', 'DEU'];

/** Any marking parseMarking can produce, with the default compartments and a few allies. */
const markingArb: fc.Arbitrary<Marking> = fc
  .record({
    level: fc.constantFrom(...levels),
    compartments: fc.subarray(compartmentNames),
    releasableTo: fc.option(fc.subarray(allies).map((countries) => ['CAN', ...countries]), { nil: null }),
    orcon: fc.boolean(),
  })
  .map((fields) => makeMarking({ ...fields, compartments: isClassified(fields.level) ? fields.compartments : [] }));

const runs = { numRuns: 500 };

describe('level order', () => {
  const pairs = levels.flatMap((a) => levels.map((b) => [a, b] as const));

  it('is the documented diagram', () => {
    expect(dominatesLevel('SECRET', 'PROTECTED B')).toBe(true);
    expect(dominatesLevel('CONFIDENTIAL', 'PROTECTED B')).toBe(true);
    expect(dominatesLevel('PROTECTED C', 'CONFIDENTIAL')).toBe(false);
    expect(dominatesLevel('SECRET', 'PROTECTED C')).toBe(false);
    expect(dominatesLevel('TOP SECRET', 'PROTECTED C')).toBe(true);
    expect(joinLevel('PROTECTED C', 'SECRET')).toBe('TOP SECRET');
    expect(joinLevel('PROTECTED C', 'CONFIDENTIAL')).toBe('TOP SECRET');
    expect(joinLevel('PROTECTED B', 'CONFIDENTIAL')).toBe('CONFIDENTIAL');
    expect(meetLevel('PROTECTED C', 'SECRET')).toBe('PROTECTED B');
  });

  it.each(pairs)('join and meet of %s and %s are the least upper and greatest lower bounds', (a, b) => {
    const j = joinLevel(a, b);
    const m = meetLevel(a, b);
    expect(dominatesLevel(j, a) && dominatesLevel(j, b)).toBe(true);
    expect(dominatesLevel(a, m) && dominatesLevel(b, m)).toBe(true);
    for (const c of levels) {
      if (dominatesLevel(c, a) && dominatesLevel(c, b)) expect(dominatesLevel(c, j)).toBe(true);
      if (dominatesLevel(a, c) && dominatesLevel(b, c)) expect(dominatesLevel(m, c)).toBe(true);
    }
  });
});

describe('dominates is a partial order', () => {
  it('is reflexive', () => {
    fc.assert(fc.property(markingArb, (a) => dominates(a, a)), runs);
  });

  it('is antisymmetric', () => {
    fc.assert(fc.property(markingArb, markingArb, (a, b) => !(dominates(a, b) && dominates(b, a)) || sameMarking(a, b)), runs);
  });

  it('is transitive', () => {
    // Build chains a <= b <= c by joining, so the premise holds often enough to test something.
    fc.assert(fc.property(markingArb, markingArb, markingArb, (x, y, z) => {
      const a = x;
      const b = join(a, y);
      const c = join(b, z);
      return dominates(c, a);
    }), runs);
    fc.assert(fc.property(markingArb, markingArb, markingArb, (a, b, c) => !(dominates(b, a) && dominates(c, b)) || dominates(c, a)), runs);
  });
});

describe('join and meet', () => {
  it('join dominates both, and every upper bound dominates the join', () => {
    fc.assert(fc.property(markingArb, markingArb, markingArb, (a, b, c) => {
      const j = join(a, b);
      const upper = join(join(a, b), c); // an upper bound of a and b, always
      return dominates(j, a) && dominates(j, b) && dominates(upper, j)
        && (!(dominates(c, a) && dominates(c, b)) || dominates(c, j));
    }), runs);
  });

  it('both dominate the meet, and the meet dominates every lower bound', () => {
    fc.assert(fc.property(markingArb, markingArb, markingArb, (a, b, c) => {
      const m = meet(a, b);
      const lower = meet(meet(a, b), c); // a lower bound of a and b, always
      return dominates(a, m) && dominates(b, m) && dominates(m, lower)
        && (!(dominates(a, c) && dominates(b, c)) || dominates(m, c));
    }), runs);
  });

  it('are commutative and absorb each other', () => {
    fc.assert(fc.property(markingArb, markingArb, (a, b) =>
      sameMarking(join(a, b), join(b, a)) && sameMarking(meet(a, b), meet(b, a))
      && sameMarking(join(a, meet(a, b)), a) && sameMarking(meet(a, join(a, b)), a)), runs);
  });

  it('matches the worked examples', () => {
    const banner = (x: string, y: string) => formatMarking(join(parseMarking(x), parseMarking(y)));
    expect(banner('S//REL TO CAN, USA', 'TS//SI//REL TO CAN, GBR')).toBe('TOP SECRET//SI//CEO');
    expect(banner('S//FVEY', 'C//REL TO CAN, USA')).toBe('SECRET//REL TO CAN, USA');
    expect(banner('PC', 'S//CEO')).toBe('TOP SECRET//CEO');
    expect(banner('U', 'PB')).toBe('PROTECTED B');
    expect(formatMarking(meet(parseMarking('TS//SI/TK//CEO'), parseMarking('S//SI//REL TO CAN, USA')))).toBe('SECRET//SI//REL TO CAN, USA');
    expect(joinAll([])).toBeUndefined();
  });
});

describe('round trip', () => {
  it('parse(format(m)) == m for banners and portion marks', () => {
    fc.assert(fc.property(markingArb, (m) =>
      sameMarking(parseMarking(formatMarking(m)), m) && sameMarking(parseMarking(formatPortion(m)), m)), runs);
  });

  it('format(parse(format(m))) is stable', () => {
    fc.assert(fc.property(markingArb, (m) => formatMarking(parseMarking(formatMarking(m))) === formatMarking(m)), runs);
  });
});

describe('the policy follows the lattice', () => {
  const personArb: fc.Arbitrary<Person> = fc.record({
    clearance: fc.constantFrom('NONE', 'RELIABILITY', 'ENHANCED RELIABILITY', 'CONFIDENTIAL', 'SECRET', 'TOP SECRET'),
    compartments: fc.subarray(compartmentNames),
    active: fc.boolean(),
  }).map((p) => ({ id: 'p-1', name: 'P. One', agencyId: 'A', activeFrom: null, activeTo: null, ...p }));
  const agencyArb: fc.Arbitrary<Agency> = fc.constantFrom('CAN', ...allies, 'JPN').map((country) => ({ id: 'A', name: 'Agency', country }));
  const at = '2022-10-02T09:00:00.000Z';

  it('whoever may receive a marking may receive every marking it dominates', () => {
    fc.assert(fc.property(personArb, agencyArb, markingArb, markingArb, (p, a, x, y) => {
      const high = join(x, y);
      return !canReceive(p, a, high, at).allowed || (canReceive(p, a, x, at).allowed && canReceive(p, a, y, at).allowed);
    }), runs);
  });

  it('a tearline keeps only what its target dominates', () => {
    fc.assert(fc.property(fc.array(markingArb, { minLength: 1, maxLength: 6 }), markingArb, (portions, target) => {
      const body = portions.map((m, i) => `${formatPortion(m)} Paragraph ${i}.`).join('\n\n');
      const kept = portions.filter((m) => dominates(target, m)).length;
      if (kept === 0) return true;
      const paragraphs = splitParagraphs(tearlineBody(body, target));
      return paragraphs.length === kept && dominates(target, bannerOf(paragraphs));
    }), runs);
  });
});
