import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../db/database.js';
import { storedSecret } from './secrets.js';

/*
 * Short-lived tokens for non-browser collaboration clients: HMAC-signed, bound to
 * one user, one document and the session that asked for it (so a token dies with
 * its session: logout, a password change or a disabled user). The key lives in the database so every instance of a
 * scaled-out hub accepts every other's tokens.
 */

export const collabTokenLifetimeMs = 5 * 60 * 1000;
const settingKey = 'collab_token_secret';

export function collabSecret(db: Kysely<Database>): Promise<Buffer> {
  return storedSecret(db, settingKey);
}

function mac(secret: Buffer, payload: string): string {
  return createHmac('sha256', secret).update(payload).digest('base64url');
}

export interface CollabTokenClaims {
  userId: string;
  /** The session that requested the token; the connection lives only as long as it. */
  sessionId: string;
}

export function signCollabToken(
  secret: Buffer,
  claims: CollabTokenClaims,
  documentId: string,
  nowMs = Date.now(),
): { token: string; expiresAt: string } {
  const exp = nowMs + collabTokenLifetimeMs;
  const payload = Buffer.from(JSON.stringify({ u: claims.userId, s: claims.sessionId, d: documentId, e: exp })).toString('base64url');
  return { token: `${payload}.${mac(secret, payload)}`, expiresAt: new Date(exp).toISOString() };
}

/** Who the token was issued to, or null if it is forged, expired or for another document. */
export function verifyCollabToken(secret: Buffer, token: string, documentId: string, nowMs = Date.now()): CollabTokenClaims | null {
  const [payload, signature, extra] = token.split('.');
  if (!payload || !signature || extra !== undefined) return null;
  const expected = Buffer.from(mac(secret, payload));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  try {
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as { u?: unknown; s?: unknown; d?: unknown; e?: unknown };
    if (typeof claims.u !== 'string' || typeof claims.s !== 'string' || claims.d !== documentId || typeof claims.e !== 'number') return null;
    return claims.e > nowMs ? { userId: claims.u, sessionId: claims.s } : null;
  } catch {
    return null;
  }
}
