import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { documentFragment } from '../../shared/editor/extensions.js';
import { CloseCodes } from '../../shared/errors.js';
import { createTestDb, dialects, type TestDb } from '../helpers/db.js';
import { buildWorld, type Client, connect, eventually, type RunningHub, sleep, startHub, storedDoc, storedText, storedUpdates, tokenFor } from './helpers.js';

/*
 * The schema check on the socket, with stock y-websocket providers: an editor inserting
 * what the editor's schema does not allow is closed with 4422 and the reason; nothing of it
 * is stored or relayed, and everyone else carries on.
 */

describe.each(dialects)('schema check on the socket (%s)', (dialect) => {
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
    const reasons: string[] = [];
    c.provider.on('connection-close', (event) => {
      if (event) reasons.push(event.reason);
    });
    await c.synced();
    return Object.assign(c, { reasons });
  }

  const evilInserts: Array<[string, string, (doc: Y.Doc) => void]> = [
    ['an unknown node', 'schema: unknown node "evil"', (doc) => doc.getXmlFragment(documentFragment).insert(0, [new Y.XmlElement('evil')])],
    ['another root', 'schema: inserts into root "other"', (doc) => doc.getMap('other').set('x', 1)],
    [
      'an attribute the node does not declare',
      'schema: attribute "onclick" on "paragraph"',
      (doc) => (doc.getXmlFragment(documentFragment).get(0) as Y.XmlElement).setAttribute('onclick' as never, 'alert(1)' as never),
    ],
  ];

  for (const [what, reason, insert] of evilInserts) {
    it(`an editor inserting ${what} is closed with 4422; nothing is stored or relayed; a reader stays connected`, async () => {
      const w = await buildWorld(tdb.db);
      const editor = await client(w.doc.id, w.editor.id);
      editor.type('Avtalstext.');
      await eventually(async () => expect(storedText(await storedDoc(tdb.db, w.doc.id))).toBe('Avtalstext.'));
      const reader = await client(w.doc.id, w.reader.id);
      const other = await client(w.doc.id, w.editor.id);
      await eventually(() => expect(reader.text()).toBe('Avtalstext.'));
      const rows = (await storedUpdates(tdb.db, w.doc.id)).length;
      const readerState = Y.encodeStateVector(reader.doc);

      const attacker = await client(w.doc.id, w.editor.id);
      insert(attacker.doc);
      await eventually(() => expect(attacker.closeCodes).toEqual([CloseCodes.schemaViolation.code]));
      expect(attacker.reasons).toEqual([reason]);
      // 44xx: y-websocket does not reconnect (and resend the update) on its own.
      await sleep(300);
      expect(attacker.closeCodes).toEqual([CloseCodes.schemaViolation.code]);
      expect(attacker.provider.shouldConnect).toBe(false);

      // A later edit reaches the reader: had the refused one been relayed, it would have come first.
      other.type(' Mer.');
      await eventually(() => expect(reader.text()).toBe('Avtalstext. Mer.'));
      expect(reader.closeCodes).toEqual([]);
      expect(reader.provider.wsconnected).toBe(true);
      expect(editor.closeCodes).toEqual([]);
      // The reader received exactly the one new edit: nothing of the attacker's.
      expect(Y.encodeStateVector(reader.doc)).not.toEqual(readerState);
      expect(reader.doc.store.clients.has(attacker.doc.clientID)).toBe(false);
      expect(reader.doc.share.has('other')).toBe(false);

      await hub.collab.flush();
      expect((await storedUpdates(tdb.db, w.doc.id)).length).toBe(rows + 1);
      const stored = await storedDoc(tdb.db, w.doc.id);
      expect(stored.store.clients.has(attacker.doc.clientID)).toBe(false);
      expect(stored.share.has('other')).toBe(false);
      expect(await hub.collab.documentJson(w.doc.id)).toEqual({
        type: 'doc',
        content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Avtalstext. Mer.' }] }],
      });
    });
  }

  it('after a restart the document holds nothing of a refused update', async () => {
    const w = await buildWorld(tdb.db);
    const editor = await client(w.doc.id, w.editor.id);
    editor.type('Före.');
    await eventually(async () => expect(storedText(await storedDoc(tdb.db, w.doc.id))).toBe('Före.'));
    const attacker = await client(w.doc.id, w.editor.id);
    attacker.doc.getXmlFragment(documentFragment).insert(1, [new Y.XmlElement('script')]);
    await eventually(() => expect(attacker.closeCodes).toEqual([CloseCodes.schemaViolation.code]));
    await hub.collab.flush();
    const restarted = await startHub(tdb);
    try {
      expect(await restarted.collab.documentText(w.doc.id)).toBe('Före.');
      const fresh = connect(restarted.url, w.doc.id, { token: await tokenFor(tdb.db, w.editor.id, w.doc.id) });
      clients.push(fresh);
      await fresh.synced();
      expect(fresh.doc.getXmlFragment(documentFragment).toJSON()).toBe('<paragraph>Före.</paragraph>');
    } finally {
      await restarted.close();
    }
  });
});
