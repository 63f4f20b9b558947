import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Kysely } from 'kysely';
import type { Database, Party } from '../../../server/db/database.js';
import { newId, now } from '../../../server/time.js';
import { connect, eventually, type RunningHub, startHub, storedDoc, storedText, tokenFor } from '../../collab/helpers.js';
import { createTestDb, dialects, type TestDb } from '../../helpers/db.js';
import { buildDocument, buildParty, buildUser, login, type LoggedIn } from '../../helpers/factories.js';
import { fails, invalid, ok } from './world.js';

/*
 * Approvals bound to a version: what an approval records, how a change to the text (made by a
 * real Yjs client), to a cost share or to a clause makes it stale, and every way round the
 * adoption rule refused: a rejecting signatory demoted, a party removed, approvals after
 * published → draft.
 */

interface PartyView {
  partyId: string;
  approval: string;
  versionHash: string | null;
  stale: boolean;
  approvalBody: { id: string; name: string } | null;
  decidedOn: string | null;
  paragraph: string | null;
}
interface Detail {
  versionHash: string;
  parties: PartyView[];
  adoption: { ok: boolean; approved: number; signatories: number; missing: string[]; stale: string[] };
}

describe.each(dialects)('approvals bound to a version (%s)', (dialect) => {
  let tdb: TestDb;
  let hub: RunningHub;
  beforeAll(async () => {
    tdb = await createTestDb(dialect);
    hub = await startHub(tdb);
  });
  afterAll(async () => {
    await hub.close();
    await tdb.drop();
  });

  async function body(db: Kysely<Database>, party: Party, name: string) {
    const id = newId();
    await db.insertInto('bodies').values({ id, party_id: party.id, name, kind: 'board', created_at: now() }).execute();
    return id;
  }

  /** A proposed agreement of a region and `n` municipalities, an editor logged in for each. */
  async function proposal(n = 1) {
    const region = await buildParty(tdb.db, { kind: 'region' });
    const kommuner = await Promise.all(Array.from({ length: n }, () => buildParty(tdb.db, { kind: 'municipality' })));
    const doc = await buildDocument(tdb.db, { owner: region, parties: kommuner, status: 'proposed' });
    const people: Record<string, LoggedIn> = {};
    const users: Record<string, string> = {};
    for (const p of [region, ...kommuner]) {
      const user = await buildUser(tdb.db, { party: p, role: 'editor' });
      users[p.id] = user.id;
      people[p.id] = await login(hub.app, user.email, user.password);
    }
    const bodies: Record<string, string> = {};
    for (const p of [region, ...kommuner]) bodies[p.id] = await body(tdb.db, p, `Nämnd ${p.name}`);
    const detail = async (): Promise<Detail> => ok(await people[region.id]!.request(`/api/documents/${doc.id}`));
    const approve = (p: Party, extra: Record<string, unknown> = {}) =>
      people[p.id]!.request(`/api/documents/${doc.id}/approvals`, {
        method: 'POST',
        body: { partyId: p.id, approval: 'approved', bodyId: bodies[p.id], decidedOn: '2019-11-21', paragraph: '§ 12', ...extra },
      });
    const adopt = () => people[region.id]!.request(`/api/documents/${doc.id}/status`, { method: 'POST', body: { status: 'adopted' } });
    const typer = async () => {
      const client = connect(hub.url, doc.id, { token: await tokenFor(tdb.db, users[region.id]!, doc.id) });
      await client.synced();
      return client;
    };
    const typeStored = async (client: Awaited<ReturnType<typeof typer>>, text: string) => {
      const before = storedText(await storedDoc(tdb.db, doc.id));
      client.type(text);
      await eventually(async () => expect(storedText(await storedDoc(tdb.db, doc.id))).toBe(before + text));
      await hub.collab.flush();
    };
    return { region, kommuner, doc, people, bodies, detail, approve, adopt, typer, typeStored };
  }

  const party = (d: Detail, id: string) => d.parties.find((p) => p.partyId === id)!;

  it('records body, date, § and the version; a text edit by a Yjs client makes it stale and blocks adoption until approved again', async () => {
    const w = await proposal(1);
    const kommun = w.kommuner[0]!;
    const client = await w.typer();
    await w.typeStored(client, 'Kommunen och regionen delar kostnaden.');
    const first = await w.detail();
    expect(first.versionHash).toMatch(/^[0-9a-f]{64}$/);

    await ok(await w.approve(w.region, { versionHash: first.versionHash }));
    const answer = await ok<Detail>(await w.approve(kommun));
    expect(answer.adoption).toMatchObject({ ok: true, approved: 2, signatories: 2, missing: [] });
    const approved = await w.detail();
    expect(approved.versionHash).toBe(first.versionHash);
    expect(party(approved, kommun.id)).toMatchObject({
      approval: 'approved',
      versionHash: first.versionHash,
      stale: false,
      approvalBody: { id: w.bodies[kommun.id], name: `Nämnd ${kommun.name}` },
      decidedOn: '2019-11-21',
      paragraph: '§ 12',
    });
    const kept = await tdb.db.selectFrom('approved_versions').selectAll().where('document_id', '=', w.doc.id).execute();
    expect(kept.map((k) => k.version_hash)).toEqual([first.versionHash]);

    await w.typeStored(client, ' Kommunen betalar ingenting.');
    const changed = await w.detail();
    expect(changed.versionHash).not.toBe(first.versionHash);
    expect(changed.parties.map((p) => p.stale)).toEqual([true, true]);
    expect(changed.adoption).toMatchObject({ ok: false, approved: 0 });
    const refused = await fails(await w.adopt(), 409, 'approvalsStale');
    const details = refused.error.details as { stale: { partyId: string }[]; versionHash: string };
    expect(details.stale.map((p) => p.partyId).sort()).toEqual([w.region.id, kommun.id].sort());
    expect(details.versionHash).toBe(changed.versionHash);

    // What changed since the approved version, insertions marked.
    const compare = await ok(await w.people[w.region.id]!.request(`/api/documents/${w.doc.id}/versions/${first.versionHash}/compare`));
    expect(compare.currentVersionHash).toBe(changed.versionHash);
    expect(compare.segments).toEqual([
      { kind: 'same', text: 'Kommunen och regionen delar kostnaden.' },
      { kind: 'added', text: ' Kommunen betalar ingenting.' },
    ]);

    // An approval of the version the person saw, which is no longer current, is refused.
    await fails(await w.approve(kommun, { versionHash: first.versionHash }), 409, 'approvalsStale');
    await ok(await w.approve(w.region, { versionHash: changed.versionHash }));
    await fails(await w.adopt(), 409, 'approvalsStale');
    await ok(await w.approve(kommun, { versionHash: changed.versionHash }));
    const { document } = await ok(await w.adopt());
    expect(document.status).toBe('adopted');
    client.destroy();
  });

  it('a cost share change and a clause change each make approvals stale', async () => {
    const w = await proposal(1);
    const kommun = w.kommuner[0]!;
    const regionPeople = w.people[w.region.id]!;
    const decision = await ok(
      await regionPeople.request(`/api/documents/${w.doc.id}/decisions`, {
        method: 'POST',
        body: { bodyId: w.bodies[w.region.id], clauses: [{ text: 'att anta överenskommelsen' }] },
      }),
      201,
    );
    const shares = (a: number) => ({
      items: [
        { label: 'Kommunen', basisPoints: a, partyId: kommun.id },
        { label: 'Regionen', basisPoints: 10000 - a, partyId: w.region.id },
      ],
    });
    await ok(await regionPeople.request(`/api/documents/${w.doc.id}/cost-shares`, { method: 'PUT', body: shares(5000) }));
    await ok(await w.approve(w.region));
    await ok(await w.approve(kommun));
    expect((await w.detail()).adoption.ok).toBe(true);

    await ok(await regionPeople.request(`/api/documents/${w.doc.id}/cost-shares`, { method: 'PUT', body: shares(0) }));
    expect((await w.detail()).parties.map((p) => p.stale)).toEqual([true, true]);
    await fails(await w.adopt(), 409, 'approvalsStale');

    await ok(await w.approve(w.region));
    await ok(await w.approve(kommun));
    expect((await w.detail()).adoption.ok).toBe(true);
    await ok(
      await regionPeople.request(`/api/decisions/${decision.decision.id}`, {
        method: 'PATCH',
        body: { clauses: [{ text: 'att anta överenskommelsen' }, { text: 'att kommunen betalar ingenting' }] },
      }),
    );
    expect((await w.detail()).parties.map((p) => p.stale)).toEqual([true, true]);
    await fails(await w.adopt(), 409, 'approvalsStale');
  });

  it('a rejecting signatory turned into an observer clears the approvals (audited), and adoption is refused', async () => {
    const w = await proposal(2);
    const [yes, no] = w.kommuner as [Party, Party];
    await ok(await w.approve(w.region));
    await ok(await w.approve(yes));
    await ok(await w.approve(no, { approval: 'rejected' }));
    await fails(await w.adopt(), 409, 'approvalsMissing');
    await ok(await w.people[w.region.id]!.request(`/api/documents/${w.doc.id}/parties/${no.id}`, { method: 'PUT', body: { role: 'observer' } }));
    const after = await w.detail();
    expect(after.parties.map((p) => p.approval)).toEqual(['pending', 'pending', 'pending']);
    const refused = await fails(await w.adopt(), 409, 'approvalsMissing');
    expect((refused.error.details as { missing: { partyId: string }[] }).missing.map((p) => p.partyId).sort()).toEqual([w.region.id, yes.id].sort());
    const entry = await tdb.db.selectFrom('audit_log').select('data').where('document_id', '=', w.doc.id).where('action', '=', 'document.approval.cleared').executeTakeFirstOrThrow();
    expect(JSON.parse(entry.data!)).toMatchObject({ reason: `party.observer:${no.id}` });
    expect((JSON.parse(entry.data!) as { parties: unknown[] }).parties).toHaveLength(3);
  });

  it('removing a party clears the approvals, with an audit entry', async () => {
    const w = await proposal(2);
    const [stay, leave] = w.kommuner as [Party, Party];
    for (const p of [w.region, stay, leave]) await ok(await w.approve(p));
    await ok(await w.people[w.region.id]!.request(`/api/documents/${w.doc.id}/parties/${leave.id}`, { method: 'DELETE' }));
    expect((await w.detail()).parties.map((p) => p.approval)).toEqual(['pending', 'pending']);
    await fails(await w.adopt(), 409, 'approvalsMissing');
    const actions = await tdb.db.selectFrom('audit_log').select('action').where('document_id', '=', w.doc.id).execute();
    expect(actions.map((a) => a.action)).toContain('document.approval.cleared');
  });

  it('approvals given before a publication do not count after published → draft', async () => {
    const w = await proposal(1);
    const kommun = w.kommuner[0]!;
    const regionPeople = w.people[w.region.id]!;
    await ok(await w.approve(w.region));
    await ok(await w.approve(kommun));
    await ok(await w.adopt());
    await ok(await regionPeople.request(`/api/documents/${w.doc.id}/publications`, { method: 'POST', body: {} }), 201);
    await ok(await regionPeople.request(`/api/documents/${w.doc.id}/status`, { method: 'POST', body: { status: 'draft' } }));
    expect((await w.detail()).parties.map((p) => p.approval)).toEqual(['pending', 'pending']);
    const cleared = await tdb.db.selectFrom('audit_log').select('data').where('document_id', '=', w.doc.id).where('action', '=', 'document.approval.cleared').executeTakeFirstOrThrow();
    expect(JSON.parse(cleared.data!)).toMatchObject({ reason: 'status:published->draft' });
    await ok(await regionPeople.request(`/api/documents/${w.doc.id}/status`, { method: 'POST', body: { status: 'proposed' } }));
    await fails(await w.adopt(), 409, 'approvalsMissing');
  });

  it('follows the stored rule: N of M, set by a manager only', async () => {
    const w = await proposal(2);
    const [a] = w.kommuner as [Party, Party];
    const rule = { adoptionRule: { kind: 'quorum', n: 2 } };
    // A co-signing editor edits the text but does not decide who must approve.
    await fails(await w.people[a.id]!.request(`/api/documents/${w.doc.id}`, { method: 'PATCH', body: rule }), 403, 'forbidden');
    await invalid(await w.people[w.region.id]!.request(`/api/documents/${w.doc.id}`, { method: 'PATCH', body: { adoptionRule: { kind: 'quorum', n: 0 } } }), 'adoptionRule.n');
    const { document } = await ok(await w.people[w.region.id]!.request(`/api/documents/${w.doc.id}`, { method: 'PATCH', body: rule }));
    expect(document.adoptionRule).toEqual({ kind: 'quorum', n: 2 });
    await ok(await w.approve(w.region));
    await fails(await w.adopt(), 409, 'approvalsMissing');
    await ok(await w.approve(a));
    expect((await w.detail()).adoption).toMatchObject({ ok: true, approved: 2, signatories: 3 });
    await ok(await w.adopt());
  });

  it("refuses a body that is not the party's own, and an unknown version to compare", async () => {
    const w = await proposal(1);
    const kommun = w.kommuner[0]!;
    await invalid(await w.approve(kommun, { bodyId: w.bodies[w.region.id] }), 'bodyId');
    await invalid(await w.approve(kommun, { versionHash: 'abc' }), 'versionHash');
    await fails(await w.people[w.region.id]!.request(`/api/documents/${w.doc.id}/versions/${'0'.repeat(64)}/compare`), 404, 'notFound');
  });
});
