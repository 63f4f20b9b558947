import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialects } from '../../helpers/db.js';
import {
  buildBody,
  buildCheckpoint,
  buildComment,
  buildDocument,
  buildFeedback,
  buildParty,
  buildPrecondition,
  buildRound,
  buildStage,
  buildUser,
  login,
} from '../../helpers/factories.js';
import { auditCount, createWorld, fails, ok, type World } from './world.js';

/*
 * What every route shares: one error shape, 400 for malformed JSON, 415 for other
 * content types, 413 above 1 MiB, 403 without the CSRF token, 404 JSON for unknown
 * API routes, and never a 500 whatever the body.
 */
describe.each(dialects)('API errors across routes (%s)', (dialect) => {
  let w: World;
  /** Every mutating route, with real ids, as [method, path]. */
  let mutations: [string, string][];
  /** Every reading route, with real ids. */
  let reads: string[];

  beforeAll(async () => {
    w = await createWorld(dialect);
    const doc = await buildDocument(w.db, { owner: w.owner, parties: [w.partner], status: 'in_dialogue', dialogue_round: 1 });
    const stage = await buildStage(w.db, { document: doc });
    const other = await buildStage(w.db, { document: doc });
    const pre = await buildPrecondition(w.db, { stage, requires: other });
    const checkpoint = await buildCheckpoint(w.db, { document: doc });
    const body = await buildBody(w.db, { party: w.owner });
    const decision = await ok(await w.ownerEditor.request(`/api/documents/${doc.id}/decisions`, { method: 'POST', body: { bodyId: body.id, clauses: [{ text: 'att' }] } }), 201);
    const round = await buildRound(w.db, { document: doc });
    const meeting = await ok(await w.ownerEditor.request(`/api/rounds/${round.id}/meetings`, { method: 'POST', body: { partyId: w.partner.id } }), 201);
    const feedback = await buildFeedback(w.db, { document: doc, party: w.partner });
    const comment = await buildComment(w.db, { document: doc, author: w.hubAdmin.user });
    const resource = await ok(await w.ownerEditor.request(`/api/documents/${doc.id}/resources`, { method: 'POST', body: { description: 'Stöd' } }), 201);
    const invitation = await ok(await w.ownerAdmin.request(`/api/parties/${w.owner.id}/invitations`, { method: 'POST', body: { email: 'fel@example.se', role: 'reader' } }), 201);
    const token = (invitation.link as string).slice('/invite/'.length);
    const member = await buildUser(w.db, { party: w.owner, role: 'reader' });
    const spare = await buildParty(w.db);
    const d = `/api/documents/${doc.id}`;
    mutations = [
      ['POST', '/api/session'],
      ['DELETE', '/api/session'],
      ['PATCH', '/api/me'],
      ['POST', '/api/setup'],
      ['POST', '/api/example'],
      ['POST', '/api/parties'],
      ['PATCH', `/api/parties/${w.elsewhere.id}`],
      ['PUT', `/api/parties/${w.owner.id}/members/${member.id}`],
      ['DELETE', `/api/parties/${w.owner.id}/members/no-such-user`],
      ['POST', `/api/parties/${w.owner.id}/invitations`],
      ['DELETE', `/api/parties/${w.owner.id}/invitations/no-such-invitation`],
      ['POST', `/api/parties/${w.owner.id}/bodies`],
      ['POST', `/api/invitations/${token}/accept`],
      ['POST', '/api/documents'],
      ['PATCH', d],
      ['POST', `${d}/status`],
      ['PUT', `${d}/parties/${w.elsewhere.id}`],
      ['POST', `${d}/approvals`],
      ['POST', `${d}/collab-token`],
      ['POST', `${d}/stages`],
      ['PATCH', `/api/stages/${stage.id}`],
      ['POST', `/api/stages/${stage.id}/preconditions`],
      ['PATCH', `/api/preconditions/${pre.id}`],
      ['POST', `${d}/checkpoints`],
      ['PATCH', `/api/checkpoints/${checkpoint.id}`],
      ['POST', `${d}/decisions`],
      ['PATCH', `/api/decisions/${decision.decision.id}`],
      ['POST', `${d}/rounds`],
      ['PATCH', `/api/rounds/${round.id}`],
      ['POST', `/api/rounds/${round.id}/meetings`],
      ['PATCH', `/api/meetings/${meeting.meeting.id}`],
      ['POST', `${d}/feedback`],
      ['PATCH', `/api/feedback/${feedback.id}`],
      ['POST', `${d}/comments`],
      ['PATCH', `/api/comments/${comment.id}`],
      ['PUT', `${d}/cost-shares`],
      ['POST', `${d}/resources`],
      ['POST', `${d}/publications`],
    ];
    reads = [
      '/api/health',
      '/api/setup',
      '/api/me',
      '/api/dashboard',
      '/api/parties',
      `/api/parties/${w.owner.id}`,
      `/api/parties/${w.owner.id}/members`,
      `/api/parties/${w.owner.id}/invitations`,
      `/api/parties/${w.owner.id}/bodies`,
      '/api/users?q=%25_%5C',
      `/api/invitations/${token}`,
      '/api/documents?q=%25_%5C%27%22&limit=3',
      d,
      `${d}/audit`,
      `${d}/stages`,
      `${d}/checkpoints`,
      `${d}/decisions`,
      `${d}/rounds`,
      `/api/meetings/${meeting.meeting.id}`,
      `${d}/feedback?state=open&party=${w.partner.id}&round=${round.id}`,
      `${d}/comments`,
      `${d}/cost-shares`,
      `${d}/resources`,
      `${d}/publications`,
      '/api/publications/does-not-exist',
    ];
    // Deletions come last in the sweep: they would remove what the others act on.
    mutations.push(
      ['DELETE', `/api/comments/${comment.id}`],
      ['DELETE', `/api/resources/${resource.resource.id}`],
      ['DELETE', `/api/checkpoints/${checkpoint.id}`],
      ['DELETE', `/api/preconditions/${pre.id}`],
      ['DELETE', `/api/stages/${other.id}`],
      ['DELETE', `/api/decisions/${decision.decision.id}`],
      ['DELETE', `${d}/parties/${w.partner.id}`],
      ['DELETE', `/api/parties/${spare.id}`],
      ['DELETE', d],
    );
  });
  afterAll(() => w.drop());

  /** Sends a raw body with the admin's cookie and CSRF token. */
  const raw = (method: string, path: string, body: BodyInit | null, headers: Record<string, string> = {}) =>
    w.app.request(path, { method, headers: { cookie: w.hubAdmin.cookie, 'x-csrf-token': w.hubAdmin.csrfToken, ...headers }, body });

  it('answers an unknown /api route with 404 in the error shape, for any method', async () => {
    for (const [method, path] of [['GET', '/api/nothing-here'], ['POST', '/api/documents/x/nothing'], ['DELETE', '/api/parties'], ['PUT', '/api/me'], ['GET', '/api']] as const) {
      const body = await fails(await w.hubAdmin.request(path, { method, ...(method === 'GET' || method === 'DELETE' ? {} : { body: {} }) }), 404, 'notFound');
      expect(body.error.message).toBeTruthy();
    }
    await fails(await w.anon('/api/nothing-here'), 404, 'notFound');
  });

  it('answers malformed JSON with 400 malformedJson and writes nothing', async () => {
    const before = await auditCount(w.db);
    for (const [method, path] of [['POST', '/api/documents'], ['PATCH', '/api/me'], ['POST', '/api/parties'], ['PUT', mutations.find(([, p]) => p.endsWith('/cost-shares'))![1]]] as const) {
      for (const text of ['{"title": ', '{title: "x"}', "{'a': 1}", '{"a":1}}', 'nul']) {
        await fails(await raw(method, path, text, { 'content-type': 'application/json' }), 400, 'malformedJson');
      }
    }
    await fails(await w.app.request('/api/session', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"email":' }), 400, 'malformedJson');
    expect(await auditCount(w.db)).toBe(before);
  });

  it('answers a body that is not application/json with 415', async () => {
    const json = JSON.stringify({ title: 'Via formulär', kind: 'agreement' });
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x']) {
      await fails(await raw('POST', '/api/documents', json, { 'content-type': type, 'content-length': String(Buffer.byteLength(json)) }), 415, 'unsupportedMediaType');
    }
    await fails(await raw('POST', '/api/documents', json, { 'content-length': String(Buffer.byteLength(json)) }), 415, 'unsupportedMediaType');
    // Logged out too: a cross-site form cannot send JSON.
    await fails(await w.app.request('/api/session', { method: 'POST', headers: { 'content-type': 'text/plain', 'content-length': '2' }, body: '{}' }), 415, 'unsupportedMediaType');
    // Without a length header, and for look-alike types such as application/jsonp.
    await fails(await w.app.request('/api/session', { method: 'POST', headers: { 'content-type': 'text/plain' }, body: '{}' }), 415, 'unsupportedMediaType');
    await fails(await w.app.request('/api/session', { method: 'POST', headers: { 'content-type': 'application/jsonp' }, body: '{}' }), 415, 'unsupportedMediaType');
    // The JSON type with parameters is fine.
    const editor = { cookie: w.ownerEditor.cookie, 'x-csrf-token': w.ownerEditor.csrfToken };
    await ok(await w.app.request('/api/documents', { method: 'POST', headers: { ...editor, 'content-type': 'application/json; charset=utf-8', 'content-length': String(Buffer.byteLength(json)) }, body: json }), 201);
    expect(await w.db.selectFrom('documents').select('id').where('title', '=', 'Via formulär').execute()).toHaveLength(1);
  });

  it('answers a body above 1 MiB with 413, announced or streamed', async () => {
    const big = JSON.stringify({ title: 'Stor', kind: 'agreement', summary: 'x'.repeat(1024 * 1024) });
    await fails(await raw('POST', '/api/documents', big, { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(big)) }), 413, 'payloadTooLarge');
    await fails(await raw('POST', '/api/documents', big, { 'content-type': 'application/json' }), 413, 'payloadTooLarge');
    const stream = new Blob([big]).stream();
    await fails(
      await w.app.request('/api/documents', { method: 'POST', headers: { cookie: w.hubAdmin.cookie, 'x-csrf-token': w.hubAdmin.csrfToken, 'content-type': 'application/json' }, body: stream, duplex: 'half' } as RequestInit),
      413,
      'payloadTooLarge',
    );
    await fails(await w.app.request('/api/session', { method: 'POST', headers: { 'content-type': 'application/json' }, body: big }), 413, 'payloadTooLarge');
    expect(await w.db.selectFrom('documents').select('id').where('title', '=', 'Stor').execute()).toEqual([]);
    // Just under the limit is read (and then judged by the schema).
    const near = JSON.stringify({ title: 'Nära', kind: 'agreement', summary: 'x'.repeat(1024 * 1024 - 100) });
    await fails(await raw('POST', '/api/documents', near, { 'content-type': 'application/json' }), 400, 'validation');
  });

  it('answers a cookie-authenticated mutation without the right CSRF token with 403 csrf, on every route', async () => {
    const user = await buildUser(w.db, { party: w.owner, role: 'editor' });
    const other = await login(w.app, user.email, user.password);
    const before = await auditCount(w.db);
    for (const [method, path] of mutations) {
      for (const headers of [{} as Record<string, string>, { 'x-csrf-token': 'forged' }, { 'x-csrf-token': other.csrfToken }]) {
        const res = await w.app.request(path, { method, headers: { cookie: w.hubAdmin.cookie, 'content-type': 'application/json', ...headers }, body: '{}' });
        expect({ method, path, status: res.status }).toEqual({ method, path, status: 403 });
        expect(((await res.json()) as { error: { code: string } }).error.code).toBe('csrf');
      }
    }
    expect(await auditCount(w.db)).toBe(before);
    // Reading needs no token.
    await ok(await w.app.request('/api/me', { headers: { cookie: w.hubAdmin.cookie } }));
  });

  it('never answers 500: hostile bodies on every mutating route, odd queries on every reading route', async () => {
    const fields = [
      'title', 'kind', 'reference', 'parties', 'ownerPartyId', 'parentId', 'attachmentNumber', 'summary', 'startsOn', 'endsOn', 'public',
      'dialogueRound', 'status', 'role', 'partyId', 'approval', 'position', 'description', 'targetOn', 'requiresStageId', 'requirement',
      'met', 'dueOn', 'stageId', 'reportTo', 'outcome', 'heldOn', 'bodyId', 'decidedOn', 'state', 'preamble', 'clauses', 'number',
      'heldAt', 'location', 'attendees', 'body', 'roundId', 'meetingId', 'answer', 'anchor', 'quote', 'feedbackId', 'resolved', 'items',
      'fteHundredths', 'financedBy', 'email', 'password', 'currentPassword', 'name', 'locale', 'token', 'shortName', 'orgNumber', 'title',
    ];
    const every = (value: unknown) => Object.fromEntries(fields.map((f) => [f, value]));
    const bodies: unknown[] = [
      null,
      [],
      'a string',
      {},
      every({ nested: [1, { deeper: null }] }),
      every([{}]),
      every(-1e308),
      every('x'.repeat(5_000)),
      every('no-such-id'),
      every(''),
      JSON.parse('{"__proto__": {"isAdmin": true}, "constructor": {"prototype": {}}}'),
      { items: [{ label: 'A', basisPoints: 10000, stageId: 'no-such-stage', partyId: 'no-such-party' }] },
      { clauses: [{ text: 'att', refersToDocumentId: 'no-such-document' }], bodyId: 'no-such-body' },
      { partyId: w.partner.id, attendees: [{ name: 'X', partyId: 'no-such-party', userId: 'no-such-user' }] },
      { status: 'in_progress', position: 1 },
      { title: 'Unik', kind: 'agreement', reference: 'A', parties: [w.partner.id, w.partner.id, { partyId: w.partner.id, role: 'observer' }] },
    ];
    const failures: string[] = [];
    // Not logging the admin out, nor building the example workspace (it takes no body).
    const sweep = mutations.filter(([method, path]) => !(method === 'DELETE' && path === '/api/session') && path !== '/api/example');
    for (const [method, path] of sweep) {
      for (const body of bodies) {
        const res = await w.hubAdmin.request(path, { method, body });
        if (res.status >= 500) failures.push(`${method} ${path} ${JSON.stringify(body).slice(0, 80)} → ${res.status} ${await res.text()}`);
        else if (res.status >= 400) await fails(res, res.status, ((await res.clone().json()) as { error: { code: string } }).error.code);
      }
    }
    const queries = ['', '?limit=abc', '?limit=1&limit=2', '?cursor=%7B%7D', `?cursor=${Buffer.from('["a"]').toString('base64url')}`, `?cursor=${Buffer.from('[1,2]').toString('base64url')}`, '?q=' + 'ö'.repeat(300), '?state=%00', '?party[]=x'];
    for (const path of reads) {
      for (const q of queries) {
        const url = path + (path.includes('?') ? q.replace('?', '&') : q);
        const res = await w.hubAdmin.request(url);
        if (res.status >= 500) failures.push(`GET ${url} → ${res.status} ${await res.text()}`);
        else expect(res.headers.get('content-type')).toMatch(/^application\/json/);
      }
    }
    // Unknown ids everywhere: 404, not 500.
    for (const [method, path] of sweep) {
      const unknown = path.replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, 'does-not-exist');
      if (unknown === path) continue;
      const res = await w.hubAdmin.request(unknown, { method, body: {} });
      if (res.status >= 500) failures.push(`${method} ${unknown} → ${res.status} ${await res.text()}`);
    }
    expect(failures).toEqual([]);
  });

  it('answers every refusal in the one error shape', async () => {
    const samples = [
      await w.anon('/api/me'),
      await w.outsider.request(`/api/documents/${'does-not-exist'}`),
      await w.ownerReader.request('/api/parties', { method: 'POST', body: { name: 'X', kind: 'other' } }),
      await w.ownerReader.request('/api/documents?limit=0'),
    ];
    for (const res of samples) {
      const body = (await res.json()) as Record<string, unknown>;
      expect(Object.keys(body)).toEqual(['error']);
      const error = body.error as Record<string, unknown>;
      expect(Object.keys(error).sort()).toEqual(expect.arrayContaining(['code', 'message']));
      expect(Object.keys(error).every((k) => ['code', 'message', 'details'].includes(k))).toBe(true);
      expect(res.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    }
  });
});
