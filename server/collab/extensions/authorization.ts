import type { Kysely } from 'kysely';
import type { CloseCodeName } from '../../../shared/errors.js';
import { atLeast, collabPermission, type CollabPermission, isFrozen } from '../../../shared/permissions.js';
import { documentAccess } from '../../auth/access.js';
import { collabSecret, verifyCollabToken } from '../../auth/collab-token.js';
import type { SessionInfo } from '../../auth/sessions.js';
import type { Database } from '../../db/database.js';
import { now } from '../../time.js';
import type { Principal } from '../connection.js';

/*
 * Who is connecting and what they may do with the document: the same rules as the
 * API (auth/access + shared/permissions), resolved at connect and again whenever
 * memberships, the document's status or parties, or the user change.
 */

export type AccessDecision =
  | { ok: true; principal: Principal; permission: CollabPermission; governingId: string; frozen: boolean }
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
      const claims = verifyCollabToken(await this.secret, token, documentId);
      if (claims) principal = await this.liveSession(claims.userId, claims.sessionId);
    } else if (session) {
      const { user } = session;
      principal = { userId: user.id, isAdmin: Boolean(user.is_admin), sessionId: session.sessionId, name: user.name, parties: await this.partyNames(user.id) };
    }
    if (!principal) return { ok: false, close: 'unauthenticated' };
    const decision = await this.resolve(principal, documentId);
    // The API answers 404 both for a missing document and for one the user may not read: so does the socket.
    if (!decision.ok && decision.close === 'forbidden') return { ok: false, close: 'notFound' };
    return decision;
  }

  /** After a change that may have taken access away: lost rights close as revoked, an ended session as ended. */
  async recheck(principal: Principal, documentId: string): Promise<AccessDecision> {
    const user = await this.db.selectFrom('users').select(['is_admin', 'disabled']).where('id', '=', principal.userId).executeTakeFirst();
    if (!user || user.disabled) return { ok: false, close: 'accessRevoked' };
    const session = await this.db.selectFrom('sessions').select('expires_at').where('id', '=', principal.sessionId).executeTakeFirst();
    if (!session || session.expires_at <= now()) return { ok: false, close: 'sessionEnded' };
    const decision = await this.resolve({ ...principal, isAdmin: Boolean(user.is_admin) }, documentId);
    if (!decision.ok && decision.close === 'forbidden') return { ok: false, close: 'accessRevoked' };
    return decision;
  }

  /** The token's session, if it still exists, has not expired, and its user is active. */
  private async liveSession(userId: string, sessionId: string): Promise<Principal | null> {
    const row = await this.db
      .selectFrom('sessions')
      .innerJoin('users', 'users.id', 'sessions.user_id')
      .select(['users.id', 'users.is_admin', 'users.disabled', 'users.name', 'sessions.expires_at'])
      .where('sessions.id', '=', sessionId)
      .where('sessions.user_id', '=', userId)
      .executeTakeFirst();
    if (!row || row.disabled || row.expires_at <= now()) return null;
    return { userId: row.id, isAdmin: Boolean(row.is_admin), sessionId, name: row.name, parties: await this.partyNames(row.id) };
  }

  /** Names and short names of the user's parties: the only party a presence state may claim. */
  private async partyNames(userId: string): Promise<string[]> {
    const rows = await this.db
      .selectFrom('memberships')
      .innerJoin('parties', 'parties.id', 'memberships.party_id')
      .select(['parties.name', 'parties.short_name'])
      .where('memberships.user_id', '=', userId)
      .execute();
    return rows.flatMap((r) => (r.short_name ? [r.name, r.short_name] : [r.name]));
  }

  private async resolve(principal: Principal, documentId: string): Promise<AccessDecision> {
    const access = await documentAccess(this.db, { id: principal.userId, is_admin: principal.isAdmin ? 1 : 0 }, documentId);
    if (!access) return { ok: false, close: 'notFound' };
    const permission = collabPermission(access.capabilities);
    if (!permission) return { ok: false, close: 'forbidden' };
    // Frozen (adopted): a write is refused as such, not as a missing right the person never lacked.
    const frozen = isFrozen(access.effectiveStatus) && atLeast(principal.isAdmin ? 'admin' : access.role, 'editor');
    return { ok: true, principal, permission, governingId: access.governingId, frozen };
  }
}
