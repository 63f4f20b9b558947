import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LiveSection } from '../../shared/live.js';
import { createApp } from '../../server/app.js';
import type { Deps } from '../../server/env.js';
import { createTestDb, dialects, type TestDb, testDeps } from '../helpers/db.js';
import { buildBody, buildDocument, buildParty, buildUser, login, type LoggedIn } from '../helpers/factories.js';

/*
 * Every route that changes a document's metadata logs it for the live channel and
 * wakes the channels once its transaction has committed: by the time the response
 * is back, `document.changed` has been emitted with the seq of the logged event, and
 * the event names the section of the page that changed.
 */

describe.each(dialects)('every metadata write reaches the live channel (%s)', (dialect) => {
  let tdb: TestDb;
  let deps: Deps;
  let app: ReturnType<typeof createApp>['app'];
  const emitted: Array<{ documentId: string; seq: number }> = [];

  beforeAll(async () => {
    tdb = await createTestDb(dialect);
    deps = testDeps(tdb);
    app = createApp(deps).app;
    deps.events.on('document.changed', (e) => emitted.push(e));
  });
  afterAll(async () => {
    await tdb?.drop();
  });

  it('each write, its section', async () => {
    const db = tdb.db;
    const owner = await buildParty(db);
    const partner = await buildParty(db);
    const ownerAdmin = await buildUser(db, { party: owner, role: 'admin' });
    const partnerEditor = await buildUser(db, { party: partner, role: 'editor' });
    const third = await buildParty(db);
    const as = await login(app, ownerAdmin.email, ownerAdmin.password);
    const partnerSide = await login(app, partnerEditor.email, partnerEditor.password);
    const body = await buildBody(db, { party: owner });

    let documentId = '';
    const step = async (who: LoggedIn, method: string, path: string, reqBody: unknown, section: LiveSection, on?: string) => {
      const before = emitted.length;
      const res = await who.request(path, { method, ...(reqBody === undefined ? {} : { body: reqBody }) });
      if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
      const json = (await res.json()) as Record<string, any>;
      const target = on ?? documentId ?? json.document?.id;
      const mine = emitted.slice(before).filter((e) => e.documentId === target);
      expect(mine, `${method} ${path} woke ${target}`).toHaveLength(1);
      const last = await db.selectFrom('document_events').selectAll().where('document_id', '=', target).orderBy('seq', 'desc').executeTakeFirst();
      // A deleted document takes its log with it.
      if (last) expect([last.seq, last.section], `${method} ${path}`).toEqual([mine[0]!.seq, section]);
      return json;
    };

    const before = emitted.length;
    const created = await as.request('/api/documents', { method: 'POST', body: { title: 'Överenskommelse', kind: 'agreement', parties: [partner.id] } });
    expect(created.status).toBe(201);
    documentId = ((await created.json()) as { document: { id: string } }).document.id;
    expect(emitted.slice(before)).toEqual([{ documentId, seq: 1 }]);
    const d = `/api/documents/${documentId}`;

    await step(as, 'PATCH', d, { summary: 'Samverkan' }, 'document');
    await step(as, 'PUT', `${d}/parties/${third.id}`, { role: 'observer' }, 'parties');
    await step(as, 'DELETE', `${d}/parties/${third.id}`, undefined, 'parties');
    const stage = (await step(as, 'POST', `${d}/stages`, { title: 'Steg 1' }, 'stages')).stage;
    await step(as, 'PATCH', `/api/stages/${stage.id}`, { title: 'Steg 1: vårdplatser' }, 'stages');
    const pre = (await step(as, 'POST', `/api/stages/${stage.id}/preconditions`, { description: 'En plan' }, 'stages')).precondition;
    await step(as, 'PATCH', `/api/preconditions/${pre.id}`, { met: true }, 'stages');
    await step(as, 'DELETE', `/api/preconditions/${pre.id}`, undefined, 'stages');
    const cp = (await step(as, 'POST', `${d}/checkpoints`, { dueOn: '2030-09-30', title: 'Avstämning' }, 'checkpoints')).checkpoint;
    await step(as, 'PATCH', `/api/checkpoints/${cp.id}`, { outcome: 'Klart' }, 'checkpoints');
    await step(as, 'DELETE', `/api/checkpoints/${cp.id}`, undefined, 'checkpoints');
    const dec = (await step(as, 'POST', `${d}/decisions`, { bodyId: body.id, clauses: [{ text: 'att anta' }] }, 'decisions')).decision;
    await step(as, 'PATCH', `/api/decisions/${dec.id}`, { reference: 'HSN 1' }, 'decisions');
    await step(as, 'DELETE', `/api/decisions/${dec.id}`, undefined, 'decisions');
    await step(as, 'PUT', `${d}/cost-shares`, { items: [{ label: 'Alla', basisPoints: 10000 }] }, 'costs');
    const res = (await step(as, 'POST', `${d}/resources`, { description: 'En samordnare' }, 'resources')).resource;
    await step(as, 'DELETE', `/api/resources/${res.id}`, undefined, 'resources');
    const comment = (await step(as, 'POST', `${d}/comments`, { body: 'Stämmer det?' }, 'comments')).comment;
    await step(as, 'PATCH', `/api/comments/${comment.id}`, { resolved: true }, 'comments');
    await step(as, 'DELETE', `/api/comments/${comment.id}`, undefined, 'comments');
    await step(as, 'POST', `${d}/status`, { status: 'in_dialogue' }, 'status');
    const round = (await step(as, 'POST', `${d}/rounds`, { number: 1 }, 'rounds')).round;
    await step(as, 'PATCH', `/api/rounds/${round.id}`, { title: 'Omgång 1' }, 'rounds');
    const meeting = (await step(as, 'POST', `/api/rounds/${round.id}/meetings`, { partyId: partner.id }, 'meetings')).meeting;
    await step(as, 'PATCH', `/api/meetings/${meeting.id}`, { location: 'Dorotea' }, 'meetings');
    const fb = (await step(partnerSide, 'POST', `${d}/feedback`, { partyId: partner.id, body: 'Synpunkt' }, 'feedback')).feedback;
    await step(as, 'PATCH', `/api/feedback/${fb.id}`, { state: 'incorporated', answer: 'I avsnitt 2' }, 'feedback');
    await step(as, 'POST', `${d}/status`, { status: 'proposed' }, 'status');
    await step(as, 'POST', `${d}/approvals`, { partyId: owner.id, approval: 'approved' }, 'approvals');
    await step(partnerSide, 'POST', `${d}/approvals`, { partyId: partner.id, approval: 'approved' }, 'approvals');
    await step(as, 'POST', `${d}/status`, { status: 'adopted' }, 'status');
    await step(as, 'POST', `${d}/publications`, { public: false }, 'publications');

    // Seqs are 1, 2, 3… without gaps, one per write.
    const seqs = (await db.selectFrom('document_events').select('seq').where('document_id', '=', documentId).orderBy('seq').execute()).map((r) => r.seq);
    expect(seqs).toEqual(seqs.map((_, i) => i + 1));
    expect(seqs.length).toBe(33);

    // A draft deleted: its channel is woken (its sockets then find it gone).
    const draft = await buildDocument(db, { owner });
    await step(as, 'DELETE', `/api/documents/${draft.id}`, undefined, 'document', draft.id);
  });
});
