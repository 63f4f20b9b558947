import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CloseCodes } from '../../shared/errors.js';
import { createTestDb, dialects, type TestDb } from '../helpers/db.js';
import { buildRound, buildUser, login } from '../helpers/factories.js';
import { buildWorld, type Client, connect, eventually, type RunningHub, sleep, startHub, storedDoc, storedText, tokenFor } from './helpers.js';

/*
 * Justerade minutes refuse updates on the socket: open editors turn read-only when the last
 * justerare adjusts, new connections are read-only, and an update that is on its way while
 * the justering commits is not stored after it (the commit transaction's frozen check).
 */
describe.each(dialects)('justering of minutes on the socket (%s)', (dialect) => {
  let tdb: TestDb;
  let hub: RunningHub;
  const clients: Client[] = [];

  beforeAll(async () => {
    tdb = await createTestDb(dialect);
    hub = await startHub(tdb);
  });
  afterAll(async () => {
    for (const c of clients) c.destroy();
    await hub.close();
    await tdb.drop();
  });

  async function client(documentId: string, userId: string) {
    const c = connect(hub.url, documentId, { token: await tokenFor(tdb.db, userId, documentId), maxBackoffTime: 100 });
    clients.push(c);
    c.provider.messageHandlers[2] = (_e, decoder) => {
      decoder.pos = decoder.arr.length;
    };
    await c.synced();
    return c;
  }

  /** A meeting with two justerare: the region's editor and an editor of the municipality. */
  async function meetingWithMinutes() {
    const w = await buildWorld(tdb.db, { status: 'in_dialogue' });
    const partnerEditor = await buildUser(tdb.db, { party: w.other, role: 'editor' });
    const round = await buildRound(tdb.db, { document: w.doc, number: 2 });
    const region = await login(hub.app, w.editor.email, w.editor.password);
    const partner = await login(hub.app, partnerEditor.email, partnerEditor.password);
    const res = await region.request(`/api/rounds/${round.id}/meetings`, {
      method: 'POST',
      body: {
        partyId: w.other.id,
        heldAt: '2020-01-20T09:00:00Z',
        location: 'Stadshuset',
        attendees: [
          { name: w.editor.name, partyId: w.owner.id, userId: w.editor.id, adjuster: true },
          { name: partnerEditor.name, partyId: w.other.id, userId: partnerEditor.id, adjuster: true },
          { name: 'Gäst Gästsson' },
        ],
      },
    });
    expect(res.status).toBe(201);
    const { meeting } = (await res.json()) as { meeting: { id: string; minutesDocumentId: string } };
    return { w, partnerEditor, region, partner, meeting, minutesId: meeting.minutesDocumentId };
  }

  it('the minutes start from the template; after the last justerare they refuse updates, live and on reconnect', async () => {
    const { w, region, partner, meeting, minutesId } = await meetingWithMinutes();
    const text = await hub.collab.documentText(minutesId);
    for (const part of ['Närvarande', 'Dagordning', 'Synpunkter', 'Beslut', 'Justering', 'Gäst Gästsson', 'Plats: Stadshuset']) expect(text).toContain(part);

    const editor = await client(minutesId, w.editor.id);
    editor.type('Mötet öppnades. ');
    await hub.collab.flush();
    await eventually(async () => expect(storedText(await storedDoc(tdb.db, minutesId))).toContain('Mötet öppnades.'));

    // One of two: still open.
    expect((await region.request(`/api/meetings/${meeting.id}/justering`, { method: 'POST' })).status).toBe(200);
    editor.type('Fortfarande öppet. ');
    await hub.collab.flush();
    await eventually(async () => expect(storedText(await storedDoc(tdb.db, minutesId))).toContain('Fortfarande öppet.'));
    expect(editor.closeCodes).toEqual([]);

    // The second: justerade. The open editor is re-checked at once and its next write is refused.
    expect((await partner.request(`/api/meetings/${meeting.id}/justering`, { method: 'POST' })).status).toBe(200);
    await sleep(100);
    editor.type('EFTER JUSTERING');
    await eventually(() => expect(editor.closeCodes).toEqual([CloseCodes.forbidden.code]));
    await hub.collab.flush();
    expect(storedText(await storedDoc(tdb.db, minutesId))).not.toContain('EFTER JUSTERING');

    // A new connection of the same editor reads, and may not write.
    const again = await client(minutesId, w.editor.id);
    expect(again.text()).toContain('Fortfarande öppet.');
    again.type('IGEN');
    await eventually(() => expect(again.closeCodes).toEqual([CloseCodes.forbidden.code]));
    await hub.collab.flush();
    expect(storedText(await storedDoc(tdb.db, minutesId))).not.toContain('IGEN');
    // The server's own path refuses too.
    await expect(hub.collab.setDocumentJson(minutesId, { type: 'doc', content: [{ type: 'paragraph' }] })).rejects.toThrow(/frozen/);

    // A correction reopens them: editable again, and a new justering is needed.
    expect((await region.request(`/api/meetings/${meeting.id}/justering/reopen`, { method: 'POST', body: { reason: 'Fel datum i rubriken.' } })).status).toBe(200);
    const corrector = await client(minutesId, w.editor.id);
    corrector.type('Rättat. ');
    await hub.collab.flush();
    await eventually(async () => expect(storedText(await storedDoc(tdb.db, minutesId))).toContain('Rättat.'));
    expect(corrector.closeCodes).toEqual([]);
  });

  it('an update on its way while the justering commits is not stored after it', async () => {
    const { w, minutesId } = await meetingWithMinutes();
    const editor = await client(minutesId, w.editor.id);
    // The justering's transaction holds the minutes row (as adjustMinutes does) while an update
    // arrives from a connection that was authorized to edit; the update's commit comes after.
    await tdb.db.transaction().execute(async (trx) => {
      await trx.updateTable('documents').set({ locked_at: new Date().toISOString() }).where('id', '=', minutesId).execute();
      editor.type('MITT I JUSTERINGEN');
      await sleep(300);
    });
    await eventually(() => expect(editor.closeCodes).toEqual([CloseCodes.forbidden.code]));
    await hub.collab.flush();
    expect(storedText(await storedDoc(tdb.db, minutesId))).not.toContain('MITT I JUSTERINGEN');
    expect(await hub.collab.documentText(minutesId)).not.toContain('MITT I JUSTERINGEN');
  });
});
