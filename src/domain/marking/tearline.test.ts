import { describe, expect, it } from 'vitest';
import type { Agency, Person, ProductVersion } from '../registry.ts';
import { chooseVersion } from './choose-version.ts';
import { MarkingError } from './marking-error.ts';
import { parseMarking } from './parse-marking.ts';
import { PolicyError } from './policy-error.ts';
import { tearlineBody } from './tearline.ts';

const body = [
  '(TS//SI//CEO) Intercepts show the minister was briefed.',
  '(S//REL TO CAN, USA) The ships sailed on 3 October.',
  'Unmarked aside.',
  '(S//REL TO CAN, GBR) A British liaison confirmed it.',
  '(U) The port is public.',
].join('\n\n');

describe('tearlineBody', () => {
  it('keeps the paragraphs the target dominates, in order, marks kept', () => {
    expect(tearlineBody(body, parseMarking('SECRET//REL TO CAN, USA'))).toBe(
      '(S//REL TO CAN, USA) The ships sailed on 3 October.\n\n(U) The port is public.',
    );
    expect(tearlineBody(body, parseMarking('SECRET//CEO'))).toBe([
      '(S//REL TO CAN, USA) The ships sailed on 3 October.',
      '(S//REL TO CAN, GBR) A British liaison confirmed it.',
      '(U) The port is public.',
    ].join('\n\n'));
    expect(tearlineBody(body, parseMarking('TOP SECRET//SI//CEO')).split('\n\n')).toHaveLength(4);
  });

  it('leaves unmarked paragraphs out unless told what they carry', () => {
    const withUnmarked = tearlineBody(body, parseMarking('SECRET//CEO'), { unmarked: parseMarking('SECRET//CEO') });
    expect(withUnmarked).toContain('Unmarked aside.');
    expect(tearlineBody(body, parseMarking('TOP SECRET//SI//CEO'), { unmarked: parseMarking('TS//SI//CEO') }).split('\n\n')).toHaveLength(5);
  });

  it('refuses a tearline with nothing left, without quoting the body', () => {
    let error: unknown;
    try {
      tearlineBody('(TS//SI) Secret words.\n\n(S//CEO) More.', parseMarking('UNCLASSIFIED'));
    } catch (thrown) {
      error = thrown;
    }
    expect(error).toBeInstanceOf(MarkingError);
    expect(error).toMatchObject({ code: 'EMPTY_TEARLINE' });
    expect(String(error)).not.toContain('Secret words');
  });
});

describe('chooseVersion', () => {
  const at = '2022-10-02T09:00:00.000Z';
  const version = (n: number, marking: string): ProductVersion => ({
    productId: 'IA-2022-031', version: n, marking, label: n === 1 ? 'full' : `tearline ${marking}`,
    body: tearlineBody(body, parseMarking(marking)),
  });
  const versions = [
    version(1, 'TOP SECRET//SI//CEO'),
    version(2, 'SECRET//CEO'),
    version(3, 'SECRET//REL TO CAN, USA'),
    version(4, 'SECRET//REL TO CAN, GBR'),
    version(5, 'UNCLASSIFIED'),
  ];
  const agency = (id: string, country: string): Agency => ({ id, name: id, country });
  const person = (agencyId: string, clearance: string, compartments: string[] = [], active = true): Person => ({
    id: `${agencyId.toLowerCase()}-1`, name: 'A. Analyst', agencyId, clearance, compartments, active, activeFrom: null, activeTo: null,
  });

  it.each([
    ['a fully cleared Canadian gets the full version', person('PCO', 'TOP SECRET', ['SI']), agency('PCO', 'CAN'), 1],
    ['a Canadian without SI gets the SECRET//CEO tearline', person('PCO', 'TOP SECRET'), agency('PCO', 'CAN'), 2],
    ['a Secret-cleared Canadian gets the SECRET//CEO tearline', person('GAC', 'SECRET'), agency('GAC', 'CAN'), 2],
    ['an American gets the REL TO CAN, USA tearline', person('NSA', 'TOP SECRET', ['SI']), agency('NSA', 'USA'), 3],
    ['a Briton gets the REL TO CAN, GBR tearline', person('GCHQ', 'SECRET'), agency('GCHQ', 'GBR'), 4],
    ['a French officer gets the unclassified version', person('DGSI', 'TOP SECRET'), agency('DGSI', 'FRA'), 5],
    ['reliability status gets the unclassified version', person('PCO', 'RELIABILITY'), agency('PCO', 'CAN'), 5],
  ])('%s', (_title, p, a, expected) => {
    const choice = chooseVersion(p, a, versions, at);
    expect(choice.allowed && choice.version.version).toBe(expected);
  });

  it('among incomparable versions prefers the lowest version number', () => {
    const fvey = person('ONI', 'SECRET');
    const tied = [version(4, 'SECRET//REL TO CAN, GBR'), version(3, 'SECRET//REL TO CAN, USA'), version(1, 'TOP SECRET//SI//CEO')];
    const choice = chooseVersion(fvey, agency('ONI', 'CAN'), tied, at);
    expect(choice.allowed && choice.version.version).toBe(3);
  });

  it('gives the reasons against the full version when none may be received', () => {
    const choice = chooseVersion(person('DGSI', 'TOP SECRET', [], false), agency('DGSI', 'FRA'), versions.slice(0, 4), at);
    expect(choice).toEqual({
      allowed: false,
      reasons: [{ kind: 'suspended' }, { kind: 'compartment', missing: ['SI'] }, { kind: 'ceo', agencyId: 'DGSI', country: 'FRA' }],
    });
  });

  it('refuses an empty list of versions and names a version whose marking is bad', () => {
    expect(() => chooseVersion(person('PCO', 'SECRET'), agency('PCO', 'CAN'), [], at)).toThrow(PolicyError);
    expect(() => chooseVersion(person('PCO', 'SECRET'), agency('PCO', 'CAN'), [{ ...versions[0]!, marking: 'SEKRET' }], at)).toThrow(
      /product IA-2022-031 version 1: unknown token "SEKRET"/,
    );
  });
});
