/**
 * `npm run bench -- serve --json [--engine sqlite|postgres] [--batch 500] [--event-requests 200]
 * [--reads 2000] [--connections 2] [--warm-up 5]`: the HTTP API under load from autocannon, against a server
 * on 127.0.0.1 in this process (so load generator and server share the machine's cores).
 *
 * - events/s ingested through POST /api/v1/events in batches, with the p99 latency of a batch
 *   request (each batch is one transaction with one ledger entry per event); beside it, the
 *   baseline: recordEvents called directly with the same batches, one after another, on a second
 *   database prepared the same way, so the ratio is what HTTP, JSON, validation and
 *   authentication cost on top of the write. Every request carries new events, as a collector's
 *   do (a body sent again would be recorded again, and pile events onto the same copies); the
 *   baseline writes the same ones into a database of the same size (it runs first, before the
 *   served database has grown, so neither side gets the smaller database);
 * - pathway reads/s through GET /api/v1/products/{id}/pathway with their p99 (each read is
 *   itself a ledger entry, so a read is a write transaction too).
 *
 * Why batches of 500 from 2 connections: an agency's system pushes its audit trail from one
 * collector, or two for redundancy, batching what a few seconds of activity produce; 500 events
 * make a body of ~100 KB. SQLite has a single writer, so a batch waits for every batch queued
 * before it: p99 ≈ (connections) × (time to write one batch). More connections or larger
 * batches raise throughput a little and p99 a lot, and would not be what a client does.
 *
 * Warm, as a server that has been up for a while is: before the timed requests each connection
 * sends `--warm-up` batches of its own (default 5, new events too), untimed, and the baseline
 * records the same batches first, untimed. A cold server's first batches compile the code and
 * fill its registry cache (app/registry-cache.ts): measured, the first request on each
 * connection took 70-74 ms on the server against 30-36 ms for the slowest after them, and with
 * two connections and 200 requests, p99 is the second slowest request.
 *
 * Bounded: a fixed number of requests, each run with a timeout, only to 127.0.0.1.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve } from '@hono/node-server';
import type { ServerType } from '@hono/node-server';
import { issueToken } from '../src/app/accounts/tokens.ts';
import { createUser } from '../src/app/accounts/users.ts';
import { loadKeyring } from '../src/app/crypto/keyring.ts';
import { recordEvents } from '../src/app/handling.ts';
import { importBundle } from '../src/app/import-bundle.ts';
import { ensureKeys } from '../src/app/keys.ts';
import { createServer } from '../src/server/create-server.ts';
import { handlingInputs } from '../src/server/routes/registry-writes.ts';
import type { Engine } from '../src/store/engine.ts';
import { createTestDatabase } from '../test/databases.ts';
import { generateBundle } from './generate-bundle.ts';
import { loadAverage, median } from './report.ts';
import type { Report } from './report.ts';

interface CannonResult {
  requests: { total: number; average: number };
  latency: { p99: number; average: number };
  duration: number;
  non2xx: number;
  errors: number;
  timeouts: number;
}
interface CannonOptions {
  url: string; method: 'GET' | 'POST'; connections: number; amount: number; timeout: number;
  headers: Record<string, string>; body?: string;
  /** Milliseconds between autocannon's samples; its result (and `duration`) waits for the next one after the last response. */
  sampleInt: number;
  /** Sent in turn by each connection. */
  requests?: { method: 'POST'; path: string; body: string }[];
}
type Autocannon = (options: CannonOptions) => Promise<CannonResult>;

// autocannon ships no types: check its shape once instead of casting.
function isAutocannon(value: unknown): value is Autocannon {
  return typeof value === 'function';
}

const preloaded = { people: 1000, products: 200, events: 20_000 };


/**
 * autocannon reports a run when its next sample is taken after the last response, and counts
 * the wait in `duration`: at its default of one sample a second, a run of 5–7 s was measured up
 * to a second long (events/s 14,025 to 19,802 from one run to the next on a quiet machine). At 10 ms
 * the wait is under 1% of a run.
 */
const sampleInt = 10;

function option(args: string[], name: string, fallback: string): string {
  const i = args.indexOf(name);
  return i >= 0 ? (args[i + 1] ?? fallback) : fallback;
}

