import { equalityDeep } from 'lib0/function';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import { encode } from './messages.js';
import { encodeAwareness, type PresenceEntry } from './presence.js';

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
  /** Whose presence it may show: awareness client ids belong to a user. */
  readonly userId: string;
}

/** Fan-out beyond this process (Redis); each hook sees the origin and decides. */
export interface DocumentHooks {
  updated?(doc: LiveDocument, update: Uint8Array, origin: unknown): void;
  awarenessChanged?(doc: LiveDocument, update: Uint8Array, origin: unknown): void;
}

const maxCachedAnswers = 8;

/**
 * What the answer to a state vector depends on: per client the server knows, the clock the
 * client claims, capped at the server's own. Clients the server does not know and clocks of
 * zero change nothing, so an empty vector and a forged one of unknown clients share the full state.
 */
function answerKey(claimed: Map<number, number>, doc: Y.Doc): string {
  const parts: string[] = [];
  for (const [client, clock] of Y.decodeStateVector(Y.encodeStateVector(doc))) {
    const c = Math.min(claimed.get(client) ?? 0, clock);
    if (c > 0) parts.push(`${client}:${c}`);
  }
  return parts.sort().join(',');
}

export class LiveDocument {
  readonly ydoc = new Y.Doc();
  readonly awareness = new awarenessProtocol.Awareness(this.ydoc);
  readonly connections = new Set<Peer>();
  /** Updates handed to the log and not yet applied: the document may not unload meanwhile. */
  pendingWrites = 0;
  /** Of those, the ones already committed: while above zero the stored log holds more than this document. */
  storedUnapplied = 0;
  /** When the last durable update was applied (ms). */
  lastUpdateAt = 0;
  /** Log rows (and their bytes) this instance knows of since the last compaction, and the snapshot's size. */
  logRows = 0;
  logBytes = 0;
  snapshotBytes = 0;
  /** Estimate of the encoded state's size, checked against the document size limit. */
  sizeBytes = 0;
  compacting = false;
  /**
   * The user each awareness client id belongs to (the first to use it on this document; for an id
   * relayed from another instance, the user that instance set), and the local peer holding it now.
   * Any connection of the same user may take an id over: a reconnecting tab keeps its id while the
   * server has not yet noticed its old socket is gone.
   */
  private readonly awarenessOwners = new Map<number, string>();
  private readonly awarenessHolders = new Map<number, Peer>();
  /**
   * Sync step 2 answers for the current state, by normalized state vector: a client asking for
   * the whole document again and again (or many clients asking at once) gets one shared buffer.
   * Cleared on every change.
   */
  private readonly syncAnswers = new Map<string, Uint8Array>();
  /** Set by applyPresence while its events run: the awareness update it applied, already encoded. */
  private presenceUpdate: { ids: number[]; update: Uint8Array } | null = null;

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
    this.syncAnswers.clear();
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
    for (const id of [...changes.added, ...changes.updated]) {
      if (peer) {
        const before = this.awarenessHolders.get(id);
        if (before && before !== peer) before.awarenessIds.delete(id);
        this.awarenessHolders.set(id, peer);
        peer.awarenessIds.add(id);
        if (!this.awarenessOwners.has(id)) this.awarenessOwners.set(id, peer.userId);
      } else if (origin === Origin.relay && !this.awarenessOwners.has(id)) {
        const userId = (this.awareness.getStates().get(id) as { user?: { id?: unknown } } | undefined)?.user?.id;
        if (typeof userId === 'string') this.awarenessOwners.set(id, userId);
      }
    }
    // Removed by its owner, by cleanup when a client left, or timed out: the id is free again.
    for (const id of changes.removed) {
      this.awarenessHolders.get(id)?.awarenessIds.delete(id);
      this.awarenessHolders.delete(id);
      this.awarenessOwners.delete(id);
    }
    const changed = [...changes.added, ...changes.updated, ...changes.removed];
    const known = this.presenceUpdate;
    const update =
      known && known.ids.length === changed.length && changed.every((id) => known.ids.includes(id))
        ? known.update
        : awarenessProtocol.encodeAwarenessUpdate(this.awareness, changed);
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

