import type { Kysely } from 'kysely';
import type { CloseCodeName } from '../../../shared/errors.js';
import { collabPermission, type CollabPermission } from '../../../shared/permissions.js';
import { documentAccess } from '../../auth/access.js';
import { collabSecret, verifyCollabToken } from '../../auth/collab-token.js';
import type { SessionInfo } from '../../auth/sessions.js';
import type { Database } from '../../db/database.js';
import type { Principal } from '../connection.js';

/*
 * Who is connecting and what they may do with the document: the same rules as the
 * API (auth/access + shared/permissions), resolved at connect and again whenever
 * memberships, the document's status or parties, or the user change.
 */

export type AccessDecision =
  | { ok: true; principal: Principal; permission: CollabPermission; governingId: string }
  | { ok: false; close: CloseCodeName };

// Document ids are UUIDs; anything much longer is not worth a query.
const maxIdLength = 100;

export class Authorizer {
  private secret: Promise<Buffer> | null = null;

  constructor(private readonly db: Kysely<Database>) {}

  /** At the upgrade: a `?token=` (non-browser clients) wins over the session cookie. */
  async connect(session: SessionInfo | null, token: string | undefined, documentId: string): Promise<AccessDecision> {
    if (documentId.length > maxIdLength) return { ok: false, close: 'notFound' };
    let principal: Principal | null = null;
    if (token) {
      this.secret ??= collabSecret(this.db).catch((err: unknown) => {
        this.secret = null;
        throw err;
      });
      const userId = verifyCollabToken(await this.secret, token, documentId);
      if (userId) principal = await this.activeUser(userId);
    } else if (session) {
      principal = { userId: session.user.id, isAdmin: Boolean(session.user.is_admin) };
    }
    if (!principal) return { ok: false, close: 'unauthenticated' };
    return this.resolve(principal, documentId);
  }

  /** After a change that may have taken access away: lost rights close as revoked. */
  async recheck(principal: Principal, documentId: string): Promise<AccessDecision> {
    const fresh = await this.activeUser(principal.userId);
    if (!fresh) return { ok: false, close: 'accessRevoked' };
    const decision = await this.resolve(fresh, documentId);
    if (!decision.ok && decision.close === 'forbidden') return { ok: false, close: 'accessRevoked' };
    return decision;
  }

  private async activeUser(userId: string): Promise<Principal | null> {
    const user = await this.db.selectFrom('users').select(['id', 'is_admin', 'disabled']).where('id', '=', userId).executeTakeFirst();
    if (!user || user.disabled) return null;
    return { userId: user.id, isAdmin: Boolean(user.is_admin) };
  }

  private async resolve(principal: Principal, documentId: string): Promise<AccessDecision> {
    const access = await documentAccess(this.db, { id: principal.userId, is_admin: principal.isAdmin ? 1 : 0 }, documentId);
    if (!access) return { ok: false, close: 'notFound' };
    const permission = collabPermission(access.capabilities);
    if (!permission) return { ok: false, close: 'forbidden' };
    return { ok: true, principal, permission, governingId: access.governingId };
  }
}
