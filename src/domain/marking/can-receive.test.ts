import { describe, expect, it } from 'vitest';
import type { Agency, Person } from '../registry.ts';
import { canReceive } from './can-receive.ts';
import { clearanceCovers, parseClearance } from './clearance.ts';
import { levels } from './level.ts';
import type { Level } from './level.ts';
import { parseMarking } from './parse-marking.ts';
import { PolicyError } from './policy-error.ts';
import { explainReason } from './reason.ts';
import type { Reason } from './reason.ts';

const at = '2022-10-02T09:00:00.000Z';
const pco: Agency = { id: 'PCO', name: 'Privy Council Office', country: 'CAN' };
const nsa: Agency = { id: 'NSA', name: 'National Security Agency', country: 'USA' };
const gchq: Agency = { id: 'GCHQ', name: 'Government Communications Headquarters', country: 'GBR' };

function person(overrides: Partial<Person> = {}): Person {
  return {
    id: 'pco-07', name: 'R. Tremblay', agencyId: 'PCO', clearance: 'TOP SECRET', compartments: ['SI', 'TK'],
    active: true, activeFrom: null, activeTo: null, ...overrides,
  };
}

function caught(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  return undefined;
}

function reasonsOf(p: Person, agency: Agency, marking: string, when = at): readonly Reason[] {
  const decision = canReceive(p, agency, parseMarking(marking), when);
  return decision.allowed ? [] : decision.reasons;
}

describe('parseClearance', () => {
  const covers = (clearance: string): readonly Level[] => levels.filter((l) => clearanceCovers(parseClearance(clearance), l));

  it.each([
    ['RELIABILITY', ['UNCLASSIFIED', 'PROTECTED A', 'PROTECTED B']],
    ['Reliability Status', ['UNCLASSIFIED', 'PROTECTED A', 'PROTECTED B']],
    ['ENHANCED RELIABILITY', ['UNCLASSIFIED', 'PROTECTED A', 'PROTECTED B']],
    ['CONFIDENTIAL', ['UNCLASSIFIED', 'PROTECTED A', 'PROTECTED B', 'CONFIDENTIAL']],
    ['SECRET', ['UNCLASSIFIED', 'PROTECTED A', 'PROTECTED B', 'CONFIDENTIAL', 'SECRET']],
    ['Secret clearance', ['UNCLASSIFIED', 'PROTECTED A', 'PROTECTED B', 'CONFIDENTIAL', 'SECRET']],
    ['Level II', ['UNCLASSIFIED', 'PROTECTED A', 'PROTECTED B', 'CONFIDENTIAL', 'SECRET']],
    ['TOP SECRET', [...levels]],
    ['top secret', [...levels]],
    ['NONE', ['UNCLASSIFIED']],
  ])('%s covers %j', (clearance, expected) => {
    expect(covers(clearance)).toEqual(expected);
  });

  it.each(['PROTECTED B', 'TS//SI', 'COSMIC', ''])('refuses %j, which is no clearance name', (text) => {
    expect(() => parseClearance(text)).toThrow(PolicyError);
  });
});

