import type { Kysely } from 'kysely';
import * as Y from 'yjs';
import { UpdateLog } from '../server/collab/extensions/persistence.js';
import type { Database } from '../server/db/database.js';
import { type BenchClient, benchClient, until } from './client.js';
import { createAgreement, paragraphText, storedDoc, tokenFor } from './world.js';

/*
 * N documents × M clients, each client typing at a set rate (one keystroke per Yjs
 * transaction, an eighth of them backspaces) at random places in a shared paragraph.
 * Latency is measured from the keystroke to its arrival at every other client.
 */

export interface TypingOptions {
  docs: number;
  clients: number;
  /** Keystrokes per second per client. */
  rate: number;
  seconds: number;
}

export interface TypingResult {
  keystrokes: number;
  deliveries: number;
  deliveriesPerSecond: number;
  latencyMs: { p50: number; p99: number; max: number; samples: number };
  stored: { logBytesPerDoc: number; logRowsPerDoc: number; afterCompactionBytesPerDoc: number; commitsApprox: number };
}

function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

export async function runTyping(url: string, db: Kysely<Database>, userId: string, o: TypingOptions): Promise<TypingResult> {
  const sentAt = new Map<string, number>();
  const latencies: number[] = [];
  let deliveries = 0;
  let lastDelivery = 0;
  const docs: Array<{ id: string; clients: BenchClient[] }> = [];

  for (let d = 0; d < o.docs; d++) {
    const id = await createAgreement(db, `Bänkdokument ${d + 1}`);
    const token = await tokenFor(db, userId, id);
    const clients = Array.from({ length: o.clients }, () => benchClient(url, id, token));
    await Promise.all(clients.map((c) => c.synced()));
    clients[0]!.ensureParagraph();
    await until(() => clients.every((c) => c.text() !== null), 10_000, 'the first paragraph');
    for (const c of clients) {
      c.doc.on('update', (update: Uint8Array, origin: unknown) => {
        if (origin !== c.provider) return;
        const t = performance.now();
        deliveries++;
        lastDelivery = t;
        for (const struct of Y.decodeUpdate(update).structs) {
          const sent = sentAt.get(`${struct.id.client}:${struct.id.clock}`);
          if (sent !== undefined) latencies.push(t - sent);
        }
      });
    }
    docs.push({ id, clients });
  }

  let keystrokes = 0;
  const start = performance.now();
  const timers = docs.flatMap(({ clients }) =>
    clients.map((c) => {
      let n = 0;
      return setInterval(() => {
        const text = c.text()!;
        if (++n % 8 === 0 && text.length > 0) {
          c.doc.transact(() => text.delete(Math.floor(Math.random() * text.length), 1));
        } else {
          sentAt.set(`${c.doc.clientID}:${Y.getState(c.doc.store, c.doc.clientID)}`, performance.now());
          c.doc.transact(() => text.insert(Math.floor(Math.random() * (text.length + 1)), String.fromCharCode(97 + (n % 26))));
        }
        keystrokes++;
      }, 1000 / o.rate);
    }),
  );
  await new Promise((r) => setTimeout(r, o.seconds * 1000));
  for (const t of timers) clearInterval(t);
  for (const { clients } of docs) {
    await until(() => new Set(clients.map((c) => c.text()!.toString())).size === 1, 30_000, 'convergence');
  }
  const elapsedSeconds = (lastDelivery - start) / 1000;

  // Everything delivered is stored (durable before visible); measure it, then compact it.
  const log = new UpdateLog(db);
  let logBytes = 0;
  let logRows = 0;
  let afterBytes = 0;
  const commits = await db.selectFrom('document_updates').select((eb) => eb.fn.count<number>('created_at').distinct().as('n')).executeTakeFirstOrThrow();
  for (const { id, clients } of docs) {
    const before = await log.storedBytes(id);
    logBytes += before.snapshotBytes + before.logBytes;
    logRows += before.logRows;
    await log.compact(id, () => {});
    const after = await log.storedBytes(id);
    afterBytes += after.snapshotBytes + after.logBytes;
    const text = paragraphText(await storedDoc(db, id));
    if (text !== clients[0]!.text()!.toString()) throw new Error(`document ${id}: stored content differs from the clients' after compaction`);
    for (const c of clients) c.destroy();
  }

  latencies.sort((a, b) => a - b);
  return {
    keystrokes,
    deliveries,
    deliveriesPerSecond: deliveries / elapsedSeconds,
    latencyMs: { p50: percentile(latencies, 50), p99: percentile(latencies, 99), max: latencies.at(-1) ?? NaN, samples: latencies.length },
    stored: {
      logBytesPerDoc: logBytes / o.docs,
      logRowsPerDoc: logRows / o.docs,
      afterCompactionBytesPerDoc: afterBytes / o.docs,
      commitsApprox: Number(commits.n),
    },
  };
}
