import type SQLite from 'better-sqlite3';
import { frozenBy, type FrozenBy } from './frozen.js';

/*
 * The update log's commit on SQLite as three prepared statements in one synchronous
 * transaction. Kysely compiles and prepares every query anew; on this path (one commit per
 * event-loop tick, all day) that was most of the CPU the commit cost apart from the fsync itself.
 * The caller holds Kysely's connection (db.connection()), so no Kysely transaction is open
 * on the same handle meanwhile.
 */

export interface LogRow {
  documentId: string;
  update: Uint8Array;
}

interface FrozenRow {
  id: string;
  locked_at: string | null;
  status: string;
  parent_status: string | null;
}

/** What a compaction replaced: rows merged (and their bytes), stored bytes before, the snapshot's bytes after. */
export interface Replaced {
  merged: number;
  mergedBytes: number;
  bytesBefore: number;
  stateBytes: number;
}

export class SqliteLogWriter {
  private readonly frozen: SQLite.Statement<[string], FrozenRow>;
  private readonly replaceLog: (documentId: string, state: Uint8Array) => Replaced;
  private readonly insert: SQLite.Statement<[string, Uint8Array, string]>;
  private readonly commit: (documentIds: string[], rows: LogRow[], createdAt: string) => Map<string, FrozenBy>;

  constructor(sqlite: SQLite.Database) {
    // The batch's documents and their agreements in one read: a bilaga is frozen with its agreement.
    this.frozen = sqlite.prepare(
      `select d.id, d.locked_at, d.status, p.status as parent_status
         from documents d left join documents p on p.id = d.parent_id
        where d.id in (select value from json_each(?))`,
    );
    this.insert = sqlite.prepare('insert into document_updates (document_id, "update", created_at) values (?, ?, ?)');
    const transaction = sqlite.transaction((documentIds: string[], rows: LogRow[], createdAt: string) => {
      const frozen = new Map<string, FrozenBy>();
      for (const r of this.frozen.all(JSON.stringify(documentIds))) {
        const by = frozenBy(r.locked_at, r.status, r.parent_status);
        if (by) frozen.set(r.id, by);
      }
      for (const row of rows) if (!frozen.has(row.documentId)) this.insert.run(row.documentId, row.update, createdAt);
      return frozen;
    });
    // IMMEDIATE: the write lock before the frozen read, so no other connection can freeze a document in between.
    this.commit = transaction.immediate;

    const logOf = sqlite.prepare<[string], { rows: number; bytes: number | null; max_id: number | null }>(
      'select count(*) as rows, sum(length("update")) as bytes, max(id) as max_id from document_updates where document_id = ?',
    );
    const snapshotOf = sqlite.prepare<[string], { bytes: number; updated_at: string }>(
      'select length(state) as bytes, updated_at from document_snapshots where document_id = ?',
    );
    const upsert = sqlite.prepare<[string, Uint8Array, number, string]>(
      `insert into document_snapshots (document_id, state, last_update_id, updated_at) values (?, ?, ?, ?)
       on conflict (document_id) do update set state = excluded.state, last_update_id = excluded.last_update_id, updated_at = excluded.updated_at`,
    );
    const deleteThrough = sqlite.prepare<[string, number]>('delete from document_updates where document_id = ? and id <= ?');
    this.replaceLog = sqlite
      .transaction((documentId: string, state: Uint8Array): Replaced => {
        const log = logOf.get(documentId)!;
        const snapshot = snapshotOf.get(documentId);
        const maxId = log.max_id ?? 0;
        // Strictly later than the stamp there, as the row-merging compaction's guard expects.
        const stamp = snapshot ? new Date(Math.max(Date.now(), Date.parse(snapshot.updated_at) + 1)).toISOString() : new Date().toISOString();
        upsert.run(documentId, state, maxId, stamp);
        deleteThrough.run(documentId, maxId);
        return { merged: log.rows, mergedBytes: log.bytes ?? 0, bytesBefore: (snapshot?.bytes ?? 0) + (log.bytes ?? 0), stateBytes: state.byteLength };
      })
      .immediate;
  }

  /**
   * Replaces the whole stored log of a document by `state`, which the caller vouches holds every
   * row stored for it (the live document with nothing committed and unapplied): one encode of the
   * state in memory instead of rebuilding the document from its snapshot and rows.
   */
  replaceWithState(documentId: string, state: Uint8Array): Replaced {
    return this.replaceLog(documentId, state);
  }

  /** Stores the rows of documents that are not frozen; gives the frozen ones. */
  write(rows: LogRow[], createdAt: string): Map<string, FrozenBy> {
    return this.commit([...new Set(rows.map((r) => r.documentId))], rows, createdAt);
  }
}
