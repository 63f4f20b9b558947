import type { Hono } from 'hono';
import type { Kysely } from 'kysely';
import type { MemberRole } from '../../shared/permissions.js';
import { hashPassword } from '../../server/auth/crypto.js';
import type { Database, DocumentRow, Party, PartyKind, User } from '../../server/db/database.js';
import { newId, now } from '../../server/time.js';

/* Records straight into the database, for tests that need a world to act in. */

let counter = 0;
const unique = () => `${Date.now().toString(36)}${(counter++).toString(36)}`;
// Hashing is deliberately slow; tests share one hash per password.
const hashes = new Map<string, Promise<string>>();
export const defaultPassword = 'correct horse battery';

export async function buildParty(db: Kysely<Database>, o: Partial<Party> & { kind?: PartyKind } = {}): Promise<Party> {
  const ts = now();
  return db
    .insertInto('parties')
    .values({
      id: newId(),
      name: o.name ?? `Kommun ${unique()}`,
      short_name: o.short_name ?? null,
      kind: o.kind ?? 'municipality',
      org_number: o.org_number ?? null,
      created_at: ts,
      updated_at: ts,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function buildUser(
  db: Kysely<Database>,
  o: { email?: string; name?: string; password?: string; isAdmin?: boolean; party?: Party; role?: MemberRole } = {},
): Promise<User & { password: string }> {
  const password = o.password ?? defaultPassword;
  if (!hashes.has(password)) hashes.set(password, hashPassword(password, { N: 1024, p: 1 }));
  const ts = now();
  const user = await db
    .insertInto('users')
    .values({
      id: newId(),
      email: o.email ?? `user-${unique()}@example.se`,
      name: o.name ?? `Person ${unique()}`,
      password_hash: await hashes.get(password)!,
      is_admin: o.isAdmin ? 1 : 0,
      disabled: 0,
      locale: 'sv',
      created_at: ts,
      updated_at: ts,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  if (o.party) await addMember(db, user.id, o.party.id, o.role ?? 'editor');
  return { ...user, password };
}

export async function addMember(db: Kysely<Database>, userId: string, partyId: string, role: MemberRole) {
  await db
    .insertInto('memberships')
    .values({ id: newId(), user_id: userId, party_id: partyId, role, title: null, created_at: now() })
    .execute();
}

export async function buildDocument(
  db: Kysely<Database>,
  o: Partial<DocumentRow> & { owner: Party; parties?: Party[] },
): Promise<DocumentRow> {
  const ts = now();
  const { owner, parties, ...rest } = o;
  const doc = await db
    .insertInto('documents')
    .values({
      id: newId(),
      kind: 'agreement',
      title: `Överenskommelse ${unique()}`,
      reference: null,
      status: 'draft',
      dialogue_round: null,
      owner_party_id: owner.id,
      parent_id: null,
      attachment_number: null,
      summary: null,
      starts_on: null,
      ends_on: null,
      public: 0,
      created_by: null,
      created_at: ts,
      updated_at: ts,
      ...rest,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  for (const p of [owner, ...(parties ?? [])]) {
    await db
      .insertInto('document_parties')
      .values({ document_id: doc.id, party_id: p.id, role: 'signatory', approval: 'pending', approved_by: null, approved_at: null })
      .onConflict((oc) => oc.doNothing())
      .execute();
  }
  return doc;
}

export interface LoggedIn {
  cookie: string;
  csrfToken: string;
  /** app.request with the session cookie and CSRF header set, JSON body encoded. */
  request(path: string, init?: { method?: string; body?: unknown; headers?: Record<string, string> }): Promise<Response>;
}

export async function login(app: Hono<any>, email: string, password = defaultPassword): Promise<LoggedIn> {
  const res = await app.request('/api/session', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  if (res.status !== 200) throw new Error(`login failed: ${res.status} ${await res.text()}`);
  const setCookie = res.headers.get('set-cookie') ?? '';
  const cookie = setCookie.split(';')[0]!;
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  return {
    cookie,
    csrfToken,
    request: async (path, init = {}) =>
      app.request(path, {
        method: init.method ?? 'GET',
        headers: {
          cookie,
          'x-csrf-token': csrfToken,
          ...(init.body !== undefined ? { 'content-type': 'application/json' } : {}),
          ...init.headers,
        },
        ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
      }),
  };
}

/* Metadata of an agreement, straight into the database (API tests build their world with these). */

export async function buildStage(
  db: Kysely<Database>,
  o: { document: Pick<DocumentRow, 'id'>; title?: string; position?: number; status?: Database['stages']['status'] },
) {
  const ts = now();
  const last = await db.selectFrom('stages').select((eb) => eb.fn.max('position').as('max')).where('document_id', '=', o.document.id).executeTakeFirst();
  return db
    .insertInto('stages')
    .values({
      id: newId(),
      document_id: o.document.id,
      position: o.position ?? Number(last?.max ?? 0) + 1,
      title: o.title ?? `Steg ${unique()}`,
      description: null,
      status: o.status ?? 'planned',
      starts_on: null,
      target_on: null,
      ends_on: null,
      created_at: ts,
      updated_at: ts,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function buildPrecondition(
  db: Kysely<Database>,
  o: { stage: { id: string }; requires?: { id: string }; requirement?: Database['stage_preconditions']['requirement']; met?: boolean },
) {
  return db
    .insertInto('stage_preconditions')
    .values({
      id: newId(),
      stage_id: o.stage.id,
      requires_stage_id: o.requires?.id ?? null,
      requirement: o.requirement ?? (o.requires ? 'done' : 'other'),
      description: `Villkor ${unique()}`,
      met_at: o.met ? now() : null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function buildCheckpoint(db: Kysely<Database>, o: { document: Pick<DocumentRow, 'id'>; dueOn?: string; stageId?: string | null }) {
  return db
    .insertInto('checkpoints')
    .values({ id: newId(), document_id: o.document.id, stage_id: o.stageId ?? null, due_on: o.dueOn ?? '2099-12-31', title: `Avstämning ${unique()}`, report_to: null, outcome: null, held_on: null, created_at: now() })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function buildBody(db: Kysely<Database>, o: { party: Pick<Party, 'id'>; name?: string; kind?: Database['bodies']['kind'] }) {
  return db
    .insertInto('bodies')
    .values({ id: newId(), party_id: o.party.id, name: o.name ?? `Nämnd ${unique()}`, kind: o.kind ?? 'board', created_at: now() })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function buildRound(db: Kysely<Database>, o: { document: Pick<DocumentRow, 'id'>; number?: number; status?: 'open' | 'closed' }) {
  const last = await db.selectFrom('dialogue_rounds').select((eb) => eb.fn.max('number').as('max')).where('document_id', '=', o.document.id).executeTakeFirst();
  return db
    .insertInto('dialogue_rounds')
    .values({ id: newId(), document_id: o.document.id, number: o.number ?? Number(last?.max ?? 0) + 1, title: null, starts_on: null, ends_on: null, status: o.status ?? 'open', created_at: now() })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function buildFeedback(
  db: Kysely<Database>,
  o: { document: Pick<DocumentRow, 'id'>; party: Pick<Party, 'id'>; author?: Pick<User, 'id'> | null; roundId?: string | null; state?: Database['feedback_items']['state'] },
) {
  const ts = now();
  const answered = o.state !== undefined && o.state !== 'open' && o.state !== 'withdrawn';
  return db
    .insertInto('feedback_items')
    .values({
      id: newId(),
      document_id: o.document.id,
      party_id: o.party.id,
      round_id: o.roundId ?? null,
      meeting_id: null,
      author_id: o.author?.id ?? null,
      body: `Synpunkt ${unique()}`,
      state: o.state ?? 'open',
      answer: answered ? 'Besvarad' : null,
      location: null,
      answered_by: null,
      answered_at: answered ? ts : null,
      created_at: ts,
      updated_at: ts,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function buildComment(
  db: Kysely<Database>,
  o: { document: Pick<DocumentRow, 'id'>; author: Pick<User, 'id'>; parentId?: string | null; body?: string },
) {
  const ts = now();
  return db
    .insertInto('comments')
    .values({ id: newId(), document_id: o.document.id, author_id: o.author.id, parent_id: o.parentId ?? null, feedback_id: null, anchor: null, quote: null, body: o.body ?? `Kommentar ${unique()}`, resolved_at: null, resolved_by: null, created_at: ts, updated_at: ts })
    .returningAll()
    .executeTakeFirstOrThrow();
}
