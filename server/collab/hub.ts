import * as Y from 'yjs';
import type { CollabConfig } from '../config.js';
import { type DocumentHooks, LiveDocument, Origin } from './document.js';
import { type AppendResult, applyStoredState, type CompactionResult, type FrozenBy, type UpdateLog } from './extensions/persistence.js';

/*
 * The documents held in memory and the one durable path every change takes:
 * log append (group commit) → apply → fan-out. Also when to compact and when
 * to let a document go.
 */

/** Lifecycle hooks of extensions that follow documents in and out of memory (Redis). */
export interface HubHooks extends DocumentHooks {
  /** Before the stored state is read, so nothing relayed meanwhile is missed. */
  loading?(doc: LiveDocument): Promise<void>;
  unloaded?(doc: LiveDocument): void;
}

interface Entry {
  loading: Promise<LiveDocument>;
  doc: LiveDocument | null;
  refs: number;
  idleTimer: NodeJS.Timeout | null;
}

export class DocumentTooLarge extends Error {}

/** The document is frozen (justerade minutes, an adopted agreement): the update was not stored. */
export class DocumentFrozen extends Error {
  constructor(
    readonly documentId: string,
    readonly by: FrozenBy,
  ) {
    super(`document ${documentId} is frozen (${by}): the update was not stored`);
  }
}

/** Something whose reading can be paused while the database catches up. */
export interface Throttleable {
  pauseReading(): void;
  resumeReading(): void;
}

/*
 * Ingress backpressure: past this many uncommitted updates, connections that add more
 * stop being read (TCP then slows their clients) until the backlog is down to the low mark.
 * Without it a client faster than the database grows the queue, and memory, without bound.
 */
const backlogHigh = 5000;
const backlogLow = 1000;

export class Hub {
  private readonly entries = new Map<string, Entry>();
  private readonly background = new Set<Promise<unknown>>();
  private readonly paused = new Set<Throttleable>();
  private closing = false;

  constructor(
    private readonly log: UpdateLog,
    private readonly limits: CollabConfig,
    private readonly hooks: HubHooks[],
    private readonly report: (message: string, err?: unknown) => void,
  ) {
    log.onStored = (id, count) => {
      const doc = this.loaded(id);
      if (doc) doc.storedUnapplied += count;
    };
    // Compaction from the live state costs one encode: worth doing as soon as a document goes quiet,
    // so its log stays short and the next client's full-state answer is ready. (Elsewhere it costs a
    // rebuild of the document: the thresholds and unloading decide there.)
    if (log.exclusive && hooks.length === 0) {
      this.quietSweep = setInterval(() => this.compactQuiet(), Math.max(250, Math.min(1000, limits.quietCompactMs / 2)));
      this.quietSweep.unref();
    }
  }

  private readonly quietSweep: NodeJS.Timeout | null = null;

  private compactQuiet(): void {
    const quietSince = Date.now() - this.limits.quietCompactMs;
    for (const entry of this.entries.values()) {
      const doc = entry.doc;
      if (doc && doc.logRows > 0 && doc.lastUpdateAt < quietSince && !doc.compacting) this.compactLive(doc);
    }
  }

  /** Takes a reference to a document, loading it if needed. Release it with release(). */
  acquire(id: string): Promise<LiveDocument> {
    let entry = this.entries.get(id);
    if (!entry) {
      const created = { doc: null, refs: 0, idleTimer: null } as Omit<Entry, 'loading'> as Entry;
      created.loading = this.load(id).then(
        (doc) => {
          created.doc = doc;
          return doc;
        },
        (err: unknown) => {
          if (this.entries.get(id) === created) this.entries.delete(id);
          throw err;
        },
      );
      this.entries.set(id, created);
      entry = created;
    }
    entry.refs++;
    if (entry.idleTimer) {
      clearTimeout(entry.idleTimer);
      entry.idleTimer = null;
    }
    return entry.loading;
  }

  release(id: string): void {
    const entry = this.entries.get(id);
    if (!entry) return;
    entry.refs = Math.max(0, entry.refs - 1);
    this.scheduleUnload(id, entry);
  }

