import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Context } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import type { Kysely } from 'kysely';
import type { Database } from '../db/database.js';
import type { AppEnv, Deps } from '../env.js';
import { storedSecret } from './secrets.js';

/*
 * A browser that has logged in to an account before carries a signed cookie naming that
 * account and a random device id. The login throttle counts such a browser's failures on
 * their own, so guessing from elsewhere (or from behind the same proxy) cannot lock it out.
 */

export const deviceCookie = 'overens_device';
const settingKey = 'known_device_secret';

function secret(db: Kysely<Database>): Promise<Buffer> {
  return storedSecret(db, settingKey);
}

function mac(key: Buffer, payload: string): string {
  return createHmac('sha256', key).update(payload).digest('base64url');
}

/** Sets (or renews) the cookie for the account that just logged in. */
export async function rememberDevice(c: Context<AppEnv>, deps: Deps, userId: string, nowMs = Date.now()): Promise<void> {
  const lifetimeMs = deps.config.login.knownDeviceDays * 24 * 3600 * 1000;
  const current = await knownDevice(c, deps, userId, nowMs);
  const payload = Buffer.from(
    JSON.stringify({ u: userId, d: current ?? randomBytes(16).toString('base64url'), e: nowMs + lifetimeMs }),
  ).toString('base64url');
  setCookie(c, deviceCookie, `${payload}.${mac(await secret(deps.db), payload)}`, {
    httpOnly: true,
    sameSite: 'Strict',
    secure: deps.config.secureCookies,
    path: '/api',
    maxAge: Math.floor(lifetimeMs / 1000),
  });
}

/** The device id when the request carries a valid, unexpired cookie for this very account; else null. */
export async function knownDevice(c: Context<AppEnv>, deps: Deps, userId: string | null, nowMs = Date.now()): Promise<string | null> {
  const value = getCookie(c, deviceCookie);
  if (!userId || !value || value.length > 500) return null;
  const [payload, signature, extra] = value.split('.');
  if (!payload || !signature || extra !== undefined) return null;
  const expected = Buffer.from(mac(await secret(deps.db), payload));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  try {
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as { u?: unknown; d?: unknown; e?: unknown };
    if (claims.u !== userId || typeof claims.d !== 'string' || typeof claims.e !== 'number' || claims.e <= nowMs) return null;
    return claims.d;
  } catch {
    return null;
  }
}
