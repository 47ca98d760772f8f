/**
 * Encryption at rest of classified texts (issue 9), on both engines, on the demo scenario with a
 * case: the raw rows, read with plain SQL, hold no product body, leak text, case note or
 * bulletin; everything reads back identically through rotation and after the retired key is
 * removed; a tampered or moved ciphertext is refused by name, never quoting the text; and a
 * database whose texts an earlier version stored as plaintext is sealed by `waymark init`.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { listBulletinsFor, publishBulletin } from '../src/app/bulletins.ts';
import { addCaseNote, readCase } from '../src/app/cases.ts';
import { showCopy } from '../src/app/copy-text.ts';
import { CryptoError, sealedKeyId } from '../src/app/crypto/envelope.ts';
import { loadKeyring, rotateDataKeyFile } from '../src/app/crypto/keyring.ts';
import { leakedProductId } from '../src/app/demo/leaked-product.ts';
import { buildDemoScenario } from '../src/app/demo/scenario.ts';
import { initialiseStore } from '../src/app/initialise.ts';
import { verifyLedger } from '../src/app/ledger/verify-ledger.ts';
import { buildMatchIndex } from '../src/app/match.ts';
import { resealFields } from '../src/app/reseal-fields.ts';
import { openText, readVersions } from '../src/app/sealed-texts.ts';
import type { SealedText } from '../src/app/sealed-texts.ts';
import { reloadKeyring } from '../src/app/secrets.ts';
import { stripAuthorSyntax } from '../src/domain/fingerprint/author-alternatives.ts';
import type { Engine } from '../src/store/engine.ts';
import { migrate } from '../src/store/migrations.ts';
import { openStore } from '../src/store/open-store.ts';
import { closeCaseFixture, fixtureNow, openCaseFixture } from './cases/case-fixture.ts';
import type { CaseFixture } from './cases/case-fixture.ts';
import { runWaymark } from './cli.ts';
import { describeEachEngine } from './engines.ts';

const noteText = 'Source K. met the journalist twice in January; phone records requested from the carrier.';
const bulletinText = 'Staff are reminded that the nomination-contest assessment remains SECRET and must not be discussed.';

/** Every row of every table, as plain SQL returns it: what someone holding only the database sees. */
async function rawDump(engine: Engine): Promise<string> {
  const tables = (await engine.db.introspection.getTables()).map((t) => t.name).sort();
  const parts: string[] = [];
  for (const table of tables) {
    const rows = await sql<Record<string, unknown>>`select * from ${sql.table(table)}`.execute(engine.db);
    for (const row of rows.rows) parts.push(Object.values(row).map((v) => (Buffer.isBuffer(v) ? '' : String(v))).join('\u0001'));
  }
  return parts.join('\n');
}

/** Sentences of every demo product body, long enough that finding one means the text is there. */
function bodySentences(): string[] {
  return buildDemoScenario().bundle.products.flatMap((p) => stripAuthorSyntax(p.body).split(/(?<=[.!?])\s+|\n+/))
    .map((s) => s.replace(/^\([A-Z/ ,]+\)\s*/, '').trim()).filter((s) => s.length >= 40);
}

