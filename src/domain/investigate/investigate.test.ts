import { describe, expect, it } from 'vitest';
import type { Copy, HandlingAction, HandlingEvent, Person } from '../registry.ts';
import type { CopyAccusation, Holding, SourceMatch } from './input.ts';
import { attribute } from './investigate.ts';
import type { Candidate } from './investigate.ts';

const person = (id: string): Person => ({ id, name: id.toUpperCase(), agencyId: 'PCO', clearance: 'TOP SECRET', compartments: [], active: true, activeFrom: null, activeTo: null });
let nextId = 100;
const event = (copy: Copy, action: HandlingAction, at: string): HandlingEvent => ({
  id: nextId++, copyId: copy.id, productId: copy.productId, actorId: copy.recipientId, action, at, targetCopyId: null, detail: null, source: 'test', sourceRecordId: null,
});
function holding(productId: string, serial: number, who: string, actions: Array<[HandlingAction, string]>, version = 1, channel: Copy['channel'] = 'electronic'): Holding {
  const copy: Copy = { id: `${productId}.c${serial}`, productId, version, recipientId: who, parentCopyId: null, serial, issuedAt: '2022-10-02T09:00:00.000Z', channel };
  return { copy, recipient: person(who), copyLedgerIndex: serial, events: actions.map(([a, at]) => event(copy, a, at)) };
}

const published = '2023-02-17T06:00:00.000Z';
const source = (product: string, score = 0.95, versions: number[] = [], versionCount = 1): SourceMatch =>
  ({ product, score, versionCount, passages: [{ kind: 'verbatim', versions }] });

