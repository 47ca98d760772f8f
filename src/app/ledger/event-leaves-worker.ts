/**
 * A worker thread of event-leaves-pool.ts: opens the database at workerData.url on its own
 * connection and checks the event entries of the batches it is sent (event-leaves.ts), one at a
 * time, in the order sent. The leaf hashes go back transferred, not copied.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { openStore } from '../../store/open-store.ts';
import { eventLeavesChecker } from './event-leaves-in-database.ts';
import type { EventLeavesReply, EventLeavesRequest } from './event-leaves-pool.ts';

const port = parentPort;
const data: unknown = workerData;
if (port === null || typeof data !== 'object' || data === null || !('url' in data) || typeof data.url !== 'string') {
  throw new Error('event-leaves-worker.ts runs as a worker thread given the database URL');
}

// The schema is the parent's to migrate: a worker only reads.
const engine = await openStore(data.url, { migrate: false });
const events = await eventLeavesChecker(engine);
let queue = Promise.resolve();
port.postMessage({ ready: true } satisfies EventLeavesReply);

port.on('message', (request: EventLeavesRequest) => {
  queue = queue.then(() => answer(request));
});

async function answer(request: EventLeavesRequest): Promise<void> {
  if (request.kind === 'close') {
    await engine.close();
    port!.close();
    return;
  }
  let reply: EventLeavesReply;
  try {
    const found = await events.check(request.lo, request.hi);
    reply = found === undefined ? { id: request.id, intact: false } : { id: request.id, intact: true, leaves: found.leaves, gaps: found.gaps };
  } catch (error) {
    reply = { id: request.id, error: error instanceof Error ? error.message : String(error) };
  }
  port!.postMessage(reply, 'leaves' in reply ? [reply.leaves.buffer] : []);
}
