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

export class SqliteLogWriter {
  private readonly frozen: SQLite.Statement<[string], FrozenRow>;
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
  }

  /** Stores the rows of documents that are not frozen; gives the frozen ones. */
  write(rows: LogRow[], createdAt: string): Map<string, FrozenBy> {
    return this.commit([...new Set(rows.map((r) => r.documentId))], rows, createdAt);
  }
}