  /** Durable updates applied in one transaction: one update event, one frame to each peer. False if any did not apply. */
  applyAll(updates: Uint8Array[], origin: unknown): boolean {
    if (updates.length === 1) return this.apply(updates[0]!, origin);
    let ok = true;
    this.ydoc.transact(() => {
      for (const update of updates) ok = this.apply(update, origin) && ok;
    }, origin);
    return ok;
  }

  applyAwareness(update: Uint8Array, origin: unknown): boolean {
    try {
      awarenessProtocol.applyAwarenessUpdate(this.awareness, update, origin);
      return true;
    } catch {
      return false;
    }
  }

  /**
   * Applies a peer's presence entries, already parsed and rewritten (receiver.ts): what
   * y-protocols' applyAwarenessUpdate does with the same clock rules and events, minus
   * parsing the JSON again; the fan-out sends the entries' own JSON.
   */
  applyPresence(entries: PresenceEntry[], origin: Peer): void {
    const { awareness } = this;
    const timestamp = Date.now();
    const added: number[] = [];
    const updated: number[] = [];
    const filteredUpdated: number[] = [];
    const removed: number[] = [];
    const applied: PresenceEntry[] = [];
    for (const entry of entries) {
      const { clientId, clock, state } = entry;
      const meta = awareness.meta.get(clientId);
      const current = meta === undefined ? 0 : meta.clock;
      if (!(current < clock || (current === clock && state === null && awareness.states.has(clientId)))) continue;
      const previous = awareness.states.get(clientId);
      // The server's own client id holds no state (setLocalState(null)): nothing to protect there.
      if (state === null) awareness.states.delete(clientId);
      else awareness.states.set(clientId, state as Record<string, unknown>);
      awareness.meta.set(clientId, { clock, lastUpdated: timestamp });
      applied.push(entry);
      if (meta === undefined && state !== null) added.push(clientId);
      else if (meta !== undefined && state === null) removed.push(clientId);
      else if (state !== null) {
        if (!equalityDeep(state, previous)) filteredUpdated.push(clientId);
        updated.push(clientId);
      }
    }
    if (added.length > 0 || filteredUpdated.length > 0 || removed.length > 0) {
      awareness.emit('change', [{ added, updated: filteredUpdated, removed }, origin]);
    }
    if (added.length > 0 || updated.length > 0 || removed.length > 0) {
      this.presenceUpdate = { ids: applied.map((e) => e.clientId), update: encodeAwareness(applied) };
      try {
        awareness.emit('update', [{ added, updated, removed }, origin]);
      } finally {
        this.presenceUpdate = null;
      }
    }
  }

  /** Whether `peer` may set or remove awareness client id `clientId` (first come, first owner). */
  ownsAwareness(peer: Peer, clientId: number): boolean {
    const owner = this.awarenessOwners.get(clientId);
    return owner === undefined || owner === peer.userId;
  }

  /** The sync step 2 frame for a client's state vector, shared while the document does not change. */
  syncAnswer(stateVector: Uint8Array): Uint8Array {
    // Content waiting for a missing dependency changes the answer without an update event: no caching then.
    if (this.ydoc.store.pendingStructs || this.ydoc.store.pendingDs) return encode.syncStep2(this.ydoc, stateVector);
    const key = answerKey(Y.decodeStateVector(stateVector), this.ydoc);
    let frame = this.syncAnswers.get(key);
    if (!frame) {
      frame = encode.syncStep2(this.ydoc, stateVector);
      // Distinct state vectors (reconnecting clients) are answered once each; keep a few.
      if (this.syncAnswers.size >= maxCachedAnswers) this.syncAnswers.delete(this.syncAnswers.keys().next().value!);
      this.syncAnswers.set(key, frame);
    }
    return frame;
  }

  /** The whole state, just encoded elsewhere (compaction): the answer to an empty state vector until the next change. */
  cacheFullState(state: Uint8Array): void {
    if (this.ydoc.store.pendingStructs || this.ydoc.store.pendingDs) return;
    this.syncAnswers.set('', encode.syncStep2FromState(state));
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
    this.syncAnswers.clear();
    this.awareness.off('update', this.onAwareness);
    this.ydoc.off('update', this.onUpdate);
    this.awareness.destroy();
    this.ydoc.destroy();
  }
}
