import fs from 'node:fs';
import zlib from 'node:zlib';
import type { Kysely } from 'kysely';
import type { Database } from '../server/db/database.js';
import { benchClient, until } from './client.js';
import { createAgreement, paragraphText, storedDoc, tokenFor } from './world.js';

/*
 * Replays a recorded editing trace (sequential format, see the traces' README)
 * through one client, one Yjs transaction per edit, while a second client watches.
 * Done when the watcher holds the trace's final text; the stored document must
 * hold it too.
 */

interface SequentialTrace {
  endContent: string;
  txns: Array<{ patches: Array<[number, number, string]> }>;
}

export interface TraceResult {
  edits: number;
  seconds: number;
  editsPerSecond: number;
  finalLength: number;
  expectedLength: number;
  storedLength: number;
  storedMatches: boolean;
}

export function loadTrace(file: string): SequentialTrace {
  return JSON.parse(zlib.gunzipSync(fs.readFileSync(file)).toString('utf8')) as SequentialTrace;
}

export async function replayTrace(url: string, db: Kysely<Database>, userId: string, trace: SequentialTrace): Promise<TraceResult> {
  const id = await createAgreement(db, 'automerge-paper');
  const token = await tokenFor(db, userId, id);
  const author = benchClient(url, id, token);
  const watcher = benchClient(url, id, token);
  await Promise.all([author.synced(), watcher.synced()]);
  author.ensureParagraph();
  await until(() => watcher.text() !== null, 10_000, 'the first paragraph');
  const text = author.text()!;
  const patches = trace.txns.flatMap((t) => t.patches);
  const chunk = 2000;

  const start = performance.now();
  for (let i = 0; i < patches.length; i += chunk) {
    for (const [pos, del, ins] of patches.slice(i, i + chunk)) {
      author.doc.transact(() => {
        if (del > 0) text.delete(pos, del);
        if (ins) text.insert(pos, ins);
      });
    }
    // Let the socket drain between chunks, as a very fast typist's browser would.
    await new Promise((r) => setImmediate(r));
  }
  const expected = trace.endContent;
  await until(() => watcher.text()!.length === expected.length && watcher.text()!.toString() === expected, 300_000, 'the watcher to receive the whole trace');
  const seconds = (performance.now() - start) / 1000;
  // The watcher saw it all, so all of it was stored first.
  const stored = paragraphText(await storedDoc(db, id));
  const finalLength = watcher.text()!.length;
  author.destroy();
  watcher.destroy();
  return {
    edits: patches.length,
    seconds,
    editsPerSecond: patches.length / seconds,
    finalLength,
    expectedLength: expected.length,
    storedLength: stored.length,
    storedMatches: stored === expected,
  };
}