  /** Runs fn on a document held for the duration; for the server-side API. */
  async withDocument<T>(id: string, fn: (doc: LiveDocument) => Promise<T> | T): Promise<T> {
    const doc = await this.acquire(id);
    try {
      return await fn(doc);
    } finally {
      this.release(id);
    }
  }

  loaded(id: string): LiveDocument | null {
    return this.entries.get(id)?.doc ?? null;
  }

  loadedIds(): string[] {
    return [...this.entries.entries()].filter(([, e]) => e.doc).map(([id]) => id);
  }

  private async load(id: string): Promise<LiveDocument> {
    const doc = new LiveDocument(id, this.hooks);
    try {
      for (const hook of this.hooks) await hook.loading?.(doc);
      const stored = await this.log.load(id);
      applyStoredState(doc.ydoc, stored, Origin.load, (rowId, err) => this.report(`document ${id}: stored update ${rowId} does not apply`, err));
      doc.logRows = stored.rows.length;
      doc.logBytes = stored.rows.reduce((n, r) => n + r.update.byteLength, 0);
      doc.snapshotBytes = stored.snapshot?.state.byteLength ?? 0;
      doc.sizeBytes = Y.encodeStateAsUpdate(doc.ydoc).byteLength;
      return doc;
    } catch (err) {
      for (const hook of this.hooks) hook.unloaded?.(doc);
      doc.destroy();
      throw err;
    }
  }

  /** Whether `extra` more bytes keep the document under its size limit. */
  hasRoomFor(doc: LiveDocument, extra: number): boolean {
    if (doc.sizeBytes + extra <= this.limits.maxDocumentBytes) return true;
    // The running estimate only grows; measure before refusing anyone.
    doc.sizeBytes = Y.encodeStateAsUpdate(doc.ydoc).byteLength;
    return doc.sizeBytes + extra <= this.limits.maxDocumentBytes;
  }

  /**
   * The durable path: the update is in the database before anyone (the document,
   * other clients, other instances) sees it. Resolves once applied.
   */
  async submit(doc: LiveDocument, update: Uint8Array, origin: unknown, source?: Throttleable): Promise<boolean> {
    doc.pendingWrites++;
    const appended = this.log.append(doc.id, update, origin);
    if (source && this.log.backlog > backlogHigh) {
      source.pauseReading();
      this.paused.add(source);
    }
    let result: AppendResult;
    try {
      result = await appended;
    } finally {
      doc.pendingWrites--;
      if (this.paused.size && this.log.backlog < backlogLow) {
        for (const p of this.paused) p.resumeReading();
        this.paused.clear();
      }
    }
    if (!result.stored) throw new DocumentFrozen(doc.id, result.frozen);
    const { group } = result;
    // The first of a group to resume applies the whole group, in one transaction.
    if (group.applied !== null) return group.applied;
    const applied = doc.applyAll(group.updates, origin);
    group.applied = applied;
    doc.storedUnapplied -= group.updates.length;
    doc.lastUpdateAt = Date.now();
    const bytes = group.updates.reduce((n, u) => n + u.byteLength, 0);
    doc.logRows += group.updates.length;
    doc.logBytes += bytes;
    doc.sizeBytes += bytes;
    if (!applied) this.report(`document ${doc.id}: a stored update did not apply`);
    // Compaction costs the whole document: wait until the log has grown in proportion to it as
    // well as past the row threshold, so a large document typed into fast is not re-merged every few seconds.
    if (doc.logRows >= this.limits.compactAfterUpdates && doc.logBytes >= doc.snapshotBytes / 2) this.compactLive(doc);
    const entry = this.entries.get(doc.id);
    if (entry) this.scheduleUnload(doc.id, entry);
    return applied;
  }

  /** Applies a change made on a copy of the document through the durable path. */
  async change(id: string, fn: (ydoc: Y.Doc) => void): Promise<{ changed: boolean }> {
    return this.withDocument(id, async (doc) => {
      const copy = doc.copy();
      const updates: Uint8Array[] = [];
      copy.on('update', (u: Uint8Array) => updates.push(u));
      try {
        fn(copy);
      } finally {
        copy.destroy();
      }
      if (updates.length === 0) return { changed: false };
      const update = updates.length === 1 ? updates[0]! : Y.mergeUpdates(updates);
      if (!this.hasRoomFor(doc, update.byteLength)) throw new DocumentTooLarge(`document ${id} would exceed its size limit`);
      await this.submit(doc, update, Origin.server);
      return { changed: true };
    });
  }

