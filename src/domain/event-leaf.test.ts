import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { eventEntry } from './entries.ts';
import { eventLeafBody } from './event-leaf.ts';
import { canonicalJson } from './ledger/canonical-json.ts';
import { handlingActions } from './registry.ts';
import type { HandlingEvent } from './registry.ts';

/** Any UTF-16 text, lone surrogates and control characters included. */
const anyText = fc.string({ unit: fc.oneof(fc.constantFrom('\uD800', '\uDC00', '\uD83D\uDE00', '\u0000', '\u001f', '"', '\\', '\u2028', 'é'), fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c))), maxLength: 12 });

const anyEvent: fc.Arbitrary<HandlingEvent> = fc.record({
  id: fc.nat(), copyId: anyText, productId: anyText, actorId: anyText, action: fc.constantFrom(...handlingActions), at: anyText,
  targetCopyId: fc.option(anyText), detail: fc.option(anyText), source: anyText, sourceRecordId: fc.option(anyText),
});

const outcome = (f: () => string): string => {
  try {
    return f();
  } catch (error) {
    return `throws ${error instanceof Error ? error.message : String(error)}`;
  }
};

describe('eventLeafBody', () => {
  it('is canonicalJson of the event entry, byte for byte, for any text (and refuses what it refuses)', () => {
    fc.assert(fc.property(anyEvent, (event) => {
      expect(outcome(() => eventLeafBody(event))).toBe(outcome(() => canonicalJson(eventEntry(event).body)));
    }), { numRuns: 2_000 });
  });

  it('writes an ordinary event without falling back', () => {
    const event: HandlingEvent = {
      id: 7, copyId: 'IA-1.c2', productId: 'IA-1', actorId: 'p1', action: 'opened', at: '2023-01-02T03:04:05.000Z',
      targetCopyId: null, detail: 'FileAccessed', source: 'm365', sourceRecordId: 'abc',
    };
    expect(eventLeafBody(event)).toBe('{"action":"opened","actor":"p1","at":"2023-01-02T03:04:05.000Z","copy":"IA-1.c2","detail":"FileAccessed","kind":"event.recorded","product":"IA-1","source":"m365","sourceRecord":"abc","target":null,"v":1}');
  });
});
