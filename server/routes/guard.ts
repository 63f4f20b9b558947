import type { Context } from 'hono';
import { atLeast, type Capabilities, type MemberRole } from '../../shared/permissions.js';
import { type DocumentAccess, documentAccess } from '../auth/access.js';
import type { SessionInfo } from '../auth/sessions.js';
import type { AppEnv, Deps } from '../env.js';
import { fail } from '../errors.js';
import type { Party } from '../db/database.js';
import { requireSession } from '../middleware/session.js';

/*
 * Every document-scoped route goes through here: 404 when the document does not exist
 * or the user may not read it (existence is not leaked), 403 when they may read but
 * not do what they ask.
 */
export async function requireDocument(
  c: Context<AppEnv>,
  deps: Deps,
  documentId: string,
  capability: keyof Capabilities,
): Promise<{ session: SessionInfo; access: DocumentAccess }> {
  const session = requireSession(c);
  const access = await documentAccess(deps.db, session.user, documentId);
  if (!access || !access.capabilities.read) fail('notFound', 'No such document.');
  if (!access.capabilities[capability]) {
    fail('forbidden', capability === 'edit' && access.role && ['editor', 'admin'].includes(access.role)
      ? `The document is ${access.document.status} and can no longer be changed.`
      : `You may not ${capability} this document.`);
  }
  return { session, access };
}

/** Tables whose rows belong to one document through `document_id`. */
export type DocumentChildTable =
  | 'stages'
  | 'checkpoints'
  | 'decisions'
  | 'dialogue_rounds'
  | 'feedback_items'
  | 'comments'
  | 'resources'
  | 'cost_shares';

/** Finds a child row's document, then checks the capability on it. */
export async function requireChild(
  c: Context<AppEnv>,
  deps: Deps,
  table: DocumentChildTable,
  id: string,
  capability: keyof Capabilities,
) {
  requireSession(c);
  const row = await deps.db
    .selectFrom(table as 'stages')
    .select('document_id')
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) fail('notFound');
  return requireDocument(c, deps, row.document_id, capability);
}

export async function partyOr404(deps: Deps, id: string): Promise<Party> {
  return (await deps.db.selectFrom('parties').selectAll().where('id', '=', id).executeTakeFirst()) ?? fail('notFound', 'No such party.');
}

/** The user's role in the party; hub admins are admins everywhere. */
export async function partyRoleOf(deps: Deps, session: SessionInfo, partyId: string): Promise<MemberRole | null> {
  if (session.user.is_admin) return 'admin';
  const m = await deps.db.selectFrom('memberships').select('role').where('user_id', '=', session.user.id).where('party_id', '=', partyId).executeTakeFirst();
  return m?.role ?? null;
}

/** The party's admins (and hub admins) manage its members, invitations and bodies. */
export async function requirePartyAdmin(c: Context<AppEnv>, deps: Deps, partyId: string): Promise<{ session: SessionInfo; party: Party }> {
  const session = requireSession(c);
  const party = await partyOr404(deps, partyId);
  if (!atLeast(await partyRoleOf(deps, session, partyId), 'admin')) fail('forbidden', "Only the party's administrators may do that.");
  return { session, party };
}
