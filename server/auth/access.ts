import type { Kysely } from 'kysely';
import {
  type Capabilities,
  type MemberRole,
  atLeast,
  documentCapabilities,
  highestRole,
  effectiveStatus,
} from '../../shared/permissions.js';
import type { Database, DocumentRow, User } from '../db/database.js';

/*
 * The one place that turns memberships into rights on a document. Every route, every list
 * that shows document content, and the collaboration server ask here; the rules themselves
 * are in shared/permissions.
 *
 * A document is governed by itself, or, for a bilaga (and minutes filed under an
 * agreement), by its parent: creation keeps that one level deep. The parties that govern
 * it are the governing document's owner and its document_parties. `governingRoles` is the
 * single definition of that; `documentAccess` (one document) and `readableDocumentIds`
 * (lists) are both built on it, so they cannot drift apart.
 */

export interface DocumentAccess {
  document: DocumentRow;
  /** The document whose parties govern access: the agreement itself, or the parent of a bilaga. */
  governingId: string;
  /** The status that decides whether the text is frozen: the agreement's for a bilaga. */
  effectiveStatus: string;
  role: MemberRole | null;
  capabilities: Capabilities;
  /** Best role per party of the user among the document's parties. */
  rolesByParty: Map<string, MemberRole>;
}

type Viewer = Pick<User, 'id' | 'is_admin'>;

export async function userRoles(db: Kysely<Database>, userId: string): Promise<Map<string, MemberRole>> {
  const rows = await db.selectFrom('memberships').select(['party_id', 'role']).where('user_id', '=', userId).execute();
  return new Map(rows.map((r) => [r.party_id, r.role]));
}

/** One row per (document, party of the user that governs it): the user's role there. */
function governingRoles(db: Kysely<Database>, userId: string) {
  return db
    .selectFrom('documents as d')
    .innerJoin('documents as g', (join) => join.on((eb) => eb('g.id', '=', eb.fn.coalesce('d.parent_id', 'd.id'))))
    .innerJoin('memberships as m', (join) => join.on('m.user_id', '=', userId))
    .where((eb) =>
      eb.or([
        eb('m.party_id', '=', eb.ref('g.owner_party_id')),
        eb.exists(
          eb
            .selectFrom('document_parties as gp')
            .select('gp.party_id')
            .whereRef('gp.document_id', '=', 'g.id')
            .whereRef('gp.party_id', '=', 'm.party_id'),
        ),
      ]),
    );
}

/**
 * The ids of the documents the user may read (a hub admin: all), as a subquery for
 * `where(column, 'in', …)`. With `minRole`, only those where their best governing role is
 * at least that (a hub admin counts as admin everywhere). Lists filter with this, in SQL,
 * so paging stays right.
 */
export function readableDocumentIds(db: Kysely<Database>, user: Viewer, minRole: MemberRole = 'reader') {
  if (user.is_admin) return db.selectFrom('documents as d').select('d.id as document_id');
  const roles = (['admin', 'editor', 'commenter', 'reader'] as const).filter((r) => atLeast(r, minRole));
  return governingRoles(db, user.id).where('m.role', 'in', roles).select('d.id as document_id').distinct();
}

/** Null when the document does not exist. */
export async function documentAccess(db: Kysely<Database>, user: Viewer | null, documentId: string): Promise<DocumentAccess | null> {
  const document = await db.selectFrom('documents').selectAll().where('id', '=', documentId).executeTakeFirst();
  if (!document) return null;
  const governing =
    (document.parent_id
      ? await db.selectFrom('documents').selectAll().where('id', '=', document.parent_id).executeTakeFirst()
      : undefined) ?? document;
  const rolesByParty = new Map<string, MemberRole>();
  let ownerRole: MemberRole | null = null;
  if (user) {
    const rows = await governingRoles(db, user.id).where('d.id', '=', documentId).select(['m.party_id', 'm.role']).execute();
    for (const r of rows) {
      rolesByParty.set(r.party_id, r.role);
      if (r.party_id === governing.owner_party_id) ownerRole = r.role;
    }
  }
  const role = highestRole(rolesByParty.values());
  const status = effectiveStatus(document.status, governing.status);
  const capabilities = documentCapabilities({ role, ownerRole, isHubAdmin: Boolean(user?.is_admin), status, locked: document.locked_at !== null });
  return { document, governingId: governing.id, effectiveStatus: status, role, capabilities, rolesByParty };
}