  private compactLive(doc: LiveDocument): void {
    if (doc.compacting || this.closing) return;
    this.track(this.compact(doc.id, 'skip when busy'));
  }

  /**
   * Where this process is the log's only writer (SQLite) and nothing relays updates in, the
   * live document holds exactly what is stored once every committed update is applied: its
   * state is the snapshot. Null (try later) while some are committed and not yet applied, or
   * when the document is no longer the one loaded.
   */
  private liveState(id: string, live: LiveDocument): (() => Uint8Array | null) | null {
    if (!this.log.exclusive || this.hooks.length > 0) return null;
    return () => {
      if (this.loaded(id) !== live || live.storedUnapplied !== 0) return null;
      const state = Y.encodeStateAsUpdate(live.ydoc);
      live.cacheFullState(state);
      return state;
    };
  }

  /**
   * Merges the log into the snapshot; null when there was nothing to merge or it failed (reported).
   * From the live document's state where it can vouch for the log (liveState), else by rebuilding
   * the document from snapshot and rows; 'skip when busy' tries the live state only.
   */
  async compact(id: string, mode: 'skip when busy' | 'always' = 'always'): Promise<CompactionResult | null> {
    const live = this.loaded(id);
    if (live) live.compacting = true;
    try {
      const fromState = live ? this.liveState(id, live) : null;
      let result: CompactionResult | null = null;
      let done = false;
      if (fromState) {
        result = await this.log.compactFromState(id, () => {
          const state = fromState();
          done = state !== null;
          return state;
        });
      }
      if (!done && (mode === 'always' || !fromState)) {
        result = await this.log.compact(id, (rowId, err) => this.report(`document ${id}: stored update ${rowId} does not apply`, err));
      }
      if (result && live) {
        live.logRows = Math.max(0, live.logRows - result.merged);
        live.logBytes = Math.max(0, live.logBytes - result.mergedBytes);
        live.snapshotBytes = result.stateBytes;
        live.sizeBytes = result.stateBytes + live.logBytes;
      }
      return result;
    } catch (err) {
      this.report(`document ${id}: compaction failed`, err);
      return null;
    } finally {
      if (live) {
        live.compacting = false;
        const entry = this.entries.get(id);
        if (entry) this.scheduleUnload(id, entry);
      }
    }
  }

  private scheduleUnload(id: string, entry: Entry): void {
    if (entry.refs > 0 || entry.idleTimer || this.closing) return;
    entry.idleTimer = setTimeout(() => {
      entry.idleTimer = null;
      const doc = entry.doc;
      if (entry.refs > 0 || !doc || this.entries.get(id) !== entry) return;
      // Not before the last write is durable and applied; submit() reschedules when it is.
      if (doc.pendingWrites > 0 || doc.compacting) return;
      this.unload(id, entry, doc);
    }, this.limits.idleUnloadMs);
    entry.idleTimer.unref();
  }

  private unload(id: string, entry: Entry, doc: LiveDocument): void {
    this.entries.delete(id);
    if (entry.idleTimer) clearTimeout(entry.idleTimer);
    for (const hook of this.hooks) hook.unloaded?.(doc);
    const hadLog = doc.logRows > 0;
    doc.destroy();
    // Leave a short log behind: the next load reads one snapshot instead of many rows.
    if (hadLog && !this.closing) this.track(this.compact(id));
  }

  private track(p: Promise<unknown>): void {
    this.background.add(p);
    void p.finally(() => this.background.delete(p));
  }

  /** Shutdown: wait for writes and compactions, then drop every document. */
  async close(): Promise<void> {
    this.closing = true;
    if (this.quietSweep) clearInterval(this.quietSweep);
    await this.log.flushed();
    await Promise.allSettled([...this.background]);
    for (const [id, entry] of [...this.entries]) {
      if (entry.doc) this.unload(id, entry, entry.doc);
      else this.entries.delete(id);
    }
  }
}
