import * as Y from 'yjs';
import type { DecodedUpdate } from './messages.js';

/*
 * Whether an update would change a document. Every client answers the server's sync
 * step 1 with a step 2 that is usually empty or holds only what the server already
 * has; that must be neither stored (the log would grow on every connect) nor treated
 * as a reader's write attempt. Cost is proportional to the update, not the document.
 */

export function addsToDocument(doc: Y.Doc, update: DecodedUpdate): boolean {
  for (const struct of update.structs) {
    // A skip is a gap marker from merged updates: it carries nothing to insert.
    if (struct instanceof Y.Skip) continue;
    if (Y.getState(doc.store, struct.id.client) < struct.id.clock + struct.length) return true;
  }
  for (const [client, ranges] of update.ds.clients) {
    for (const range of ranges) {
      if (range.len > 0 && !rangeDeleted(doc, client, range.clock, range.len)) return true;
    }
  }
  return false;
}

function rangeDeleted(doc: Y.Doc, client: number, clock: number, len: number): boolean {
  const structs = doc.store.clients.get(client);
  // Deleting what the document has not seen yet is news (Yjs would keep it pending).
  if (!structs || Y.getState(doc.store, client) < clock + len) return false;
  for (let i = Y.findIndexSS(structs, clock); i < structs.length; i++) {
    const struct = structs[i]!;
    if (struct.id.clock >= clock + len) break;
    if (!struct.deleted) return false;
  }
  return true;
}
