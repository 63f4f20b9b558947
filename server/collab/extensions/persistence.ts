import { type Kysely, PostgresAdapter } from 'kysely';
import * as Y from 'yjs';
import { sqliteHandle } from '../../db/connection.js';
import type { Database } from '../../db/database.js';
import { now } from '../../time.js';
import { type FrozenBy, frozenBy } from './frozen.js';
import { SqliteLogWriter } from './sqlite-log.js';

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

interface Pending {
  documentId: string;
  update: Uint8Array;
  /** True once stored; why not when refused because the document is frozen. */
  resolve: (stored: true | FrozenBy) => void;
  reject: (err: unknown) => void;
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

  /** Resolves true once stored, or why the document is frozen and the update was dropped. */
  append(documentId: string, update: Uint8Array): Promise<true | FrozenBy> {
    return new Promise((resolve, reject) => {
      this.queue.push({ documentId, update, resolve, reject });
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
        const refused = await this.write(batch);
        this.writing = 0;
        for (const p of batch) p.resolve(refused.get(p.documentId) ?? true);
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
    for (const group of byDocument.values()) {
      try {
        const refused = await this.write(group);
        for (const p of group) p.resolve(refused.get(p.documentId) ?? true);
      } catch (err) {
        for (const p of group) p.reject(err);
      }
    }
  }

  /** Stores the batch in one transaction; gives the frozen documents whose updates were dropped. */
  private async write(batch: Pending[]): Promise<Map<string, FrozenBy>> {
    const createdAt = now();
    const refused = this.sqlite ? await this.writeSqlite(batch, createdAt) : await this.writeKysely(batch, createdAt);
    this.stats.commits++;
    this.stats.rows += batch.length - batch.filter((p) => refused.has(p.documentId)).length;
    return refused;
  }

  private writeSqlite(batch: Pending[], createdAt: string): Promise<Map<string, FrozenBy>> {
    const sqlite = this.sqlite!;
    // Holding Kysely's one connection: no Kysely transaction is open on the handle meanwhile.
    return this.db.connection().execute(async () => {
      // Prepared once the schema exists (the first commit comes after the migrations).
      this.sqliteWriter ??= new SqliteLogWriter(sqlite);
      return this.sqliteWriter.write(batch.map((p) => ({ documentId: p.documentId, update: toBuffer(p.update) })), createdAt);
    });
  }

  private writeKysely(batch: Pending[], createdAt: string): Promise<Map<string, FrozenBy>> {
    return this.db.transaction().execute(async (trx) => {
      const frozen = await frozenDocumentIds(trx, [...new Set(batch.map((p) => p.documentId))], this.lockRows);
      const kept = frozen.size ? batch.filter((p) => !frozen.has(p.documentId)) : batch;
      for (let i = 0; i < kept.length; i += insertChunk) {
        await trx
          .insertInto('document_updates')
          .values(kept.slice(i, i + insertChunk).map((p) => ({ document_id: p.documentId, update: toBuffer(p.update), created_at: createdAt })))
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
