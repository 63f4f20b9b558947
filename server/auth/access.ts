import type { Kysely } from 'kysely';
import {
  type Capabilities,
  type MemberRole,
  documentCapabilities,
  highestRole,
  effectiveStatus,
} from '../../shared/permissions.js';
import type { Database, DocumentRow, User } from '../db/database.js';

/*
 * The one place that turns memberships into rights on a document. Every route and
 * the collaboration server ask here; the rules themselves are in shared/permissions.
 */

export interface DocumentAccess {
  document: DocumentRow;
  /** The document whose parties govern access: the agreement itself, or the parent of a bilaga. */
  governingId: string;
  role: MemberRole | null;
  capabilities: Capabilities;
  /** Best role per party of the user among the document's parties. */
  rolesByParty: Map<string, MemberRole>;
}

export async function userRoles(db: Kysely<Database>, userId: string): Promise<Map<string, MemberRole>> {
  const rows = await db.selectFrom('memberships').select(['party_id', 'role']).where('user_id', '=', userId).execute();
  return new Map(rows.map((r) => [r.party_id, r.role]));
}

/** Null when the document does not exist. */
export async function documentAccess(
  db: Kysely<Database>,
  user: Pick<User, 'id' | 'is_admin'> | null,
  documentId: string,
): Promise<DocumentAccess | null> {
  const document = await db.selectFrom('documents').selectAll().where('id', '=', documentId).executeTakeFirst();
  if (!document) return null;
  let governing = document;
  // A bilaga (and minutes filed under an agreement) follow their parent's parties.
  for (let depth = 0; governing.parent_id && depth < 4; depth++) {
    const parent = await db.selectFrom('documents').selectAll().where('id', '=', governing.parent_id).executeTakeFirst();
    if (!parent) break;
    governing = parent;
  }
  const rolesByParty = new Map<string, MemberRole>();
  let ownerRole: MemberRole | null = null;
  if (user) {
    const rows = await db
      .selectFrom('memberships')
      .select(['party_id', 'role'])
      .where('user_id', '=', user.id)
      .where((eb) =>
        eb.or([
          eb('party_id', '=', governing.owner_party_id),
          eb(
            'party_id',
            'in',
            eb.selectFrom('document_parties').select('party_id').where('document_id', '=', governing.id),
          ),
        ]),
      )
      .execute();
    for (const r of rows) {
      rolesByParty.set(r.party_id, r.role);
      if (r.party_id === governing.owner_party_id) ownerRole = r.role;
    }
  }
  const role = highestRole(rolesByParty.values());
  const capabilities = documentCapabilities({
    role,
    ownerRole,
    isHubAdmin: Boolean(user?.is_admin),
    status: effectiveStatus(document.status, governing.status),
  });
  return { document, governingId: governing.id, role, capabilities, rolesByParty };
}

