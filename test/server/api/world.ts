import type { Kysely } from 'kysely';
import { expect } from 'vitest';
import { createApp } from '../../../server/app.js';
import type { Database, Party, User } from '../../../server/db/database.js';
import type { MemberRole } from '../../../shared/permissions.js';
import { createTestDb, type TestDb, testDeps } from '../../helpers/db.js';
import { buildParty, buildUser, login, type LoggedIn } from '../../helpers/factories.js';

/*
 * A small world for the API tests: an owning region, a co-signing municipality and an
 * outside party, with one logged-in user per role. Each test builds its own documents
 * in it, so tests do not depend on each other's records.
 */

export type App = ReturnType<typeof createApp>['app'];
export type Request = LoggedIn['request'];

export interface Actor {
  user: User & { password: string };
  request: Request;
  csrfToken: string;
  cookie: string;
}

export interface World {
  tdb: TestDb;
  db: Kysely<Database>;
  app: App;
  /** The hub's collaboration server (to put text in a document). */
  collab: ReturnType<typeof createApp>['collab'];
  /** The region that owns most test documents. */
  owner: Party;
  /** A municipality that co-signs them. */
  partner: Party;
  /** A party that is not on the test documents. */
  elsewhere: Party;
  hubAdmin: Actor;
  ownerAdmin: Actor;
  ownerEditor: Actor;
  ownerCommenter: Actor;
  ownerReader: Actor;
  partnerEditor: Actor;
  partnerCommenter: Actor;
  /** Editor of `elsewhere`: may read none of the test documents. */
  outsider: Actor;
  /** Requests without a session (JSON body encoded). */
  anon: Request;
  drop(): Promise<void>;
}

export async function actor(app: App, db: Kysely<Database>, party?: Party, role?: MemberRole, o: { isAdmin?: boolean } = {}): Promise<Actor> {
  const user = await buildUser(db, { ...(party ? { party, role: role ?? 'editor' } : {}), isAdmin: o.isAdmin ?? false });
  const s = await login(app, user.email, user.password);
  return { user, request: s.request, csrfToken: s.csrfToken, cookie: s.cookie };
}

export function anonymous(app: App): Request {
  return async (path, init = {}) =>
    app.request(path, {
      method: init.method ?? 'GET',
      headers: { ...(init.body !== undefined ? { 'content-type': 'application/json' } : {}), ...init.headers },
      ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
    });
}

export async function createWorld(dialect: TestDb['dialect']): Promise<World> {
  const tdb = await createTestDb(dialect);
  const db = tdb.db;
  const hub = createApp(testDeps(tdb));
  const app = hub.app;
  const owner = await buildParty(db, { kind: 'region', name: `Region ${crypto.randomUUID().slice(0, 8)}` });
  const partner = await buildParty(db, { kind: 'municipality' });
  const elsewhere = await buildParty(db, { kind: 'county_council' });
  const [hubAdmin, ownerAdmin, ownerEditor, ownerCommenter, ownerReader, partnerEditor, partnerCommenter, outsider] =
    await Promise.all([
      actor(app, db, undefined, undefined, { isAdmin: true }),
      actor(app, db, owner, 'admin'),
      actor(app, db, owner, 'editor'),
      actor(app, db, owner, 'commenter'),
      actor(app, db, owner, 'reader'),
      actor(app, db, partner, 'editor'),
      actor(app, db, partner, 'commenter'),
      actor(app, db, elsewhere, 'editor'),
    ]);
  return {
    tdb,
    db,
    app,
    collab: hub.collab,
    owner,
    partner,
    elsewhere,
    hubAdmin: hubAdmin!,
    ownerAdmin: ownerAdmin!,
    ownerEditor: ownerEditor!,
    ownerCommenter: ownerCommenter!,
    ownerReader: ownerReader!,
    partnerEditor: partnerEditor!,
    partnerCommenter: partnerCommenter!,
    outsider: outsider!,
    anon: anonymous(app),
    drop: async () => {
      await hub.collab.close();
      await tdb.drop();
    },
  };
}

/** The JSON body of a response with the expected status (the body is shown when the status differs). */
export async function ok<T = any>(res: Response, status = 200): Promise<T> {
  const text = await res.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = text;
  }
  expect({ status: res.status, body }).toMatchObject({ status });
  expect(res.headers.get('content-type') ?? '').toMatch(/^application\/json/);
  return body as T;
}

export interface ErrorJson {
  error: { code: string; message: string; details?: unknown };
}

/** Asserts the error status, code and the one error shape. */
export async function fails(res: Response, status: number, code: string): Promise<ErrorJson> {
  const body = await ok<ErrorJson>(res, status);
  expect(body.error.code).toBe(code);
  expect(typeof body.error.message).toBe('string');
  expect(body.error.message.length).toBeGreaterThan(0);
  expect(Object.keys(body)).toEqual(['error']);
  return body;
}

/** 400 `validation` whose details name the field (a path such as `title` or `clauses.0.text`). */
export async function invalid(res: Response, field: string): Promise<ErrorJson> {
  const body = await fails(res, 400, 'validation');
  const details = body.error.details as { path: string }[];
  expect(Array.isArray(details)).toBe(true);
  expect(details.map((d) => d.path)).toContain(field);
  return body;
}

/** The audit rows of one action on one record. */
export async function auditOf(db: Kysely<Database>, action: string, entityId: string) {
  return db.selectFrom('audit_log').selectAll().where('action', '=', action).where('entity_id', '=', entityId).execute();
}

/** Exactly one audit entry for the action on the record, by the actor. */
export async function expectAudit(db: Kysely<Database>, action: string, entityId: string, actorId?: string) {
  const rows = await auditOf(db, action, entityId);
  expect(rows, `audit ${action} ${entityId}`).toHaveLength(1);
  if (actorId) expect(rows[0]!.actor_id).toBe(actorId);
  return rows[0]!;
}

export async function auditCount(db: Kysely<Database>): Promise<number> {
  const row = await db.selectFrom('audit_log').select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

/** A path parameter longer than any id may be: every :id route answers 400 `validation` naming it. */
export const tooLongId = 'x'.repeat(101);
