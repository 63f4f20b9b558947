import { type Kysely, sql } from 'kysely';
import { type LiveEvent, type LiveSection, sectionOf } from '../../shared/live.js';
import { noteDocumentChanged } from '../commands/transaction.js';
import type { Database } from '../db/database.js';

/*
 * The live channel's log (table document_events): appended to by audit() inside the
 * writing transaction, read by the channels after the commit. A document's events are
 * numbered 1, 2, 3… by bumping documents.event_seq; the row lock that bump takes holds
 * until the commit, so on PostgreSQL a number is visible only once every smaller one is.
 */

type Db = Kysely<Database>;

export interface ChangeEntry {
  at: string;
  actorId: string | null;
  action: string;
  entityId: string;
  documentId: string;
  data?: unknown;
}

async function append(trx: Db, documentId: string, section: LiveSection, e: ChangeEntry) {
  const row = await trx
    .updateTable('documents')
    .set((eb) => ({ event_seq: eb('event_seq', '+', 1) }))
    .where('id', '=', documentId)
    .returning(['event_seq', 'parent_id', 'kind'])
    .executeTakeFirst();
  // The document is gone (deleted in this transaction): nobody can follow its channel any more.
  if (!row) return null;
  await trx
    .insertInto('document_events')
    .values({
      document_id: documentId,
      seq: row.event_seq,
      at: e.at,
      actor_id: e.actorId,
      section,
      action: e.action,
      entity_id: e.entityId,
      data: e.data === undefined ? null : JSON.stringify(e.data),
    })
    .execute();
  noteDocumentChanged(trx, documentId, row.event_seq);
  return row;
}

/**
 * Logs a metadata change of a document. A bilaga's own changes (title, status, created,
 * deleted) are announced on its agreement's channel too, as `attachments`: the
 * agreement's page lists its bilagor. Minutes are not: the agreement's page shows their
 * meeting, whose changes are audited on the agreement itself; only their justering
 * (`minutes.*`, audited on the minutes) is announced there too, as `meetings`.
 */
export async function logDocumentChange(trx: Db, e: ChangeEntry): Promise<void> {
  const section = sectionOf(e.action);
  const own = await append(trx, e.documentId, section, e);
  if (own?.parent_id && own.kind !== 'minutes' && (section === 'document' || section === 'status')) {
    await append(trx, own.parent_id, 'attachments', e);
  }
  if (own?.parent_id && own.kind === 'minutes' && e.action.startsWith('minutes.')) await append(trx, own.parent_id, 'meetings', e);
}

export async function currentSeq(db: Db, documentId: string): Promise<number | null> {
  const row = await db.selectFrom('documents').select('event_seq').where('id', '=', documentId).executeTakeFirst();
  return row ? row.event_seq : null;
}

export async function currentSeqs(db: Db, documentIds: string[]): Promise<Map<string, number>> {
  const seqs = new Map<string, number>();
  for (let i = 0; i < documentIds.length; i += 500) {
    const rows = await db.selectFrom('documents').select(['id', 'event_seq']).where('id', 'in', documentIds.slice(i, i + 500)).execute();
    for (const r of rows) seqs.set(r.id, r.event_seq);
  }
  return seqs;
}

export async function eventsAfter(db: Db, documentId: string, after: number, limit: number): Promise<LiveEvent[]> {
  const rows = await db
    .selectFrom('document_events')
    .selectAll()
    .where('document_id', '=', documentId)
    .where('seq', '>', after)
    .orderBy('seq')
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    seq: r.seq,
    at: r.at,
    section: r.section as LiveSection,
    action: r.action,
    entityId: r.entity_id,
    actorId: r.actor_id,
    data: r.data === null ? null : (JSON.parse(r.data) as unknown),
  }));
}

/** The smallest seq still kept after `after`, or null when there is none. */
export async function firstKeptAfter(db: Db, documentId: string, after: number): Promise<number | null> {
  const row = await db
    .selectFrom('document_events')
    .select((eb) => eb.fn.min('seq').as('seq'))
    .where('document_id', '=', documentId)
    .where('seq', '>', after)
    .executeTakeFirst();
  return row?.seq == null ? null : Number(row.seq);
}

/** Keeps each document's newest `keep` events; a client further behind is told to reset. */
export async function pruneEvents(db: Db, keep: number): Promise<void> {
  await sql`delete from document_events where seq <= (select d.event_seq from documents d where d.id = document_events.document_id) - ${keep}`.execute(db);
}
