import { afterAll, beforeAll, expect, it } from 'vitest';
import { addCaseNote } from '../../src/app/cases.ts';
import { exportEvidencePackage, packageDigest, parseEvidencePackage, serializePackage, verifyEvidencePackage } from '../../src/app/evidence-package.ts';
import type { EvidencePackage } from '../../src/app/evidence-package.ts';
import { logVerifierKey } from '../../src/app/ledger/checkpoints.ts';
import { signNote } from '../../src/domain/ledger/note.ts';
import { signerFromSeed } from '../../src/domain/ledger/note-key.ts';
import { describeEachEngine } from '../engines.ts';
import { closeCaseFixture, fixtureNow, openCaseFixture } from './case-fixture.ts';
import type { CaseFixture } from './case-fixture.ts';

const encoder = new TextEncoder();

describeEachEngine('evidence package', (engineName) => {
  let fixture: CaseFixture;
  let text: string;
  let bytes: Uint8Array;
  let vkey: string;
  beforeAll(async () => {
    fixture = await openCaseFixture(engineName());
    await addCaseNote(fixture.engine, fixture.result.case, 'investigator-1', 'Interview of the first candidate scheduled.', fixtureNow);
    text = await exportEvidencePackage(fixture.engine, fixture.url, fixture.result.case);
    bytes = encoder.encode(text);
    vkey = await logVerifierKey(fixture.engine, fixture.url);
  });
  afterAll(async () => closeCaseFixture(fixture));

  it('verifies offline with the log key: checkpoint, every proof, the cited entries, the signature', () => {
    const result = verifyEvidencePackage(bytes, vkey);
    expect(result).toMatchObject({ valid: true, caseId: fixture.result.case, failures: [] });
    const cited = new Set(fixture.result.candidates.flatMap((c) => c.evidence.flatMap((e) => e.ledger)));
    expect(result.entries).toBe(cited.size + 2);
    expect(parse(text).case.notes).toMatchObject([{ author: 'investigator-1', text: 'Interview of the first candidate scheduled.' }]);
    expect(verifyEvidencePackage(bytes).valid).toBe(true);
  });

  it('fails after a single-byte change anywhere (sampled positions), naming what failed without quoting the leak', () => {
    // Evenly spread and random positions, plus the first character of every distinct key name.
    const keys = new Map<string, number>();
    for (const m of text.matchAll(/"([A-Za-z0-9]+)":/g)) if (!keys.has(m[1]!)) keys.set(m[1]!, encoder.encode(text.slice(0, m.index + 1)).length);
    const positions = [...new Set([...samplePositions(bytes.length, 300), ...keys.values()])];
    for (const position of positions) {
      for (const mask of [0x01, 0x20]) {
        const altered = Uint8Array.from(bytes);
        altered[position] = (altered[position] ?? 0) ^ mask;
        const result = verifyEvidencePackage(altered, vkey);
        if (result.valid) throw new Error(`a change at byte ${position} (mask ${mask}) went unnoticed`);
        expect(result.failures.length).toBeGreaterThan(0);
        for (const f of result.failures) expect(f).not.toMatch(/consular|Toronto/);
      }
    }
  });

  it('fails when an entry is removed, even with the digest recomputed, or when re-signed by another key', () => {
    const pkg = parse(text);
    const without = { ...pkg, entries: pkg.entries.slice(1) };
    const removed = verifyEvidencePackage(encoder.encode(serializePackage(without)), vkey);
    expect(removed.valid).toBe(false);
    expect(removed.failures).toEqual(expect.arrayContaining([expect.stringMatching(/does not hold it|case\.opened/), 'digest: does not match the package contents']));
    const redigested = { ...without, digest: packageDigest(without) };
    expect(verifyEvidencePackage(encoder.encode(serializePackage(redigested)), vkey).failures).toEqual(expect.arrayContaining([expect.stringMatching(/^signature: /)]));
    const forger = signerFromSeed(pkg.verifierKey.split('+')[0]!, new Uint8Array(32).fill(7));
    const rekeyed = { ...without, verifierKey: forger.verifierKey };
    const digest = packageDigest(rekeyed);
    const forged = { ...rekeyed, digest, signature: signNote(`waymark-evidence-package/v1\n${pkg.case.id}\nsha256:${digest}\n`, [forger]) };
    const result = verifyEvidencePackage(encoder.encode(serializePackage(forged)), vkey);
    expect(result.valid).toBe(false);
    expect(result.failures).toEqual(expect.arrayContaining(['verifierKey: the package names another key than the one given', expect.stringMatching(/^signature: note is not signed by any known key/)]));
  });

  it('refuses an entry that is not cited, and a result that no longer matches its case entry', () => {
    const pkg = parse(text);
    const duplicate = { ...pkg, entries: [...pkg.entries, pkg.entries[0]!] };
    expect(verifyEvidencePackage(encoder.encode(serializePackage({ ...duplicate, digest: packageDigest(duplicate) })), vkey).failures)
      .toEqual(expect.arrayContaining([expect.stringMatching(/appears twice/)]));
    const result = pkg.case.result;
    if (typeof result !== 'object' || result === null) throw new Error('no result');
    const edited = { ...pkg, case: { ...pkg.case, result: { ...result, recipients: 0 } } };
    expect(verifyEvidencePackage(encoder.encode(serializePackage({ ...edited, digest: packageDigest(edited) })), vkey).failures)
      .toEqual(expect.arrayContaining([expect.stringMatching(/case\.opened entry's result does not match/)]));
    const note = pkg.case.notes[0]!;
    const renoted = { ...pkg, case: { ...pkg.case, notes: [{ ...note, text: 'Nothing to see.' }] } };
    expect(verifyEvidencePackage(encoder.encode(serializePackage({ ...renoted, digest: packageDigest(renoted) })), vkey).failures)
      .toEqual([`note ${note.id}: does not match its case.note ledger entry`, 'signature: the signed text does not name this case and digest']);
  });
});

it('refuses what is not a package at all', () => {
  expect(verifyEvidencePackage(encoder.encode('not json')).failures).toEqual(['file: file is not valid JSON']);
  expect(verifyEvidencePackage(Uint8Array.of(0xff, 0xfe)).failures).toEqual(['file: the file is not valid UTF-8']);
  expect(verifyEvidencePackage(encoder.encode('{"format":1,"case":{}}')).failures).toEqual(['file: format is not a string']);
});

/** Evenly spread positions plus a few at random (seeded by position count). */
function samplePositions(length: number, count: number): number[] {
  const out = new Set<number>([0, length - 1, length - 2]);
  for (let i = 0; i < count; i++) out.add(Math.floor((i * length) / count));
  let x = 12345;
  for (let i = 0; i < count / 4; i++) {
    x = (x * 1103515245 + 12345) % 2 ** 31;
    out.add(x % length);
  }
  return [...out].sort((a, b) => a - b);
}

const parse = (text: string): EvidencePackage => parseEvidencePackage(text);