describe('canReceive', () => {
  it('allows a cleared, indoctrinated, active Canadian', () => {
    expect(canReceive(person(), pco, parseMarking('TOP SECRET//SI/TK//CEO'), at)).toEqual({ allowed: true });
    expect(canReceive(person({ clearance: 'SECRET', compartments: [] }), pco, parseMarking('PROTECTED B'), at)).toEqual({ allowed: true });
  });

  it('refuses a suspended person', () => {
    expect(reasonsOf(person({ active: false }), pco, 'UNCLASSIFIED')).toEqual([{ kind: 'suspended' }]);
  });

  it('refuses before activeFrom and from activeTo on (half-open window)', () => {
    const p = person({ activeFrom: '2022-01-01T00:00:00.000Z', activeTo: '2023-01-01T00:00:00.000Z' });
    expect(reasonsOf(p, pco, 'SECRET', '2021-12-31T23:59:59.999Z')).toEqual([{ kind: 'not-yet-active', activeFrom: '2022-01-01T00:00:00.000Z', at: '2021-12-31T23:59:59.999Z' }]);
    expect(reasonsOf(p, pco, 'SECRET', '2022-01-01T00:00:00.000Z')).toEqual([]);
    expect(reasonsOf(p, pco, 'SECRET', '2022-12-31T23:59:59.999Z')).toEqual([]);
    expect(reasonsOf(p, pco, 'SECRET', '2023-01-01T00:00:00.000Z')).toEqual([{ kind: 'no-longer-active', activeTo: '2023-01-01T00:00:00.000Z', at: '2023-01-01T00:00:00.000Z' }]);
  });

  it.each([
    ['RELIABILITY', 'CONFIDENTIAL'],
    ['ENHANCED RELIABILITY', 'PROTECTED C'],
    ['SECRET', 'PROTECTED C'],
    ['SECRET', 'TOP SECRET'],
    ['CONFIDENTIAL', 'SECRET'],
  ])('refuses %s clearance for %s on level', (clearance, marking) => {
    expect(reasonsOf(person({ clearance, compartments: [] }), pco, marking)).toEqual([
      expect.objectContaining({ kind: 'level', level: marking }),
    ]);
  });

  it('names every missing compartment', () => {
    expect(reasonsOf(person({ compartments: ['TK'] }), pco, 'TS//SI/TK/HCS')).toEqual([{ kind: 'compartment', missing: ['HCS', 'SI'] }]);
    expect(reasonsOf(person({ compartments: ['si', ' tk '] }), pco, 'TS//SI/TK')).toEqual([]);
  });

  it('refuses an agency outside the REL TO list', () => {
    const analyst = person({ id: 'gchq-3', agencyId: 'GCHQ' });
    expect(reasonsOf(analyst, gchq, 'TS//SI//REL TO CAN, USA')).toEqual([{ kind: 'releasability', agencyId: 'GCHQ', country: 'GBR', releasableTo: ['CAN', 'USA'] }]);
    expect(reasonsOf(analyst, gchq, 'TS//SI//FVEY')).toEqual([]);
    expect(reasonsOf(analyst, gchq, 'TS//SI')).toEqual([]);
  });

  it('refuses CEO material to a non-Canadian agency', () => {
    const analyst = person({ id: 'nsa-1', agencyId: 'NSA' });
    expect(reasonsOf(analyst, nsa, 'SECRET//CEO')).toEqual([{ kind: 'ceo', agencyId: 'NSA', country: 'USA' }]);
    expect(reasonsOf(analyst, nsa, 'SECRET//NOFORN')).toEqual([{ kind: 'ceo', agencyId: 'NSA', country: 'USA' }]);
  });

  it('returns every reason at once, in a fixed order', () => {
    const p = person({
      id: 'nsa-9', agencyId: 'NSA', clearance: 'SECRET', compartments: ['TK'], active: false,
      activeFrom: '2023-01-01T00:00:00.000Z',
    });
    expect(reasonsOf(p, nsa, 'TOP SECRET//SI/TK//CEO').map((r) => r.kind)).toEqual(['suspended', 'not-yet-active', 'level', 'compartment', 'ceo']);
    const q = person({ id: 'gchq-1', agencyId: 'GCHQ', clearance: 'RELIABILITY', compartments: [], activeTo: '2022-01-01T00:00:00.000Z' });
    expect(reasonsOf(q, gchq, 'SECRET//SI//REL TO CAN, USA').map((r) => r.kind)).toEqual(['no-longer-active', 'level', 'compartment', 'releasability']);
  });

  it('refuses to judge a person against another agency, or an unknown clearance', () => {
    expect(caught(() => canReceive(person(), nsa, parseMarking('U'), at))).toMatchObject({ code: 'AGENCY_MISMATCH' });
    expect(() => canReceive(person({ clearance: 'PROTECTED B' }), pco, parseMarking('U'), at)).toThrow(/person pco-07: unknown clearance "PROTECTED B"/);
  });
});

describe('explainReason', () => {
  const who = { id: 'pco-07', name: 'R. Tremblay' };
  const reasons: readonly Reason[] = [
    { kind: 'suspended' },
    { kind: 'not-yet-active', activeFrom: '2023-01-01T00:00:00.000Z', at },
    { kind: 'no-longer-active', activeTo: '2022-01-01T00:00:00.000Z', at },
    { kind: 'level', clearance: 'secret', clearanceName: 'Secret clearance', covers: 'SECRET', level: 'PROTECTED C' },
    { kind: 'compartment', missing: ['SI', 'TK'] },
    { kind: 'releasability', agencyId: 'GCHQ', country: 'GBR', releasableTo: ['CAN', 'USA'] },
    { kind: 'ceo', agencyId: 'NSA', country: 'USA' },
  ];

  it.each(reasons)('names the person and the rule for $kind', (reason) => {
    const sentence = explainReason(reason, who);
    expect(sentence.startsWith('R. Tremblay (pco-07) ')).toBe(true);
    expect(sentence).toMatch(/: .+\.$/);
  });

  it('says what is missing', () => {
    expect(explainReason(reasons[3]!, who)).toBe('R. Tremblay (pco-07) holds Secret clearance, which covers UNCLASSIFIED, PROTECTED A, PROTECTED B, CONFIDENTIAL, SECRET but not PROTECTED C: a person receives only levels their clearance covers.');
    expect(explainReason(reasons[4]!, who)).toContain('not indoctrinated into SI, TK');
    expect(explainReason(reasons[5]!, who)).toContain('agency GCHQ of GBR, and the marking is releasable only to CAN, USA');
    expect(explainReason(reasons[6]!, who)).toContain('CANADIAN EYES ONLY');
  });
});