describe('attribute', () => {
  const leaker = holding('IA-1', 1, 'leaker', [['opened', '2022-10-04T08:00:00.000Z'], ['opened', '2023-02-13T19:47:00.000Z'], ['printed', '2023-02-13T19:52:00.000Z']]);
  const decoy = holding('IA-1', 2, 'decoy', [['opened', '2022-10-03T09:00:00.000Z'], ['printed', '2022-10-03T09:10:00.000Z']]);
  const idle = holding('IA-1', 3, 'idle', []);
  const paper = holding('IA-1', 4, 'paper', [], 1, 'paper');
  const destroyed = holding('IA-1', 5, 'shredder', [['opened', '2022-10-05T09:00:00.000Z'], ['destroyed', '2022-11-05T09:00:00.000Z']]);

  it('ranks the recent printer first, with each channel explained and cited in the ledger', () => {
    const result = attribute({ published, sources: [source('IA-1')], holdings: [leaker, decoy, idle, paper, destroyed], accusations: [] });
    expect(result.recipients).toBe(5);
    expect(result.candidates.map((c) => c.person)).toEqual(['leaker', 'decoy', 'paper', 'shredder', 'idle']);
    const top = result.candidates[0]!;
    expect(top.rank).toBe(1);
    expect(top.channels.timing).toBeGreaterThan(0);
    expect(top.evidence.find((e) => e.channel === 'timing')?.detail).toMatch(/printed IA-1\.c1 3 days before publication/);
    expect(top.evidence.find((e) => e.channel === 'timing' && /first activity/.test(e.detail))).toBeDefined();
    expect(top.evidence.find((e) => e.channel === 'access' && e.detail.startsWith('printed'))?.ledger).toEqual([leaker.events[2]!.id]);
    // Access and timing alone are never strong evidence: an innocent may print too.
    expect(result.candidates.every((c) => !c.strong)).toBe(true);
    expect(result.candidates.find((c) => c.person === 'idle')!.channels.access).toBeLessThan(0);
    expect(result.candidates.find((c) => c.person === 'paper')!.channels.access).toBe(0);
  });

  it('counts no print or open from more than half a year before publication', () => {
    const old = holding('IA-1', 6, 'old', [['opened', '2022-06-01T09:00:00.000Z'], ['printed', '2022-06-01T09:05:00.000Z']]);
    const result = attribute({ published, sources: [source('IA-1')], holdings: [leaker, decoy, old], accusations: [] });
    const of = (person: string): Candidate => result.candidates.find((c) => c.person === person)!;
    expect(of('old').evidence.filter((e) => e.channel === 'access')).toEqual([]);
    // The decoy printed 137 days before publication: still counted.
    expect(of('decoy').evidence.find((e) => e.channel === 'access' && e.detail.startsWith('printed'))).toBeDefined();
    expect(of('decoy').channels.access).toBeGreaterThan(of('old').channels.access);
  });

  it('names and cites only the actions in the window, and does not call a copy printed long ago and then destroyed unread', () => {
    const twice = holding('IA-1', 7, 'twice', [['printed', '2022-06-01T09:00:00.000Z'], ['printed', '2023-02-10T09:00:00.000Z']]);
    const kept = holding('IA-1', 8, 'kept', [['printed', '2022-06-01T09:00:00.000Z'], ['destroyed', '2022-07-01T09:00:00.000Z']]);
    const result = attribute({ published, sources: [source('IA-1')], holdings: [leaker, twice, kept], accusations: [] });
    const access = (person: string) => result.candidates.find((c) => c.person === person)!.evidence.filter((e) => e.channel === 'access');
    expect(access('twice').map((e) => [e.detail, e.ledger])).toEqual([['printed IA-1.c7 on 2023-02-10', [twice.events[1]!.id]]]);
    expect(access('kept')).toEqual([]);
  });

  it('makes a fingerprint accusation strong evidence and leaves everyone else below the threshold', () => {
    const accusations: CopyAccusation[] = [
      { copyId: 'IA-1.c2', productId: 'IA-1', score: 31, innocentBound: 1e-12, falseAccusationBound: 1e-9, accused: true, decoder: 'likelihood', slotsRead: 40, slotsAgreeing: 40, log10LikelihoodRatio: 11.7 },
      { copyId: 'IA-1.c1', productId: 'IA-1', score: -3, innocentBound: 0.9, falseAccusationBound: 1, accused: false, decoder: 'likelihood', slotsRead: 40, slotsAgreeing: 19, log10LikelihoodRatio: -6.3 },
    ];
    const result = attribute({ published, sources: [source('IA-1')], holdings: [leaker, decoy, idle], accusations });
    expect(result.candidates[0]).toMatchObject({ person: 'decoy', strong: true });
    // 10^11.7 is capped at 10^9.
    expect(result.candidates[0]!.channels.fingerprint).toBeCloseTo(9, 5);
    expect(result.candidates[0]!.evidence.find((e) => e.channel === 'fingerprint')?.detail).toMatch(/^40 of 40 slots read in the leak carry IA-1\.c2's symbol \(likelihood ratio 10\^9\.0; accused/);
    expect(result.candidates.filter((c) => c.strong).map((c) => c.person)).toEqual(['decoy']);
    expect(result.candidates.find((c) => c.person === 'leaker')!.channels.fingerprint).toBeCloseTo(-6.3, 5);
  });

  it('lets a few slots read tell the holders of one product apart, far below strong evidence', () => {
    // Three slots read; the decoy's copy carries all three symbols, the other holder's one.
    const few: CopyAccusation[] = [
      { copyId: 'IA-1.c2', productId: 'IA-1', score: 2.9, innocentBound: 0.04, falseAccusationBound: 1, accused: false, decoder: 'likelihood', slotsRead: 3, slotsAgreeing: 3, log10LikelihoodRatio: 0.57 },
      { copyId: 'IA-1.c1', productId: 'IA-1', score: -5, innocentBound: 1, falseAccusationBound: 1, accused: false, decoder: 'likelihood', slotsRead: 3, slotsAgreeing: 1, log10LikelihoodRatio: -0.7 },
    ];
    const result = attribute({ published, sources: [source('IA-1')], holdings: [leaker, decoy, idle], accusations: few });
    const weightOf = (person: string): number => result.candidates.find((c) => c.person === person)!.channels.fingerprint;
    expect(weightOf('decoy')).toBeCloseTo(0.57, 6);
    expect(weightOf('leaker')).toBeCloseTo(-0.7, 6);
    expect(weightOf('idle')).toBe(0);
    expect(result.candidates.some((c) => c.strong)).toBe(false);
  });

  it('gives no fingerprint evidence when no slot was read', () => {
    const none: CopyAccusation = { copyId: 'IA-1.c2', productId: 'IA-1', score: 0, innocentBound: 1, falseAccusationBound: 1, accused: false, decoder: 'likelihood', slotsRead: 0, slotsAgreeing: 0, log10LikelihoodRatio: 0 };
    const result = attribute({ published, sources: [source('IA-1')], holdings: [leaker, decoy, idle], accusations: [none] });
    expect(result.candidates.every((c) => c.evidence.every((e) => e.channel !== 'fingerprint'))).toBe(true);
  });

  it('nearly excludes whoever received only a version that lacks a leaked passage', () => {
    const tearline = holding('IA-2', 1, 'partner', [['printed', '2023-02-15T10:00:00.000Z']], 2);
    const full = holding('IA-2', 2, 'insider', [['opened', '2023-01-20T10:00:00.000Z']], 1);
    const result = attribute({ published, sources: [source('IA-2', 0.9, [1], 2)], holdings: [tearline, full], accusations: [] });
    expect(result.candidates[0]!.person).toBe('insider');
    const partner = result.candidates.find((c) => c.person === 'partner')!;
    expect(partner.channels.version).toBeCloseTo(Math.log10(0.02), 5);
    expect(partner.evidence.find((e) => e.channel === 'version')?.detail).toMatch(/lacks 1 of the 1 matched passages/);
  });

  it('can put two co-leakers at the top when an article draws on two people\'s copies', () => {
    const a = holding('IA-3', 1, 'alice', [['printed', '2023-02-14T10:00:00.000Z']]);
    const b = holding('IA-4', 1, 'bob', [['downloaded', '2023-02-15T10:00:00.000Z']]);
    const bothIdle = [holding('IA-3', 2, 'carol', [['opened', '2022-10-10T10:00:00.000Z']]), holding('IA-4', 2, 'carol', [['opened', '2022-10-11T10:00:00.000Z']])];
    const result = attribute({ published, sources: [source('IA-3'), source('IA-4')], holdings: [a, b, ...bothIdle], accusations: [] });
    expect(result.candidates.slice(0, 2).map((c) => c.person).sort()).toEqual(['alice', 'bob']);
  });

  it('ignores copies issued after publication and products that were not matched', () => {
    const late = { ...holding('IA-1', 9, 'late', []), copy: { ...holding('IA-1', 9, 'late', []).copy, issuedAt: '2023-03-01T00:00:00.000Z' } };
    const other = holding('IA-9', 1, 'other', [['printed', '2023-02-16T00:00:00.000Z']]);
    const result = attribute({ published, sources: [source('IA-1')], holdings: [leaker, late, other], accusations: [] });
    expect(result.candidates.map((c) => c.person)).toEqual(['leaker']);
  });
});
