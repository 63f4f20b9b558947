import type { Kysely } from 'kysely';
import { hashPassword, hashToken, newToken } from './auth/crypto.js';
import type { Database } from './db/database.js';
import { newId, now } from './time.js';

/*
 * First start on an empty database: the first admin from OVERENS_ADMIN_EMAIL /
 * OVERENS_ADMIN_PASSWORD, or else a one-time setup token printed as a link.
 */

const setupKey = 'setup_token_hash';

export async function hasUsers(db: Kysely<Database>): Promise<boolean> {
  return (await db.selectFrom('users').select('id').limit(1).executeTakeFirst()) !== undefined;
}

export async function ensureFirstAdmin(
  db: Kysely<Database>,
  email: string | null,
  password: string | null,
): Promise<{ kind: 'exists' } | { kind: 'created'; email: string } | { kind: 'setup'; token: string }> {
  if (await hasUsers(db)) return { kind: 'exists' };
  if (email && password) {
    const ts = now();
    await db
      .insertInto('users')
      .values({
        id: newId(),
        email: email.trim().toLowerCase(),
        name: 'Administratör',
        password_hash: await hashPassword(password),
        is_admin: 1,
        disabled: 0,
        locale: 'sv',
        created_at: ts,
        updated_at: ts,
      })
      .execute();
    return { kind: 'created', email };
  }
  const token = newToken();
  await db
    .insertInto('settings')
    .values({ key: setupKey, value: hashToken(token) })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value: hashToken(token) }))
    .execute();
  return { kind: 'setup', token };
}

/** True once, for the printed token, while no user exists; the token is spent by the caller's transaction. */
export async function takeSetupToken(db: Kysely<Database>, token: string): Promise<boolean> {
  const deleted = await db
    .deleteFrom('settings')
    .where('key', '=', setupKey)
    .where('value', '=', hashToken(token))
    .executeTakeFirst();
  return deleted.numDeletedRows > 0n;
}
