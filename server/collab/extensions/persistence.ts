import { type Kysely, PostgresAdapter } from 'kysely';
import * as Y from 'yjs';
import { sqliteHandle } from '../../db/connection.js';
import type { Database } from '../../db/database.js';
import { now } from '../../time.js';
import { type FrozenBy, frozenBy } from './frozen.js';
import { type LogRow, SqliteLogWriter } from './sqlite-log.js';

export type { FrozenBy } from './frozen.js';

/*
 * The durable side of a live document: an append-only log of Yjs updates per
 * document, compacted now and then into one snapshot row.
 *
 * - append() is a group commit: everything appended while the previous commit was
 *   in flight (and at least everything in one tick) goes into one transaction.
 *   The returned promise settles only after that transaction committed. On SQLite the
 *   commit runs prepared statements (sqlite-log.ts); on PostgreSQL it goes through Kysely.
 * - Inside that transaction, updates of frozen documents are dropped (frozenDocumentIds):
 *   append() then resolves with the reason and nothing of the update is stored. A status change
 *   that freezes a document (adoption, justering) updates its row, which the commit reads
 *   FOR SHARE on PostgreSQL: every update is committed before the freeze or refused after it.
 * - load() reads the snapshot plus every log row still present, in one
 *   transaction. Every row still present, not only ids above the snapshot's: on
 *   PostgreSQL a row with a lower id can commit after a higher one, and
 *   compaction deletes exactly the rows it merged, so what is left is what the
 *   snapshot lacks. (Yjs updates are idempotent, so overlap would be harmless.)
 * - compact() merges outside any transaction, then swaps snapshot and log in one
 *   short transaction guarded by the snapshot's updated_at, so two compactions
 *   (two instances) cannot overwrite each other and an update written meanwhile
 *   is never deleted.
 */

export interface StoredState {
  snapshot: { state: Uint8Array; lastUpdateId: number; updatedAt: string } | null;
  rows: Array<{ id: number; update: Uint8Array }>;
}

export interface CompactionResult {
  merged: number;
  mergedBytes: number;
  /** Snapshot plus merged rows before, and the new snapshot after. */
  bytesBefore: number;
  stateBytes: number;
}

/**
 * The updates of one document from one source (a connection) committed together: the hub applies
 * them in one Yjs transaction, so a client that sends a hundred edits in one tick costs one
 * transaction and one frame to each watcher, not a hundred. (Not merged into one row:
 * Y.mergeUpdates of many small updates costs far more than the rows.) `applied` is for the hub:
 * the first of them to resume applies them all.
 */
export interface StoredGroup {
  updates: Uint8Array[];
  applied: boolean | null;
}

/** Stored (in that group), or why not: the document is frozen. */
export type AppendResult = { stored: true; group: StoredGroup } | { stored: false; frozen: FrozenBy };

interface Pending {
  documentId: string;
  update: Uint8Array;
  /** Updates with the same document and source are applied together. */
  source: unknown;
  resolve: (result: AppendResult) => void;
  reject: (err: unknown) => void;
}

/** A document's updates from one source, in arrival order. */
interface Group {
  documentId: string;
  members: Pending[];
  stored: StoredGroup;
}

function groupsOf(batch: Pending[]): Group[] {
  const byKey = new Map<string, Map<unknown, Pending[]>>();
  for (const p of batch) {
    let bySource = byKey.get(p.documentId);
    if (!bySource) byKey.set(p.documentId, (bySource = new Map()));
    const members = bySource.get(p.source);
    if (members) members.push(p);
    else bySource.set(p.source, [p]);
  }
  const groups: Group[] = [];
  for (const [documentId, bySource] of byKey) {
    for (const members of bySource.values()) groups.push({ documentId, members, stored: { updates: members.map((m) => m.update), applied: null } });
  }
  return groups;
}

const insertChunk = 200;
const deleteChunk = 500;

class CompactionConflict extends Error {}

