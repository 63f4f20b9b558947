import * as Y from 'yjs';
import type { DecodedUpdate } from './messages.js';

/*
 * Whether an update would change a document. Every client answers the server's sync
 * step 1 with a step 2 that is usually empty or holds only what the server already
 * has; that must be neither stored (the log would grow on every connect) nor treated
 * as a reader's write attempt. Cost is proportional to the update, not the document.
 *
 * "Already has" includes what the document holds as pending (structs or deletions
 * whose dependencies have not arrived): the server sends those to new clients in
 * its step 2, and they come straight back in the client's.
 */

type Range = { client: number; clock: number; end: number };

export function addsToDocument(doc: Y.Doc, update: DecodedUpdate): boolean {
  let pending: { structs: Range[]; deletes: Range[] } | null = null;
  const pendingCovers = (kind: 'structs' | 'deletes', client: number, clock: number, end: number) => {
    pending ??= pendingRanges(doc);
    return pending[kind].some((r) => r.client === client && r.clock <= clock && end <= r.end);
  };
  for (const struct of update.structs) {
    // A skip is a gap marker from merged updates: it carries nothing to insert.
    if (struct instanceof Y.Skip) continue;
    const { client, clock } = struct.id;
    const end = clock + struct.length;
    if (Y.getState(doc.store, client) < end && !pendingCovers('structs', client, clock, end)) return true;
  }
  for (const [client, ranges] of update.ds.clients) {
    for (const range of ranges) {
      if (range.len <= 0 || rangeDeleted(doc, client, range.clock, range.len)) continue;
      if (!pendingCovers('deletes', client, range.clock, range.clock + range.len)) return true;
    }
  }
  return false;
}

function rangeDeleted(doc: Y.Doc, client: number, clock: number, len: number): boolean {
  const structs = doc.store.clients.get(client);
  // Deleting what the document has not integrated is news, unless it is pending (checked by the caller).
  if (!structs || Y.getState(doc.store, client) < clock + len) return false;
  for (let i = Y.findIndexSS(structs, clock); i < structs.length; i++) {
    const struct = structs[i]!;
    if (struct.id.clock >= clock + len) break;
    if (!struct.deleted) return false;
  }
  return true;
}

/** Exact ranges held as pending (Yjs keeps them as v2 updates); usually nothing. */
export function pendingRanges(doc: Y.Doc): { structs: Range[]; deletes: Range[] } {
  const structs: Range[] = [];
  const deletes: Range[] = [];
  const { pendingStructs, pendingDs } = doc.store;
  if (pendingStructs) {
    for (const s of Y.decodeUpdateV2(pendingStructs.update).structs) {
      if (!(s instanceof Y.Skip)) structs.push({ client: s.id.client, clock: s.id.clock, end: s.id.clock + s.length });
    }
  }
  for (const update of [pendingDs, pendingStructs?.update]) {
    if (!update) continue;
    const { ds } = Y.decodeUpdateV2(update) as unknown as DecodedUpdate;
    for (const [client, ranges] of ds.clients) for (const r of ranges) deletes.push({ client, clock: r.clock, end: r.clock + r.len });
  }
  return { structs, deletes };
}
