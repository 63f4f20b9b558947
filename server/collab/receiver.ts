import * as Y from 'yjs';
import { frozenDeniedReason } from '../../shared/collab-protocol.js';
import type { CollabConfig } from '../config.js';
import type { Connection } from './connection.js';
import type { LiveDocument } from './document.js';
import { DocumentFrozen, type Hub } from './hub.js';
import { type AwarenessEntry, decodeIncoming, encode, type Incoming, ProtocolError } from './messages.js';
import { type PresenceEntry, presenceState } from './presence.js';
import { schemaViolation } from './schema-check.js';
import { addsToDocument } from './update-check.js';

/*
 * What each incoming frame does: the only place that decides. A frame is decoded
 * completely first; anything wrong with it closes this one connection with the
 * code that names the fault, and nothing of it reaches the document.
 */

export const readOnlyReason = 'This connection may read the document but not change it.';

/** The edit was refused because the text is frozen, not for a lack of rights: say so, so the editor shows why. */
function refuseFrozen(conn: Connection): void {
  conn.send(encode.permissionDenied(frozenDeniedReason));
  conn.close('documentFrozen');
}

export function receive(
  hub: Hub,
  conn: Connection,
  doc: LiveDocument,
  frame: Uint8Array,
  limits: Pick<CollabConfig, 'maxAwarenessBytes'>,
  report: (m: string, e?: unknown) => void,
): void {
  let message: Incoming;
  try {
    message = decodeIncoming(frame);
  } catch (err) {
    conn.close(err instanceof ProtocolError ? err.closeCode : 'malformedMessage');
    return;
  }
  switch (message.kind) {
    case 'syncStep1':
      conn.sendSyncAnswer(doc.syncAnswer(message.stateVector));
      return;
    case 'update':
      receiveUpdate(hub, conn, doc, message, report);
      return;
    case 'awareness':
      // Readers and commenters show their cursors too: awareness is presence, not content.
      receiveAwareness(conn, doc, message.entries, limits.maxAwarenessBytes);
      return;
    case 'queryAwareness':
      conn.send(encode.awarenessStates(doc.awareness));
      return;
  }
}

function receiveAwareness(conn: Connection, doc: LiveDocument, received: AwarenessEntry[], maxBytes: number): void {
  const entries: PresenceEntry[] = [];
  for (const entry of received) {
    // Someone else's client id (their caret, their name): neither set nor removed from here.
    if (!doc.ownsAwareness(conn, entry.clientId)) continue;
    if (entry.state === null) {
      entries.push({ ...entry, json: 'null' });
      continue;
    }
    // Over the size limit or not an object: dropped, not closed; the client's next state may fit.
    const presence = presenceState(entry.state, conn.principal, maxBytes);
    if (presence) entries.push({ clientId: entry.clientId, clock: entry.clock, ...presence });
  }
  if (entries.length === 0) return;
  conn.afterOwnWrites(entries, (ready) =>
    conn.awareness.offer(ready, (batch) => {
      if (conn.closed) return;
      const owned = batch.filter((e) => doc.ownsAwareness(conn, e.clientId));
      if (owned.length) doc.applyPresence(owned, conn);
    }),
  );
}

function receiveUpdate(
  hub: Hub,
  conn: Connection,
  doc: LiveDocument,
  message: Extract<Incoming, { kind: 'update' }>,
  report: (m: string, e?: unknown) => void,
): void {
  if (!addsToDocument(doc.ydoc, message.decoded)) {
    // The step 2 every client sends on connect, or a resend: nothing to store, nothing to refuse.
    conn.updateReceived(false);
    return;
  }
  if (conn.permission !== 'edit') {
    if (conn.frozen) return refuseFrozen(conn);
    // A real write attempt. Its client's document now differs from everyone else's, and a
    // stock client would resend the change on every reconnect, so the connection ends here with a
    // 44xx code, which y-websocket treats as final (no reconnect loop).
    conn.send(encode.permissionDenied(readOnlyReason));
    conn.close('forbidden');
    return;
  }
  const violation = schemaViolation(doc.ydoc, message.decoded, doc.pendingWrites > 0);
  if (violation) return conn.close('schemaViolation', `schema: ${violation}`);
  // A reconnecting client's step 2 also repeats much the server has: store only what is new.
  const update = message.step === 'step2' ? Y.diffUpdate(message.update, Y.encodeStateVector(doc.ydoc)) : message.update;
  if (!hub.hasRoomFor(doc, update.byteLength)) {
    conn.close('documentTooLarge');
    return;
  }
  const seq = conn.updateReceived(true);
  hub.submit(doc, update, conn, conn).then(
    (applied) => {
      if (applied) conn.updateStored(seq);
      else conn.close('invalidUpdate');
    },
    (err: unknown) => {
      if (err instanceof DocumentFrozen) {
        // Frozen while the update was on its way: an adopted agreement says so; justerade minutes are refused like any read-only write.
        if (err.by === 'status') return refuseFrozen(conn);
        conn.send(encode.permissionDenied(readOnlyReason));
        conn.close('forbidden');
        return;
      }
      report(`document ${doc.id}: could not store an update`, err);
      // Not applied, not shown to anyone: the client resends it in its sync step 2 on reconnect.
      conn.close('internalError');
    },
  );
}
