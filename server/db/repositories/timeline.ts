import type { Kysely } from 'kysely';
import { claimedPrefixes, prefixesOf, sectionOf, type LiveSection } from '../../../shared/live.js';
import type { Database } from '../database.js';

/*
 * A document's timeline from audit_log: who did what when, newest first. audit_log and
 * not the live channel's document_events, because the live log keeps only the last
 * OVERENS_LIVE_KEEP_EVENTS events per document; the audit log keeps every change.
 */

export interface TimelineFilter {
  kind?: LiveSection;
  actor?: string;
  /** Entries older than this id (the previous page's nextBefore). */
  before?: number;
  limit: number;
}

export async function loadTimeline(db: Kysely<Database>, documentId: string, f: TimelineFilter) {
  let q = db
    .selectFrom('audit_log')
    .leftJoin('users', 'users.id', 'audit_log.actor_id')
    .select(['audit_log.id', 'audit_log.at', 'audit_log.actor_id', 'users.name as actor_name', 'audit_log.action', 'audit_log.entity', 'audit_log.entity_id', 'audit_log.data'])
    .where('audit_log.document_id', '=', documentId);
  if (f.actor) q = q.where('audit_log.actor_id', '=', f.actor);
  if (f.before) q = q.where('audit_log.id', '<', f.before);
  if (f.kind) {
    const own = prefixesOf(f.kind);
    q = own.length
      ? q.where((eb) => eb.or(own.map((p) => eb('audit_log.action', 'like', `${p}%`))))
      : q.where((eb) => eb.not(eb.or(claimedPrefixes.map((p) => eb('audit_log.action', 'like', `${p}%`)))));
  }
  const rows = await q.orderBy('audit_log.id', 'desc').limit(f.limit + 1).execute();
  const page = rows.slice(0, f.limit);
  const actors = await db
    .selectFrom('audit_log')
    .innerJoin('users', 'users.id', 'audit_log.actor_id')
    .select(['users.id', 'users.name'])
    .distinct()
    .where('audit_log.document_id', '=', documentId)
    .orderBy('users.name')
    .execute();
  return {
    items: page.map((r) => ({
      id: r.id,
      at: r.at,
      actorId: r.actor_id,
      actorName: r.actor_name,
      action: r.action,
      kind: sectionOf(r.action),
      entity: r.entity,
      entityId: r.entity_id,
      data: r.data ? (JSON.parse(r.data) as unknown) : null,
    })),
    /** Pass as `before` for the next page; null on the last. */
    nextBefore: rows.length > f.limit ? page[page.length - 1]!.id : null,
    actors: actors.map((a) => ({ id: a.id, name: a.name })),
  };
}
