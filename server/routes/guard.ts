import type { Context } from 'hono';
import type { Capabilities } from '../../shared/permissions.js';
import { type DocumentAccess, documentAccess } from '../auth/access.js';
import type { SessionInfo } from '../auth/sessions.js';
import type { AppEnv, Deps } from '../env.js';
import { fail } from '../errors.js';
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
