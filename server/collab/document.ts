import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import { encode } from './messages.js';

/*
 * One live document: its Y.Doc, its awareness, the connections that watch it, and
 * the fan-out to them. It applies only what it is handed; whether an update may be
 * applied (and whether it is durable yet) is decided before it gets here.
 */

/** Where a change came from, so fan-out knows what to relay and to whom. */
export const Origin = {
  /** Read from the database while loading: nobody to tell. */
  load: Symbol('load'),
  /** Relayed from another instance: tell local connections, relay no further. */
  relay: Symbol('relay'),
  /** The server itself: a server-side change, or awareness cleanup when a client leaves. */
  server: Symbol('server'),
} as const;

/** The part of a connection a document needs. */
export interface Peer {
  send(frame: Uint8Array): void;
  /** Awareness client ids this peer has set, removed for it when it leaves. */
  readonly awarenessIds: Set<number>;
}

/** Fan-out beyond this process (Redis); each hook sees the origin and decides. */
export interface DocumentHooks {
  updated?(doc: LiveDocument, update: Uint8Array, origin: unknown): void;
  awarenessChanged?(doc: LiveDocument, update: Uint8Array, origin: unknown): void;
}

export class LiveDocument {
  readonly ydoc = new Y.Doc();
  readonly awareness = new awarenessProtocol.Awareness(this.ydoc);
  readonly connections = new Set<Peer>();
  /** Updates handed to the log and not yet applied: the document may not unload meanwhile. */
  pendingWrites = 0;
  /** Log rows (and their bytes) this instance knows of since the last compaction, and the snapshot's size. */
  logRows = 0;
  logBytes = 0;
  snapshotBytes = 0;
  /** Estimate of the encoded state's size, checked against the document size limit. */
  sizeBytes = 0;
  compacting = false;

  constructor(
    readonly id: string,
    private readonly hooks: DocumentHooks[],
  ) {
    // The server is not a participant: no cursor of its own.
    this.awareness.setLocalState(null);
    this.ydoc.on('update', this.onUpdate);
    this.awareness.on('update', this.onAwareness);
  }

  private readonly onUpdate = (update: Uint8Array, origin: unknown) => {
    if (origin === Origin.load) return;
    const frame = encode.update(update);
    for (const peer of this.connections) if (peer !== origin) peer.send(frame);
    for (const hook of this.hooks) hook.updated?.(this, update, origin);
  };

  private readonly onAwareness = (
    changes: { added: number[]; updated: number[]; removed: number[] },
    origin: unknown,
  ) => {
    const peer = this.connections.has(origin as Peer) ? (origin as Peer) : null;
    if (peer) {
      for (const id of changes.added) peer.awarenessIds.add(id);
      for (const id of changes.updated) peer.awarenessIds.add(id);
      for (const id of changes.removed) peer.awarenessIds.delete(id);
    }
    const changed = [...changes.added, ...changes.updated, ...changes.removed];
    const update = awarenessProtocol.encodeAwarenessUpdate(this.awareness, changed);
    // The sender gets its own state back too: y-websocket clients count it as a sign of life.
    const frame = encode.awareness(update);
    for (const p of this.connections) p.send(frame);
    for (const hook of this.hooks) hook.awarenessChanged?.(this, update, origin);
  };

  /** Applies an update that is already durable (or relayed by the instance that made it durable). */
  apply(update: Uint8Array, origin: unknown): boolean {
    try {
      Y.applyUpdate(this.ydoc, update, origin);
      return true;
    } catch {
      return false;
    }
  }

  applyAwareness(update: Uint8Array, origin: unknown): boolean {
    try {
      awarenessProtocol.applyAwarenessUpdate(this.awareness, update, origin);
      return true;
    } catch {
      return false;
    }
  }

  /** Greets a new connection: our state vector (so it sends what we lack) and who is here. */
  attach(peer: Peer): void {
    this.connections.add(peer);
    peer.send(encode.syncStep1(this.ydoc));
    if (this.awareness.getStates().size > 0) peer.send(encode.awarenessStates(this.awareness));
  }

  detach(peer: Peer): void {
    if (!this.connections.delete(peer)) return;
    if (peer.awarenessIds.size > 0) {
      awarenessProtocol.removeAwarenessStates(this.awareness, [...peer.awarenessIds], Origin.server);
      peer.awarenessIds.clear();
    }
  }

  /** A copy to read or render: rendering to ProseMirror may repair (mutate) the document it reads. */
  copy(): Y.Doc {
    const copy = new Y.Doc();
    Y.applyUpdate(copy, Y.encodeStateAsUpdate(this.ydoc));
    return copy;
  }

  destroy(): void {
    this.awareness.off('update', this.onAwareness);
    this.ydoc.off('update', this.onUpdate);
    this.awareness.destroy();
    this.ydoc.destroy();
  }
}
