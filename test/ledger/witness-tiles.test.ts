import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { latestCheckpoint, logVerifierKey, publishCheckpoint } from '../../src/app/ledger/checkpoints.ts';
import { exportTiles } from '../../src/app/ledger/export-tiles.ts';
import { consistencyFrom } from '../../src/app/ledger/proofs.ts';
import { readLedgerResource } from '../../src/app/ledger/serve-tiles.ts';
import { addWitnessedLog, cosignLog, handleAddCheckpoint } from '../../src/app/ledger/witness.ts';
import { initWitness } from '../../src/app/ledger/witness-state.ts';
import { verifyTilesDirectory } from '../../src/app/verify-tiles.ts';
import { encodeBase64 } from '../../src/domain/ledger/base64.ts';
import { openNote } from '../../src/domain/ledger/note.ts';
import { parseVerifierKey } from '../../src/domain/ledger/note-key.ts';
import { parseCosignatureVerifierKey } from '../../src/domain/ledger/witness.ts';
import { describeEachEngine } from '../engines.ts';
import { smallBundle } from '../fixtures.ts';
import { closeLedgerFixture, load, moreEvents, openLedgerFixture } from './helpers.ts';
import type { LedgerFixture } from './helpers.ts';

const temp = (prefix: string) => mkdtempSync(join(tmpdir(), prefix));

describeEachEngine('ledger witnesses and tiles', (engine) => {
  let fixture: LedgerFixture;
  beforeEach(async () => {
    fixture = await openLedgerFixture(engine());
    await load(fixture.engine, smallBundle());
    await load(fixture.engine, moreEvents(290));
  });
  afterEach(async () => closeLedgerFixture(fixture));

  it('cosigns, cosigns again after growth with a consistency proof, and prints the cosignature under the log signature', async () => {
    const dir = temp('waymark-witness-');
    const { vkey } = initWitness(dir, 'witness.test/w1');
    await publishCheckpoint(fixture.engine, fixture.url);
    expect(await cosignLog(fixture.engine, fixture.url, dir)).toMatchObject({ size: 306, previousSize: 0 });
    await load(fixture.engine, moreEvents(10, 9));
    const published = await publishCheckpoint(fixture.engine, fixture.url);
    expect(published).toMatchObject({ signed: true, checkpoint: { size: 316 } });
    expect(await cosignLog(fixture.engine, fixture.url, dir)).toMatchObject({ size: 316, previousSize: 306 });
    const note = (await publishCheckpoint(fixture.engine, fixture.url)).cosigned;
    const logKey = parseVerifierKey(await logVerifierKey(fixture.engine, fixture.url));
    const opened = openNote(note, [logKey, parseCosignatureVerifierKey(vkey)]);
    expect(opened.verified.map((s) => s.name)).toEqual([logKey.name, 'witness.test/w1']);
  });

  it('refuses a split view: a checkpoint from another database with the same key and origin', async () => {
    const dir = temp('waymark-witness-');
    initWitness(dir, 'witness.test/w2');
    await publishCheckpoint(fixture.engine, fixture.url);
    await cosignLog(fixture.engine, fixture.url, dir);
    const origin = (await latestCheckpoint(fixture.engine)).checkpoint.origin;
    // The same signing key, the same origin, another history (and its own checkpoint file).
    const fork = await openLedgerFixture(engine(), temp('waymark-keys-'));
    try {
      writeFileSync(join(fork.keys, 'ledger-signing.seed'), readFileSync(join(fixture.keys, 'ledger-signing.seed')));
      await fork.engine.db.updateTable('meta').set({ value: origin }).where('key', '=', 'origin').execute();
      const bundle = smallBundle();
      bundle.events = bundle.events?.slice(0, 3);
      await load(fork.engine, bundle);
      await load(fork.engine, moreEvents(300, 3));
      await publishCheckpoint(fork.engine, fork.url);
      await expect(cosignLog(fork.engine, fork.url, dir)).rejects.toMatchObject({ code: 'SPLIT_VIEW', message: expect.stringMatching(/split view/) });
    } finally {
      await closeLedgerFixture(fork);
    }
  });

  it('answers HTTP add-checkpoint requests per C2SP tlog-witness', async () => {
    const dir = temp('waymark-witness-');
    initWitness(dir, 'witness.test/w3');
    const first = await publishCheckpoint(fixture.engine, fixture.url);
    expect((await handleAddCheckpoint(dir, `old 0\n\n${first.note}`)).status).toBe(404);
    addWitnessedLog(dir, first.checkpoint.origin, await logVerifierKey(fixture.engine, fixture.url));
    const accepted = await handleAddCheckpoint(dir, `old 0\n\n${first.note}`);
    expect(accepted.status).toBe(200);
    expect(accepted.body).toMatch(/^\u2014 witness\.test\/w3 /);
    await load(fixture.engine, moreEvents(10, 9));
    const next = await publishCheckpoint(fixture.engine, fixture.url);
    const proof = (await consistencyFrom(fixture.engine.db, first.checkpoint.size, next.checkpoint.size)).proof.map(encodeBase64);
    expect(await handleAddCheckpoint(dir, `old 5\n${proof.join('\n')}\n\n${next.note}`)).toMatchObject({ status: 409, body: '306\n', contentType: 'text/x.tlog.size' });
    const bad = [...proof.slice(1), proof[0]!];
    expect((await handleAddCheckpoint(dir, `old 306\n${bad.join('\n')}\n\n${next.note}`)).status).toBe(422);
    expect((await handleAddCheckpoint(dir, `old 306\n${proof.join('\n')}\n\n${next.note}`)).status).toBe(200);
    expect((await handleAddCheckpoint(dir, 'no blank line')).status).toBe(400);
  });

  it('exports tiles that verify, and a flipped byte fails; the HTTP resources are the same bytes', async () => {
    const dir = temp('waymark-tiles-');
    const result = await exportTiles(fixture.engine, fixture.url, dir);
    expect(result).toMatchObject({ size: 306, tiles: 3, bundles: 2 });
    const vkey = await logVerifierKey(fixture.engine, fixture.url);
    expect(verifyTilesDirectory(dir, vkey)).toMatchObject({ ok: true, entries: 306 });
    for (const path of ['tile/0/000', 'tile/0/001.p/50', 'tile/entries/001.p/50', 'checkpoint']) {
      const served = await readLedgerResource(fixture.engine, path);
      expect(Buffer.from(served!.body)).toEqual(readFileSync(join(dir, path)));
      expect(served!.immutable).toBe(path === 'tile/0/000');
    }
    expect(await readLedgerResource(fixture.engine, 'tile/0/002')).toBeNull();
    await expect(readLedgerResource(fixture.engine, 'tile/0/1')).rejects.toMatchObject({ code: 'BAD_PATH' });
    for (const path of ['tile/0/001.p/50', 'tile/entries/000', 'tile/1/000.p/1']) {
      const file = join(dir, path);
      const original = readFileSync(file);
      const flipped = Buffer.from(original);
      flipped[7] = flipped[7]! ^ 0x01;
      writeFileSync(file, flipped);
      expect(verifyTilesDirectory(dir, vkey)).toMatchObject({ ok: false });
      writeFileSync(file, original);
    }
  });
});
