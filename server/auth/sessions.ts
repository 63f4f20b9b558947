import type { Kysely } from 'kysely';
import type { Database, User } from '../db/database.js';
import { inFuture, newId, now } from '../time.js';
import { hashToken, newToken } from './crypto.js';

export const sessionCookie = 'overens_session';
export const sessionLifetimeMs = 14 * 24 * 3600 * 1000;

export interface SessionInfo {
  sessionId: string;
  csrfToken: string;
  user: User;
}

export async function createSession(
  db: Kysely<Database>,
  userId: string,
  userAgent: string | null,
): Promise<{ token: string; csrfToken: string; expiresAt: string }> {
  const token = newToken();
  const csrfToken = newToken();
  const expiresAt = inFuture(sessionLifetimeMs);
  await db
    .insertInto('sessions')
    .values({
      id: newId(),
      user_id: userId,
      token_hash: hashToken(token),
      csrf_token: csrfToken,
      created_at: now(),
      expires_at: expiresAt,
      user_agent: userAgent?.slice(0, 300) ?? null,
    })
    .execute();
  return { token, csrfToken, expiresAt };
}

/** The live session behind a cookie value, or null (unknown, expired, or user disabled). */
export async function findSession(db: Kysely<Database>, token: string | undefined): Promise<SessionInfo | null> {
  if (!token || token.length > 200) return null;
  const row = await db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .selectAll('users')
    .select(['sessions.id as session_id', 'sessions.csrf_token', 'sessions.expires_at'])
    .where('sessions.token_hash', '=', hashToken(token))
    .executeTakeFirst();
  if (!row || row.expires_at <= now() || row.disabled) return null;
  const { session_id, csrf_token, expires_at: _expires, ...user } = row;
  return { sessionId: session_id, csrfToken: csrf_token, user };
}

export async function deleteSession(db: Kysely<Database>, sessionId: string): Promise<void> {
  await db.deleteFrom('sessions').where('id', '=', sessionId).execute();
}
