import type { SessionInfo } from './sessions.js';
import type { PublicationRow } from '../db/repositories/publications.js';
import type { Deps } from '../env.js';
import { documentAccess } from './access.js';

/** A public version is readable by anyone, without an account; another only by those who may read its document. */
export async function mayReadPublication(deps: Deps, session: SessionInfo | null | undefined, p: PublicationRow): Promise<boolean> {
  if (p.public) return true;
  if (!session) return false;
  const access = await documentAccess(deps.db, session.user, p.document_id);
  return Boolean(access?.capabilities.read);
}
