import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { readOnlyCopy } from '../../client/src/editor/read-only-doc.js';
import { documentFragment } from '../../shared/editor/extensions.js';
import { anchorOn } from '../helpers/anchors.js';
import { createTestDb, dialects, type TestDb } from '../helpers/db.js';
import { buildUser, login } from '../helpers/factories.js';
import { buildWorld, type Client, connect, eventually, type RunningHub, startHub, storedDoc, storedText, tokenFor } from './helpers.js';

/*
 * An anchor keeps to its words while two real Yjs clients edit around it at the same time
 * (before it, at its edge, inside it, deleting another anchor's words), and the server says
 * so from its stored state after a restart. An anchor made on a read-only browser's shadow
 * copy (client/src/editor/read-only-doc.ts) refers to the same items on the server.
 */
describe.each(dialects)('comment anchors under concurrent edits (%s)', (dialect) => {
  let tdb: TestDb;
  const hubs: RunningHub[] = [];
  const clients: Client[] = [];

  beforeAll(async () => {
    tdb = await createTestDb(dialect);
  });
  afterAll(async () => {
    for (const c of clients) c.destroy();
    for (const h of hubs) await h.close();
    await tdb.drop();
  });

  async function hub() {
    const h = await startHub(tdb);
    hubs.push(h);
    return h;
  }
  async function client(h: RunningHub, documentId: string, userId: string) {
    const c = connect(h.url, documentId, { token: await tokenFor(tdb.db, userId, documentId) });
    clients.push(c);
    await c.synced();
    return c;
  }
  const paragraphText = (c: Client) => ((c.doc.getXmlFragment(documentFragment).get(0) as Y.XmlElement).get(0) as Y.XmlText);

  it('follows typing before, at the edge of and inside the words, and reports deleted words as null, after a restart', async () => {
    const w = await buildWorld(tdb.db);
    const second = await buildUser(tdb.db, { party: w.owner, role: 'editor' });
    const first = await hub();
    const a = await client(first, w.doc.id, w.editor.id);
    const b = await client(first, w.doc.id, second.id);
    a.type('Parterna samverkar kring vård och omsorg för äldre.');
    await eventually(() => expect(b.text()).toBe(a.text()));

    const commenter = await login(first.app, w.commenter.email, w.commenter.password);
    const comment = async (words: string) => {
      const res = await commenter.request(`/api/documents/${w.doc.id}/comments`, { method: 'POST', body: { body: `Om ${words}`, anchor: anchorOn(b.doc, words), quote: words } });
      expect(res.status).toBe(201);
      return ((await res.json()) as { comment: { id: string; anchoredText: string | null } }).comment;
    };
    const care = await comment('vård och omsorg');
    const elderly = await comment('för äldre');
    expect([care.anchoredText, elderly.anchoredText]).toEqual(['vård och omsorg', 'för äldre']);

    // Both clients edit before either hears of the other's change.
    const text = 'Parterna samverkar kring vård och omsorg för äldre.';
    b.provider.disconnect();
    const ta = paragraphText(a);
    a.doc.transact(() => {
      ta.delete(text.indexOf('för äldre') - 1, ' för äldre'.length);
      ta.insert(text.indexOf('vård'), 'god ');
      ta.insert(0, 'Alla ');
    });
    const tb = paragraphText(b);
    b.doc.transact(() => tb.insert(text.indexOf(' och omsorg'), ', hälsa'));
    b.provider.connect();
    const merged = 'Alla Parterna samverkar kring god vård, hälsa och omsorg.';
    await eventually(() => expect([a.text(), b.text()]).toEqual([merged, merged]));
    await eventually(async () => expect(storedText(await storedDoc(tdb.db, w.doc.id))).toBe(merged));

    for (const c of clients.splice(0)) c.destroy();
    await first.close();
    hubs.splice(0);
    // A new instance on the same database: only the stored state is left.
    const second_ = await hub();
    const reader = await login(second_.app, w.reader.email, w.reader.password);
    const { items } = (await (await reader.request(`/api/documents/${w.doc.id}/comments`)).json()) as { items: { id: string; anchoredText: string | null; quote: string; position: number | null }[] };
    expect(items.find((i) => i.id === care.id)).toMatchObject({ anchoredText: 'vård, hälsa och omsorg', quote: 'vård och omsorg' });
    expect(items.find((i) => i.id === elderly.id)).toMatchObject({ anchoredText: null, quote: 'för äldre' });
  });

  it('anchors made on a read-only shadow copy resolve on the server', async () => {
    const w = await buildWorld(tdb.db);
    const h = await hub();
    const editor = await client(h, w.doc.id, w.editor.id);
    editor.type('Överenskommelsen gäller från och med den 1 januari.');
    const watcher = await client(h, w.doc.id, w.commenter.id);
    await eventually(() => expect(watcher.text()).toBe(editor.text()));
    const shadow = readOnlyCopy(watcher.doc);
    try {
      const anchor = anchorOn(shadow.doc, '1 januari');
      const commenter = await login(h.app, w.commenter.email, w.commenter.password);
      const res = await commenter.request(`/api/documents/${w.doc.id}/comments`, { method: 'POST', body: { body: 'Vilket år?', anchor, quote: '1 januari' } });
      expect(res.status).toBe(201);
      expect(((await res.json()) as { comment: { anchoredText: string } }).comment.anchoredText).toBe('1 januari');
      // The text keeps moving; the anchor with it.
      const t = paragraphText(editor);
      editor.doc.transact(() => t.insert(0, 'Denna '));
      await eventually(async () => {
        const { items } = (await (await commenter.request(`/api/documents/${w.doc.id}/comments`)).json()) as { items: { anchoredText: string | null }[] };
        expect(items[0]!.anchoredText).toBe('1 januari');
        expect(await h.collab.documentText(w.doc.id)).toMatch(/^Denna /);
      });
    } finally {
      shadow.destroy();
    }
  });
});
