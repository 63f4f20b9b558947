import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { documentFragment } from '../shared/editor/extensions.js';
import type { Kysely } from 'kysely';
import type { Database } from '../server/db/database.js';
import { benchClient, until } from './client.js';
import { tokenFor } from './world.js';

/*
 * The floor the hub is measured against: raw Yjs in this process doing what the trace replay
 * asks of the whole system, without a network, a server or a database.
 */

type Patch = [number, number, string];

/** Applies the edits one transaction each, encoding every update as a y-websocket client would for the wire. */
export function rawReplay(patches: Patch[]): { seconds: number; state: Uint8Array; length: number; wireBytes: number } {
  const doc = new Y.Doc();
  const fragment = doc.getXmlFragment(documentFragment);
  const text = new Y.XmlText();
  doc.transact(() => {
    const p = new Y.XmlElement('paragraph');
    p.insert(0, [text]);
    fragment.insert(0, [p]);
  });
  let wireBytes = 0;
  doc.on('update', (update: Uint8Array) => {
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, 0); // y-websocket's messageSync
    syncProtocol.writeUpdate(encoder, update);
    wireBytes += encoding.toUint8Array(encoder).length;
  });
  const start = performance.now();
  for (const [pos, del, ins] of patches) {
    doc.transact(() => {
      if (del > 0) text.delete(pos, del);
      if (ins) text.insert(pos, ins);
    });
  }
  const seconds = (performance.now() - start) / 1000;
  const state = Y.encodeStateAsUpdate(doc);
  const length = text.length;
  doc.destroy();
  return { seconds, state, length, wireBytes };
}

/** Milliseconds for raw Yjs to load a document from its encoded state. */
export function rawLoadMs(state: Uint8Array): number {
  const start = performance.now();
  const doc = new Y.Doc();
  Y.applyUpdate(doc, state);
  const ms = performance.now() - start;
  doc.destroy();
  return ms;
}

/** Milliseconds from a new stock client connecting to the hub until it holds the whole document. */
export async function firstSyncMs(url: string, db: Kysely<Database>, userId: string, documentId: string, expectedLength: number): Promise<number> {
  const token = await tokenFor(db, userId, documentId);
  const start = performance.now();
  const client = benchClient(url, documentId, token);
  try {
    await client.synced();
    await until(() => client.text()?.length === expectedLength, 60_000, 'the new client to hold the whole document');
    return performance.now() - start;
  } finally {
    client.destroy();
  }
}
