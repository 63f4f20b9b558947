import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashToken } from '../../../server/auth/crypto.js';
import { dialects } from '../../helpers/db.js';
import { buildDocument, buildParty, buildUser, login } from '../../helpers/factories.js';
import { actor, createWorld, expectAudit, fails, invalid, ok, tooLongId, type World } from './world.js';

/* /api/parties (with members, invitations, bodies), /api/users and /api/invitations/:token. */
describe.each(dialects)('API parties, members, invitations (%s)', (dialect) => {
  let w: World;
  beforeAll(async () => {
    w = await createWorld(dialect);
  });
  afterAll(() => w.drop());

  describe('GET /api/parties', () => {
    it('lists every party for a logged-in user', async () => {
      const { items } = await ok(await w.outsider.request('/api/parties'));
      const ids = items.map((p: { id: string }) => p.id);
      for (const p of [w.owner, w.partner, w.elsewhere]) expect(ids).toContain(p.id);
      expect(items.find((p: { id: string }) => p.id === w.owner.id)).toEqual({ id: w.owner.id, name: w.owner.name, shortName: null, kind: 'region', orgNumber: null });
    });

    it('answers 401 logged out', async () => {
      await fails(await w.anon('/api/parties'), 401, 'unauthenticated');
    });
  });

  describe('POST /api/parties', () => {
    it('lets a hub admin create a party, with an audit entry', async () => {
      const { party } = await ok(
        await w.hubAdmin.request('/api/parties', { method: 'POST', body: { name: 'Vilhelmina kommun', kind: 'municipality', shortName: 'VIL', orgNumber: '212000-2486' } }),
        201,
      );
      expect(party).toEqual({ id: expect.any(String), name: 'Vilhelmina kommun', kind: 'municipality', shortName: 'VIL', orgNumber: '212000-2486' });
      expect((await ok(await w.ownerReader.request(`/api/parties/${party.id}`))).party).toEqual(party);
      await expectAudit(w.db, 'party.create', party.id, w.hubAdmin.user.id);
      // The name is unique.
      await fails(await w.hubAdmin.request('/api/parties', { method: 'POST', body: { name: 'Vilhelmina kommun', kind: 'municipality' } }), 409, 'conflict');
    });

    it('answers 400 validation naming the field', async () => {
      await invalid(await w.hubAdmin.request('/api/parties', { method: 'POST', body: { name: 'X', kind: 'country' } }), 'kind');
      await invalid(await w.hubAdmin.request('/api/parties', { method: 'POST', body: { kind: 'other' } }), 'name');
      await invalid(await w.hubAdmin.request('/api/parties', { method: 'POST', body: { name: 'X', kind: 'other', orgNumber: '1'.repeat(21) } }), 'orgNumber');
    });

    it("answers 403 to a party's admin who is no hub admin, 401 logged out", async () => {
      await fails(await w.ownerAdmin.request('/api/parties', { method: 'POST', body: { name: 'Ny part', kind: 'other' } }), 403, 'forbidden');
      await fails(await w.anon('/api/parties', { method: 'POST', body: { name: 'Ny part', kind: 'other' } }), 401, 'unauthenticated');
      expect(await w.db.selectFrom('parties').select('id').where('name', '=', 'Ny part').execute()).toEqual([]);
    });
  });

  describe('GET /api/parties/:id', () => {
    it('returns the party with its bodies', async () => {
      await w.db.insertInto('bodies').values({ id: crypto.randomUUID(), party_id: w.partner.id, name: 'Kommunstyrelsen', kind: 'executive_board', created_at: new Date().toISOString() }).execute();
      const body = await ok(await w.outsider.request(`/api/parties/${w.partner.id}`));
      expect(body.party.id).toBe(w.partner.id);
      expect(body.bodies).toEqual([expect.objectContaining({ partyId: w.partner.id, name: 'Kommunstyrelsen', kind: 'executive_board' })]);
    });

    it('answers 400 validation for an over-long id and 404 for an unknown one', async () => {
      await invalid(await w.outsider.request(`/api/parties/${tooLongId}`), 'id');
      await fails(await w.outsider.request('/api/parties/no-such-party'), 404, 'notFound');
    });

    it('answers 401 logged out', async () => {
      await fails(await w.anon(`/api/parties/${w.owner.id}`), 401, 'unauthenticated');
    });
  });

  describe('PATCH /api/parties/:id', () => {
    it("lets the party's admin change it, with an audit entry", async () => {
      const party = await buildParty(w.db);
      const admin = await actor(w.app, w.db, party, 'admin');
      const { party: changed } = await ok(await admin.request(`/api/parties/${party.id}`, { method: 'PATCH', body: { shortName: 'KOM', orgNumber: '212000-0001' } }));
      expect(changed).toMatchObject({ id: party.id, name: party.name, shortName: 'KOM', orgNumber: '212000-0001' });
      expect((await ok(await w.outsider.request(`/api/parties/${party.id}`))).party).toEqual(changed);
      await expectAudit(w.db, 'party.update', party.id, admin.user.id);
    });

    it('answers 400 validation naming the field', async () => {
      await invalid(await w.ownerAdmin.request(`/api/parties/${w.owner.id}`, { method: 'PATCH', body: { name: '' } }), 'name');
      await invalid(await w.ownerAdmin.request(`/api/parties/${w.owner.id}`, { method: 'PATCH', body: { kind: 'nation' } }), 'kind');
    });

    it("answers 403 to the party's editors and to another party's admin, 401 logged out", async () => {
      await fails(await w.ownerEditor.request(`/api/parties/${w.owner.id}`, { method: 'PATCH', body: { name: 'Kapad' } }), 403, 'forbidden');
      await fails(await w.ownerAdmin.request(`/api/parties/${w.partner.id}`, { method: 'PATCH', body: { name: 'Kapad' } }), 403, 'forbidden');
      await fails(await w.anon(`/api/parties/${w.owner.id}`, { method: 'PATCH', body: { name: 'Kapad' } }), 401, 'unauthenticated');
      expect(await w.db.selectFrom('parties').select('id').where('name', '=', 'Kapad').execute()).toEqual([]);
    });
  });

  describe('DELETE /api/parties/:id', () => {
    it('lets a hub admin delete an unused party, with an audit entry', async () => {
      const party = await buildParty(w.db);
      await buildUser(w.db, { party, role: 'admin' });
      expect(await ok(await w.hubAdmin.request(`/api/parties/${party.id}`, { method: 'DELETE' }))).toEqual({ ok: true });
      await fails(await w.hubAdmin.request(`/api/parties/${party.id}`), 404, 'notFound');
      expect(await w.db.selectFrom('memberships').select('id').where('party_id', '=', party.id).execute()).toEqual([]);
      await expectAudit(w.db, 'party.delete', party.id, w.hubAdmin.user.id);
    });

    it('answers 409 while documents refer to the party', async () => {
      const party = await buildParty(w.db);
      await buildDocument(w.db, { owner: w.owner, parties: [party] });
      await fails(await w.hubAdmin.request(`/api/parties/${party.id}`, { method: 'DELETE' }), 409, 'conflict');
      await ok(await w.hubAdmin.request(`/api/parties/${party.id}`));
    });

    it('answers 400 validation for an over-long id', async () => {
      await invalid(await w.hubAdmin.request(`/api/parties/${tooLongId}`, { method: 'DELETE' }), 'id');
    });

    it("answers 403 to a party's own admin, 401 logged out", async () => {
      const party = await buildParty(w.db);
      const admin = await actor(w.app, w.db, party, 'admin');
      await fails(await admin.request(`/api/parties/${party.id}`, { method: 'DELETE' }), 403, 'forbidden');
      await fails(await w.anon(`/api/parties/${party.id}`, { method: 'DELETE' }), 401, 'unauthenticated');
      await ok(await admin.request(`/api/parties/${party.id}`));
    });
  });

  describe('GET /api/parties/:id/members', () => {
    it('lists the members to a member of the party', async () => {
      const { items } = await ok(await w.ownerReader.request(`/api/parties/${w.owner.id}/members`));
      const byUser = new Map(items.map((m: { userId: string; role: string }) => [m.userId, m]));
      expect(byUser.size).toBeGreaterThanOrEqual(4);
      expect(byUser.get(w.ownerEditor.user.id)).toMatchObject({ partyId: w.owner.id, role: 'editor', user: { id: w.ownerEditor.user.id, email: w.ownerEditor.user.email, name: w.ownerEditor.user.name } });
      // A hub admin sees any party's members.
      await ok(await w.hubAdmin.request(`/api/parties/${w.partner.id}/members`));
    });

    it('answers 400 validation for an over-long id', async () => {
      await invalid(await w.ownerReader.request(`/api/parties/${tooLongId}/members`), 'id');
    });

    it('answers 403 to non-members, 401 logged out', async () => {
      await fails(await w.outsider.request(`/api/parties/${w.owner.id}/members`), 403, 'forbidden');
      await fails(await w.anon(`/api/parties/${w.owner.id}/members`), 401, 'unauthenticated');
    });
  });

  describe('PUT /api/parties/:id/members/:userId', () => {
    it("lets the party's admin add or change a member, with an audit entry", async () => {
      const user = await buildUser(w.db);
      const { membership } = await ok(await w.ownerAdmin.request(`/api/parties/${w.owner.id}/members/${user.id}`, { method: 'PUT', body: { role: 'commenter', title: 'Utvecklingsledare' } }));
      expect(membership).toMatchObject({ userId: user.id, partyId: w.owner.id, role: 'commenter', title: 'Utvecklingsledare' });
      await expectAudit(w.db, 'membership.set', membership.id, w.ownerAdmin.user.id);
      const changed = await ok(await w.ownerAdmin.request(`/api/parties/${w.owner.id}/members/${user.id}`, { method: 'PUT', body: { role: 'editor' } }));
      expect(changed.membership).toMatchObject({ id: membership.id, role: 'editor', title: 'Utvecklingsledare' });
      const row = await w.db.selectFrom('memberships').selectAll().where('user_id', '=', user.id).executeTakeFirstOrThrow();
      expect(row.role).toBe('editor');
    });

    it('answers 400 validation for an unknown role', async () => {
      const user = await buildUser(w.db);
      await invalid(await w.ownerAdmin.request(`/api/parties/${w.owner.id}/members/${user.id}`, { method: 'PUT', body: { role: 'owner' } }), 'role');
    });

    it("answers 403 to the party's editors and other parties' admins, 401 logged out", async () => {
      const user = await buildUser(w.db);
      await fails(await w.ownerEditor.request(`/api/parties/${w.owner.id}/members/${user.id}`, { method: 'PUT', body: { role: 'reader' } }), 403, 'forbidden');
      const otherAdmin = await actor(w.app, w.db, w.partner, 'admin');
      await fails(await otherAdmin.request(`/api/parties/${w.owner.id}/members/${user.id}`, { method: 'PUT', body: { role: 'reader' } }), 403, 'forbidden');
      // Nor may an editor raise themselves to admin.
      await fails(await w.ownerEditor.request(`/api/parties/${w.owner.id}/members/${w.ownerEditor.user.id}`, { method: 'PUT', body: { role: 'admin' } }), 403, 'forbidden');
      await fails(await w.anon(`/api/parties/${w.owner.id}/members/${user.id}`, { method: 'PUT', body: { role: 'reader' } }), 401, 'unauthenticated');
      expect(await w.db.selectFrom('memberships').select('id').where('user_id', '=', user.id).execute()).toEqual([]);
    });

    it('keeps the last admin (409) and answers 404 for an unknown user', async () => {
      const party = await buildParty(w.db);
      const admin = await actor(w.app, w.db, party, 'admin');
      await fails(await admin.request(`/api/parties/${party.id}/members/${admin.user.id}`, { method: 'PUT', body: { role: 'editor' } }), 409, 'invalidState');
      await fails(await admin.request(`/api/parties/${party.id}/members/no-such-user`, { method: 'PUT', body: { role: 'editor' } }), 404, 'notFound');
    });
  });

  describe('DELETE /api/parties/:id/members/:userId', () => {
    it("lets the party's admin remove a member, who loses access to its documents", async () => {
      const party = await buildParty(w.db);
      const admin = await actor(w.app, w.db, party, 'admin');
      const member = await actor(w.app, w.db, party, 'editor');
      const doc = await buildDocument(w.db, { owner: party });
      await ok(await member.request(`/api/documents/${doc.id}`));
      expect(await ok(await admin.request(`/api/parties/${party.id}/members/${member.user.id}`, { method: 'DELETE' }))).toEqual({ ok: true });
      await fails(await member.request(`/api/documents/${doc.id}`), 404, 'notFound');
      await expectAudit(w.db, 'membership.remove', `${party.id}:${member.user.id}`, admin.user.id);
      await fails(await admin.request(`/api/parties/${party.id}/members/${member.user.id}`, { method: 'DELETE' }), 404, 'notFound');
    });

    it('answers 400 validation for an over-long user id', async () => {
      await invalid(await w.ownerAdmin.request(`/api/parties/${w.owner.id}/members/${tooLongId}`, { method: 'DELETE' }), 'userId');
    });

    it("answers 403 to the party's editors, 401 logged out, 409 for the last admin", async () => {
      await fails(await w.ownerEditor.request(`/api/parties/${w.owner.id}/members/${w.ownerReader.user.id}`, { method: 'DELETE' }), 403, 'forbidden');
      await fails(await w.anon(`/api/parties/${w.owner.id}/members/${w.ownerReader.user.id}`, { method: 'DELETE' }), 401, 'unauthenticated');
      await ok(await w.ownerReader.request(`/api/parties/${w.owner.id}/members`));
      const party = await buildParty(w.db);
      const admin = await actor(w.app, w.db, party, 'admin');
      await fails(await admin.request(`/api/parties/${party.id}/members/${admin.user.id}`, { method: 'DELETE' }), 409, 'invalidState');
    });
  });

  describe('invitations of a party', () => {
    it("lets the party's admin invite, list and revoke, with audit entries", async () => {
      const party = await buildParty(w.db);
      const admin = await actor(w.app, w.db, party, 'admin');
      const created = await ok(await admin.request(`/api/parties/${party.id}/invitations`, { method: 'POST', body: { email: 'Ny.Person@Example.se', role: 'editor', name: 'Ny Person' } }), 201);
      expect(created.invitation).toMatchObject({ id: expect.any(String), email: 'ny.person@example.se', role: 'editor', name: 'Ny Person', acceptedAt: null });
      expect(created.link).toMatch(/^\/invite\/[\w-]{20,}$/);
      await expectAudit(w.db, 'invitation.create', created.invitation.id, admin.user.id);
      // Only the token's hash is stored.
      const token = created.link.slice('/invite/'.length);
      const row = await w.db.selectFrom('invitations').selectAll().where('id', '=', created.invitation.id).executeTakeFirstOrThrow();
      expect(row.token_hash).toBe(hashToken(token));

      const { items } = await ok(await admin.request(`/api/parties/${party.id}/invitations`));
      expect(items).toEqual([created.invitation]);

      expect(await ok(await admin.request(`/api/parties/${party.id}/invitations/${created.invitation.id}`, { method: 'DELETE' }))).toEqual({ ok: true });
      expect((await ok(await admin.request(`/api/parties/${party.id}/invitations`))).items).toEqual([]);
      await expectAudit(w.db, 'invitation.revoke', created.invitation.id, admin.user.id);
      await fails(await w.anon(`/api/invitations/${token}`), 404, 'notFound');
      await fails(await admin.request(`/api/parties/${party.id}/invitations/${created.invitation.id}`, { method: 'DELETE' }), 404, 'notFound');
    });

    it('answers 400 validation naming the field', async () => {
      await invalid(await w.ownerAdmin.request(`/api/parties/${w.owner.id}/invitations`, { method: 'POST', body: { email: 'not-an-address', role: 'editor' } }), 'email');
      await invalid(await w.ownerAdmin.request(`/api/parties/${w.owner.id}/invitations`, { method: 'POST', body: { email: 'a@example.se', role: 'boss' } }), 'role');
      await invalid(await w.ownerAdmin.request(`/api/parties/${tooLongId}/invitations`), 'id');
      await invalid(await w.ownerAdmin.request(`/api/parties/${w.owner.id}/invitations/${tooLongId}`, { method: 'DELETE' }), 'invitationId');
    });

    it("answers 403 to the party's editors and other parties' admins, 401 logged out", async () => {
      const inv = await ok(await w.ownerAdmin.request(`/api/parties/${w.owner.id}/invitations`, { method: 'POST', body: { email: 'kvar@example.se', role: 'reader' } }), 201);
      const otherAdmin = await actor(w.app, w.db, w.partner, 'admin');
      for (const who of [w.ownerEditor, otherAdmin]) {
        await fails(await who.request(`/api/parties/${w.owner.id}/invitations`), 403, 'forbidden');
        await fails(await who.request(`/api/parties/${w.owner.id}/invitations`, { method: 'POST', body: { email: 'x@example.se', role: 'admin' } }), 403, 'forbidden');
        await fails(await who.request(`/api/parties/${w.owner.id}/invitations/${inv.invitation.id}`, { method: 'DELETE' }), 403, 'forbidden');
      }
      await fails(await w.anon(`/api/parties/${w.owner.id}/invitations`), 401, 'unauthenticated');
      await fails(await w.anon(`/api/parties/${w.owner.id}/invitations`, { method: 'POST', body: { email: 'x@example.se', role: 'admin' } }), 401, 'unauthenticated');
      await fails(await w.anon(`/api/parties/${w.owner.id}/invitations/${inv.invitation.id}`, { method: 'DELETE' }), 401, 'unauthenticated');
      const rows = await w.db.selectFrom('invitations').select('email').where('party_id', '=', w.owner.id).execute();
      expect(rows.map((r) => r.email)).toEqual(['kvar@example.se']);
    });
  });

  describe('bodies of a party', () => {
    it("lists bodies to anyone logged in and lets the party's admin add one, with an audit entry", async () => {
      const party = await buildParty(w.db);
      const admin = await actor(w.app, w.db, party, 'admin');
      const { body } = await ok(await admin.request(`/api/parties/${party.id}/bodies`, { method: 'POST', body: { name: 'Kommunfullmäktige', kind: 'council' } }), 201);
      expect(body).toEqual({ id: expect.any(String), partyId: party.id, name: 'Kommunfullmäktige', kind: 'council' });
      expect((await ok(await w.outsider.request(`/api/parties/${party.id}/bodies`))).items).toEqual([body]);
      await expectAudit(w.db, 'body.create', body.id, admin.user.id);
      // The name is unique within the party.
      await fails(await admin.request(`/api/parties/${party.id}/bodies`, { method: 'POST', body: { name: 'Kommunfullmäktige', kind: 'council' } }), 409, 'conflict');
    });

    it('answers 400 validation naming the field', async () => {
      await invalid(await w.ownerAdmin.request(`/api/parties/${w.owner.id}/bodies`, { method: 'POST', body: { name: 'Styrelse', kind: 'committee' } }), 'kind');
      await invalid(await w.ownerAdmin.request(`/api/parties/${tooLongId}/bodies`), 'id');
    });

    it("answers 403 to the party's editors, 404 for an unknown party, 401 logged out", async () => {
      await fails(await w.ownerEditor.request(`/api/parties/${w.owner.id}/bodies`, { method: 'POST', body: { name: 'Styrelse', kind: 'board' } }), 403, 'forbidden');
      await fails(await w.ownerEditor.request('/api/parties/no-such-party/bodies'), 404, 'notFound');
      await fails(await w.anon(`/api/parties/${w.owner.id}/bodies`), 401, 'unauthenticated');
      await fails(await w.anon(`/api/parties/${w.owner.id}/bodies`, { method: 'POST', body: { name: 'Styrelse', kind: 'board' } }), 401, 'unauthenticated');
    });
  });

  describe('GET /api/users', () => {
    it('lets a hub admin search users by name or e-mail, ignoring case', async () => {
      const user = await buildUser(w.db, { name: 'Örjan Åkesson', email: 'orjan.akesson@example.se' });
      const search = async (q: string) => ((await ok(await w.hubAdmin.request(`/api/users?q=${encodeURIComponent(q)}`))).items as { id: string }[]).map((u) => u.id);
      expect(await search('örjan')).toEqual([user.id]);
      expect(await search('ÅKESSON')).toEqual([user.id]);
      expect(await search('ORJAN.AKESSON@')).toEqual([user.id]);
      expect(await search('%')).toEqual([]);
      const all = (await ok(await w.hubAdmin.request('/api/users'))).items;
      expect(all.length).toBeGreaterThanOrEqual(9);
      expect(all[0]).toEqual({ id: expect.any(String), email: expect.any(String), name: expect.any(String), isAdmin: expect.any(Boolean), locale: 'sv' });
    });

    it('answers 403 to others, 401 logged out', async () => {
      await fails(await w.ownerAdmin.request('/api/users'), 403, 'forbidden');
      await fails(await w.anon('/api/users'), 401, 'unauthenticated');
    });
  });

  describe('the invitation link', () => {
    async function invite(email: string, role = 'editor') {
      const res = await ok(await w.ownerAdmin.request(`/api/parties/${w.owner.id}/invitations`, { method: 'POST', body: { email, role, name: 'Inbjuden' } }), 201);
      return { id: res.invitation.id as string, token: (res.link as string).slice('/invite/'.length) };
    }

    it('shows the invitation, and accepting creates the user, the membership and a session; a second accept is 410', async () => {
      const inv = await invite('inbjuden@example.se', 'commenter');
      const shown = await ok(await w.anon(`/api/invitations/${inv.token}`));
      expect(shown).toEqual({ email: 'inbjuden@example.se', name: 'Inbjuden', party: expect.objectContaining({ id: w.owner.id, name: w.owner.name }), role: 'commenter', expiresAt: expect.any(String) });

      const res = await w.anon(`/api/invitations/${inv.token}/accept`, { method: 'POST', body: { name: 'Ines Inbjuden', password: 'ett långt lösenord' } });
      const body = await ok(res, 201);
      expect(body.user).toMatchObject({ email: 'inbjuden@example.se', name: 'Ines Inbjuden', isAdmin: false });
      expect(body.memberships).toEqual([expect.objectContaining({ partyId: w.owner.id, role: 'commenter' })]);
      const cookie = res.headers.get('set-cookie')!.split(';')[0]!;
      const me = await ok(await w.app.request('/api/me', { headers: { cookie } }));
      expect(me.user.id).toBe(body.user.id);
      expect(me.csrfToken).toBe(body.csrfToken);
      const users = await w.db.selectFrom('users').selectAll().where('email', '=', 'inbjuden@example.se').execute();
      expect(users).toHaveLength(1);
      expect(users[0]!.password_hash).toMatch(/^scrypt\$/);
      const memberships = await w.db.selectFrom('memberships').selectAll().where('user_id', '=', body.user.id).execute();
      expect(memberships.map((m) => [m.party_id, m.role])).toEqual([[w.owner.id, 'commenter']]);
      await expectAudit(w.db, 'invitation.accept', inv.id, body.user.id);

      await fails(await w.anon(`/api/invitations/${inv.token}`), 410, 'invitationExpired');
      await fails(await w.anon(`/api/invitations/${inv.token}/accept`, { method: 'POST', body: { name: 'Igen', password: 'ett långt lösenord' } }), 410, 'invitationExpired');
      expect(await w.db.selectFrom('users').select('id').where('email', '=', 'inbjuden@example.se').execute()).toHaveLength(1);
    });

    it('lets an existing account join once logged in as that account, never by its password', async () => {
      const existing = await buildUser(w.db, { party: w.partner, role: 'reader' });
      const inv = await invite(existing.email, 'editor');
      // Not a password check: the right password gets the same answer as a wrong one, and no session.
      for (const password of ['not the right one', existing.password]) {
        const res = await w.anon(`/api/invitations/${inv.token}/accept`, { method: 'POST', body: { name: 'X', password } });
        await fails(res, 401, 'invitationNeedsLogin');
        expect(res.headers.get('set-cookie')).toBeNull();
      }
      const s = await login(w.app, existing.email, existing.password);
      const body = await ok(await s.request(`/api/invitations/${inv.token}/accept`, { method: 'POST' }));
      expect(body.user.id).toBe(existing.id);
      expect(body.csrfToken).toBe(s.csrfToken);
      expect(body.memberships.map((m: { partyId: string; role: string }) => [m.partyId, m.role]).sort()).toEqual([[w.owner.id, 'editor'], [w.partner.id, 'reader']].sort());
      // The name was not taken from the form.
      expect(body.user.name).toBe(existing.name);
    });

    it('answers 410 for an expired invitation and 404 for an unknown token', async () => {
      const inv = await invite('sen@example.se');
      await w.db.updateTable('invitations').set({ expires_at: new Date(Date.now() - 1000).toISOString() }).where('id', '=', inv.id).execute();
      await fails(await w.anon(`/api/invitations/${inv.token}`), 410, 'invitationExpired');
      await fails(await w.anon(`/api/invitations/${inv.token}/accept`, { method: 'POST', body: { name: 'Sen', password: 'ett långt lösenord' } }), 410, 'invitationExpired');
      await fails(await w.anon('/api/invitations/no-such-token'), 404, 'notFound');
      await fails(await w.anon('/api/invitations/no-such-token/accept', { method: 'POST', body: { name: 'Sen', password: 'ett långt lösenord' } }), 404, 'notFound');
      expect(await w.db.selectFrom('users').select('id').where('email', '=', 'sen@example.se').execute()).toEqual([]);
    });

    it('answers 400 validation naming the field, and leaves the invitation open', async () => {
      const inv = await invite('kort@example.se');
      await invalid(await w.anon(`/api/invitations/${inv.token}/accept`, { method: 'POST', body: { name: 'Kort', password: 'kort' } }), 'password');
      await invalid(await w.anon(`/api/invitations/${inv.token}/accept`, { method: 'POST', body: { name: '', password: 'ett långt lösenord' } }), 'name');
      await invalid(await w.anon(`/api/invitations/${'t'.repeat(201)}`), 'token');
      await ok(await w.anon(`/api/invitations/${inv.token}`));
    });
  });
});