async function count(engine: Engine, table: 'product_versions' | 'fingerprint_codes'): Promise<number> {
  return Number((await engine.db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
}

/** The sealed columns as stored, each value with the record it belongs to. */
async function sealedValues(engine: Engine): Promise<{ what: string; value: string }[]> {
  const db = engine.db;
  const out: { what: string; value: string }[] = [];
  for (const r of await db.selectFrom('product_versions').select(['product_id', 'version', 'body']).execute()) out.push({ what: `version ${r.product_id}:${r.version}`, value: r.body });
  for (const r of await db.selectFrom('fingerprint_codes').select(['product_id', 'version', 'slots', 'code']).execute()) {
    out.push({ what: `slots ${r.product_id}:${r.version}`, value: r.slots }, { what: `code ${r.product_id}:${r.version}`, value: r.code });
  }
  for (const r of await db.selectFrom('copies').select(['id', 'codeword']).where('codeword', 'is not', null).execute()) out.push({ what: `codeword ${r.id}`, value: r.codeword ?? '' });
  for (const r of await db.selectFrom('cases').select(['id', 'leak_text']).execute()) out.push({ what: `leak ${r.id}`, value: r.leak_text });
  for (const r of await db.selectFrom('case_notes').select(['id', 'text']).execute()) out.push({ what: `note ${r.id}`, value: r.text });
  for (const r of await db.selectFrom('bulletins').select(['id', 'text']).execute()) out.push({ what: `bulletin ${r.id}`, value: r.text });
  return out;
}

describeEachEngine('sealed texts at rest', (engineName) => {
  let fixture: CaseFixture;
  let leaker: string;
  let recipients: string[];
  /** What every read path shows before anything is rotated or tampered with. */
  let before: Awaited<ReturnType<typeof snapshot>>;

  async function snapshot(engine: Engine) {
    const copies: Record<string, string> = {};
    for (const recipient of recipients) copies[recipient] = (await showCopy(engine, leakedProductId, recipient)).text;
    const record = await readCase(engine, fixture.result.case);
    return {
      copies, versions: await readVersions(engine, leakedProductId), leakText: record.leakText, notes: record.notes,
      bulletins: await listBulletinsFor(engine, leaker, fixtureNow, fixture.result.case),
    };
  }

  beforeAll(async () => {
    fixture = await openCaseFixture(engineName());
    const scenario = buildDemoScenario();
    leaker = scenario.leaker;
    recipients = [...new Set(scenario.bundle.disseminations.filter((d) => d.product === leakedProductId).flatMap((d) => d.recipients))].slice(0, 4);
    await addCaseNote(fixture.engine, fixture.result.case, 'investigator-1', noteText, fixtureNow);
    await addCaseNote(fixture.engine, fixture.result.case, 'investigator-1', 'A second note.', fixtureNow);
    await publishBulletin(fixture.engine, { caseId: fixture.result.case, marking: 'UNCLASSIFIED', text: bulletinText, author: 'investigator-1', at: fixtureNow });
    before = await snapshot(fixture.engine);
  });
  afterAll(async () => closeCaseFixture(fixture));

  it('stores no product body, leak text, case note or bulletin as plaintext, yet reads each back', async () => {
    const dump = await rawDump(fixture.engine);
    const sentences = bodySentences();
    expect(sentences.length).toBeGreaterThan(50);
    for (const sentence of sentences) expect(dump.includes(sentence), sentence).toBe(false);
    const leakLines = fixture.leakText.split('\n').filter((l) => l.length >= 40);
    for (const line of [...leakLines, noteText, bulletinText]) expect(dump.includes(line), line).toBe(false);
    expect(before.leakText).toBe(fixture.leakText);
    expect(before.notes.map((n) => n.text)).toEqual([noteText, 'A second note.']);
    expect(before.bulletins.map((b) => b.text)).toEqual([bulletinText]);
    expect(before.versions[0]?.body).toContain('Greater Toronto Area');
    for (const text of Object.values(before.copies)) expect(text).toContain('Greater Toronto Area');
    // The investigation matched the leak against the opened bodies, and the index builds from them.
    expect(fixture.result.sources[0]?.product).toBe(leakedProductId);
    expect((await buildMatchIndex(fixture.engine)).sentenceCount).toBeGreaterThan(100);
  });

  it('`copy show` is byte-identical before and after `keys rotate`, and `ledger verify` passes after it', async () => {
    const args = ['--db', fixture.url];
    const shown = await runWaymark([...args, 'copy', 'show', '--product', leakedProductId, '--recipient', leaker]);
    expect(shown.status).toBe(0);
    expect(shown.stdout).toBe(before.copies[leaker]);
    const rotated = await runWaymark([...args, '--json', 'keys', 'rotate', '--batch', '7']);
    expect(rotated.status, rotated.stderr).toBe(0);
    const { current, columns } = JSON.parse(rotated.stdout) as { current: string; columns: Record<string, number> };
    expect(columns).toMatchObject({ 'product_versions.body': await count(fixture.engine, 'product_versions'), 'cases.leak_text': 1, 'case_notes.text': 2, 'bulletins.text': 1 });
    expect((await runWaymark([...args, 'copy', 'show', '--product', leakedProductId, '--recipient', leaker])).stdout).toBe(shown.stdout);
    // This process still holds the old keyring: it meets the new key id, reloads, and reads on.
    expect(await snapshot(fixture.engine)).toEqual(before);
    for (const { what, value } of await sealedValues(fixture.engine)) expect(sealedKeyId(value), what).toBe(current);
    const verified = await runWaymark([...args, 'ledger', 'verify']);
    expect(verified.status, verified.stdout + verified.stderr).toBe(0);
  });

  it('reads both key ids mid-rotation, re-seals every row in batches, and reads on with the retired key removed', async () => {
    const old = loadKeyring(fixture.keys, {}).current.id;
    const { current } = rotateDataKeyFile(fixture.keys);
    reloadKeyring(fixture.engine);
    // Written under the new key while everything else is still under the old one.
    await addCaseNote(fixture.engine, fixture.result.case, 'investigator-1', 'A third note.', fixtureNow);
    const mixed = new Set((await sealedValues(fixture.engine)).map((v) => sealedKeyId(v.value)));
    expect(mixed).toEqual(new Set([old, current.id]));
    expect((await readCase(fixture.engine, fixture.result.case)).notes.map((n) => n.text)).toEqual([noteText, 'A second note.', 'A third note.']);
    const generation = async () => (await fixture.engine.db.selectFrom('ledger_head').select('registry_generation').executeTakeFirstOrThrow()).registry_generation;
    const generationBefore = await generation();
    const result = await resealFields(fixture.engine, loadKeyring(fixture.keys, {}), { batchSize: 5 });
    expect(result.resealed['case_notes.text']).toBe(2);
    // Version bodies rewritten: a process's cached products (app/registry-cache.ts) are stale.
    expect(result.resealed['product_versions.body']).toBeGreaterThan(0);
    expect(await generation()).toBeGreaterThan(generationBefore);
    expect((await resealFields(fixture.engine, loadKeyring(fixture.keys, {}), { batchSize: 5 })).total).toBe(0);
    for (const { what, value } of await sealedValues(fixture.engine)) expect(sealedKeyId(value), what).toBe(current.id);
    rmSync(join(fixture.keys, 'retired-data-keys'), { recursive: true, force: true });
    const fresh = await openStore(fixture.url);
    try {
      expect(loadKeyring(fixture.keys, {}).all.map((k) => k.id)).toEqual([current.id]);
      const after = await snapshot(fresh);
      expect(after.copies).toEqual(before.copies);
      expect(after.versions).toEqual(before.versions);
      expect(after.leakText).toBe(before.leakText);
      expect(after.bulletins).toEqual(before.bulletins);
      expect((await verifyLedger(fresh, fixture.url)).ok).toBe(true);
    } finally {
      await fresh.close();
    }
  });

  it('refuses a tampered or moved ciphertext with a clear error that names the record and quotes no text', async () => {
    const db = fixture.engine.db;
    const [v1, v2] = await db.selectFrom('product_versions').select(['product_id', 'version', 'body']).orderBy('product_id').limit(2).execute();
    const leaked = await db.selectFrom('product_versions').select('body').where('product_id', '=', leakedProductId).where('version', '=', 1).executeTakeFirstOrThrow();
    const refusal = async (read: () => Promise<unknown>): Promise<CryptoError> => {
      const error = await read().then(() => null, (e: unknown) => e);
      expect(error).toBeInstanceOf(CryptoError);
      const message = (error as CryptoError).message;
      for (const sentence of bodySentences()) expect(message.includes(sentence)).toBe(false);
      expect(message).not.toContain(noteText);
      return error as CryptoError;
    };
    const setBody = (productId: string, version: number, body: string) =>
      db.updateTable('product_versions').set({ body }).where('product_id', '=', productId).where('version', '=', version).execute();

    // One flipped bit in the ciphertext.
    const parts = leaked.body.split(':');
    const bytes = Buffer.from(parts[3]!, 'base64url');
    bytes[5]! ^= 1;
    await setBody(leakedProductId, 1, [...parts.slice(0, 3), bytes.toString('base64url')].join(':'));
    const flipped = await refusal(() => showCopy(fixture.engine, leakedProductId, leaker));
    expect(flipped.code).toBe('DECRYPT_FAILED');
    expect(flipped.message).toMatch(new RegExp(`^product ${leakedProductId} version 1: body: .*failed authentication`));
    const verify = await verifyLedger(fixture.engine, fixture.url);
    expect(verify.ok).toBe(false);
    expect(verify.problem).toMatchObject({ ref: `version:${leakedProductId}:1` });
    expect(verify.problem?.detail).toMatch(/failed authentication/);
    const cli = await runWaymark(['--db', fixture.url, 'copy', 'show', '--product', leakedProductId, '--recipient', leaker]);
    expect(cli.status).toBe(1);
    expect(cli.stderr.trim().split('\n')).toHaveLength(1);
    expect(cli.stderr).toMatch(/failed authentication/);

    // Another product's valid ciphertext moved into this row.
    await setBody(leakedProductId, 1, v1!.body === leaked.body ? v2!.body : v1!.body);
    expect((await refusal(() => readVersions(fixture.engine, leakedProductId))).code).toBe('DECRYPT_FAILED');
    // Plaintext put where a sealed text belongs (not tagged by migration 0008).
    await setBody(leakedProductId, 1, 'Plain words where a sealed body belongs.');
    expect((await refusal(() => readVersions(fixture.engine, leakedProductId))).code).toBe('BAD_ENVELOPE');
    await setBody(leakedProductId, 1, leaked.body);
    expect(await readVersions(fixture.engine, leakedProductId)).toEqual(before.versions);

    // Two notes of the case swapped.
    const notes = await db.selectFrom('case_notes').select(['id', 'text']).where('case_id', '=', fixture.result.case).orderBy('id').execute();
    const [a, b] = notes;
    await db.updateTable('case_notes').set({ text: b!.text }).where('id', '=', a!.id).execute();
    await db.updateTable('case_notes').set({ text: a!.text }).where('id', '=', b!.id).execute();
    const swapped = await refusal(() => readCase(fixture.engine, fixture.result.case));
    expect(swapped.message).toMatch(new RegExp(`^case ${fixture.result.case}: note ${a!.id}: `));
    await db.updateTable('case_notes').set({ text: a!.text }).where('id', '=', a!.id).execute();
    await db.updateTable('case_notes').set({ text: b!.text }).where('id', '=', b!.id).execute();
    expect((await readCase(fixture.engine, fixture.result.case)).notes[0]?.text).toBe(noteText);
  });

  it('seals, on `init`, the texts an earlier version stored as plaintext (tagged by migration 0008), reading them meanwhile', async () => {
    const engine = fixture.engine;
    const db = engine.db;
    // Put the database back as a version before 0008 left it: every text in plaintext.
    const unseal = (text: SealedText, stored: string): string => openText(engine, text, stored);
    for (const r of await db.selectFrom('product_versions').select(['product_id', 'version', 'body']).execute()) {
      const body = unseal({ kind: 'version-body', productId: r.product_id, version: r.version }, r.body);
      await db.updateTable('product_versions').set({ body }).where('product_id', '=', r.product_id).where('version', '=', r.version).execute();
    }
    for (const r of await db.selectFrom('fingerprint_codes').select(['product_id', 'version', 'slots']).execute()) {
      const slots = unseal({ kind: 'fingerprint-slots', productId: r.product_id, version: r.version }, r.slots);
      await db.updateTable('fingerprint_codes').set({ slots }).where('product_id', '=', r.product_id).where('version', '=', r.version).execute();
    }
    for (const r of await db.selectFrom('cases').select(['id', 'leak_text']).execute()) {
      await db.updateTable('cases').set({ leak_text: unseal({ kind: 'leak-text', caseId: r.id }, r.leak_text) }).where('id', '=', r.id).execute();
    }
    for (const r of await db.selectFrom('case_notes').select(['id', 'case_id', 'text']).execute()) {
      await db.updateTable('case_notes').set({ text: unseal({ kind: 'case-note', caseId: r.case_id, noteId: Number(r.id) }, r.text) }).where('id', '=', r.id).execute();
    }
    for (const r of await db.selectFrom('bulletins').select(['id', 'case_id', 'text']).execute()) {
      await db.updateTable('bulletins').set({ text: unseal({ kind: 'bulletin', caseId: r.case_id, bulletinId: Number(r.id) }, r.text) }).where('id', '=', r.id).execute();
    }
    const sentence = bodySentences()[0]!;
    expect((await rawDump(engine)).includes(sentence)).toBe(true);
    await sql`delete from kysely_migration where name = '0008-sealed-texts'`.execute(db);

    await migrate(engine);
    const tagged = await db.selectFrom('product_versions').select('body').execute();
    expect(tagged.every((r) => r.body.startsWith('wm0:'))).toBe(true);
    expect(await snapshot(engine)).toMatchObject({ copies: before.copies, versions: before.versions, leakText: before.leakText, bulletins: before.bulletins });

    const init = await initialiseStore(engine, fixture.url);
    // Every version and every version's slots, one leak text, three notes and one bulletin.
    expect(init.sealed).toBe((await count(engine, 'product_versions')) + (await count(engine, 'fingerprint_codes')) + 1 + 3 + 1);
    const dump = await rawDump(engine);
    for (const s of bodySentences()) expect(dump.includes(s), s).toBe(false);
    expect(dump.includes(noteText)).toBe(false);
    expect(dump).not.toMatch(/(^|\u0001)wm0:/m);
    expect((await initialiseStore(engine, fixture.url)).sealed).toBe(0);
    expect(await snapshot(engine)).toMatchObject({ copies: before.copies, versions: before.versions, leakText: before.leakText, bulletins: before.bulletins });
    expect((await verifyLedger(engine, fixture.url)).ok).toBe(true);
  });
});
