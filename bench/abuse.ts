import { once } from 'node:events';
import type { Socket } from 'node:net';
import type { Kysely } from 'kysely';
import * as encoding from 'lib0/encoding';
import WebSocket from 'ws';
import * as Y from 'yjs';
import type { Database } from '../server/db/database.js';
import { now } from '../server/time.js';
import { MessageType, SyncStep } from '../shared/collab-protocol.js';
import { documentFragment } from '../shared/editor/extensions.js';
import { createAgreement, storedDoc, tokenFor } from './world.js';

/*
 * What an outside probe did to the running hub, as repeatable scenarios (the load test in
 * test/collab/load.test.ts and `npm run bench` both run them against a child server):
 * readers that stop reading while asking for a large document again and again, and one
 * user flooding updates from many sockets while someone else needs the API.
 */

/** An agreement whose stored state is about `bytes` long (one paragraph of text), as a snapshot row. */
export async function largeDocument(db: Kysely<Database>, bytes: number): Promise<string> {
  const id = await createAgreement(db, 'Stort dokument');
  const doc = new Y.Doc();
  const paragraph = new Y.XmlElement('paragraph');
  paragraph.insert(0, [new Y.XmlText('Avtalstext. '.repeat(Math.ceil(bytes / 12)).slice(0, bytes))]);
  doc.getXmlFragment(documentFragment).insert(0, [paragraph]);
  const state = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  await db.insertInto('document_snapshots').values({ document_id: id, state: Buffer.from(state), last_update_id: 0, updated_at: now() }).execute();
  return id;
}

function frame(write: (e: encoding.Encoder) => void): Uint8Array {
  const e = encoding.createEncoder();
  write(e);
  return encoding.toUint8Array(e);
}

/** "Send me everything": sync step 1 with the state vector of an empty document. */
export const fullStateRequest = frame((e) => {
  encoding.writeVarUint(e, MessageType.sync);
  encoding.writeVarUint(e, SyncStep.step1);
  encoding.writeVarUint8Array(e, Y.encodeStateVector(new Y.Doc()));
});

function open(url: string, documentId: string, token: string): Promise<WebSocket> {
  const ws = new WebSocket(`${url}/${documentId}?token=${encodeURIComponent(token)}`);
  ws.on('error', () => {});
  return once(ws, 'open').then(() => ws);
}

export interface NonReaders {
  /** Starts reading again and resolves with each socket's close code (once the server closed it). */
  resumeAndClose(timeoutMs?: number): Promise<Array<number | null>>;
}

/**
 * `sockets` connections that stop reading (their TCP socket paused), each asking for the
 * full document `requests` times.
 */
export async function nonReadingReaders(url: string, db: Kysely<Database>, userId: string, documentId: string, o: { sockets: number; requests: number }): Promise<NonReaders> {
  const token = await tokenFor(db, userId, documentId);
  const sockets = await Promise.all(Array.from({ length: o.sockets }, () => open(url, documentId, token)));
  const codes: Array<number | null> = sockets.map(() => null);
  sockets.forEach((ws, i) => ws.on('close', (code) => (codes[i] = code)));
  for (const ws of sockets) (ws as unknown as { _socket: Socket })._socket.pause();
  for (let r = 0; r < o.requests; r++) {
    for (const ws of sockets) if (ws.readyState === ws.OPEN) ws.send(fullStateRequest);
    await new Promise((res) => setTimeout(res, 20));
  }
  return {
    async resumeAndClose(timeoutMs = 10_000) {
      for (const ws of sockets) (ws as unknown as { _socket: Socket })._socket.resume();
      const deadline = Date.now() + timeoutMs;
      while (codes.some((c) => c === null) && Date.now() < deadline) await new Promise((res) => setTimeout(res, 50));
      for (const ws of sockets) ws.terminate();
      return codes;
    },
  };
}

/** Frames of `count` keystrokes by one client, each a live update a stock client would send. */
function keystrokes(count: number): Uint8Array[] {
  const doc = new Y.Doc();
  const frames: Uint8Array[] = [];
  doc.on('update', (update: Uint8Array) =>
    frames.push(
      frame((e) => {
        encoding.writeVarUint(e, MessageType.sync);
        encoding.writeVarUint(e, SyncStep.update);
        encoding.writeVarUint8Array(e, update);
      }),
    ),
  );
  const paragraph = new Y.XmlElement('paragraph');
  paragraph.insert(0, [new Y.XmlText()]);
  doc.getXmlFragment(documentFragment).insert(0, [paragraph]);
  const text = paragraph.get(0) as Y.XmlText;
  for (let i = 1; i < count; i++) text.insert(text.length, 'x');
  doc.destroy();
  return frames;
}

export interface FloodResult {
  healthMs: { p50: number; p95: number; max: number; samples: number };
  closeCodes: Array<number | null>;
  sent: number;
  /** Updates the server stored, of those sent. */
  stored: number;
}

function percentile(sorted: number[], p: number): number {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]! : NaN;
}

/**
 * One user's `sockets` connections each sending `updates` keystrokes as fast as they can,
 * while GET /api/health is timed every 20 ms until the flood is over.
 */
export async function floodWhileTimingHealth(
  url: string,
  origin: string,
  db: Kysely<Database>,
  userId: string,
  o: { sockets: number; updates: number },
): Promise<FloodResult> {
  const documentId = await createAgreement(db, 'Flod');
  const token = await tokenFor(db, userId, documentId);
  const sockets = await Promise.all(Array.from({ length: o.sockets }, () => open(url, documentId, token)));
  const codes: Array<number | null> = sockets.map(() => null);
  const closed = sockets.map((ws, i) => new Promise<void>((res) => ws.on('close', (code) => ((codes[i] = code), res()))));
  const latencies: number[] = [];
  let flooding = true;
  const timing = (async () => {
    while (flooding) {
      const t = performance.now();
      const res = await fetch(`${origin}/api/health`);
      await res.arrayBuffer();
      latencies.push(performance.now() - t);
      await new Promise((r) => setTimeout(r, 20));
    }
  })();
  await new Promise((r) => setTimeout(r, 100));
  for (const ws of sockets) for (const f of keystrokes(o.updates)) ws.send(f);
  // The flood is over once every socket is closed or has been given time to be answered.
  await Promise.race([Promise.all(closed), new Promise((r) => setTimeout(r, 5000))]);
  await new Promise((r) => setTimeout(r, 300));
  flooding = false;
  await timing;
  for (const ws of sockets) ws.terminate();
  const sorted = [...latencies].sort((a, b) => a - b);
  // Counted in the stored document (the log may have been compacted meanwhile): one paragraph and one letter per keystroke.
  const stored = await storedDoc(db, documentId);
  const paragraphs = stored.getXmlFragment(documentFragment).toArray();
  const letters = paragraphs.reduce((n, p) => n + ((p as Y.XmlElement).get(0) as Y.XmlText).length, 0);
  stored.destroy();
  return {
    healthMs: { p50: percentile(sorted, 50), p95: percentile(sorted, 95), max: sorted.at(-1) ?? NaN, samples: sorted.length },
    closeCodes: codes,
    sent: o.sockets * o.updates,
    stored: paragraphs.length + letters,
  };
}
