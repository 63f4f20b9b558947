import { Hono } from 'hono';
import { deleteCookie, setCookie } from 'hono/cookie';
import type { Context } from 'hono';
import type { Kysely } from 'kysely';
import { loginInput, meInput, setupInput } from '../../shared/schemas.js';
import { hashPassword, verifyPassword } from '../auth/crypto.js';
import { rememberDevice } from '../auth/known-device.js';
import { beginPasswordAttempt, type LoginThrottle } from '../auth/login-throttle.js';
import { createSession, sessionCookie, sessionLifetimeMs } from '../auth/sessions.js';
import { hasUsers } from '../bootstrap.js';
import { createFirstAdmin, endSession, updateOwnAccount } from '../commands/accounts.js';
import type { Database, User } from '../db/database.js';
import type { AppEnv, Deps } from '../env.js';
import { fail } from '../errors.js';
import { requireSession } from '../middleware/session.js';
import { presentMembership, presentParty, presentUser } from '../presenters/index.js';
import { jsonBody } from '../validate.js';

export async function membershipsOf(db: Kysely<Database>, userId: string) {
  const rows = await db
    .selectFrom('memberships')
    .innerJoin('parties', 'parties.id', 'memberships.party_id')
    .selectAll('parties')
    .select(['memberships.id as membership_id', 'memberships.role', 'memberships.title', 'memberships.user_id'])
    .where('memberships.user_id', '=', userId)
    .orderBy('parties.name')
    .execute();
  return rows.map((r) => ({
    ...presentMembership({ id: r.membership_id, user_id: r.user_id, party_id: r.id, role: r.role, title: r.title }),
    party: presentParty(r),
  }));
}

/** Starts a session for the user: sets the cookie and answers with the user, memberships and CSRF token. */
export async function startSession(c: Context<AppEnv>, deps: Deps, user: User, status: 200 | 201 = 200) {
  const session = await createSession(deps.db, user.id, c.req.header('user-agent') ?? null);
  setCookie(c, sessionCookie, session.token, {
    httpOnly: true,
    sameSite: 'Lax',
    secure: deps.config.secureCookies,
    path: '/',
    maxAge: Math.floor(sessionLifetimeMs / 1000),
  });
  await rememberDevice(c, deps, user.id);
  return c.json(
    { user: presentUser(user), memberships: await membershipsOf(deps.db, user.id), csrfToken: session.csrfToken },
    status,
  );
}

/* Logging in and out, under /session. One throttle serves the login and PATCH /me's password check. */
export function sessionRoutes(deps: Deps, throttle: LoginThrottle) {
  const { db } = deps;
  return new Hono<AppEnv>()
    .post('/', jsonBody(loginInput), async (c) => {
      const { email, password } = c.req.valid('json');
      const user = await db.selectFrom('users').selectAll().where('email', '=', email).executeTakeFirst();
      const attempt = await beginPasswordAttempt(c, deps, throttle, email, user?.id ?? null);
      const ok = await verifyPassword(password, user?.password_hash ?? null);
      if (!user || !ok || user.disabled) {
        await attempt.failed();
        fail('invalidCredentials');
      }
      await attempt.succeeded();
      return startSession(c, deps, user);
    })
    .delete('/', async (c) => {
      const session = c.get('session');
      if (session) await endSession(deps, { sessionId: session.sessionId, userId: session.user.id });
      deleteCookie(c, sessionCookie, { path: '/' });
      return c.json({ ok: true as const });
    });
}

/* The logged-in user's own account, under /me. */
export function meRoutes(deps: Deps, throttle: LoginThrottle) {
  const { db } = deps;
  return new Hono<AppEnv>()
    .get('/', async (c) => {
      const s = requireSession(c);
      return c.json({ user: presentUser(s.user), memberships: await membershipsOf(db, s.user.id), csrfToken: s.csrfToken });
    })
    .patch('/', jsonBody(meInput), async (c) => {
      const s = requireSession(c);
      const input = c.req.valid('json');
      if (input.password !== undefined) {
        // The current password is a guess like any login: a stolen session must not test passwords freely.
        const attempt = await beginPasswordAttempt(c, deps, throttle, s.user.email, s.user.id);
        if (!(await verifyPassword(input.currentPassword ?? '', s.user.password_hash))) {
          await attempt.failed();
          fail('validation', 'The current password is wrong.', [{ path: 'currentPassword', message: 'Wrong password.' }]);
        }
        await attempt.succeeded();
      }
      const passwordHash = input.password !== undefined ? await hashPassword(input.password) : undefined;
      const user = await updateOwnAccount(deps, { userId: s.user.id, sessionId: s.sessionId }, { name: input.name, locale: input.locale, passwordHash });
      return c.json({ user: presentUser(user) });
    });
}

/* The first administrator of an empty hub, under /setup. */
export function setupRoutes(deps: Deps) {
  const { db } = deps;
  return new Hono<AppEnv>()
    .get('/', async (c) => {
      const hasDocuments = (await db.selectFrom('documents').select('id').limit(1).executeTakeFirst()) !== undefined;
      return c.json({ needsSetup: !(await hasUsers(db)), hasDocuments });
    })
    .post('/', jsonBody(setupInput), async (c) => {
      const input = c.req.valid('json');
      // Once set up, refuse before hashing: this route stays open to anyone.
      if (await hasUsers(db)) fail('forbidden', 'The setup link is not valid (or the hub is already set up).');
      const { password, ...rest } = input;
      const user = await createFirstAdmin(deps, { ...rest, passwordHash: await hashPassword(password) });
      return startSession(c, deps, user, 201);
    });
}
