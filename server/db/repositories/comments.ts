import type { Kysely } from 'kysely';
import { readableDocumentIds } from '../../auth/access.js';
import type { Database, User } from '../database.js';

/* Reading comments, their mentions, and the people of a document who may be mentioned. */

type Db = Kysely<Database>;

/** Everyone in the parties that govern the document (its owner and its parties), once each, by name. */
export async function documentPeople(db: Db, governingId: string) {
  const rows = await db
    .selectFrom('memberships as m')
    .innerJoin('users as u', 'u.id', 'm.user_id')
    .innerJoin('parties as p', 'p.id', 'm.party_id')
    .select(['u.id', 'u.name', 'p.id as party_id', 'p.name as party_name', 'p.short_name as party_short'])
    .where('u.disabled', '=', 0)
    .where((eb) =>
      eb.or([
        eb('m.party_id', 'in', eb.selectFrom('documents').select('owner_party_id').where('id', '=', governingId)),
        eb('m.party_id', 'in', eb.selectFrom('document_parties').select('party_id').where('document_id', '=', governingId)),
      ]),
    )
    .orderBy('u.name')
    .orderBy('p.name')
    .execute();
  const seen = new Set<string>();
  return rows
    .filter((r) => !seen.has(r.id) && seen.add(r.id))
    .map((r) => ({ id: r.id, name: r.name, partyId: r.party_id, partyName: r.party_short || r.party_name }));
}

export async function loadComments(db: Db, where: { documentId?: string; id?: string }) {
  let q = db
    .selectFrom('comments')
    .leftJoin('users', 'users.id', 'comments.author_id')
    .selectAll('comments')
    .select('users.name as author_name')
    .orderBy('comments.created_at')
    // Within one timestamp a thread comes before its replies.
    .orderBy((eb) => eb.case().when('comments.parent_id', 'is', null).then(0).else(1).end())
    .orderBy('comments.id');
  if (where.documentId) q = q.where('comments.document_id', '=', where.documentId);
  if (where.id) q = q.where('comments.id', '=', where.id);
  const rows = await q.execute();
  const mentions = rows.length
    ? await db
        .selectFrom('comment_mentions as cm')
        .innerJoin('users as u', 'u.id', 'cm.user_id')
        .select(['cm.comment_id', 'u.id', 'u.name'])
        .where('cm.comment_id', 'in', rows.map((r) => r.id))
        .orderBy('u.name')
        .execute()
    : [];
  return rows.map((r) => ({ ...r, mentions: mentions.filter((m) => m.comment_id === r.id).map((m) => ({ userId: m.id, name: m.name })) }));
}

/** The newest comments that mention the user, in documents they may still read. */
export async function loadMentions(db: Db, user: Pick<User, 'id' | 'is_admin'>, limit = 20) {
  return db
    .selectFrom('comment_mentions as cm')
    .innerJoin('comments as c', 'c.id', 'cm.comment_id')
    .innerJoin('documents as d', 'd.id', 'c.document_id')
    .leftJoin('users as a', 'a.id', 'c.author_id')
    .select(['c.id', 'c.parent_id', 'c.document_id', 'c.body', 'c.created_at', 'd.title as document_title', 'a.name as author_name'])
    .where('cm.user_id', '=', user.id)
    .where('c.deleted_at', 'is', null)
    .where('c.document_id', 'in', readableDocumentIds(db, user))
    .orderBy('c.created_at', 'desc')
    .orderBy('c.id', 'desc')
    .limit(limit)
    .execute();
}