async function listen(app: ReturnType<typeof createServer>): Promise<{ server: ServerType; base: string }> {
  const server = await new Promise<ServerType>((resolve) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
  });
  return { server, base: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

type BundleEvent = Omit<ReturnType<typeof generateBundle>['events'][number], 'id'>;

/** Batches of events on copies the preloaded bundle issued (same seed, later events), without client ids. */
function eventBatches(batch: number, count: number): BundleEvent[][] {
  const { events } = generateBundle({ ...preloaded, events: preloaded.events + batch * count });
  return Array.from({ length: count }, (_, b) => events.slice(preloaded.events + b * batch, preloaded.events + (b + 1) * batch).map(({ id: _id, ...e }) => e));
}

/** The baseline: recordEvents called directly with every batch, one after another, after the warm-up batches untimed; events/s. */
async function recordDirectly(engine: Engine, warmUp: readonly BundleEvent[][], batches: readonly BundleEvent[][]): Promise<number> {
  for (const events of warmUp) await recordEvents(engine, handlingInputs(events, 'api:bench'));
  // What the events route hands recordEvents for each body.
  const inputs = batches.map((events) => handlingInputs(events, 'api:bench'));
  let events = 0;
  const start = performance.now();
  for (const input of inputs) events += (await recordEvents(engine, input)).length;
  return events / ((performance.now() - start) / 1000);
}

/** The baseline's own database, prepared as the served one: events/s of recordEvents on it. */
async function baselineRate(engineName: 'sqlite' | 'postgres', warmUp: readonly BundleEvent[][], batches: readonly BundleEvent[][]): Promise<number> {
  const database = await createTestDatabase(engineName);
  const engine = await database.open();
  try {
    await importBundle(engine, generateBundle(preloaded), 'bench.json');
    return await recordDirectly(engine, warmUp, batches);
  } finally {
    await engine.close();
    await database.drop();
  }
}

async function prepare(engine: Engine, keyDirectory: string): Promise<string> {
  await importBundle(engine, generateBundle(preloaded), 'bench.json');
  const keyring = loadKeyring(keyDirectory, {});
  await createUser(engine, keyring, { username: 'bench', roles: ['originator'], totp: false }, new Date());
  return (await issueToken(engine, 'bench', ['originator'], new Date())).token;
}

export async function run(args: string[], report: Report): Promise<void> {
  const autocannon: unknown = createRequire(import.meta.url)('autocannon');
  if (!isAutocannon(autocannon)) throw new Error('autocannon did not load');
  const engineName = option(args, '--engine', 'sqlite') === 'postgres' ? 'postgres' : 'sqlite';
  const batch = Number(option(args, '--batch', '500'));
  const eventRequests = Number(option(args, '--event-requests', '200'));
  const reads = Number(option(args, '--reads', '2000'));
  const connections = Number(option(args, '--connections', '2'));
  const warmUpRequests = Number(option(args, '--warm-up', '5')) * connections;
  // Every request a batch of its own: connection c sends batches c, c + connections, …
  const perConnection = Math.ceil(eventRequests / connections);
  const all = eventBatches(batch, warmUpRequests + perConnection * connections);
  const warmUp = all.slice(0, warmUpRequests);
  const batches = all.slice(warmUpRequests);
  const direct = await baselineRate(engineName, warmUp, batches);
  const database = await createTestDatabase(engineName);
  const engine = await database.open();
  const keyDirectory = mkdtempSync(join(tmpdir(), 'waymark-bench-keys-'));
  ensureKeys(keyDirectory, 'bench');
  const { server, base } = await listen(createServer({ engine, keyDirectory }));
  try {
    const token = await prepare(engine, keyDirectory);
    const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    const cannon = (list: readonly BundleEvent[][], c: number) => autocannon({
      url: `${base}/api/v1/events`, method: 'POST', connections: 1, amount: Math.ceil(list.length / connections), timeout: 30, headers, sampleInt,
      requests: list.filter((_, b) => b % connections === c).map((events) => ({ method: 'POST', path: '/api/v1/events', body: JSON.stringify({ events }) })),
    });
    const warm = await Promise.all(Array.from({ length: connections }, (_, c) => cannon(warmUp, c)));
    if (warm.some((r) => r.non2xx + r.errors + r.timeouts > 0)) throw new Error('a warm-up request failed');
    const results = await Promise.all(Array.from({ length: connections }, (_, c) => cannon(batches, c)));
    const ok = results.reduce((n, r) => n + r.requests.total - r.non2xx - r.errors - r.timeouts, 0);
    const seconds = Math.max(...results.map((r) => r.duration));
    const rate = (ok * batch) / seconds;
    report({
      metric: 'events ingested', value: Math.round(rate), unit: 'events/s', engine: engineName,
      baseline: 'recordEvents called directly with the same batches, on a database prepared the same', baselineValue: Math.round(direct), ratio: Math.round((rate / direct) * 100) / 100,
      batch, connections, warmUpRequests, requests: ok, failed: results.reduce((n, r) => n + r.non2xx + r.errors + r.timeouts, 0), load: loadAverage(), note: 'aim 20,000 events/s',
    });
    report({
      metric: 'event batch p99 latency', value: Math.max(...results.map((r) => r.latency.p99)), unit: 'ms', engine: engineName, batch, connections,
      averageMs: median(results.map((r) => r.latency.average)), load: loadAverage(), note: `${batch} events per request; aim under 100 ms`,
    });
    const pathway = await autocannon({ url: `${base}/api/v1/products/P-0/pathway`, method: 'GET', connections: connections * 2, amount: reads, timeout: 30, sampleInt, headers: { authorization: `Bearer ${token}` } });
    const readsOk = pathway.requests.total - pathway.non2xx - pathway.errors - pathway.timeouts;
    report({ metric: 'pathway reads', value: Math.round(readsOk / pathway.duration), unit: 'reads/s', engine: engineName, connections: connections * 2, requests: readsOk, note: 'each read is also a ledger entry' });
    report({ metric: 'pathway read p99 latency', value: pathway.latency.p99, unit: 'ms', engine: engineName, load: loadAverage() });
  } finally {
    await new Promise((resolve) => server.close(resolve));
    await engine.close();
    await database.drop();
    rmSync(keyDirectory, { recursive: true, force: true });
  }
}
