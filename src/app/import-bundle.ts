/**
 * `waymark import bundle.json`: all or nothing. Shape errors, dangling references, bad times,
 * duplicate ids and refused recipients all fail the whole import with one message naming the
 * file, the record and the field; nothing of the bundle is written. A refused recipient is the
 * one thing recorded afterwards, in its own transaction: an attempt to send a product where it
 * may not go is a signal investigators want (issue 3).
 */
import { InputError, RefusedError } from '../domain/errors.ts';
import { parseClearance, PolicyError } from '../domain/marking/index.ts';
import { parseTime } from '../domain/time.ts';
import type { Engine } from '../store/engine.ts';
import { writeTransaction } from '../store/unit-of-work.ts';
import { bundleSchema, formatPath } from './bundle-schema.ts';
import type { Bundle } from './bundle-schema.ts';
import { disseminate, recordHandling } from './disseminate.ts';
import { registerAgency, registerPerson, registerProduct } from './register.ts';
import { RegistryState } from './registry-state.ts';
import { recordRefusal } from './refusal.ts';
import { productVersions } from './product-versions.ts';

export type ImportCounts = Record<'agencies' | 'people' | 'products' | 'disseminations' | 'copies' | 'events' | 'ledgerEntries', number>;

export type Progress = (done: number, total: number) => void;

/** Parses bundle text; throws InputError naming the file and, for JSON syntax, the line and column. */
export function parseBundle(text: string, file: string): Bundle {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new InputError('MALFORMED', `${file}: malformed JSON${jsonErrorPosition(text, error)}`);
  }
  const result = bundleSchema.safeParse(data);
  if (!result.success) {
    const issue = result.error.issues[0];
    const path = issue ? formatPath(issue.path) : '';
    const got = issue ? valueAt(data, issue.path) : undefined;
    const shown = typeof got === 'string' || typeof got === 'number' ? ` (got ${JSON.stringify(got)})` : '';
    throw new InputError('MALFORMED', `${file}: ${path || 'bundle'}: ${issue?.message ?? 'invalid'}${shown}`);
  }
  return result.data;
}

/** A clearance the policy knows (TOP SECRET, SECRET, RELIABILITY, …), as written. */
function clearanceAt(text: string, where: string): string {
  try {
    parseClearance(text);
    return text;
  } catch (error) {
    if (error instanceof PolicyError) throw new InputError('BAD_VALUE', `${where}: ${error.message}`, { cause: error });
    throw error;
  }
}

function valueAt(data: unknown, path: readonly PropertyKey[]): unknown {
  let value = data;
  for (const key of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = Reflect.get(value, key);
  }
  return value;
}

/** V8 gives no position for an unexpected token, but quotes this many characters either side of it. */
const V8_QUOTED_CONTEXT = 10;

function jsonErrorPosition(text: string, error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  // The quoted characters may be a product's title or body: locate them, and never repeat them.
  const token = /^Unexpected token (.+?), (\.\.\.)?"([^]*)"(?:\.\.\.)? is not valid JSON$/.exec(message);
  if (token) {
    const at = token[2] ? text.indexOf(token[3] ?? '') : -1;
    return at < 0 ? `: unexpected token ${token[1]} near the start` : `${lineColumn(text, at + V8_QUOTED_CONTEXT)}: unexpected token ${token[1]}`;
  }
  const match = /position (\d+)/.exec(message);
  if (!match) return `: ${message}`;
  return `${lineColumn(text, Number(match[1]))}: ${message.replace(/ in JSON at position \d+.*$/, '')}`;
}

function lineColumn(text: string, position: number): string {
  const before = text.slice(0, position);
  const line = before.split('\n').length;
  const column = before.length - before.lastIndexOf('\n');
  return ` at line ${line}, column ${column}`;
}

export async function importBundle(engine: Engine, bundle: Bundle, file: string, progress?: Progress): Promise<ImportCounts> {
  try {
    return await writeTransaction(engine, (unit) => writeBundle(unit, bundle, file, progress));
  } catch (error) {
    if (error instanceof RefusedError) await recordRefusal(engine, error);
    throw error;
  }
}

async function writeBundle(unit: Parameters<Parameters<typeof writeTransaction>[1]>[0], bundle: Bundle, file: string, progress?: Progress): Promise<ImportCounts> {
  const state = new RegistryState(unit);
  const total = bundle.agencies.length + bundle.people.length + bundle.products.length + bundle.disseminations.length + bundle.events.length;
  let done = 0;
  const tick = (): void => {
    done++;
    if (progress && (done % 1000 === 0 || done === total)) progress(done, total);
  };
  for (const [i, a] of bundle.agencies.entries()) {
    await registerAgency(unit, state, { id: a.id, name: a.name, country: a.country }, `${file}: agencies[${i}]`);
    tick();
  }
  for (const [i, p] of bundle.people.entries()) {
    const where = `${file}: people[${i}]`;
    await registerPerson(unit, state, {
      id: p.id, name: p.name, agencyId: p.agency, clearance: clearanceAt(p.clearance, `${where}.clearance`), compartments: p.compartments, active: p.active,
      activeFrom: p.activeFrom ? parseTime(p.activeFrom, `${where}.activeFrom`) : null,
      activeTo: p.activeTo ? parseTime(p.activeTo, `${where}.activeTo`) : null,
    }, where);
    tick();
  }
  for (const [i, p] of bundle.products.entries()) {
    const where = `${file}: products[${i}]`;
    const draft = { id: p.id, title: p.title, marking: p.marking, originator: p.originator, created: parseTime(p.created, `${where}.created`) };
    const versions = productVersions(draft, p.body, p.tearlines, where);
    await registerProduct(unit, state, { ...draft, marking: versions[0]?.marking ?? draft.marking }, versions, where);
    tick();
  }
  let copies = 0;
  for (const [i, d] of bundle.disseminations.entries()) {
    const where = `${file}: disseminations[${i}]`;
    copies += (await disseminate(unit, state, { productId: d.product, recipientIds: d.recipients, at: parseTime(d.at, `${where}.at`), channel: d.channel }, where)).length;
    tick();
  }
  for (const [i, e] of bundle.events.entries()) {
    const where = `${file}: events[${i}]`;
    const event = await recordHandling(unit, state, {
      productId: e.product, recipientId: e.recipient, actorId: e.actor ?? e.recipient, action: e.action,
      at: parseTime(e.at, `${where}.at`), toPersonId: e.to, detail: e.detail ?? null, source: 'bundle', sourceRecordId: e.id ?? null,
    }, where);
    if (event.targetCopyId) copies++;
    tick();
  }
  return {
    agencies: bundle.agencies.length, people: bundle.people.length, products: bundle.products.length,
    disseminations: bundle.disseminations.length, copies, events: bundle.events.length, ledgerEntries: unit.entriesWritten,
  };
}