/** Snapshot plus every log row still present, read with the caller's transaction (see load()). */
export async function readStoredState(trx: Kysely<Database>, documentId: string, limit?: number): Promise<StoredState> {
  const snap = await trx
    .selectFrom('document_snapshots')
    .select(['state', 'last_update_id', 'updated_at'])
    .where('document_id', '=', documentId)
    .executeTakeFirst();
  let query = trx.selectFrom('document_updates').select(['id', 'update']).where('document_id', '=', documentId).orderBy('id');
  if (limit) query = query.limit(limit);
  const rows = await query.execute();
  return {
    snapshot: snap ? { state: toBytes(snap.state), lastUpdateId: Number(snap.last_update_id), updatedAt: snap.updated_at } : null,
    rows: rows.map((r) => ({ id: Number(r.id), update: toBytes(r.update) })),
  };
}

function toBuffer(bytes: Uint8Array): Buffer {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

function toBytes(value: Uint8Array): Uint8Array {
  return new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
}

/** Applies stored state to a document; a row Yjs rejects is reported, not fatal, so one bad row cannot lock a document. */
export function applyStoredState(doc: Y.Doc, stored: StoredState, origin: unknown, onBadRow: (id: number, err: unknown) => void): void {
  if (stored.snapshot) {
    try {
      Y.applyUpdate(doc, stored.snapshot.state, origin);
    } catch (err) {
      onBadRow(0, err);
    }
  }
  for (const row of stored.rows) {
    try {
      Y.applyUpdate(doc, row.update, origin);
    } catch (err) {
      onBadRow(row.id, err);
    }
  }
}

/**
 * The one "frozen documents" check of the durable path: which of `ids` take no more
 * updates: locked (justerade minutes) or frozen by their own or their agreement's status
 * (adopted, published, withdrawn, terminated). Called inside the transaction that would store
 * the updates. With `lock` (PostgreSQL) the rows are read FOR SHARE: a transaction that freezes
 * a document updates its row, so it either committed before this read (and is seen here) or
 * waits until the updates are committed; either way no update is stored after the freeze.
 * SQLite runs one write transaction at a time, so there the read alone is enough.
 */
export async function frozenDocumentIds(trx: Kysely<Database>, ids: string[], lock: boolean): Promise<Map<string, FrozenBy>> {
  if (!ids.length) return new Map();
  let own = trx.selectFrom('documents').select(['id', 'parent_id', 'status', 'locked_at']).where('id', 'in', ids).orderBy('id');
  if (lock) own = own.forShare();
  const rows = await own.execute();
  const parentIds = [...new Set(rows.flatMap((r) => (r.parent_id ? [r.parent_id] : [])))];
  const parents = new Map<string, string>();
  if (parentIds.length) {
    // Children before parents, as the metadata writes that lock both take them: no lock-order deadlock.
    let q = trx.selectFrom('documents').select(['id', 'status']).where('id', 'in', parentIds).orderBy('id');
    if (lock) q = q.forShare();
    for (const p of await q.execute()) parents.set(p.id, p.status);
  }
  const frozen = new Map<string, FrozenBy>();
  for (const r of rows) {
    const by = frozenBy(r.locked_at, r.status, r.parent_id ? (parents.get(r.parent_id) ?? null) : null);
    if (by) frozen.set(r.id, by);
  }
  return frozen;
}


function settle(groups: Group[], refused: Map<string, FrozenBy>, onStored: UpdateLog['onStored']): void {
  for (const g of groups) {
    const frozen = refused.get(g.documentId);
    if (!frozen) onStored?.(g.documentId, g.members.length);
    const result: AppendResult = frozen ? { stored: false, frozen } : { stored: true, group: g.stored };
    for (const p of g.members) p.resolve(result);
  }
}

function storedBytesOf(stored: StoredState): number {
  return (stored.snapshot?.state.byteLength ?? 0) + stored.rows.reduce((n, r) => n + r.update.byteLength, 0);
}

export class UpdateLog {
  private queue: Pending[] = [];
  private draining: Promise<void> | null = null;
  private scheduled = false;
  private writing = 0;
  /** Commits so far and rows in them, for the benchmark and tests. */
  readonly stats = { commits: 0, rows: 0 };

  private readonly lockRows: boolean;
  private readonly sqlite: ReturnType<typeof sqliteHandle>;
  private sqliteWriter: SqliteLogWriter | null = null;

  constructor(private readonly db: Kysely<Database>) {
    this.lockRows = db.getExecutor().adapter instanceof PostgresAdapter;
    this.sqlite = sqliteHandle(db);
  }

  /**
   * Resolves once stored (with the group of updates of the same document and `source` committed
   * with it), or with why the document is frozen and the update was dropped.
   */
  append(documentId: string, update: Uint8Array, source: unknown = null): Promise<AppendResult> {
    return new Promise((resolve, reject) => {
      this.queue.push({ documentId, update, source, resolve, reject });
      if (!this.scheduled && !this.draining) {
        this.scheduled = true;
        // setImmediate runs after the poll phase: every frame read in this tick is in the batch.
        setImmediate(() => {
          this.scheduled = false;
          this.draining = this.drain().finally(() => {
            this.draining = null;
          });
        });
      }
    });
  }

  /** Updates appended and not yet committed (queued or in the transaction being written). */
  get backlog(): number {
    return this.queue.length + this.writing;
  }

  /**
   * Called synchronously as a commit's updates are settled, before anyone resumes: `count` of
   * `documentId`'s updates are stored and not yet applied (the hub counts them down as it applies).
   */
  onStored: ((documentId: string, count: number) => void) | null = null;

  /** Whether this process is the only writer of the log (SQLite): then a live document can vouch for it. */
  get exclusive(): boolean {
    return this.sqlite !== null;
  }

  /**
   * SQLite only: replaces the document's stored log by the state `encode` gives, called while no
   * commit can run. `encode` returns null when it cannot vouch for every stored row (some are
   * committed and not yet applied): then nothing happens.
   */
  async compactFromState(documentId: string, encode: () => Uint8Array | null): Promise<CompactionResult | null> {
    return this.withSqliteWriter((writer) => {
      const state = encode();
      if (!state) return null;
      const replaced = writer.replaceWithState(documentId, toBuffer(state));
      return replaced.merged === 0 ? null : replaced;
    });
  }

  /** Runs `fn` holding Kysely's one SQLite connection, so no Kysely transaction is open on the handle meanwhile. */
  private withSqliteWriter<T>(fn: (writer: SqliteLogWriter) => T): Promise<T> {
    const sqlite = this.sqlite;
    if (!sqlite) throw new Error('the SQLite log writer needs a SQLite database');
    return this.db.connection().execute(async () => {
      // Prepared once the schema exists (the first use comes after the migrations).
      this.sqliteWriter ??= new SqliteLogWriter(sqlite);
      return fn(this.sqliteWriter);
    });
  }

  /** Resolves once everything appended so far is committed (or failed). */
  async flushed(): Promise<void> {
    while (this.scheduled || this.draining || this.queue.length) {
      await (this.draining ?? new Promise<void>((r) => setImmediate(r)));
    }
  }

  private async drain(): Promise<void> {
    while (this.queue.length) {
      const batch = this.queue;
      this.queue = [];
      this.writing = batch.length;
      try {
        const groups = groupsOf(batch);
        const refused = await this.write(groups);
        this.writing = 0;
        settle(groups, refused, this.onStored);
      } catch {
        // One document's bad row (say, deleted meanwhile) must not fail everyone's keystrokes.
        await this.writeSeparately(batch);
        this.writing = 0;
      }
    }
  }

  private async writeSeparately(batch: Pending[]): Promise<void> {
    const byDocument = new Map<string, Pending[]>();
    for (const p of batch) byDocument.set(p.documentId, [...(byDocument.get(p.documentId) ?? []), p]);
    for (const pendings of byDocument.values()) {
      const groups = groupsOf(pendings);
      try {
        settle(groups, await this.write(groups), this.onStored);
      } catch (err) {
        for (const p of pendings) p.reject(err);
      }
    }
  }

  /** Stores the batch in one transaction; gives the frozen documents whose updates were dropped. */
  private async write(groups: Group[]): Promise<Map<string, FrozenBy>> {
    const createdAt = now();
    const rows = groups.flatMap((g) => g.members.map((m) => ({ documentId: g.documentId, update: toBuffer(m.update) })));
    const refused = this.sqlite ? await this.writeSqlite(rows, createdAt) : await this.writeKysely(rows, createdAt);
    this.stats.commits++;
    for (const g of groups) {
      if (refused.has(g.documentId)) continue;
      this.stats.rows += g.members.length;
    }
    return refused;
  }

  private writeSqlite(rows: LogRow[], createdAt: string): Promise<Map<string, FrozenBy>> {
    return this.withSqliteWriter((writer) => writer.write(rows, createdAt));
  }

  private writeKysely(rows: LogRow[], createdAt: string): Promise<Map<string, FrozenBy>> {
    return this.db.transaction().execute(async (trx) => {
      const frozen = await frozenDocumentIds(trx, [...new Set(rows.map((r) => r.documentId))], this.lockRows);
      const kept = frozen.size ? rows.filter((r) => !frozen.has(r.documentId)) : rows;
      for (let i = 0; i < kept.length; i += insertChunk) {
        await trx
          .insertInto('document_updates')
          .values(kept.slice(i, i + insertChunk).map((r) => ({ document_id: r.documentId, update: r.update, created_at: createdAt })))
          .execute();
      }
      return frozen;
    });
  }

  async load(documentId: string, limit?: number): Promise<StoredState> {
    return this.db
      .transaction()
      .setIsolationLevel('repeatable read')
      .execute((trx) => readStoredState(trx, documentId, limit));
  }

  /**
   * Merges (up to `limit` rows of) the log into the snapshot. Null when there was
   * nothing to merge or another compaction of the same document won the race.
   */
  async compact(documentId: string, onBadRow: (id: number, err: unknown) => void, limit = 20_000): Promise<CompactionResult | null> {
    const stored = await this.load(documentId, limit);
    if (stored.rows.length === 0) return null;
    const doc = new Y.Doc();
    applyStoredState(doc, stored, null, onBadRow);
    const state = Y.encodeStateAsUpdate(doc);
    doc.destroy();
    const ids = stored.rows.map((r) => r.id);
    const maxId = ids.reduce((max, id) => Math.max(max, id), stored.snapshot?.lastUpdateId ?? 0);
    const previous = stored.snapshot;
    // Strictly later than the stamp we read, so the guard below can never be fooled by an equal value.
    const stamp = previous ? new Date(Math.max(Date.now(), Date.parse(previous.updatedAt) + 1)).toISOString() : now();
    try {
      await this.db.transaction().execute(async (trx) => {
        if (previous) {
          const res = await trx
            .updateTable('document_snapshots')
            .set({ state: toBuffer(state), last_update_id: maxId, updated_at: stamp })
            .where('document_id', '=', documentId)
            .where('updated_at', '=', previous.updatedAt)
            .executeTakeFirst();
          if (res.numUpdatedRows === 0n) throw new CompactionConflict();
        } else {
          const res = await trx
            .insertInto('document_snapshots')
            .values({ document_id: documentId, state: toBuffer(state), last_update_id: maxId, updated_at: stamp })
            .onConflict((oc) => oc.column('document_id').doNothing())
            .executeTakeFirst();
          if (!res.numInsertedOrUpdatedRows) throw new CompactionConflict();
        }
        for (let i = 0; i < ids.length; i += deleteChunk) {
          await trx
            .deleteFrom('document_updates')
            .where('document_id', '=', documentId)
            .where('id', 'in', ids.slice(i, i + deleteChunk))
            .execute();
        }
      });
    } catch (err) {
      if (err instanceof CompactionConflict) return null;
      throw err;
    }
    const mergedBytes = stored.rows.reduce((n, r) => n + r.update.byteLength, 0);
    return { merged: ids.length, mergedBytes, bytesBefore: storedBytesOf(stored), stateBytes: state.byteLength };
  }

  /** Bytes a document occupies in the log and snapshot (Yjs payloads only). */
  async storedBytes(documentId: string): Promise<{ snapshotBytes: number; logBytes: number; logRows: number }> {
    const stored = await this.load(documentId);
    return {
      snapshotBytes: stored.snapshot?.state.byteLength ?? 0,
      logBytes: stored.rows.reduce((n, r) => n + r.update.byteLength, 0),
      logRows: stored.rows.length,
    };
  }
}
